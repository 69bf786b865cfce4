"""Reading DEST: which host, which transport, and which environment variables hold the secrets.

Passwords never appear in a DEST: a URL with one is refused (without repeating it), because
DEST is printed, logged and kept in content/site.yml.

Part of the model, not of `publish`: `publish.destination` in content/site.yml is checked by
every `ruangaman check` (so in the pull request, not first when publishing), and the validate
stage may not import the publish stage. The transports that use a `Destination` are in
`publish/transports/`, opened by `publish.transports.open_transport`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ruangaman.problems import shown

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
# The one protocol git may use for each scheme (GIT_ALLOW_PROTOCOL): never ext::, fd:: or others.
GIT_PROTOCOLS = {"git+file": "file", "git+ssh": "ssh", "git+https": "https"}
# A branch name: stricter than git's own rule (`git check-ref-format --branch`, also run), so it
# can never be read as an option, a refspec (`a:b`, `+a`), a revision (`@{`, `^`, `~`) or a path.
BRANCH_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$")
HOST_RE = re.compile(r"^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$|^[0-9a-f:.]+$")
USER_RE = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_.@+-]{0,99}$")


class BadDestination(ValueError):
    """DEST cannot be used; `code` is a key of text.problems.MESSAGES, `params` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {key: str(value) for key, value in params.items()}


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
    """Read DEST, or raise BadDestination saying what is wrong with it."""
    if not isinstance(dest, str):
        raise BadDestination("publish_bad_destination", dest=shown(dest))
    dest = dest.strip()
    if _unsafe_text(dest):
        raise BadDestination(
            "publish_unsafe_destination", part="DEST", value=shown(dest), detail=_unsafe_text(dest)
        )
    try:
        parts = urlsplit(dest)
        port = parts.port
    except ValueError:
        raise BadDestination("publish_bad_destination", dest=dest) from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise BadDestination("publish_bad_destination", dest=dest)
    if parts.password is not None:
        raise BadDestination(
            "publish_password_in_url", scheme=scheme, variable=password_variable(scheme)
        )
    path = unquote(parts.path)
    if scheme in ("file", "git+file"):
        if parts.netloc not in ("", "localhost") or not path.startswith("/"):
            raise BadDestination("publish_bad_destination", dest=dest)
    elif not parts.hostname:
        raise BadDestination("publish_bad_destination", dest=dest)
    branch = unquote(parts.fragment) if parts.fragment else None
    if scheme.startswith("git+") and not branch:
        raise BadDestination("publish_git_no_branch", dest=dest)
    _check_parts(scheme, parts, path, branch)
    return Destination(
        scheme=scheme,
        user=unquote(parts.username) if parts.username else None,
        host=parts.hostname,
        port=port,
        path=path,
        branch=branch,
        shown=dest,
    )


def _unsafe_text(text: str) -> str | None:
    """Why a part of DEST cannot be handed to git, ssh or an FTP command line, or None."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            return f"holds the character U+{ord(char):04X}"
    return None


def _check_parts(scheme: str, parts: object, path: str, branch: str | None) -> None:
    """Every part of DEST that reaches a command or a server: never read as an option (no
    leading `-`), no control character once %-decoded, no `..` out of the folder, and for git
    a branch `git check-ref-format --branch` accepts."""

    def refuse(part: str, value: str, detail: str) -> None:
        raise BadDestination(
            "publish_unsafe_destination", part=part, value=shown(value), detail=detail
        )

    if parts.query:
        refuse("?", parts.query, "a destination takes no `?…` part")
    if parts.username is not None:
        user = unquote(parts.username)
        if not USER_RE.match(user):
            refuse("user", user, "letters, digits and . _ @ + - only, not first -")
    host = parts.hostname
    if host is not None and scheme not in ("file", "git+file") and not HOST_RE.match(host):
        refuse("host", host, "a host name or address (letters, digits, . and -, not first -)")
    why = _unsafe_text(path)
    if why:
        refuse("path", path, why)
    if "\\" in path:
        refuse("path", path, "holds a backslash")
    if any(part in (".", "..") for part in path.split("/")):
        refuse("path", path, "holds . or .. (write the folder itself)")
    if scheme.startswith("git+") and re.search(r"\s", path):
        refuse("path", path, "a git repository address holds no spaces")
    if branch is not None:
        if not scheme.startswith("git+"):
            refuse("#", branch, "only a git destination takes a #branch")
        _check_branch(branch)


def _check_branch(branch: str) -> None:
    bad = (
        not BRANCH_RE.match(branch)
        or ".." in branch
        or "//" in branch
        or "/." in branch
        or branch.endswith(("/", ".", ".lock"))
        or any(part.endswith(".lock") for part in branch.split("/"))
        or branch in ("HEAD", "FETCH_HEAD", "ORIG_HEAD")
    )
    git = shutil.which("git")
    if not bad and git:
        try:
            ran = subprocess.run(
                [git, "check-ref-format", "--branch", branch],
                capture_output=True,
                text=True,
                timeout=30,
                env={**os.environ, "GIT_CEILING_DIRECTORIES": "/"},
                cwd="/",
            )
            bad = ran.returncode != 0
        except (OSError, subprocess.TimeoutExpired):
            pass  # the rule above is stricter than git's
    if bad:
        raise BadDestination("publish_bad_branch", branch=shown(branch))


def password_variable(scheme: str) -> str:
    if scheme == "sftp":
        return ENV_SFTP_PASSWORD
    if scheme in ("ftp", "ftps"):
        return ENV_FTP_PASSWORD
    return ENV_GIT_PASSWORD
