"""Nothing is published that no page uses: every file of a built site is referenced, by a page or
by what a page loads, or is an entry point a host, a browser or a crawler asks for by name.

"Referenced" is what a reader's browser (or a host, or a search engine) would fetch, followed
from file to file as each one names the next:

- entry points, asked for by name: the home page `index.html`, the host's not-found page
  `404.html`, `robots.txt`, and the host files `_headers`, `.htaccess`, `.nojekyll`;
- a page (HTML): every address attribute (`href`, `src`, `srcset`, ...) and a `<meta>` whose
  content is an address of the site (Open Graph's `og:image`);
- a stylesheet: `url(...)` and `@import` (a `sourceMappingURL` comment is not a reference: only
  a browser's developer tools read it);
- a script: the files it loads (`SCRIPT_LOADS`, each checked to be named in the script, so the
  table cannot outlive the code), and the service worker's list of files to keep offline;
- Pagefind's entry file: each language's meta file and word stemmer; a meta file: the index
  chunks and page fragments it names (Pagefind's own loader fetches exactly those);
- `robots.txt`: its sitemap; a sitemap: every address in it; `.htaccess`: its not-found pages.

The files `_headers` names in its caching rules must be published, but a rule is not a reason
to publish a file: it reaches nothing.

Three sites are built: the shipped Kubu Raya content with an address (sitemap, QR codes), the
fixture site with a verified service (its vCard), and the shipped content with a third
language Pagefind has no stemmer for.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import PUBLISHED_SITE_YML, ROOT, Project

from ruangaman.build import run_mkdocs_build
from ruangaman.finish.hostfiles import URL_ATTRS

ENTRY_POINTS = ("index.html", "404.html", "robots.txt", "_headers", ".htaccess", ".nojekyll")

# The files each script loads, by their path from the site's root: ruangaman.js opens search
# from the site root it reads in the page (`data-ra-base`) and registers the service worker at
# the site root (on every page: the directory's script loads only where it works), and
# Pagefind's interface loads its library, which loads its worker and its entry file.
SCRIPT_LOADS = {
    "assets/ruangaman.js": ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "sw.js"),
    "pagefind/pagefind-ui.js": ("pagefind/pagefind.js",),
    "pagefind/pagefind.js": ("pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json"),
}

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_PRECACHE = re.compile(r"var PRECACHE = (\[.*?\]);", re.S)
_SITEMAP_URL = re.compile(r'<loc>([^<]+)</loc>|href="([^"]+)"')
_ERROR_DOCUMENT = re.compile(r"^\s*ErrorDocument 404 (\S+)", re.M)
LOCAL = "https://published.invalid/"  # a site without an address: any origin stands in


def _pagefind_chunks(meta: Path) -> list[str]:
    """The index chunks and page fragments a language's meta file names (gzip, then
    `pagefind_dcd` and CBOR): each a text string `<language>_<hash>`."""
    data = gzip.decompress(meta.read_bytes())
    assert data.startswith(b"pagefind_dcd"), f"{meta.name} is not a Pagefind file it knows"
    language = meta.name.split(".")[1].rsplit("_", 1)[0]
    # A CBOR text string: a length byte (0x60 + n, n < 24), then its n bytes.
    strings = re.compile(rb"([\x60-\x77])(" + re.escape(language).encode() + rb"_[0-9a-f]+)")
    chunks = []
    for match in strings.finditer(data):
        if len(match.group(2)) == match.group(1)[0] - 0x60:
            chunks.append(match.group(2).decode())
    return list(dict.fromkeys(chunks))


class _Addresses(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("srcset", "imagesrcset"):
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in URL_ATTRS or name.endswith(("href", "src")):
                self.found.append(value)
        if tag == "meta" and "://" in (values.get("content") or ""):
            self.found.append(values["content"])

    handle_startendtag = handle_starttag


class Site:
    """A built folder, and how its addresses map to its files."""

    def __init__(self, folder: Path, address: str | None) -> None:
        self.folder = folder
        self.origin = address or LOCAL
        self.files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    def file_of(self, address: str, within: str) -> str | None:
        """The published file an address in file `within` names (None: not this site's)."""
        address = address.strip()
        if not address or address.startswith("#"):
            return None
        absolute = urljoin(self.origin + within, address)
        if not absolute.startswith(self.origin):
            return None  # another site, tel:, mailto:, data:, ...
        path = unquote(urlsplit(absolute[len(self.origin) :]).path)
        if path == "" or path.endswith("/"):
            return path + "index.html"
        if (self.folder / path).is_dir():
            return path + "/index.html"
        return path

    def references(self, rel: str) -> tuple[list[str], list[str]]:
        """(files that `rel` references, addresses it names that are not published)."""
        path = self.folder / rel
        named: list[str] = []  # addresses, relative to `rel`
        files: list[str] = []  # paths from the site root
        if rel.endswith(".html"):
            parser = _Addresses()
            parser.feed(path.read_text(encoding="utf-8"))
            named = parser.found
        elif rel.endswith(".css"):
            text = _CSS_COMMENT.sub("", path.read_text(encoding="utf-8"))
            named = [m.group(2) or m.group(4) for m in _CSS_URL.finditer(text)]
            named = [n for n in named if not n.startswith("data:")]
        elif rel == "sw.js":
            named = json.loads(_PRECACHE.search(path.read_text(encoding="utf-8")).group(1))
        elif rel == "robots.txt":
            text = path.read_text(encoding="utf-8")
            named = re.findall(r"^Sitemap: (\S+)", text, re.M)
        elif re.fullmatch(r"sitemap(-\d+)?\.xml", rel):
            text = path.read_text(encoding="utf-8")
            named = [a or b for a, b in _SITEMAP_URL.findall(text)]
        elif rel == ".htaccess":
            named = _ERROR_DOCUMENT.findall(path.read_text(encoding="utf-8"))
        elif rel == "_headers":
            # Its rules name files (the hashed ones it caches for a year) from the folder the
            # host publishes: each must exist, but a rule is no reason to publish a file.
            lines = path.read_text(encoding="utf-8").splitlines()
            ruled = [line[1:] for line in lines if line.startswith("/") and line != "/*"]
            return [], [f"{rel} -> /{r}" for r in ruled if r not in self.files]
        elif rel == "pagefind/pagefind-entry.json":
            entry = json.loads(path.read_text(encoding="utf-8"))
            for language in entry["languages"].values():
                named += [f"pagefind.{language['hash']}.pf_meta"]
                named += [f"wasm.{language.get('wasm') or 'unknown'}.pagefind"]
        elif rel.endswith(".pf_meta"):
            for chunk in _pagefind_chunks(path):
                for kind in ("index", "fragment", "filter"):
                    candidate = f"pagefind/{kind}/{chunk}.pf_{kind}"
                    if candidate in self.files:
                        files.append(candidate)
        if rel in SCRIPT_LOADS:
            text = path.read_text(encoding="utf-8")
            for loaded in SCRIPT_LOADS[rel]:
                assert loaded.rsplit("/", 1)[-1] in text, f"{rel} no longer loads {loaded}"
            files += SCRIPT_LOADS[rel]
        missing = []
        for address in named:
            target = self.file_of(address, rel)
            if target is None:
                continue
            files.append(target)
            if target not in self.files:
                missing.append(f"{rel} -> {address}")
        return files, missing

    def walk(self) -> tuple[set[str], list[str]]:
        """Every file reached from the entry points, and every reference to a missing file."""
        reached: set[str] = set()
        missing: list[str] = []
        todo = [e for e in ENTRY_POINTS if e in self.files]
        while todo:
            rel = todo.pop()
            if rel in reached or rel not in self.files:
                continue
            reached.add(rel)
            files, gone = self.references(rel)
            missing += gone
            todo += [f for f in files if f not in reached]
        return reached, missing


def _shipped_with_address(folder: Path) -> tuple[Path, str]:
    for name in ("content", "docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    address = "https://ruangaman.contoh.test/kuburaya/"
    site_yml = folder / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"url: {address}\n", "utf-8")
    return folder, address


def _three_languages(folder: Path) -> tuple[Path, str]:
    """The shipped site with Banjar added (`bjn`: a language Pagefind cannot stem, so its
    index names the stemmer of no language, `wasm.unknown.pagefind`)."""
    from test_third_language import add_language

    root, address = _shipped_with_address(folder)
    add_language(root, "bjn")
    return root, address


def _fixture_site(folder: Path) -> tuple[Path, str]:
    project = Project(folder)
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    return folder, "https://ruangaman.contoh.test/uji/"


SITES = {"shipped": _shipped_with_address, "fixture": _fixture_site, "bjn": _three_languages}


@pytest.fixture(scope="module", params=list(SITES))
def built(request, tmp_path_factory) -> Site:
    root, address = SITES[request.param](tmp_path_factory.mktemp(request.param))
    return Site(run_mkdocs_build(root, root / "site"), address)


def test_every_published_file_is_referenced_by_a_page_or_an_entry_point(built):
    reached, _ = built.walk()
    unused = sorted(built.files - reached)
    assert not unused, f"{len(unused)} published file(s) nothing references:\n" + "\n".join(unused)


def test_every_file_a_page_references_is_published(built):
    _, missing = built.walk()
    assert not missing, "\n".join(sorted(set(missing)))


def test_the_walk_reaches_every_kind_of_file_it_follows(built):
    """The walk is not vacuous: it reached pages in both languages, the theme's and our own
    assets, the service worker, open data and the search index down to its fragments."""
    reached, _ = built.walk()
    for expected in (
        "en/index.html",
        "assets/ruangaman.js",
        "assets/ruangaman-directory.js",
        "assets/ruangaman-plan.js",
        "assets/images/favicon.png",
        "sw.js",
        "api/services.json",
        "sitemap.xml",
        "pagefind/pagefind-entry.json",
    ):
        assert expected in reached
    assert any(rel.startswith("pagefind/fragment/") for rel in reached)
    # the site's three sheets (every screen, wide screens, print), made by finish/stylesheet.py
    sheets = {rel.split("/")[-1].split(".")[0] for rel in reached if rel.endswith(".min.css")}
    assert sheets == {"ruangaman", "ruangaman-wide", "ruangaman-print"}, sheets
    assert not any(rel.startswith("assets/javascripts/") for rel in built.files)
