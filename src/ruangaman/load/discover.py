"""Load stage: read every content file and page of a project into plain, shape-checked records.

Layout of a project:
    content/site.yml              site settings
    content/taxonomy.yml          service types and guide topics
    content/holidays.yml          (optional) public holidays added to or removed from the library's
    content/services/<slug>.yml   one service per file; the slug is its address
    content/hotlines/<slug>.yml   one hotline per file
    content/interface/<code>.yml  (optional) the interface text of a language the package has
                                  no table for (`load.interface`)
    docs/**/<name>.<lang>.md      pages and guides (guides live in docs/panduan/)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ruangaman import model
from ruangaman.load.interface import FOLDER, load_interfaces
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
from ruangaman.session import BuildSession, digest, fork_map
from ruangaman.text import LANGUAGE_RE, Interface

GUIDES_DIR = "panduan"
# Addresses the generated pages use: a service cannot take them as its slug.
RESERVED_SLUGS = ("index", "kecamatan", "jenis", "provinsi", "wilayah")


@dataclass(frozen=True)
class Record:
    """One service or hotline file, normalised, with its lines for later messages.

    Frozen, and its `data` is never written after load: the validate stage makes new views
    (`validate.site`) instead, so what load returned (and a preview keeps) stays as read.
    `digest` is the sha256 of the file's bytes: what every memo of a later stage keys on."""

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
    digest: bytes = b""  # sha256 of the file's bytes

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
    # content/holidays.yml, when there is one: the editors' changes to the holidays library
    holidays: dict[str, Any] = field(default_factory=dict)
    holidays_loaded: Loaded | None = None
    files: Inventory = field(default_factory=Inventory)  # what may be read and staged
    # content/interface/<code>.yml: the usable entries of each (`load.interface`)
    interface_tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return self.site.get("languages") or list(model.LANGUAGES)

    @cached_property
    def interface(self) -> Interface:
        """THE interface text of the site's languages (`text.Interface`)."""
        return Interface.of(self.languages, self.interface_tables)


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


Result = tuple[dict | None, Loaded | None, list[Problem]]


def _inside(path: Path, rel: str) -> Path:
    """The project folder `path` lies in (`rel` is its path there): no link below it is
    followed. A file elsewhere (a spreadsheet import's scratch copy) stays inside its folder."""
    parts = len(Path(rel).parts)
    if parts and path.parts[-parts:] == Path(rel).parts:
        return Path(*path.parts[:-parts]) if len(path.parts) > parts else Path(".")
    return path.parent


def load_document(
    path: Path, rel: str, spec: model.Field, session: BuildSession | None = None
) -> Result:
    """Read one YAML file and check its shape against `spec`. Nothing checked is ever read from
    disk: every command checks every file it loads (a preview, `serve`, reuses what it checked
    of a file only while the file's bytes are the same: `session.loaded`). A pure function of
    the file's bytes: what depends on today's date is checked by validate (`validate.dates`)."""
    return _document(path, rel, spec, session)[0]


def _document(
    path: Path, rel: str, spec: model.Field, session: BuildSession | None
) -> tuple[Result, bytes]:
    """What `load_document` gives, and the sha256 of the file's bytes (b"" when unread)."""
    raw, problems = read_bytes(path, rel, _inside(path, rel))
    if raw is None:
        return (None, None, problems), b""
    file_digest = hashlib.sha256(raw).digest()
    if session is None:
        return _load_document(path, rel, spec, raw), file_digest
    # Keyed by the absolute path: `serve` checks the project as named on the command line
    # (`--project .`) and the plugin as MkDocs names it (absolute); both are the same file.
    result = session.loaded.get(
        os.path.abspath(path),
        digest(file_digest, spec.name),
        lambda: _load_document(path, rel, spec, raw),
    )
    return result, file_digest


def _load_document(path: Path, rel: str, spec: model.Field, raw: bytes) -> Result:
    """What one file's bytes hold, shape-checked (`raw`: read by `_document`, inside its
    project folder)."""
    loaded, problems = load_yaml_file(path, rel, raw)
    if loaded is None:
        return None, None, problems
    checker = Checker(rel, loaded, kind=spec.name)
    data = checker.check(loaded.data, spec)
    return data, loaded, problems + checker.problems


