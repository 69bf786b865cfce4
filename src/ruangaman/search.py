"""Search index: Pagefind indexes the built site, one index per language (it stems Indonesian).

Run once after every language is built. Pagefind reads `<html lang>` of each page and only the
part marked `data-pagefind-body` (the page content, not the navigation or the hotline strip),
and writes `pagefind/` into the site. The reader's browser downloads the search interface and
the index only when they open search.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries what it printed."""


def index_site(site: Path) -> Path:
    """Write the Pagefind index of `site` into `site/pagefind/`; return that folder."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-subdir",
            BUNDLE,
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip())
    return site / BUNDLE
