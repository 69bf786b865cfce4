"""The sitemap search engines read: every page of the finished site, in every language.

Written from the built site itself (every `index.html`), so it lists pages whichever step wrote
them. Each address names its versions in the other languages (`xhtml:link hreflang`), as each
page's head does (`build.heads`): a page shown in the main language on another language's side
(`build.staging.shown_in_main_language`) is no version, and is not listed (its canonical address
is the original's). Without the site's address (`url:` in content/site.yml) no sitemap is
written: a sitemap needs full addresses. `robots.txt` is written either way, and names the
sitemap when there is one. There is no `lastmod`: the build does not know when a page's facts
last changed, and a date that moves with every build would make every publish send the sitemap
again.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from ruangaman.paths import SiteUrls

MAX_URLS = 50_000  # the sitemap protocol's limit for one file
NOT_PAGES = ("assets", "api", "pagefind", "search")
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def site_pages(site: Path, urls: SiteUrls) -> list[str]:
    """Every page's address in the main language, relative to the site: `""`, `layanan/x/`."""
    others = set(urls.others)
    pages = []
    for path in site.rglob("index.html"):
        parts = path.relative_to(site).parts[:-1]
        if parts and (parts[0] in others or parts[0] in NOT_PAGES):
            continue
        pages.append("".join(f"{part}/" for part in parts))
    return sorted(pages)


def write_sitemap(
    site: Path, urls: SiteUrls, not_versions: frozenset[str] = frozenset()
) -> list[Path]:
    """Write `sitemap.xml` (and more files past 50,000 addresses) and `robots.txt`; return the
    sitemap files written. `not_versions`: the addresses from the site root (`en/tentang/`) of
    pages shown in another language, left out."""
    for old in [*site.glob("sitemap*.xml"), *site.glob("sitemap*.xml.gz")]:
        old.unlink()
    base = urls.base
    if base is None:
        write_robots(site, None)
        return []
    entries: list[str] = []
    for page in site_pages(site, urls):
        versions = {urls.main: page}
        for lang in urls.others:
            path = urls.prefix(lang) + page
            if path not in not_versions and (site / path / "index.html").is_file():
                versions[lang] = path
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(base + path)}/>'
            for lang, path in versions.items()
        )
        for path in versions.values():
            entries.append(f"<url><loc>{_text(base + path)}</loc>{links}</url>\n")
    chunks = [entries[i : i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)] or [[]]
    write_robots(site, base + "sitemap.xml")
    if len(chunks) == 1:
        target = site / "sitemap.xml"
        target.write_text(_HEAD + "".join(chunks[0]) + "</urlset>\n", encoding="utf-8")
        return [target]
    written = []
    for number, chunk in enumerate(chunks, 1):
        part = site / f"sitemap-{number}.xml"
        part.write_text(_HEAD + "".join(chunk) + "</urlset>\n", encoding="utf-8")
        written.append(part)
    index = site / "sitemap.xml"
    index.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"<sitemap><loc>{_text(base + p.name)}</loc></sitemap>\n" for p in written)
        + "</sitemapindex>\n",
        encoding="utf-8",
    )
    return [index, *written]


def write_robots(site: Path, sitemap: str | None) -> Path:
    """`robots.txt`: every page may be crawled; the sitemap's full address when there is one.
    (Search engines read it only at a host's root: a site under a sub-path, such as a GitHub
    project site, submits its sitemap in the search engine's console instead; README.)"""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap:
        lines.append(f"Sitemap: {_robots_value(sitemap)}")
    target = site / "robots.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _robots_value(value: str) -> str:
    """An address on one line of robots.txt: nothing that could start another line."""
    return "".join(c for c in value if c.isprintable() and not c.isspace())


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
