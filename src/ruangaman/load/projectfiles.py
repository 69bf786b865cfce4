"""Which files of a project may be read and published: regular files inside the repository only.

A pull request can add any file, including a symbolic link (`docs/assets/env.txt ->
/proc/self/environ` would publish every secret of the publishing job), a hard link to a file
elsewhere, a FIFO (a read would wait for ever), a socket or a device. It can also add files a
web host obeys (`_redirects`, `_headers`, `.htaccess`, `CNAME`) or a script that the site's own
origin would serve. So:

- `scan` walks `content/`, `docs/` and `overrides/` (which the theme reads) without following a
  link, and refuses every symbolic link (to a file or a folder, inside or outside the
  repository, dangling or not), hard link (`st_nlink > 1`), FIFO, socket and device, and every
  name with a control character, a line or paragraph separator or a bidirectional control;
- in `docs/` (content only: the project's own script and style ship in the package) it accepts
  only Markdown pages and files of a short list of media types whose first bytes match their
  type, and refuses hidden files and folders and the names the build itself writes;
- `read_file` opens a file without following a link in any part of its path under the folder
  it must stay inside, and reads it only if it is a regular file with one link.

Only what `scan` accepted reaches the loaders and the staging folder.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ruangaman.model import LANGUAGES, ONE_LINE_REFUSED
from ruangaman.problems import Problem

SCANNED = ("content", "docs", "overrides")

# Media a page or guide may show or offer for download. Each is shown by the browser as an image
# or handed to its PDF viewer, never run as code in the site's origin. Left out on purpose: SVG
# (an SVG file can carry script, and opened directly it runs in our origin), HTML, JavaScript,
# CSS, JSON, XML, text and everything else (served from our origin they would be allowed by the
# Content Security Policy's 'self'; a text file is how `env.txt` published secrets).
MEDIA_SIGNATURES: Mapping[str, tuple[bytes, ...]] = MappingProxyType(
    {
        "png": (b"\x89PNG\r\n\x1a\n",),
        "jpg": (b"\xff\xd8\xff",),
        "jpeg": (b"\xff\xd8\xff",),
        "gif": (b"GIF87a", b"GIF89a"),
        "webp": (b"RIFF",),  # and "WEBP" at offset 8, checked below
        "avif": (b"",),  # an ISO-BMFF "ftyp" box with an AVIF brand, checked below
        "pdf": (b"%PDF-",),
    }
)
MEDIA_TYPES = tuple(MEDIA_SIGNATURES)
PAGE_SUFFIX = ".md"

# Addresses the build itself writes at the top of the site (or of a language's folder): a file or
# folder of docs/ with one of these names would stand in for, or beside, the project's own.
RESERVED_FOLDERS = ("api", "kontak", "pagefind", "cetak", "layanan", "search", *LANGUAGES)
RESERVED_FILES = ("404", "sw", "sitemap", "robots", "manifest", "favicon", "hotline", "humans")
RESERVED_ASSET_PREFIX = "ruangaman"  # docs/assets/ruangaman*: the project's own script and style
# Pages the build writes inside a folder editors write in too: the safety plan among the guides.
SAFETY_PLAN_PAGE = "panduan/rencana-keselamatan"
RESERVED_PAGES = (SAFETY_PLAN_PAGE,)

# Characters no file name may hold: the ones no one-line text may hold (model): C0 and C1
# controls and DEL (a newline in a name ends an FTP command), the line and paragraph separators,
# and the bidirectional marks (they make a name read differently from what it is).
BAD_NAME_CHARS = re.compile(f"[{ONE_LINE_REFUSED}]")
# A name in docs/ becomes part of a web address: letters, digits, dashes, underscores and dots,
# not starting with a dot or a dash.
DOCS_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
MAX_NAME = 120


def shown(rel: str) -> str:
    """`rel` as an editor can read it on one line: every character that may not be in a name is
    written as its code (`\\u000a` for a newline)."""
    return BAD_NAME_CHARS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", rel)


class RefusedFile(OSError):
    """A file `read_file` will not read; `code` is a message code from `messages`."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(errno.EPERM, detail or code)
        self.code = code


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | _O_CLOEXEC


