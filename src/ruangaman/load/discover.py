"""Load stage: read every content file and page of a project into plain, shape-checked records.

Layout of a project:
    content/site.yml              site settings
    content/taxonomy.yml          service types and guide topics
    content/services/<slug>.yml   one service per file; the slug is its address
    content/hotlines/<slug>.yml   one hotline per file
    docs/**/<name>.<lang>.md      pages and guides (guides live in docs/panduan/)
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ruangaman import model
from ruangaman.load.projectfiles import Inventory, scan
from ruangaman.load.shape import SLUG_RE, Checker
from ruangaman.load.yamlfile import (
    Loaded,
    load_yaml_file,
    read_bytes,
    read_text,
    split_front_matter,
)
from ruangaman.problems import Problem

GUIDES_DIR = "panduan"
# Addresses the generated pages use: a service cannot take them as its slug.
RESERVED_SLUGS = ("index", "kecamatan", "jenis", "provinsi", "wilayah")


@dataclass(frozen=True)
class Record:
    """One service or hotline file, normalised, with its lines for later messages.

    Frozen, and its `data` is never written after load: the validate stage makes new views
    (`validate.site`) instead, so what load returned (and a preview keeps) stays as read."""

    kind: str
    slug: str
    rel: str
    data: dict[str, Any]
    loaded: Loaded
    digest: bytes = b""  # sha256 of the file's bytes: "unchanged" means the same digest


@dataclass(frozen=True)
class Page:
    """One Markdown page in one language: `name` is its path without language and `.md`."""

    name: str
    lang: str
    rel: str
    meta: dict[str, Any]
    body: str
    loaded: Loaded | None
    body_line: int = 1  # the file line on which `body` starts

    @property
    def is_guide(self) -> bool:
        return is_guide(self.name)


def is_guide(name: str) -> bool:
    """A page under docs/panduan/ other than its index is a guide (checked as one)."""
    parts = name.split("/")
    return parts[0] == GUIDES_DIR and parts[-1] != "index"


@dataclass(frozen=True)
class Content:
    """Everything a site is made of, as loaded. The validate stage never writes into it: it
    returns its own views (`validate.site.Site`) of what it checked."""

    root: Path
    site: dict[str, Any] = field(default_factory=dict)
    taxonomy: dict[str, Any] = field(default_factory=dict)
    services: tuple[Record, ...] = ()
    hotlines: tuple[Record, ...] = ()
    pages: tuple[Page, ...] = ()
    site_loaded: Loaded | None = None
    taxonomy_loaded: Loaded | None = None
    files: Inventory = field(default_factory=Inventory)  # what may be read and staged

    @property
    def languages(self) -> list[str]:
        return self.site.get("languages") or list(model.LANGUAGES)


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# A long-running preview (`serve`) checks again only the files whose text changed since the
# last build: path -> (bytes, what load_document returned). Off by default. Nothing later
# writes into what load returns, so a kept result is exactly what a fresh load gives.
_LOADED: dict[Path, tuple[bytes, tuple]] = {}
_REUSE = {"on": False}
Result = tuple[dict | None, Loaded | None, list[Problem]]
T = TypeVar("T")


def reuse_unchanged_files(on: bool = True) -> None:
    """Let later loads in this process reuse files whose text did not change (for `serve`)."""
    _REUSE["on"] = on
    if not on:
        _LOADED.clear()


def remembered(store: dict, record: Any, shared: object, make: Callable[[], T]) -> T:
    """What `make` gives for `record` (a Record or a validated view with its `digest`). In a
    preview (`serve`) it is kept in `store` and made again only when the record's file bytes
    changed (another digest) or `shared` (what every record's result depends on) changed;
    otherwise it is simply made."""
    if not _REUSE["on"]:
        return make()
    kept = store.get(record.slug)
    if kept is not None and kept[0] == record.digest and kept[1] == shared:
        return kept[2]
    value = make()
    store[record.slug] = (record.digest, shared, value)
    return value


def _inside(path: Path, rel: str) -> Path:
    """The project folder `path` lies in (`rel` is its path there): no link below it is
    followed. A file elsewhere (a spreadsheet import's scratch copy) stays inside its folder."""
    parts = len(Path(rel).parts)
    if parts and path.parts[-parts:] == Path(rel).parts:
        return Path(*path.parts[:-parts]) if len(path.parts) > parts else Path(".")
    return path.parent


def load_document(path: Path, rel: str, spec: model.Field) -> Result:
    """Read one YAML file and check its shape against `spec` (in a preview, again only if its
    text changed since this process checked it). Nothing checked is ever read from disk: every
    command checks every file it loads. A pure function of the file's bytes: what depends on
    today's date is checked by the validate stage (`validate.dates`)."""
    return _load_one(path, rel, spec)[:3]


Loaded4 = tuple[dict | None, Loaded | None, list[Problem], bytes]


def _load_one(path: Path, rel: str, spec: model.Field) -> Loaded4:
    """`load_document` and the sha256 of the file's bytes."""
    raw, problems = read_bytes(path, rel, _inside(path, rel))
    if raw is None:
        return None, None, problems, b""
    if _REUSE["on"]:
        kept = _LOADED.get(path)
        if kept and kept[0] == raw:
            return kept[1]
    result = _load_document(path, rel, spec, raw)
    if _REUSE["on"]:
        _LOADED[path] = (raw, result)
    return result


def _load_document(path: Path, rel: str, spec: model.Field, raw: bytes | None = None) -> Loaded4:
    """What one file holds, shape-checked, and the digest of its bytes."""
    if raw is None:
        raw, problems = read_bytes(path, rel, _inside(path, rel))
        if raw is None:
            return None, None, problems, b""
    loaded, problems = load_yaml_file(path, rel, raw, _inside(path, rel))
    if loaded is None:
        return None, None, problems, b""
    checker = Checker(rel, loaded)
    data = checker.check(loaded.data, spec)
    return data, loaded, problems + checker.problems, hashlib.sha256(raw).digest()


# A big directory is read in two processes: the one that runs the command and a forked copy,
# each reading and shape-checking half of the files (7,800 files: about half the time). The
# copy sends its results back over a pipe it shares only with this process.
PARALLEL_FROM = 1000


def _can_fork(files: int) -> bool:
    return (
        files >= PARALLEL_FROM
        and not _REUSE["on"]
        and "fork" in mp.get_all_start_methods()
        and len(os.sched_getaffinity(0)) > 1
        and threading.current_thread() is threading.main_thread()
        and os.environ.get("RUANGAMAN_ONE_PROCESS") != "1"
    )


def _load_part(jobs: list[tuple[Path, str]], spec: model.Field, out: Any) -> None:
    out.send([_load_document(path, rel, spec) for path, rel in jobs])
    out.close()


def _load_documents(jobs: list[tuple[Path, str]], spec: model.Field) -> list[Loaded4]:
    """`_load_one` of every (path, rel); when there are many, in two processes."""
    if not _can_fork(len(jobs)):
        return [_load_one(path, rel, spec) for path, rel in jobs]
    half = len(jobs) // 2
    context = mp.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    helper = context.Process(target=_load_part, args=(jobs[:half], spec, writer))
    helper.start()
    writer.close()
    mine = [_load_document(path, rel, spec) for path, rel in jobs[half:]]
    try:
        theirs = reader.recv()
    except (EOFError, OSError):  # the helper died: check its half here
        theirs = None
    finally:
        reader.close()
        helper.join()
    if not isinstance(theirs, list) or len(theirs) != half:
        theirs = [_load_document(path, rel, spec) for path, rel in jobs[:half]]
    return theirs + mine


def _load_records(
    root: Path, folder: str, spec: model.Field, files: Inventory
) -> tuple[tuple[Record, ...], list[Problem]]:
    records: list[Record] = []
    problems: list[Problem] = []
    directory = root / "content" / folder
    # Only regular files `projectfiles.scan` accepted (no links, FIFOs, devices, hard links).
    names = [name.rsplit("/", 1)[-1] for name in files.under("content", folder)]
    ordered = sorted(n for n in names if n.endswith(".yml"))
    ordered += sorted(n for n in names if n.endswith(".yaml"))
    seen: dict[str, str] = {}
    jobs: list[tuple[Path, str, str]] = []  # path, rel, slug of the files to read
    for name in ordered:
        path = directory / name
        rel = f"content/{folder}/{name}"
        slug = name.rsplit(".", 1)[0]
        if slug in seen:
            problems.append(Problem("duplicate_slug", rel, params={"other": seen[slug]}))
            continue
        seen[slug] = rel
        if not SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
            problems.append(
                Problem(
                    "bad_slug",
                    rel,
                    params={"value": name, "reserved": ", ".join(RESERVED_SLUGS)},
                )
            )
            continue
        jobs.append((path, rel, slug))
    results = _load_documents([(path, rel) for path, rel, _ in jobs], spec)
    for (_, rel, slug), (data, loaded, found, digest) in zip(jobs, results, strict=True):
        problems += found
        if data is not None and loaded is not None:
            records.append(Record(spec.name, slug, rel, data, loaded, digest))
    return tuple(records), problems


def load_pages(
    root: Path, files: Inventory | None = None
) -> tuple[tuple[Page, ...], list[Problem]]:
    """Every `name.<lang>.md` under docs/ that `projectfiles.scan` accepted (`files`), with its
    front matter checked."""
    pages: list[Page] = []
    problems: list[Problem] = []
    docs = root / "docs"
    files = files if files is not None else scan(root)
    for inner in files.under("docs"):
        if not inner.lower().endswith(".md"):
            continue
        path = docs / inner
        rel = f"docs/{inner}"
        stem = inner[: -len(".md")]
        name, _, lang = stem.rpartition(".")
        if lang not in model.LANGUAGES or not name or not inner.endswith(".md"):
            problems.append(Problem("bad_page_name", rel, params={"value": path.name}))
            continue
        text, found = read_text(path, rel, inside=root)
        problems += found
        if text is None:
            continue
        loaded, body, found = split_front_matter(text, rel)
        problems += found
        meta: dict[str, Any] = {}
        body_line = text.count("\n", 0, len(text) - len(body)) + 1
        if loaded is not None:
            spec = model.GUIDE if is_guide(name) else model.PAGE
            checker = Checker(rel, loaded)
            meta = checker.check(loaded.data, spec) or {}
            problems += checker.problems
        pages.append(Page(name, lang, rel, meta, body, loaded, body_line))
    return tuple(pages), problems


def load_content(root: Path) -> tuple[Content, list[Problem]]:
    """Load stage: read everything, checking the shape of each file. Never raises for content.
    A pure function of the files' bytes (no date, no clock)."""
    files = scan(root)
    problems: list[Problem] = list(files.problems)
    site, site_loaded, found = load_document(
        root / "content" / "site.yml", "content/site.yml", model.SITE
    )
    problems += found
    taxonomy, taxonomy_loaded, found = load_document(
        root / "content" / "taxonomy.yml", "content/taxonomy.yml", model.TAXONOMY
    )
    problems += found
    services, found = _load_records(root, "services", model.SERVICE, files)
    problems += found
    hotlines, found = _load_records(root, "hotlines", model.HOTLINE, files)
    problems += found
    pages, found = load_pages(root, files)
    problems += found
    content = Content(
        root=root,
        site=site or {},
        taxonomy=taxonomy or {},
        services=services,
        hotlines=hotlines,
        pages=pages,
        site_loaded=site_loaded,
        taxonomy_loaded=taxonomy_loaded,
        files=files,
    )
    # A file refused while scanning (a link in place of content/site.yml) is refused again when
    # it is read: one message is enough.
    unique = {(p.code, p.file, p.line, p.field, repr(p.params)): p for p in problems}
    return content, list(unique.values())
