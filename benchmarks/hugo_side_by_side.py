"""Our build against Hugo's on the same national directory, time per page, in one run.

    .venv/bin/python benchmarks/hugo_side_by_side.py            # 7,800 services
    .venv/bin/python benchmarks/hugo_side_by_side.py 2000       # a smaller directory

Needs Debian's `hugo` (`apt-get install hugo`, 0.111.3 on Debian 12; not a test dependency).

1. `benchmarks/generate.py` writes the directory into benchmarks/out/site-N (if not there).
2. **Ours**: `ruangaman build` into an empty `site/`, timed (wall, and user + system CPU of the
   command and its helpers from GNU time): validation, render, MkDocs + Material, the framed
   pages, open data, the injected-code check, the sitemap, Pagefind, the host files.
3. **Hugo**: every service page of both languages as Hugo content (`content/<lang>/layanan/
   <slug>.html`, front matter with the title, the page's content as our build wrote it, taken
   from `<article>`), a minimal layout with the same header (site name, language link), hotline
   strip (`data/strip.json`, from the site's pinned hotlines as our pages show them), primary
   navigation (a nested Hugo menu per language, from our pages' navigation) and content, built
   with `hugo` (no list pages, no taxonomies, no sitemap, no RSS: only the service pages).
   Everything goes to benchmarks/out/hugo-N (ignored by git).
4. Prints ours and Hugo's time per page: ours over every HTML page it wrote (service pages,
   posters, lists, guides), Hugo's over the service pages it wrote. Hugo does less per page
   (no validation, no search index, no checks), so this is Hugo's floor against our whole build.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import timed_cpu  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
STRIP = re.compile(
    r'<li><span class="ra-strip__name">(.*?)</span> <a class="ra-strip__btn ra-strip__call" '
    r'href="tel:([^"]+)"><span class="ra-strip__small">(.*?)</span>',
    re.S,
)
SITE_NAME = re.compile(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)


class _Nav(HTMLParser):
    """The primary navigation of one of our pages as (title, link, parent) entries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[dict] = []
        self._depth = 0  # <nav> elements open inside the primary one
        self._parents: list[str | None] = [None]
        self._link: str | None = None
        self._text: list[str] = []
        self._label = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "nav":
            if self._depth or "md-nav--primary" in (attrs.get("class") or ""):
                self._depth += 1
                if self._depth > 1:
                    self._parents.append(self.entries[-1]["identifier"] if self.entries else None)
        elif self._depth and tag == "a" and "md-nav__link" in (attrs.get("class") or ""):
            self._link, self._text = attrs.get("href"), []
        elif self._depth and tag == "label" and "md-nav__link" in (attrs.get("class") or ""):
            self._label, self._text = True, []

    def handle_data(self, data: str) -> None:
        if self._link is not None or self._label:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1
            if self._depth:
                self._parents.pop()
        elif tag == "a" and self._link is not None:
            self._add(self._link)
            self._link = None
        elif tag == "label" and self._label:
            self._add("")
            self._label = False

    def _add(self, link: str) -> None:
        name = " ".join("".join(self._text).split())
        if not name:
            return
        entry = {"name": name, "identifier": f"n{len(self.entries)}", "weight": len(self.entries)}
        if link:
            entry["url"] = link
        if self._parents[-1]:
            entry["parent"] = self._parents[-1]
        self.entries.append(entry)


LAYOUT = """<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body>
<header class="md-header"><nav class="md-header__inner" aria-label="Header">
<a href="{{ .Site.Home.RelPermalink }}" class="md-header__button md-logo">{{ .Site.Title }}</a>
<span class="md-header__topic">{{ .Title }}</span>
{{ range .Translations }}<a class="md-select__link" hreflang="{{ .Lang }}"
 href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}
</nav></header>
<ul class="ra-strip">{{ range index .Site.Data.strip .Site.Language.Lang }}
<li><span class="ra-strip__name">{{ .name }}</span> <a class="ra-strip__btn ra-strip__call"
 href="tel:{{ .tel }}"><span class="ra-strip__small">{{ .label }}</span>
 <span class="ra-strip__big">{{ .tel }}</span></a></li>{{ end }}
</ul>
<nav class="md-nav md-nav--primary" aria-label="Navigation"><ul class="md-nav__list">
{{ range .Site.Menus.main }}<li class="md-nav__item">{{ if .HasChildren }}
<span class="md-nav__link">{{ .Name }}</span><nav class="md-nav"><ul class="md-nav__list">
{{ range .Children }}<li class="md-nav__item"><a href="{{ .URL }}" class="md-nav__link">
<span class="md-ellipsis">{{ .Name }}</span></a></li>{{ end }}</ul></nav>{{ else }}
<a href="{{ .URL }}" class="md-nav__link"><span class="md-ellipsis">{{ .Name }}</span></a>
{{ end }}</li>{{ end }}
</ul></nav>
<main class="md-main"><article class="md-content__inner md-typeset">
{{ .Content }}
</article></main>
</body>
</html>
"""


