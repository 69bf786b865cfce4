"""Load stage: read every content file and page of a project into plain, shape-checked records.

Layout of a project:
    content/site.yml              site settings
    content/taxonomy.yml          service types and guide topics
    content/services/<slug>.yml   one service per file; the slug is its address
    content/hotlines/<slug>.yml   one hotline per file
    docs/**/<name>.<lang>.md      pages and guides (guides live in docs/panduan/)
"""

from __future__ import annotations

import datetime as dt
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


@dataclass
class Record:
    """One service or hotline file, normalised, with its lines for later messages."""

    kind: str
    slug: str
    rel: str
    data: dict[str, Any]
    loaded: Loaded


@dataclass
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
        parts = self.name.split("/")
        return parts[0] == GUIDES_DIR and parts[-1] != "index"


@dataclass
class Content:
    """Everything a site is made of, as loaded (the validate stage adds region and phones)."""

    root: Path
    site: dict[str, Any] = field(default_factory=dict)
    taxonomy: dict[str, Any] = field(default_factory=dict)
    services: list[Record] = field(default_factory=list)
    hotlines: list[Record] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    site_loaded: Loaded | None = None
    taxonomy_loaded: Loaded | None = None
    files: Inventory = field(default_factory=Inventory)  # what may be read and staged

    @property
    def languages(self) -> list[str]:
        return self.site.get("languages") or list(model.LANGUAGES)


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# A long-running preview (`serve`) checks again only the files whose text changed since the
# last build: path -> (bytes, date checked, what load_document returned). Off by default: the
# validate stage adds parsed values to the records, which other commands must not see twice.
_LOADED: dict[Path, tuple[bytes, dt.date, tuple]] = {}
_REUSE = {"on": False}
Result = tuple[dict | None, Loaded | None, list[Problem]]
T = TypeVar("T")


def reuse_unchanged_files(on: bool = True) -> None:
    """Let later loads in this process reuse files whose text did not change (for `serve`)."""
    _REUSE["on"] = on
    if not on:
        _LOADED.clear()


def remembered(store: dict, record: Record, shared: object, make: Callable[[], T]) -> T:
    """What `make` gives for `record`. In a preview (`serve`) it is kept in `store` and made
    again only when the record's file was read again (its data is a new object) or `shared`
    (what every record's result depends on) changed; otherwise it is simply made."""
    if not _REUSE["on"]:
        return make()
    kept = store.get(record.slug)
    if kept is not None and kept[0] is record.data and kept[1] == shared:
        return kept[2]
    value = make()
    store[record.slug] = (record.data, shared, value)
    return value


def _inside(path: Path, rel: str) -> Path:
    """The project folder `path` lies in (`rel` is its path there): no link below it is
    followed. A file elsewhere (a spreadsheet import's scratch copy) stays inside its folder."""
    parts = len(Path(rel).parts)
    if parts and path.parts[-parts:] == Path(rel).parts:
        return Path(*path.parts[:-parts]) if len(path.parts) > parts else Path(".")
    return path.parent


def load_document(path: Path, rel: str, spec: model.Field, today: dt.date) -> Result:
    """Read one YAML file and check its shape against `spec` (in a preview, again only if its
    text changed since this process checked it). Nothing checked is ever read from disk: every
    command checks every file it loads."""
    raw, problems = read_bytes(path, rel, _inside(path, rel))
    if raw is None:
        return None, None, problems
    if _REUSE["on"]:
        kept = _LOADED.get(path)
        if kept and kept[0] == raw and kept[1] == today:
            return kept[2]
    result = _load_document(path, rel, spec, today, raw)
    if _REUSE["on"]:
        _LOADED[path] = (raw, today, result)
    return result


def _load_document(
    path: Path, rel: str, spec: model.Field, today: dt.date, raw: bytes | None = None
) -> Result:
    """What one file holds, shape-checked."""
    loaded, problems = load_yaml_file(path, rel, raw, _inside(path, rel))
    if loaded is None:
        return None, None, problems
    checker = Checker(rel, loaded, today)
    data = checker.check(loaded.data, spec)
    return data, loaded, problems + checker.problems


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


def _load_part(jobs: list[tuple[Path, str]], spec: model.Field, today: dt.date, out: Any) -> None:
    out.send([_load_document(path, rel, spec, today) for path, rel in jobs])
    out.close()


def _load_documents(
    jobs: list[tuple[Path, str]], spec: model.Field, today: dt.date
) -> list[Result]:
    """`load_document` of every (path, rel); when there are many, in two processes."""
    if not _can_fork(len(jobs)):
        return [load_document(path, rel, spec, today) for path, rel in jobs]
    half = len(jobs) // 2
    context = mp.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    helper = context.Process(target=_load_part, args=(jobs[:half], spec, today, writer))
    helper.start()
    writer.close()
    mine = [_load_document(path, rel, spec, today) for path, rel in jobs[half:]]
    try:
        theirs = reader.recv()
    except (EOFError, OSError):  # the helper died: check its half here
        theirs = None
    finally:
        reader.close()
        helper.join()
    if not isinstance(theirs, list) or len(theirs) != half:
        theirs = [_load_document(path, rel, spec, today) for path, rel in jobs[:half]]
    return theirs + mine


def _load_records(
    root: Path, folder: str, spec: model.Field, today: dt.date, files: Inventory
) -> tuple[list[Record], list[Problem]]:
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
    results = _load_documents([(path, rel) for path, rel, _ in jobs], spec, today)
    for (_, rel, slug), (data, loaded, found) in zip(jobs, results, strict=True):
        problems += found
        if data is not None and loaded is not None:
            records.append(Record(spec.name, slug, rel, data, loaded))
    return records, problems


def load_pages(
    root: Path, today: dt.date, files: Inventory | None = None
) -> tuple[list[Page], list[Problem]]:
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
        page = Page(name, lang, rel, meta, body, loaded, body_line)
        if loaded is not None:
            spec = model.GUIDE if page.is_guide else model.PAGE
            checker = Checker(rel, loaded, today)
            page.meta = checker.check(loaded.data, spec) or {}
            problems += checker.problems
        pages.append(page)
    return pages, problems


def load_content(root: Path, today: dt.date) -> tuple[Content, list[Problem]]:
    """Load stage: read everything, checking the shape of each file. Never raises for content."""
    content = Content(root=root)
    content.files = scan(root)
    problems: list[Problem] = list(content.files.problems)
    site, content.site_loaded, found = load_document(
        root / "content" / "site.yml", "content/site.yml", model.SITE, today
    )
    content.site = site or {}
    problems += found
    taxonomy, content.taxonomy_loaded, found = load_document(
        root / "content" / "taxonomy.yml", "content/taxonomy.yml", model.TAXONOMY, today
    )
    content.taxonomy = taxonomy or {}
    problems += found
    content.services, found = _load_records(root, "services", model.SERVICE, today, content.files)
    problems += found
    content.hotlines, found = _load_records(root, "hotlines", model.HOTLINE, today, content.files)
    problems += found
    content.pages, found = load_pages(root, today, content.files)
    problems += found
    # A file refused while scanning (a link in place of content/site.yml) is refused again when
    # it is read: one message is enough.
    unique = {(p.code, p.file, p.line, p.field, repr(p.params)): p for p in problems}
    return content, list(unique.values())
