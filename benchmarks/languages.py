"""Build time against the number of languages: the national directory (7,800 services by
default) built with two languages (id, en) and with three (id, en and a third added as an
editor would: `languages:` in site.yml, the i18n plugin's entry in mkdocs.yml and
content/interface/<code>.yml from `ruangaman new interface`).

    .venv/bin/python benchmarks/languages.py            # 7800 services
    .venv/bin/python benchmarks/languages.py 2000       # another size

The goal (issue 14): a build grows no worse than linearly in the number of languages, i.e.
time with three languages ≤ 1.5 × time with two (plus the noise of one run).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import BIN, OUT, site_size, timed  # noqa: E402

from ruangaman.editor.new import new_interface  # noqa: E402

ENGLISH = "        - locale: en\n          name: English\n          build: true\n"


def add_language(site: Path, code: str = "ms") -> None:
    path = site / "content" / "site.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["languages"].append(code)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    mkdocs = site / "mkdocs.yml"
    entry = ENGLISH.replace("en", code).replace("English", f"Language {code}")
    mkdocs.write_text(mkdocs.read_text("utf-8").replace(ENGLISH, ENGLISH + entry), "utf-8")
    written, problems = new_interface(site, code)
    assert written is not None, problems


def measure(count: int, languages: int) -> dict:
    site = generate(OUT / f"site-{count}-{languages}", count)
    if languages == 3:
        add_language(site)
    build, peak, _ = timed([str(BIN / "ruangaman"), "build"], site)
    total, pages, _ = site_size(site / "site")
    return {"languages": languages, "build_s": build, "peak_mib": peak / 1024, "pages": pages,
            "output_mib": total / 2**20}  # fmt: skip


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 7800
    rows = [measure(count, 2), measure(count, 3)]
    lines = [
        f"| {count:,} services | full build | peak memory | HTML pages | output |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['languages']} languages | {r['build_s']:.1f} s | {r['peak_mib']:.0f} MiB "
            f"| {r['pages']:,} | {r['output_mib']:.0f} MiB |"
        )
    ratio = rows[1]["build_s"] / rows[0]["build_s"]
    lines.append(f"\nthree / two languages: {ratio:.2f} × the time (linear would be 1.50 ×)")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
