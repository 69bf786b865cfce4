"""Search index: Pagefind indexes the built site, one index per language (it stems Indonesian).

Run once after every language is built. Pagefind reads `<html lang>` of each page and only the
part marked `data-pagefind-body` (the page content, not the navigation or the hotline strip),
and writes `pagefind/` into the site. The reader's browser downloads the search interface and
the index only when they open search.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from ruangaman.paths import SiteUrls

BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries what it printed."""


def _command(site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]


# A big site is indexed one language per Pagefind run: Pagefind's memory grows with the pages
# of a run (7,800 records: 1.7 GiB for the whole site at once, under 1 GiB per language).
SPLIT_FROM = 2000  # HTML pages
# Posters carry `search: exclude` (no data-pagefind-body), so Pagefind indexes nothing of
# them; leaving their folder out of a run only saves reading 15,600 files at national scale.
NOT_SEARCHED = ("cetak",)


# The Pagefind run going on in this process, so a background run can stop it when told to.
_RUNNING: list[subprocess.Popen] = []


def _run(command: list[str]) -> None:
    with subprocess.Popen(
        [*command, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        _RUNNING.append(run)
        try:
            out, err = run.communicate()
        finally:
            _RUNNING.remove(run)
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


def index_site(site: Path, urls: SiteUrls) -> Path:
    """Write the Pagefind index of `site` into `site/pagefind/`; return that folder."""
    pages = sum(1 for _ in site.rglob("*.html"))
    if pages < SPLIT_FROM:
        _run(_command(site))
        return site / BUNDLE
    # Each run writes its language's files (named by their content) beside the others' and its
    # own pagefind-entry.json; the entries are merged into what a single run writes (the same
    # JSON; Pagefind's own order of the languages varies, ours is sorted).
    entry_path = site / BUNDLE / "pagefind-entry.json"
    entry: dict = {}
    for glob in _language_globs(site, urls):
        _run([*_command(site), "--glob", glob])
        written = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = {**entry.get("languages", {}), **written["languages"]}
        entry = {**written, "languages": dict(sorted(languages.items()))}
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return site / BUNDLE


def start_indexing(site: Path, urls: SiteUrls) -> subprocess.Popen:
    """Index `site` in the background (the live preview does not wait for search), then write
    the host files, whose Content Security Policy depends on the index. It stays in the
    preview's process group, so stopping the preview (Ctrl+C) stops it too."""
    return subprocess.Popen(
        [sys.executable, "-m", "ruangaman.finish.search", str(site), *urls.languages],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_indexing(run: subprocess.Popen | None) -> None:
    """Stop a background run of `start_indexing` (and its Pagefind) if it is still going."""
    if run is None or run.poll() is not None:
        return
    run.terminate()  # the run stops its Pagefind, then itself
    try:
        run.wait(10)
    except subprocess.TimeoutExpired:
        run.kill()
        run.wait()


def _stop(signum: int, frame: object) -> None:
    for run in list(_RUNNING):
        run.kill()
    os._exit(1)


def _index_in_background(site: Path, urls: SiteUrls) -> int:
    from ruangaman.finish.hostfiles import write_host_files

    signal.signal(signal.SIGTERM, _stop)
    os.nice(10)  # the preview's next rebuild goes first; Pagefind inherits this
    try:
        index_site(site, urls)
    except SearchIndexError:
        return 1
    write_host_files(site)
    return 0


if __name__ == "__main__":  # the background run of `start_indexing`
    sys.exit(_index_in_background(Path(sys.argv[1]), SiteUrls(tuple(sys.argv[2:]))))
