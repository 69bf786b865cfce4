"""Search index: Pagefind indexes the built site, one index per language (it stems Indonesian).

Run once after every language is built. Pagefind reads `<html lang>` of each page and only the
part marked `data-pagefind-body` (the page content, not the navigation or the hotline strip),
and writes `pagefind/` into the site. The reader's browser downloads the search interface and
the index only when they open search.

Pagefind is given a copy of the site, in the temporary folder, that holds only what it reads
(`_copy_to_search`): each page's `<html lang>`, `<title>` and `data-pagefind-body` part,
without the head's stylesheet, the navigation, the hotline strip and the footer (a service
page: 16 KB → 6 KB), and without the posters. It writes the same index, byte for byte
(tests/test_scale.py), with about a sixth less CPU at 7,800 services (benchmarks/README.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ruangaman.paths import SiteUrls

BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries what it printed."""


def _command(searched: Path, site: Path) -> list[str]:
    """Pagefind reading the pages of `searched` (the site's copy) into `site/pagefind/`."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(searched),
        "--output-path",
        str(site / BUNDLE),
    ]


# A big site is indexed one language per Pagefind run: Pagefind's memory grows with the pages
# of a run (7,800 records: 1.7 GiB for the whole site at once, under 1 GiB per language).
SPLIT_FROM = 2000  # HTML pages searched
# Posters carry `search: exclude` (no data-pagefind-body), so Pagefind indexes nothing of
# them; leaving their folder out of a run only saves reading 15,600 files at national scale.
NOT_SEARCHED = ("cetak",)


# Told of each Pagefind run as it starts and (with None) as it ends: a background run
# (finish/background) keeps it, so that it can stop its Pagefind when it is told to stop.
Watcher = Callable[[subprocess.Popen | None], None]


def _run(command: list[str], watch: Watcher | None = None) -> None:
    with subprocess.Popen(
        [*command, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        if watch is not None:
            watch(run)
        try:
            out, err = run.communicate()
        finally:
            if watch is not None:
                watch(None)
    if run.returncode != 0:
        raise SearchIndexError((err or out).strip())


def _language_globs(site: Path, urls: SiteUrls) -> list[str]:
    """One Pagefind glob per language: the main language's pages at the root, the others
    under their folder (`en/`), without the bundle and the folders that are never searched."""
    others = urls.language_folders(d.name for d in site.iterdir() if d.is_dir())
    globs = []
    for folder in ["", *others]:
        base = site / folder if folder else site
        skip = {BUNDLE, *NOT_SEARCHED, *([] if folder else others)}
        parts = []
        for entry in sorted(base.iterdir()):
            rel = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir() and entry.name not in skip:
                parts.append(f"{rel}/**/*.html")
            elif entry.is_file() and entry.suffix == ".html":
                parts.append(rel)
        if parts:
            globs.append("{" + ",".join(parts) + "}")
    return globs


# Material's page ends its content block, our `<div id="isi" data-pagefind-body>`, right before
# the page's last `</article>` (overrides/main.html). Pages are read as bytes (UTF-8): only
# ASCII markers are looked for.
BODY = b" data-pagefind-body"
CONTENT_END = b"</article>"


def _what_is_searched(page: bytes) -> bytes:
    """The part of a built page Pagefind reads: its `<html lang>`, its `<title>` and the element
    marked `data-pagefind-body` (not the head's inlined stylesheet and policy, the navigation,
    the hotline strip or the footer). A page made otherwise is given whole."""
    head = page.find(b"<head")
    title = page.find(b"<title")
    title_end = page.find(b"</title>", title) + len(b"</title>")
    head_end = page.find(b"</head>")
    body = page.find(BODY)
    start = page.rfind(b"<div", 0, body)
    end = page.rfind(CONTENT_END)
    if min(head, title, body) < 0 or not head < title < title_end < head_end < start < end:
        return page
    part = page[start:end]
    if not part.rstrip().endswith(b"</div>") or page.find(BODY, body + 1) >= 0:
        return page
    return b"".join(
        (page[:head], b"<head>", page[title:title_end], b"</head><body>", part, b"</body></html>")
    )


def _copy_to_search(site: Path, searched: Path, urls: SiteUrls) -> int:
    """Copy into `searched` what Pagefind reads of every page of `site` (at the same paths,
    so Pagefind gives each page its own address), without the bundle and the folders that are
    never searched; return the number of pages copied."""
    others = urls.language_folders(d.name for d in site.iterdir() if d.is_dir())
    left_out = {
        BUNDLE,
        *NOT_SEARCHED,
        *(f"{folder}/{name}" for folder in others for name in NOT_SEARCHED),
    }
    copied = 0
    for folder, subfolders, files in os.walk(site):
        rel = os.path.relpath(folder, site)
        rel = "" if rel == "." else rel.replace(os.sep, "/")
        subfolders[:] = sorted(
            name for name in subfolders if (f"{rel}/{name}" if rel else name) not in left_out
        )
        pages = [name for name in sorted(files) if name.endswith(".html")]
        if not pages:
            continue
        target = searched / rel
        target.mkdir(parents=True, exist_ok=True)
        for name in pages:
            with open(os.path.join(folder, name), "rb") as page:
                searched_part = _what_is_searched(page.read())
            with open(target / name, "wb") as copy:
                copy.write(searched_part)
            copied += 1
    return copied


def index_site(
    site: Path, urls: SiteUrls, watch: Watcher | None = None, scratch: Path | None = None
) -> Path:
    """Write the Pagefind index of `site` into `site/pagefind/`; return that folder. The copy
    of the searched pages Pagefind reads is made in a temporary folder, removed when done, in
    `scratch` when given: a caller that may leave without cleanup (the preview's background
    run, stopped with os._exit) names a folder it removes itself."""
    with tempfile.TemporaryDirectory(prefix="ruangaman-search-", dir=scratch) as searched:
        return _index_copy(Path(searched), site, urls, watch)


def _index_copy(searched: Path, site: Path, urls: SiteUrls, watch: Watcher | None) -> Path:
    pages = _copy_to_search(site, searched, urls)
    if pages < SPLIT_FROM:
        _run(_command(searched, site), watch)
        _sort_languages(site / BUNDLE / "pagefind-entry.json")
        return _without_unused(site / BUNDLE)
    # Each run writes its language's files (named by their content) beside the others' and its
    # own pagefind-entry.json; the entries are merged into what a single run writes (the same
    # JSON; Pagefind's own order of the languages varies, ours is sorted).
    entry_path = site / BUNDLE / "pagefind-entry.json"
    entry: dict = {}
    for glob in _language_globs(searched, urls):
        _run([*_command(searched, site), "--glob", glob], watch)
        written = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = {**entry.get("languages", {}), **written["languages"]}
        entry = {**written, "languages": dict(sorted(languages.items()))}
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return _without_unused(site / BUNDLE)


def _sort_languages(entry_path: Path) -> None:
    """Pagefind lists the languages of one run in an order of its own, which varies between two
    runs on the same site: sorted, the same site gives the same bytes (as the split runs do)."""
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


# Pagefind writes every interface it has; the site loads only the default one (ruangaman.js:
# pagefind-ui.js and .css, which load pagefind.js, its worker and what the entry names).
UNUSED_UI = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)


def _without_unused(bundle: Path) -> Path:
    """Remove the interfaces the site does not load and each language's word-stemming program
    (`wasm.<x>.pagefind`) that no language of the entry names (`wasm.unknown.pagefind` serves
    a language Pagefind cannot stem): no page references them (tests/test_published_files.py)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    named = {
        f"wasm.{lang.get('wasm') or 'unknown'}.pagefind" for lang in entry["languages"].values()
    }
    for path in bundle.glob("wasm.*.pagefind"):
        if path.name not in named:
            path.unlink()
    for name in UNUSED_UI:
        (bundle / name).unlink(missing_ok=True)
    return bundle
