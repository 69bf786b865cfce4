"""Which paths a publish may touch on a host: the host is untrusted input.

A host's manifest and listings (and a git branch's files) come from a server that may be hostile
or broken, and a built site's file names may hold characters an FTP command line or a shell
cannot carry. Every path a transport reads, writes or deletes passes `safe_path` first: a
`/`-separated path relative to DEST, in its canonical form, with no way out of DEST and no
character that could end a command line. A path that fails is reported, never acted on. There is
no "normalising" of a hostile path into a harmless one: `a/../b` is refused, not read as `b`.
"""

from __future__ import annotations

import re
import unicodedata

from ruangaman.problems import shown  # noqa: F401 - how a message prints a path, for publish

MAX_PATH = 1024  # characters in a whole path
MAX_PART = 255  # characters in one file or folder name (most file systems' limit)
DRIVE = re.compile(r"^[A-Za-z]:")


def path_problem(path: object) -> str | None:
    """Why `path` may not be used under DEST (a short English reason), or None when it may."""
    if not isinstance(path, str):
        return f"not text ({type(path).__name__})"
    if not path:
        return "empty"
    if len(path) > MAX_PATH:
        return f"longer than {MAX_PATH} characters"
    for char in path:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            return f"holds the character U+{ord(char):04X}"
    if "\\" in path:
        return "holds a backslash"
    if path.startswith("/"):
        return "starts with /"
    if DRIVE.match(path):
        return "starts with a drive letter"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"holds the part {part!r}" if part else "holds an empty part (//)"
        if len(part) > MAX_PART:
            return f"a name longer than {MAX_PART} characters"
        if part != part.strip():
            return "a name starts or ends with a space"
    return None


def is_safe_path(path: object) -> bool:
    return path_problem(path) is None
