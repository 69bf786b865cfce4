"""The folders the build writes into and deletes from: `.staging/` and the site folder.

Both are made by the build, and both are emptied by it: staging removes every file it did not
plan, and MkDocs empties the site folder before it writes. A pull request can commit either as
a symbolic link (git stores links), or put a link inside `.staging/`, and the build would then
delete files wherever the link points (a home folder, the runner's workspace). So before
anything is written, each of them, every folder above it inside the project, and everything
inside `.staging/` must be a real folder or file, never a link. Nothing here knows MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path

from ruangaman.problems import Problem

STAGING_ROOT = Path(".staging")


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _links_on_the_way(root: Path, target: Path) -> list[Path]:
    """`target` and each folder above it up to `root` that is a link or is not a folder (for a
    target outside the project, such as publish's fresh temporary folder, only the target)."""
    bad = []
    top = root if target.is_relative_to(root) else target
    here = target
    while True:
        if here.is_symlink() or (here.exists() and not here.is_dir()):
            bad.append(here)
        if here == top or here.parent == here:
            break
        here = here.parent
    return bad


def unsafe_work_folders(root: Path, site_dir: Path) -> list[Problem]:
    """Every link (or file in the way) where the build would write and delete."""
    root = Path(os.path.abspath(root))
    site_dir = Path(os.path.abspath(site_dir))
    staging = root / STAGING_ROOT
    found: dict[Path, None] = {}
    for target in (staging / "docs", site_dir):
        found.update(dict.fromkeys(_links_on_the_way(root, target)))
    if staging.is_dir() and not staging.is_symlink():
        for folder, dirs, files in os.walk(staging, followlinks=False):
            for name in dirs + files:
                path = Path(folder) / name
                if path.is_symlink():
                    found[path] = None
    return [
        Problem("work_folder_link", _shown(root, path), params={"folder": _shown(root, path)})
        for path in found
    ]
