"""The hosts a site can be sent to, one module each behind the `Transport` interface of `base`.

`open_transport` is the registry: a destination's scheme names the module that speaks to its
host, imported only when it is used (a git publish never loads the SFTP library).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from ruangaman.model.destination import SCHEMES, Destination
from ruangaman.publish.transports.base import Transport


def _folder(dest: Destination, squash: bool) -> Transport:
    from ruangaman.publish.transports.folder import FolderTransport

    return FolderTransport(Path(dest.path))


def _sftp(dest: Destination, squash: bool) -> Transport:
    from ruangaman.publish.transports.sftp import SftpTransport

    return SftpTransport(dest)


def _ftp(dest: Destination, squash: bool) -> Transport:
    from ruangaman.publish.transports.ftp import FtpTransport

    return FtpTransport(dest)


def _git(dest: Destination, squash: bool) -> Transport:
    from ruangaman.publish.transports.git import GitTransport

    return GitTransport(dest, squash=squash)


# scheme -> how to connect; every scheme `model.destination.parse` accepts is here.
OPENERS: MappingProxyType[str, Callable[[Destination, bool], Transport]] = MappingProxyType(
    {
        "file": _folder,
        "sftp": _sftp,
        "ftp": _ftp,
        "ftps": _ftp,
        "git+file": _git,
        "git+ssh": _git,
        "git+https": _git,
    }
)
assert set(OPENERS) == set(SCHEMES), "a scheme parse() accepts has no transport"


def open_transport(dest: Destination, squash: bool = False) -> Transport:
    """Connect to the destination (imports only the transport it needs)."""
    return OPENERS[dest.scheme](dest, squash)
