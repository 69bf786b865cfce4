"""What a publish sends, deletes and keeps: pure functions over content hashes, no network.

The host keeps a manifest (`MANIFEST`, JSON) of the sha256 of every file it was sent. A publish
compares the built site with it and sends only what changed, in an order that keeps the live site
whole at every moment: files named by their content first, then the other assets that may point
to them, then pages (so no page points to a missing file), then the deletions, then the
manifest. Before anything is sent, an *interim* manifest is written that
marks every file about to change as pending; if the connection is cut, the next run sees them
pending, sends them again and clears their half-written temporary copies, so it finishes the job.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruangaman.publish.paths import path_problem, shown

MANIFEST = ".ruangaman-manifest.json"
PART = ".ruangaman-part"  # suffix of a file being written; renamed into place when complete
PAGE_SUFFIXES = (".html", ".xml", ".xml.gz", ".txt")
LAST = ("_headers", "_redirects", ".htaccess")  # host rules go live with the pages they describe
CONTENT_NAMED = re.compile(r"[._-][0-9a-f]{7,}[._]")
MAX_MANIFEST = 64 * 1024 * 1024  # bytes: a manifest of 100,000 files is about 10 MB
MAX_ENTRIES = 1_000_000
HASH = re.compile(r"^[0-9A-Za-z+/=_-]{1,128}$")  # a sha256 (only ever compared)


class Oversize(bytes):
    """What a transport's `read` returns for a file too large to read (a hostile manifest)."""


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def local_files(site: Path, skip: str | None = None) -> dict[str, str]:
    """`{"path/inside/site": sha256}` for every regular file of a built site, sorted,
    `/`-separated (leaving out the top-level folder `skip`, such as `.git`). A symbolic link is
    never followed: it is not a file of the site (`unsafe_files` reports it)."""
    files = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if skip and rel.parts[0] == skip:
            continue
        if path.is_symlink():
            continue
        if path.is_file() and path.name != MANIFEST and not path.name.endswith(PART):
            files[rel.as_posix()] = hash_bytes(path.read_bytes())
    return files


def unsafe_files(site: Path) -> list[tuple[str, str]]:
    """`(path as shown, why)` for every file of a built site a publish must not send: a name
    no host can be given safely (control characters such as a newline, which would end an FTP
    command; a backslash; a name too long) or a symbolic link (it may point anywhere)."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        why = path_problem(rel)
        if why is None and path.is_symlink():
            why = "is a symbolic link"
        if why is None and not path.is_dir() and not path.is_file():
            why = "is not a regular file"
        if why:
            out.append((shown(rel), why))
    return out


@dataclass(frozen=True)
class Manifest:
    """What the host holds: every file and its hash, and files a cut publish left pending."""

    files: dict[str, str] = field(default_factory=dict)
    pending: tuple[str, ...] = ()
    # What was left out when the host's manifest was read (never written back, never acted on):
    # `(entry as it may be shown, why)` for each refused entry, and why a whole manifest was.
    refused: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    unreadable: str | None = field(default=None, compare=False)

    def to_bytes(self) -> bytes:
        data = {"version": 1, "files": dict(sorted(self.files.items()))}
        if self.pending:
            data["pending"] = sorted(self.pending)
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes | None) -> Manifest:
        """Read the host's manifest, which is untrusted: an entry that is not a safe path under
        DEST (see `paths`) with a sha256 is left out and listed in `refused`; a manifest that
        cannot be read at all counts as empty (nothing is deleted) with the reason in
        `unreadable`. Never raises."""
        if isinstance(data, Oversize) or (data and len(data) > MAX_MANIFEST):
            return cls(unreadable=f"larger than {MAX_MANIFEST // (1024 * 1024)} MB")
        if not data:
            return cls()
        try:
            raw = json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError) as err:
            return cls(unreadable=f"not JSON ({type(err).__name__})")
        if not isinstance(raw, dict):
            return cls(unreadable="not a JSON object")
        raw_files = raw.get("files", {})
        raw_pending = raw.get("pending", [])
        if not isinstance(raw_files, dict) or not isinstance(raw_pending, list):
            return cls(unreadable="`files` is not an object or `pending` not a list")
        if len(raw_files) + len(raw_pending) > MAX_ENTRIES:
            return cls(unreadable=f"more than {MAX_ENTRIES} entries")
        refused: list[tuple[str, str]] = []
        files: dict[str, str] = {}
        for path, digest in raw_files.items():
            why = _entry_problem(path)
            if why is None and not (isinstance(digest, str) and HASH.match(digest)):
                why = "its hash is not a short text"
            if why:
                refused.append((shown(path), why))
            else:
                files[path] = digest
        pending: list[str] = []
        for path in raw_pending:
            why = _entry_problem(path)
            if why:
                refused.append((shown(path), why))
            elif path not in pending:
                pending.append(path)
        return cls(files=files, pending=tuple(pending), refused=tuple(refused))


def _entry_problem(path: object) -> str | None:
    why = path_problem(path)
    if why is None and (path == MANIFEST or str(path).endswith(PART)):
        why = "names the manifest or a temporary copy"
    return why


def is_page(path: str) -> bool:
    return path.endswith(PAGE_SUFFIXES)


def is_content_named(path: str) -> bool:
    """Named by its content (`bundle.a5f9d56c.min.js`, `pagefind/fragment/en_1527bd8.pf_fragment`):
    a new version is a new file, so sending it early never changes what readers get."""
    return bool(CONTENT_NAMED.search(path.rsplit("/", 1)[-1]))


def _order(path: str) -> tuple[int, str]:
    """Content-named files, then other assets (which may point to them, like Pagefind's
    `pagefind-entry.json`), then pages, then the host rules."""
    name = path.rsplit("/", 1)[-1]
    if name in LAST:
        return (3, path)
    if is_page(path):
        return (2, path)
    return (0 if is_content_named(path) else 1, path)


@dataclass(frozen=True)
class Plan:
    """One publish: files to send (in order), to delete, unchanged, and the manifests to write."""

    upload: tuple[str, ...]
    delete: tuple[str, ...]
    unchanged: tuple[str, ...]
    leftovers: tuple[str, ...]  # temporary copies a cut publish may have left on the host
    interim: Manifest
    final: Manifest

    @property
    def nothing_to_do(self) -> bool:
        return not (self.upload or self.delete or self.leftovers)


def make_plan(local: dict[str, str], remote: Manifest) -> Plan:
    """Compare the built site with what the host holds; pending files count as changed."""
    pending = set(remote.pending)
    upload = sorted(
        (p for p, h in local.items() if p in pending or remote.files.get(p) != h), key=_order
    )
    delete = sorted(p for p in set(remote.files) | pending if p not in local)
    unchanged = sorted(p for p in local if p not in set(upload))
    interim_files = dict(remote.files)
    interim_files.update({p: local[p] for p in unchanged})
    return Plan(
        upload=tuple(upload),
        delete=tuple(delete),
        unchanged=tuple(unchanged),
        leftovers=tuple(sorted(p + PART for p in pending)),
        interim=Manifest(files=interim_files, pending=tuple(sorted(set(upload) | set(delete)))),
        final=Manifest(files=dict(local)),
    )
