"""What a built site publishes: files and bytes, in all and by part (issue 16).

    .venv/bin/python benchmarks/published.py site/ [another-site/ ...]

Prints one Markdown table row per part of each site (pages, Material's assets, our assets,
Pagefind, open data, host files, the rest) and the total. Bytes are the files' sizes as
published (not gzip: a host compresses on the fly).
"""

from __future__ import annotations

import sys
from pathlib import Path

PARTS = (
    ("pages (HTML)", lambda rel: rel.endswith(".html")),
    ("Material's JavaScript", lambda rel: rel.startswith("assets/javascripts/")),
    ("source maps", lambda rel: rel.endswith(".map")),
    (
        "Material's CSS and favicon",
        lambda rel: rel.startswith(("assets/stylesheets/", "assets/images/")),
    ),
    ("our assets and sw.js", lambda rel: rel.startswith("assets/") or rel == "sw.js"),
    ("Pagefind", lambda rel: rel.startswith("pagefind/")),
    ("open data and vCards", lambda rel: rel.startswith(("api/", "kontak/"))),
)


def part_of(rel: str) -> str:
    for name, matches in PARTS:
        if matches(rel):
            return name
    return "host files, sitemap, robots.txt"


def measure(site: Path) -> dict[str, tuple[int, int]]:
    parts: dict[str, tuple[int, int]] = {}
    for path in site.rglob("*"):
        if path.is_file():
            name = part_of(path.relative_to(site).as_posix())
            files, size = parts.get(name, (0, 0))
            parts[name] = (files + 1, size + path.stat().st_size)
    return parts


def main(sites: list[str]) -> int:
    print("| site | part | files | bytes |\n| --- | --- | ---: | ---: |")
    for site in sites:
        parts = measure(Path(site))
        for name in [*(n for n, _ in PARTS), "host files, sitemap, robots.txt"]:
            if name in parts:
                files, size = parts[name]
                print(f"| {site} | {name} | {files:,} | {size:,} |")
        total = (sum(f for f, _ in parts.values()), sum(s for _, s in parts.values()))
        print(f"| {site} | **total** | **{total[0]:,}** | **{total[1]:,}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["site"]))