def read_file(path: Path, inside: Path | None = None, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, opened without following a symbolic link in any
    part of its path below `inside` (default: its own folder). Raises `RefusedFile` for a link,
    anything but a regular file, or a file with more than one hard link; `OSError` as usual.
    With `limit`, at most `limit + 1` bytes are read (enough to tell the file is too big)."""
    base = inside if inside is not None else path.parent
    try:
        parts = path.relative_to(base).parts
    except ValueError:
        base, parts = path.parent, (path.name,)
    if not parts or any(part in ("", ".", "..") for part in parts):
        raise RefusedFile("file_special", path.as_posix())
    fd = _open_folder(base, parts[:-1])
    try:
        try:
            handle = os.open(parts[-1], _FILE_FLAGS, dir_fd=fd)
        except OSError as err:
            if err.errno in (errno.ELOOP, errno.EMLINK) and _is_link(fd, parts[-1]):
                raise RefusedFile("file_symlink") from err
            raise
    finally:
        os.close(fd)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            raise RefusedFile("file_special")
        if info.st_nlink > 1:
            raise RefusedFile("file_hard_link")
        wanted = info.st_size + 1 if limit is None else min(info.st_size, limit) + 1
        chunks = []
        while True:
            chunk = os.read(handle, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            if limit is not None and sum(map(len, chunks)) > limit:
                break
        data = b"".join(chunks)
        return data if limit is None else data[: limit + 1]
    finally:
        os.close(handle)


def _open_folder(base: Path, parts: tuple[str, ...]) -> int:
    """A descriptor of `base`/`parts`, each part opened without following a link."""
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | _O_CLOEXEC)
    try:
        for part in parts:
            try:
                inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as err:
                if err.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(fd, part):
                    raise RefusedFile("file_symlink") from err
                raise
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _is_link(fd: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=fd).st_mode)
    except OSError:
        return False


@dataclass
class Inventory:
    """What `scan` found: the files that may be read, by folder, and every refusal."""

    files: dict[str, list[str]] = field(default_factory=dict)  # "docs" -> ["panduan/x.id.md"]
    problems: list[Problem] = field(default_factory=list)

    def under(self, top: str, folder: str = "") -> list[str]:
        """Accepted files of `top` (paths relative to it), directly in `folder` if given."""
        names = self.files.get(top, [])
        if not folder:
            return names
        prefix = folder.rstrip("/") + "/"
        return [n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :]]


def scan(root: Path) -> Inventory:
    """Every file under `content/`, `docs/` and `overrides/` that may be read, and a Problem for
    every one that may not. Never follows a link; never opens anything but folders and, in
    docs/, the first bytes of a media file."""
    inventory = Inventory()
    for top in SCANNED:
        accepted: list[str] = []
        inventory.files[top] = accepted
        path = root / top
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as err:
            inventory.problems.append(_unreadable(top, err))
            continue
        if stat.S_ISLNK(info.st_mode):
            inventory.problems.append(Problem("file_symlink", top))
            continue
        if not stat.S_ISDIR(info.st_mode):
            continue  # no such folder (a file with its name is reported where it is used)
        _walk(path, top, "", accepted, inventory.problems)
        accepted.sort()
    return inventory


def _walk(folder: Path, top: str, rel: str, accepted: list[str], problems: list[Problem]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        problems.append(_unreadable(f"{top}/{rel}".rstrip("/"), err))
        return
    for entry in entries:
        inner = f"{rel}{entry.name}"
        where = f"{top}/{inner}"
        name_problem = _name_problem(top, inner, entry.name)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as err:
            problems.append(_unreadable(shown(where), err))
            continue
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            problems.append(Problem("file_symlink", shown(where)))
            continue
        if name_problem is not None:
            problems.append(name_problem)
            continue
        if stat.S_ISDIR(mode):
            if top == "docs" and _reserved(inner + "/"):
                problems.append(_reserved_problem(where, inner + "/"))
                continue
            _walk(Path(entry.path), top, inner + "/", accepted, problems)
            continue
        if not stat.S_ISREG(mode):
            problems.append(Problem("file_special", where))
            continue
        if info.st_nlink > 1:
            problems.append(Problem("file_hard_link", where))
            continue
        if top == "docs":
            problem = _docs_problem(Path(entry.path), where, inner)
            if problem is not None:
                problems.append(problem)
                continue
        accepted.append(inner)


def _unreadable(where: str, err: OSError) -> Problem:
    return Problem("file_unreadable", where, params={"detail": err.strerror or str(err)})


def _name_problem(top: str, inner: str, name: str) -> Problem | None:
    where = f"{top}/{inner}"
    if BAD_NAME_CHARS.search(name):
        return Problem("file_name_characters", shown(where), params={"value": shown(name)})
    if len(name) > MAX_NAME:
        return Problem("file_name_characters", where, params={"value": name[:40] + "…"})
    if top != "docs":
        return None
    if name.startswith("."):
        return Problem("docs_hidden_file", where, params={"value": name})
    if not DOCS_NAME.match(name):
        return Problem("docs_file_name", where, params={"value": name})
    return None


def _reserved(inner: str) -> bool:
    """True for a docs/ path the build writes itself (folders end with `/`)."""
    parts = inner.lower().split("/")
    first = parts[0]
    if len(parts) > 1 and first in RESERVED_FOLDERS:
        return True
    if len(parts) == 1 and first.split(".", 1)[0] in RESERVED_FILES:
        return True
    if len(parts) == 2 and f"{first}/{parts[1].split('.', 1)[0]}" in RESERVED_PAGES:
        return True
    return len(parts) == 2 and first == "assets" and parts[1].startswith(RESERVED_ASSET_PREFIX)


def _reserved_problem(where: str, inner: str) -> Problem:
    return Problem("docs_reserved_name", where, params={"value": inner.rstrip("/")})


def _docs_problem(path: Path, where: str, inner: str) -> Problem | None:
    if _reserved(inner):
        return _reserved_problem(where, inner)
    lowered = inner.lower()
    if lowered.endswith(PAGE_SUFFIX):
        return None  # a page: `content.load_pages` checks its name and its text
    suffix = lowered.rsplit(".", 1)[-1] if "." in inner.rsplit("/", 1)[-1] else ""
    if suffix not in MEDIA_SIGNATURES:
        return Problem(
            "docs_file_type",
            where,
            params={"value": inner.rsplit("/", 1)[-1], "types": ", ".join(MEDIA_TYPES)},
        )
    try:
        head = read_file(path, limit=32)[:32]
    except OSError:
        return Problem("file_special", where)
    if not _looks_like(suffix, head):
        return Problem("docs_file_content", where, params={"value": suffix.upper()})
    return None


def _looks_like(suffix: str, head: bytes) -> bool:
    if suffix == "webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if suffix == "avif":
        return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")
    return any(head.startswith(sig) for sig in MEDIA_SIGNATURES[suffix])
