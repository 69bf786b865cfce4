"""The one interface every host speaks, the errors an editor can be told about, and the
environment variables that hold the secrets (named in `model.destination`, which says which
one a destination needs; the transports read them)."""

from __future__ import annotations

import os
from typing import Protocol

from ruangaman.model.destination import (  # noqa: F401 - the transports import them from here
    ENV_FTP_PASSWORD,
    ENV_FTPS_CA,
    ENV_GIT_PASSWORD,
    ENV_SFTP_PASSWORD,
    ENV_SSH_KEY,
    ENV_SSH_KEY_PASSPHRASE,
    ENV_SSH_KNOWN_HOSTS,
    SECRET_VARIABLES,
)
from ruangaman.publish.paths import path_problem, shown


class PublishError(Exception):
    """A problem with the destination an editor can fix; `code` is a code of text/problems.
    (DEST itself is refused by `model.destination.BadDestination`.)"""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {key: str(value) for key, value in params.items()}


class Transport(Protocol):
    """A place files are sent to. Paths are `/`-separated and relative to the site's root."""

    label: str  # where, for messages: never holds a password

    def read(self, path: str) -> bytes | None:
        """The file's bytes, or None when the host has no such file."""

    def write(self, path: str, data: bytes) -> None:
        """Write the file whole: to `path + PART` first, then renamed over `path`."""

    def delete(self, path: str) -> None:
        """Remove the file; a file that is already gone is not an error."""

    def remove_empty_folders(self, folders: list[str]) -> None:
        """Remove these folders (deepest first) when they are empty; ignore the others."""

    def finish(self, message: str) -> None:
        """Make the publish live where the host needs a last step (git: commit and push)."""

    def close(self) -> None:
        """Close the connection; safe to call after a failure."""


def checked(path: str, host: str) -> str:
    """`path` when it is a safe path under DEST (see `paths`), else a PublishError: every
    transport passes each path through this before touching the host."""
    why = path_problem(path)
    if why is not None:
        raise PublishError("publish_unsafe_path", host=host, path=shown(path), detail=why)
    return path


def secrets_in_environment() -> list[str]:
    """The secret values set for this run, so a message can be checked never to hold one."""
    return [os.environ[name] for name in SECRET_VARIABLES if os.environ.get(name)]
