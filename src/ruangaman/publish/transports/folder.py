"""`file:///path/to/dir`: a folder for Netlify, Cloudflare Pages or any static host."""

from __future__ import annotations

import os
from pathlib import Path

from ruangaman.publish.plan import MAX_MANIFEST, PART
from ruangaman.publish.transports.base import PublishError, checked


class FolderTransport:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = str(root)

    def _path(self, path: str) -> Path:
        """The file inside the folder: a safe path (never out of it), through no symbolic link
        (a link in the folder could lead a write or a delete anywhere)."""
        parts = checked(path, self.label).split("/")
        here = self.root
        for part in parts:
            here = here / part
            if here.is_symlink():
                raise PublishError(
                    "publish_unsafe_path", host=self.label, path=path, detail="a symbolic link"
                )
        return here

    def read(self, path: str) -> bytes | None:
        try:
            with self._path(path).open("rb") as file:
                return file.read(MAX_MANIFEST + 1)  # more is refused by the reader
        except FileNotFoundError:
            return None
        except OSError as err:
            raise PublishError("publish_denied", host=self.label, detail=err.strerror) from err

    def write(self, path: str, data: bytes) -> None:
        target = self._path(path)
        part = target.with_name(target.name + PART)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(data)
            os.replace(part, target)
        except OSError as err:
            raise PublishError("publish_denied", host=self.label, detail=err.strerror) from err

    def delete(self, path: str) -> None:
        target = self._path(path)
        if target.is_dir():
            return  # a folder of the new site now stands where the old site had a file
        try:
            target.unlink(missing_ok=True)
        except OSError as err:
            raise PublishError("publish_denied", host=self.label, detail=err.strerror) from err

    def remove_empty_folders(self, folders: list[str]) -> None:
        for folder in folders:
            try:
                self._path(folder).rmdir()
            except OSError:
                pass

    def finish(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass
