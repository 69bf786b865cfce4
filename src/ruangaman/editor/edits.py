"""What every editor's tool that writes content files shares: the real validator run on a
scratch copy of `content/` holding the new texts (nothing is written until it accepts them),
and writing a file in one step. Used by `import` (spreadsheet), `verify` and `translated`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ruangaman.problems import Report
from ruangaman.validate import check_project
from ruangaman.validate.site import Site


def check_with(root: Path, texts: Mapping[str, str], today: dt.date) -> tuple[Site | None, Report]:
    """The validated site and report of the project at `root` as it would be with `texts`
    (content file -> its new text) written. Links in content/ stay links in the copy, so they
    are refused there as they are in the project."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        if (root / "content").is_dir():
            shutil.copytree(root / "content", copy / "content", symlinks=True)
        for rel, text in texts.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(text, encoding="utf-8", newline="")
        _, site, report = check_project(copy, today=today)
    return site, report


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: a reader (or a crash) sees the old file or the new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ruangaman-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
