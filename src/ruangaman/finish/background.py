"""The preview's background search index: Pagefind and the host files, after each rebuild.

The preview (`ruangaman serve`) does not wait for the search index: on a large site indexing
every page again takes longer than the rebuild. After each rebuild the session's
`BackgroundIndex` (`session.indexing`) stops the run still going for the previous one and
starts a new one: a separate Python process
(`python -m ruangaman.finish.background <site> <url> <languages…>`) that indexes the site,
then writes the host files, whose Content Security Policy depends on the index. It stays in
the preview's process group, so stopping the preview (Ctrl+C) stops it too; `close()` (the
session's) stops it as well.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ruangaman.finish.search import SearchIndexError, index_site
from ruangaman.paths import SiteUrls


class BackgroundIndex:
    """At most one background run of search index + host files for one site at a time."""

    def __init__(self) -> None:
        self.run: subprocess.Popen | None = None

    def start(self, site: Path, urls: SiteUrls) -> None:
        """Stop the run going on (its site is being rebuilt), then index `site` anew."""
        self.stop()
        self.run = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ruangaman.finish.background",
                str(site),
                urls.url or "",
                *urls.languages,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait(self, seconds: float | None = None) -> int | None:
        """Wait for the run going on; its exit code (None when there is none)."""
        if self.run is None:
            return None
        return self.run.wait(seconds)

    def stop(self) -> None:
        """Stop the run if it is still going (it stops its Pagefind, then itself)."""
        run, self.run = self.run, None
        if run is None or run.poll() is not None:
            return
        run.terminate()
        try:
            run.wait(10)
        except subprocess.TimeoutExpired:
            run.kill()

    close = stop  # BuildSession.close()


def _index_in_background(site: Path, urls: SiteUrls) -> int:
    """In the background process: index, then write the host files."""
    from ruangaman.finish.hostfiles import write_host_files

    running: list[subprocess.Popen] = []  # the Pagefind run going on, for SIGTERM
    # The copy of the site Pagefind reads is made in here: os._exit skips every cleanup.
    scratch = Path(tempfile.mkdtemp(prefix="ruangaman-search-"))

    def watch(run: subprocess.Popen | None) -> None:
        running[:] = [run] if run is not None else []

    def stop(signum: int, frame: object) -> None:
        for run in running:
            run.kill()
        shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)
    os.nice(10)  # the preview's next rebuild goes first; Pagefind inherits this
    try:
        index_site(site, urls, watch, scratch)
    except SearchIndexError:
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write_host_files(site, urls.root_path)
    return 0


if __name__ == "__main__":  # the background run of `BackgroundIndex.start`
    sys.exit(_index_in_background(Path(sys.argv[1]), SiteUrls(tuple(sys.argv[3:]), sys.argv[2])))