def hugo_project(built: Path, target: Path, languages: list[str]) -> int:
    """Write the Hugo project of `built`'s service pages into `target`; return their count."""
    if target.exists():
        shutil.rmtree(target)
    (target / "layouts" / "_default").mkdir(parents=True)
    (target / "layouts" / "_default" / "single.html").write_text(LAYOUT, "utf-8")
    strip: dict[str, list] = {}
    config: dict = {
        "baseURL": "/",
        "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"],
        "defaultContentLanguage": languages[0],
        "defaultContentLanguageInSubdir": False,
        "uglyURLs": False,
        "languages": {},
    }
    pages = 0
    for number, lang in enumerate(languages):
        folder = built if number == 0 else built / lang
        services = sorted((folder / "layanan").glob("*/index.html"))
        sample = services[0].read_text("utf-8")
        nav = _Nav()
        nav.feed(sample)
        strip[lang] = [
            {"name": html.unescape(n), "tel": tel, "label": html.unescape(label)}
            for n, tel, label in STRIP.findall(sample)
        ]
        title = html.unescape(SITE_NAME.search(sample.split("md-header__topic", 1)[1]).group(1))
        config["languages"][lang] = {
            "languageName": lang,
            "weight": number + 1,
            "title": title,
            "contentDir": f"content/{lang}",
            "menus": {"main": nav.entries},
        }
        out = target / "content" / lang / "layanan"
        out.mkdir(parents=True)
        for page in services:
            text = page.read_text("utf-8")
            body = ARTICLE.search(text).group(1)
            name = html.unescape(TITLE.search(text).group(1)).rpartition(" - ")[0]
            front = json.dumps({"title": name, "slug": page.parent.name}, ensure_ascii=False)
            (out / f"{page.parent.name}.html").write_text(f"{front}\n{body}", "utf-8")
            pages += 1
    (target / "data").mkdir()
    (target / "data" / "strip.json").write_text(json.dumps(strip, ensure_ascii=False), "utf-8")
    (target / "config.json").write_text(json.dumps(config, ensure_ascii=False), "utf-8")
    return pages


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 7800
    if shutil.which("hugo") is None:
        raise SystemExit("hugo is not installed: apt-get install hugo")
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    site = OUT / f"site-{count}"
    if not (site / "content").is_dir():
        generate(site, count)
    shutil.rmtree(site / "site", ignore_errors=True)
    ours_wall, ours_cpu, ours_peak, _ = timed_cpu([str(BIN / "ruangaman"), "build"], site)
    our_pages = sum(1 for _ in (site / "site").rglob("*.html"))
    target = OUT / f"hugo-{count}"
    service_pages = hugo_project(site / "site", target, ["id", "en"])
    hugo_cmd = ["hugo", "--quiet", "--destination", str(target / "public"), "--cleanDestinationDir"]
    hugo_wall, hugo_cpu, hugo_peak, _ = timed_cpu(hugo_cmd, target)
    hugo_pages = sum(1 for _ in (target / "public").rglob("*.html"))
    rows = [
        ("ours (`ruangaman build`)", ours_wall, ours_cpu, ours_peak, our_pages),
        (
            f"Hugo ({version.split()[1] if version else '?'})",
            hugo_wall,
            hugo_cpu,
            hugo_peak,
            hugo_pages,
        ),
    ]
    print(f"{count} services; Hugo content: {service_pages} service pages\n")
    print("| build | wall | CPU (user + sys) | peak | HTML pages | wall per page | CPU per page |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, wall, cpu, peak, pages in rows:
        print(
            f"| {name} | {wall:.1f} s | {cpu:.1f} s | {peak / 1024:.0f} MiB | {pages:,} "
            f"| {1000 * wall / pages:.2f} ms | {1000 * cpu / pages:.2f} ms |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
