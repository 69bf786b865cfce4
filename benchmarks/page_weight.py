"""Page weight of the built site (a benchmark, not a test): what a reader downloads.

For home, a guide, the directory and a service page, in Indonesian: HTML, CSS and JS bytes,
raw and gzip (level 6, as web servers send them); the first view on a phone (the page, the
stylesheets it links without a `media` a phone does not match, and its scripts) and a second
page once CSS and JS are cached (its HTML only); the stylesheets for wide screens and print,
which a phone fetches last and paints without; and where the hotline strip ends, in raw bytes
and in bytes of the gzip stream. Goals (issue 16): first view <= 14 KB gzip (one round trip),
second page <= 5 KB, hotlines within the first 14 KB.

    .venv/bin/python benchmarks/page_weight.py            # builds into benchmarks/out/site
    .venv/bin/python benchmarks/page_weight.py site/      # measures an existing build
"""

from __future__ import annotations

import gzip
import re
import sys
import zlib
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "home": "index.html",
    "guide": "panduan/cara-melapor/index.html",
    "directory": "layanan/index.html",
    "service": "layanan/uptd-ppa-kubu-raya/index.html",
}
STRIP_END = b"</ul>"
ASSET = re.compile(rb'<(?:link rel="stylesheet" href|script src)="([^"]+)"( media="[^"]*")?')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def gzip_offset(html: bytes, end: int) -> int:
    """Bytes of the gzip stream a browser needs before it has html[:end]."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(packer.compress(html[:end]) + packer.flush(zlib.Z_SYNC_FLUSH))


def measure(site: Path) -> list[dict]:
    rows = []
    for name, rel in PAGES.items():
        html = (site / rel).read_bytes()
        sizes = {"html": [len(html), gz(html)], "css": [0, 0], "js": [0, 0]}
        later = [0, 0]  # stylesheets for other media: wide screens, print
        for href, media in ASSET.findall(html):
            target = (site / urljoin(rel, href.decode())).resolve()
            data = target.read_bytes()
            kind = "css" if target.suffix == ".css" else "js"
            counted = later if media else sizes[kind]
            counted[0] += len(data)
            counted[1] += gz(data)
        strip = html.index(b'<ul class="ra-strip"')
        end = html.index(STRIP_END, strip) + len(STRIP_END)
        rows.append(
            {
                "page": name,
                **sizes,
                "total": [sum(v[0] for v in sizes.values()), sum(v[1] for v in sizes.values())],
                "later": later,
                "strip_raw": end,
                "strip_gzip": gzip_offset(html, end),
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if argv:
        site = Path(argv[0])
    else:
        sys.path.insert(0, str(ROOT / "src"))
        from ruangaman.build import run_mkdocs_build

        site = run_mkdocs_build(ROOT, ROOT / "benchmarks" / "out" / "site")
    kb = 1024
    print(
        "| page | HTML raw / gzip | CSS raw / gzip | JS raw / gzip | first view raw / gzip "
        "| second page gzip | strip ends at (raw / gzip) | wide + print CSS raw / gzip |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in measure(site):
        cells = [f"{r[k][0] / kb:.1f} / {r[k][1] / kb:.1f} KB" for k in ("html", "css", "js")]
        print(
            f"| {r['page']} | "
            + " | ".join(cells)
            + f" | {r['total'][0] / kb:.1f} / {r['total'][1] / kb:.1f} KB"
            + f" | {r['html'][1] / kb:.1f} KB | {r['strip_raw']} B / {r['strip_gzip']} B"
            + f" | {r['later'][0] / kb:.1f} / {r['later'][1] / kb:.1f} KB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
