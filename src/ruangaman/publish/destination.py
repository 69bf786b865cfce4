"""Reading DEST: which host, which transport, and which environment variables hold the secrets.

Passwords never appear in a DEST: a URL with one is refused (without repeating it), because
DEST is printed, logged and kept in content/site.yml.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ruangaman.publish.transport import PublishError, Transport

# Environment variables a publish reads (documented in README.md).
ENV_SFTP_PASSWORD = "RUANGAMAN_SFTP_PASSWORD"
ENV_SSH_KEY = "RUANGAMAN_SSH_KEY"
ENV_SSH_KEY_PASSPHRASE = "RUANGAMAN_SSH_KEY_PASSPHRASE"
ENV_SSH_KNOWN_HOSTS = "RUANGAMAN_SSH_KNOWN_HOSTS"
ENV_FTP_PASSWORD = "RUANGAMAN_FTP_PASSWORD"
ENV_FTPS_CA = "RUANGAMAN_FTPS_CA"
ENV_GIT_PASSWORD = "RUANGAMAN_GIT_PASSWORD"
SECRET_VARIABLES = (
    ENV_SFTP_PASSWORD,
    ENV_SSH_KEY_PASSPHRASE,
    ENV_FTP_PASSWORD,
    ENV_GIT_PASSWORD,
)
SCHEMES = ("git+file", "git+ssh", "git+https", "file", "sftp", "ftp", "ftps")


@dataclass(frozen=True)
class Destination:
    scheme: str
    user: str | None
    host: str | None
    port: int | None
    path: str
    branch: str | None  # git only: the `#fragment`
    shown: str  # the URL as given (it cannot hold a password)

    @property
    def git_url(self) -> str:
        """The URL git itself understands (without `git+` and the branch)."""
        return self.shown.split("#", 1)[0].removeprefix("git+")


def parse(dest: str) -> Destination:
    """Read DEST, or raise PublishError saying what is wrong with it."""
    dest = dest.strip()
    try:
        parts = urlsplit(dest)
        port = parts.port
    except ValueError:
        raise PublishError("publish_bad_destination", dest=dest) from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise PublishError("publish_bad_destination", dest=dest)
    if parts.password is not None:
        raise PublishError(
            "publish_password_in_url", scheme=scheme, variable=password_variable(scheme)
        )
    path = unquote(parts.path)
    if scheme in ("file", "git+file"):
        if parts.netloc not in ("", "localhost") or not path.startswith("/"):
            raise PublishError("publish_bad_destination", dest=dest)
    elif not parts.hostname:
        raise PublishError("publish_bad_destination", dest=dest)
    branch = parts.fragment or None
    if scheme.startswith("git+") and not branch:
        raise PublishError("publish_git_no_branch", dest=dest)
    return Destination(
        scheme=scheme,
        user=unquote(parts.username) if parts.username else None,
        host=parts.hostname,
        port=port,
        path=path,
        branch=branch,
        shown=dest,
    )


def password_variable(scheme: str) -> str:
    if scheme == "sftp":
        return ENV_SFTP_PASSWORD
    if scheme in ("ftp", "ftps"):
        return ENV_FTP_PASSWORD
    return ENV_GIT_PASSWORD


def secrets_in_environment() -> list[str]:
    """The secret values set for this run, so a message can be checked never to hold one."""
    return [os.environ[name] for name in SECRET_VARIABLES if os.environ.get(name)]


def open_transport(dest: Destination, squash: bool = False) -> Transport:
    """Connect to the destination (imports only the transport it needs)."""
    if dest.scheme == "file":
        from pathlib import Path

        from ruangaman.publish.folder import FolderTransport

        return FolderTransport(Path(dest.path))
    if dest.scheme == "sftp":
        from ruangaman.publish.sftp import SftpTransport

        return SftpTransport(dest)
    if dest.scheme in ("ftp", "ftps"):
        from ruangaman.publish.ftp import FtpTransport

        return FtpTransport(dest)
    from ruangaman.publish.git import GitTransport

    return GitTransport(dest, squash=squash)