# A big directory is read in several processes (`session.fork_map`): the one that runs the
# command and forked copies, each reading and shape-checking a part of the files (7,800 files:
# about half the time on two cores).
PARALLEL_FROM = 1000


def _load_documents(
    jobs: list[tuple[Path, str]], spec: model.Field, session: BuildSession
) -> list[tuple[Result, bytes]]:
    """`_document` of every (path, rel); when there are many, in several processes (never
    under `serve`, whose memo keeps what it read: `options.processes` is 1 there)."""
    processes = session.options.processes_for(len(jobs), PARALLEL_FROM)
    if processes < 2:
        return [_document(path, rel, spec, session) for path, rel in jobs]
    size = -(-len(jobs) // processes)
    parts = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    done = fork_map(lambda part: [_document(p, r, spec, None) for p, r in part], parts)
    return [result for part in done for result in part]


def _load_records(
    root: Path, folder: str, spec: model.Field, files: Inventory, session: BuildSession
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
    results = _load_documents([(path, rel) for path, rel, _ in jobs], spec, session)
    for (_, rel, slug), ((data, loaded, found), file_digest) in zip(jobs, results, strict=True):
        problems += found
        if data is not None and loaded is not None:
            records.append(Record(spec.name, slug, rel, data, loaded, file_digest))
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
        if not LANGUAGE_RE.match(lang) or not name or not inner.endswith(".md"):
            problems.append(Problem("bad_page_name", rel, params={"value": path.name}))
            continue
        raw, found = read_bytes(path, rel, inside=root)
        text, more = read_text(path, rel, raw) if raw is not None else (None, [])
        problems += found + more
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
        page_digest = hashlib.sha256(raw).digest()
        pages.append(Page(name, lang, rel, meta, body, loaded, body_line, page_digest))
    return tuple(pages), problems


def load_content(root: Path, session: BuildSession | None = None) -> tuple[Content, list[Problem]]:
    """Load stage: read everything, checking the shape of each file. Never raises for content.
    A pure function of the files' bytes (no date, no clock). Without a session (an editor's
    tool reading a project once), a one-shot one."""
    session = session or BuildSession.one_shot("check")
    files = scan(root)
    problems: list[Problem] = list(files.problems)
    site, site_loaded, found = load_document(
        root / "content" / "site.yml", "content/site.yml", model.SITE, session
    )
    problems += found
    taxonomy, taxonomy_loaded, found = load_document(
        root / "content" / "taxonomy.yml", "content/taxonomy.yml", model.TAXONOMY, session
    )
    problems += found
    holidays, holidays_loaded = None, None
    if "holidays.yml" in files.under("content", ""):
        holidays, holidays_loaded, found = load_document(
            root / "content" / "holidays.yml", "content/holidays.yml", model.HOLIDAYS, session
        )
        problems += found
    services, found = _load_records(root, "services", model.SERVICE, files, session)
    problems += found
    hotlines, found = _load_records(root, "hotlines", model.HOTLINE, files, session)
    problems += found
    pages, found = load_pages(root, files)
    problems += found
    interface_tables, found = load_interfaces(
        root, [n.rsplit("/", 1)[-1] for n in files.under("content", FOLDER)]
    )
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
        holidays=holidays or {},
        holidays_loaded=holidays_loaded,
        files=files,
        interface_tables=interface_tables,
    )
    # A file refused while scanning (a link in place of content/site.yml) is refused again when
    # it is read: one message is enough.
    unique = {(p.code, p.file, p.line, p.field, repr(p.params)): p for p in problems}
    return content, list(unique.values())


def site_settings(root: Path) -> dict:
    """content/site.yml read quietly by the file rules (no link followed), for an editor's tool
    that needs one setting of it: empty when it cannot be read (`check` tells what is wrong)."""
    loaded, _ = load_yaml_file(root / "content" / "site.yml", "content/site.yml", inside=root)
    return loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}


def site_languages(root: Path) -> tuple[str, ...]:
    """The languages content/site.yml names, main first (the package's when it names none or
    cannot be read: `check` tells what is wrong with it). For an editor's tool that needs only
    them (`new guide`, the spreadsheet's columns)."""
    found = site_settings(root).get("languages")
    if isinstance(found, list) and found and all(isinstance(x, str) for x in found):
        return tuple(found)
    return tuple(model.LANGUAGES)
