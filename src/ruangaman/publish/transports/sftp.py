"""`sftp://user@host:port/path`: shared hosting over SSH, with paramiko.

The server's host key must be known (`~/.ssh/known_hosts`, or the file named by
RUANGAMAN_SSH_KNOWN_HOSTS): an unknown key is refused, never accepted blindly. Log-in uses, in
this order, the key file in RUANGAMAN_SSH_KEY, an SSH agent and ~/.ssh keys, and the password in
RUANGAMAN_SFTP_PASSWORD. A path starting with `/~/` is relative to the user's home folder.
"""

from __future__ import annotations

import errno
import os
import posixpath
from pathlib import Path

import paramiko

from ruangaman.model.destination import Destination
from ruangaman.publish.plan import MAX_MANIFEST, PART, Oversize
from ruangaman.publish.transports.base import (
    ENV_SFTP_PASSWORD,
    ENV_SSH_KEY,
    ENV_SSH_KEY_PASSPHRASE,
    ENV_SSH_KNOWN_HOSTS,
    PublishError,
    checked,
)

TIMEOUT = 30
# What a dropped connection raises, depending on when it drops.
LOST = (OSError, EOFError, paramiko.SSHException)


class SftpTransport:
    def __init__(self, dest: Destination) -> None:
        self.label = f"{dest.host}:{dest.port or 22}"
        root = dest.path or "/"
        self.root = root[3:] if root.startswith("/~/") else root
        self.client = paramiko.SSHClient()
        self.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        self.client.load_system_host_keys()
        known = os.environ.get(ENV_SSH_KNOWN_HOSTS)
        if known:
            try:
                self.client.load_host_keys(known)
            except OSError as err:
                raise PublishError(
                    "publish_env_file", variable=ENV_SSH_KNOWN_HOSTS, path=known
                ) from err
        else:
            default = Path.home() / ".ssh" / "known_hosts"
            if default.is_file():
                self.client.load_host_keys(str(default))
        key_file = os.environ.get(ENV_SSH_KEY)
        if key_file and not Path(key_file).is_file():
            raise PublishError("publish_env_file", variable=ENV_SSH_KEY, path=key_file)
        password = os.environ.get(ENV_SFTP_PASSWORD) or None
        if not dest.user:
            raise PublishError("publish_no_user", dest=dest.shown)
        try:
            self.client.connect(
                dest.host or "",
                port=dest.port or 22,
                username=dest.user,
                password=password,
                key_filename=key_file or None,
                passphrase=os.environ.get(ENV_SSH_KEY_PASSPHRASE) or None,
                allow_agent=not key_file,
                look_for_keys=not key_file,
                timeout=TIMEOUT,
                banner_timeout=TIMEOUT,
                auth_timeout=TIMEOUT,
            )
            self.sftp = self.client.open_sftp()
            self.sftp.get_channel().settimeout(TIMEOUT)
        except paramiko.BadHostKeyException as err:
            raise PublishError("publish_host_key_changed", host=self.label) from err
        except paramiko.AuthenticationException as err:
            raise PublishError(
                "publish_auth_failed",
                host=self.label,
                user=dest.user,
                variable=f"{ENV_SSH_KEY} / {ENV_SFTP_PASSWORD}",
            ) from err
        except paramiko.SSHException as err:
            if "not found in known_hosts" in str(err):
                raise PublishError(
                    "publish_host_key_unknown", host=self.label, variable=ENV_SSH_KNOWN_HOSTS
                ) from err
            raise PublishError("publish_failed", host=self.label, detail=str(err)) from err
        except OSError as err:
            raise PublishError("publish_unreachable", host=self.label, detail=_why(err)) from err
        self._made: set[str] = set()

    def _path(self, path: str) -> str:
        return posixpath.join(self.root, checked(path, self.label))

    def read(self, path: str) -> bytes | None:
        try:
            with self.sftp.open(self._path(path), "rb") as remote:
                if (remote.stat().st_size or 0) > MAX_MANIFEST:
                    return Oversize()  # refused by the reader, never downloaded
                return remote.read(MAX_MANIFEST + 1)  # more is refused by the reader
        except FileNotFoundError:
            return None
        except LOST as err:
            raise self._lost(err) from err

    def _mkdirs(self, folder: str) -> None:
        if not folder or folder in self._made or folder == "/":
            return
        try:
            self.sftp.stat(folder)
        except FileNotFoundError:
            self._mkdirs(posixpath.dirname(folder))
            self.sftp.mkdir(folder)
        self._made.add(folder)

    def write(self, path: str, data: bytes) -> None:
        target = self._path(path)
        try:
            self._mkdirs(posixpath.dirname(target))
            with self.sftp.open(target + PART, "wb") as remote:
                remote.set_pipelined(True)
                remote.write(data)
            self.sftp.posix_rename(target + PART, target)
        except LOST as err:
            raise self._lost(err) from err

    def delete(self, path: str) -> None:
        try:
            self.sftp.remove(self._path(path))
        except FileNotFoundError:
            pass
        except LOST as err:
            raise self._lost(err) from err

    def remove_empty_folders(self, folders: list[str]) -> None:
        for folder in folders:
            try:
                self.sftp.rmdir(self._path(folder))
            except OSError:
                pass

    def finish(self, message: str) -> None:
        pass

    def close(self) -> None:
        self.client.close()

    def _lost(self, err: BaseException) -> PublishError:
        if isinstance(err, PermissionError) or getattr(err, "errno", None) == errno.EACCES:
            return PublishError("publish_denied", host=self.label, detail=str(err))
        return PublishError("publish_interrupted", host=self.label, detail=_why(err))


def _why(err: BaseException) -> str:
    return str(err) or type(err).__name__
