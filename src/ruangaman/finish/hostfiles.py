"""Host files written into every built site: `_headers` (Netlify, Cloudflare Pages), `.htaccess`
(Apache shared hosting) and `.nojekyll` (GitHub Pages); the Content Security Policy they send,
which every page also carries in a `<meta http-equiv>` (GitHub Pages sends no headers); and the
check that no built page holds inline code the project did not write.

The policy (`paths.content_security_policy`, the kernel: every page's `<head>` carries it too)
allows only the inline code the project's own templates ship (`paths.OWN_SCRIPTS`,
`OWN_STYLES`: none at all). It is known before any page is written and is never read back from
the built pages: a policy that hashed whatever inline code the pages held would bless a script
that got in through content. Instead every built page is read after the build
(`injected_code`), and any other inline `<script>` or `<style>`, `style="…"`, `on…=` attribute
or `javascript:` address fails the build with the page named.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

from ruangaman.paths import (
    DATA_BLOCK_TYPE,
    OWN_SCRIPTS,
    OWN_STYLE_ATTRS,
    OWN_STYLES,
    address,
    content_security_policy,
)
from ruangaman.session import BuildOptions, fork_map

LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
# Material's bundles carry a content hash in their names: main.57a0d79d.min.css
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$")
MAX_RULES = 90  # Cloudflare Pages reads at most 100 rules
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)


# --- inline code that is not ours -------------------------------------------------------------


@dataclass(frozen=True)
class Injected:
    """One piece of inline code in a built page: the page (relative to the site), its line, and
    what it is (`<img onerror=…>`, `<script>`, `<a href="javascript:…">`)."""

    page: str
    line: int
    what: str


# Attributes whose value is an address a browser may follow or load (any element, any case);
# SVG animation attributes can set an `href` to one.
URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "cite",
        "codebase",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "usemap",
        "manifest",
        "icon",
        "ping",
        "srcset",
        "imagesrcset",
        "xlink:href",
        "xml:base",
        "to",
        "from",
        "values",
        "by",
    }
)
_SCRIPT_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*script:")  # javascript:, vbscript:, …
_URL_IGNORED = "\t\n\r"  # browsers drop these anywhere in an address (`paths.address`)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?(.*)", re.I | re.S)


def _runs_code(value: str) -> bool:
    # One rule for how a browser reads an address, shared with the guides' check.
    return _SCRIPT_SCHEME.match(address(value).lower()) is not None


def _script_url(value: str) -> bool:
    """True for an address that runs code (`javascript:` and the like) as a browser reads it:
    entities are decoded already (by the parser); spaces and control characters around it,
    tabs and newlines anywhere in it, and case do not matter. A list of addresses (`srcset`,
    `ping`, SVG `values`) counts if any item does."""
    return _runs_code(value) or any(_runs_code(p) for p in re.split(r"[,;\s]+", value) if p)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Injections(HTMLParser):
    """Every piece of inline code in one page that is not in OWN_SCRIPTS/OWN_STYLES."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found: list[Injected] = []
        self._open: tuple[str, int, bool] | None = None  # script/style being read
        self._data_block = False  # the script being read is `<script type="application/ld+json">`
        self._text: list[str] = []

    def _add(self, what: str, line: int | None = None) -> None:
        self.found.append(Injected(self.page, line or self.getpos()[0], what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attrs(tag, attrs)
        names = {name for name, _ in attrs}
        if tag in ("script", "style"):
            self._open = (tag, self.getpos()[0], tag == "script" and "src" in names)
            self._text = []
            self._data_block = tag == "script" and attrs == [("type", DATA_BLOCK_TYPE)]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attrs(tag, attrs)  # `<script/>` opens nothing in HTML: nothing to read

    def _check_attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        http_equiv = ""
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add(f"<{tag} {name}=…>")
            elif name == "style" and value not in OWN_STYLE_ATTRS:
                self._add(f'<{tag} style="{_short(value, 40)}">')
            elif name == "srcdoc":
                self._add(f"<{tag} srcdoc=…>")
            elif (name in URL_ATTRS or name.endswith(("href", "src"))) and _script_url(value):
                self._add(f'<{tag} {name}="{_short(value, 40)}">')
            elif name == "http-equiv":
                http_equiv = value.strip().lower()
        if tag == "meta" and http_equiv == "refresh":
            content = dict(attrs).get("content") or ""
            match = _REFRESH_URL.search(content)
            if match and _script_url(match.group(1).rstrip("'\"")):
                self._add(f'<meta http-equiv="refresh" content="{_short(content, 40)}">')

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[0] == tag:
            kind, line, external = self._open
            code = "".join(self._text)
            if kind == "script" and external:
                if code.strip():  # a browser ignores it, but it is not ours either
                    self._add("<script src=…>" + _short(code, 40), line)
            elif kind == "script" and self._data_block and is_data_block(code):
                pass  # structured data: never run by a browser (paths.DATA_BLOCK_TYPE)
            elif kind == "script" and code not in OWN_SCRIPTS:
                self._add("<script>" + _short(code, 40), line)
            elif kind == "style" and code not in OWN_STYLES:
                self._add("<style>" + _short(code, 40), line)
            self._open = None

    def close(self) -> None:
        super().close()
        if self._open:  # never closed: a browser runs it to the end of the page
            kind, line, external = self._open
            self._add(f"<{kind}>" + _short("".join(self._text), 40), line)
            self._open = None

    # Python's parser and a browser may end a comment (or a bogus one) in different places:
    # whatever would be code if the comment ended early counts.
    def handle_comment(self, data: str) -> None:
        if _might_hold_code(data):
            self._add("<!-- " + _short(data, 40) + " -->")

    def unknown_decl(self, data: str) -> None:
        if _might_hold_code(data):
            self._add("<![" + _short(data, 40) + "]>")

    def handle_decl(self, decl: str) -> None:
        if _might_hold_code(decl):
            self._add("<!" + _short(decl, 40) + ">")

    def handle_pi(self, data: str) -> None:
        if _might_hold_code(data):
            self._add("<?" + _short(data, 40) + ">")


# A page none of these match holds no inline code: the parser is not needed (it is slow, and a
# national site has 32,000 pages). Anything unusual goes to the parser, which decides.
# Searched in the text lowered once (`str.lower`, as the parser lowers names): the words as
# plain substrings, the two attribute patterns from their word on (a regular expression that
# starts with a word is searched for that word first; one that starts with a class of
# characters is tried at every position, which was most of a national build's time).
_MAYBE_CODE_MARKS = ("<!--", "<![", "<?", "srcdoc", "refresh")
_STYLE_TAG = re.compile(r"<\s*style")
# An attribute `on…=` (any name the parser reads as starting with "on", as it refuses them
# all; before issue 16 only letters followed "on") or `style=` after a space, a quote or a
# slash: the word is searched, then the character before it is checked. A match found this
# way never hides another (what follows the word holds no character an attribute's name
# could start after), so every place the patterns match is seen.
_ATTRIBUTE_PATTERNS = (re.compile(r"on[^\s\"'<>/=]*\s*="), re.compile(r"style\s*="))
_BEFORE_ATTRIBUTE = "\"'/"
# The letters other than A–Z that a case-blind regular expression takes for an ASCII letter
# (`re.I`: İ and ı for i, ſ for s; the Kelvin sign is lowered to k anyway): taken for it here
# too, so this check sees what the case-blind patterns it replaces saw.
_LIKE_ASCII = MappingProxyType({0x130: "i", 0x131: "i", 0x17F: "s"})
_SCRIPT_TAG = re.compile(r"<\s*/?\s*script", re.I)
_OWN_SCRIPT_TAG = re.compile(r'<script src="[\w./-]+\.js"(?: defer)?></script>')
_DATA_BLOCK = re.compile(r'<script type="' + re.escape(DATA_BLOCK_TYPE) + r'">([^<]*)</script>')


def is_data_block(text: str) -> bool:
    """True for the text of a structured-data block as the project writes it: valid JSON with
    no `<` (so nothing in it can end the block or start markup)."""
    if "<" in text:
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _might_hold_code(text: str) -> bool:
    """False only for text that certainly holds no inline code and no `…script:` address."""
    lowered = _lowered(text)
    if any(word in lowered for word in _MAYBE_CODE_MARKS) or _STYLE_TAG.search(lowered):
        return True
    if any(_attribute_like(lowered, word) for word in _ATTRIBUTE_PATTERNS):
        return True
    if _SCRIPT_TAG.search(text):
        return True
    return "script:" in _without_ignored(_unescaped(text)).lower()


def _lowered(text: str) -> str:
    if any(chr(code) in text for code in _LIKE_ASCII):
        text = text.translate(_LIKE_ASCII)
    return text.lower()


def _attribute_like(lowered: str, word: re.Pattern) -> bool:
    """True when `word` (`on…=`, `style=`) follows a space, a quote or a slash somewhere."""
    for match in word.finditer(lowered):
        start = match.start()
        if start and (lowered[start - 1] in _BEFORE_ATTRIBUTE or lowered[start - 1].isspace()):
            return True
    return False


# The two references every page is full of (markupsafe writes quotes so): replaced first as
# plain text, which gives what `html.unescape` gives (a reference never ends inside one of
# them, and no name of a reference holds a quote), with far fewer calls into Python.
_QUOTES = (("&#34;", '"'), ("&#39;", "'"))


def _unescaped(text: str) -> str:
    """`html.unescape(text)`, quicker on text full of escaped quotes."""
    for reference, character in _QUOTES:
        text = text.replace(reference, character)
    return html.unescape(text)


def _without_ignored(text: str) -> str:
    """The text without the characters browsers drop anywhere in an address (`_URL_IGNORED`)."""
    for character in _URL_IGNORED:
        text = text.replace(character, "")
    return text


def _page_quickly_clean(text: str) -> bool:
    """True for a page that certainly holds no inline code: its only scripts are
    `<script src="…/x.js" defer></script>`, and nothing else looks like code."""
    blocks = _DATA_BLOCK.findall(text)
    if not all(is_data_block(block) for block in blocks):
        return False
    scripts = len(_SCRIPT_TAG.findall(text))
    own = len(_OWN_SCRIPT_TAG.findall(text)) + len(blocks)
    if scripts != 2 * own:  # each of ours is one opening and one closing tag
        return False
    return not _might_hold_code(_OWN_SCRIPT_TAG.sub("", _DATA_BLOCK.sub("", text)))


# The files a browser runs code in when they are opened (an SVG opened on its own runs scripts).
CHECKED_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")


def _injected_in(pages: list[tuple[Path, str]]) -> list[Injected]:
    found: list[Injected] = []
    for path, rel in pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        if _page_quickly_clean(text):
            continue
        parser = _Injections(rel)
        parser.feed(text)
        parser.close()
        found += parser.found
    return found


PARALLEL_FROM = 2000  # pages; a national site has 32,000 and Python's HTMLParser is slow


def _pages_written(folder: str, rel: str, since: float | None) -> list[str]:
    """The pages (CHECKED_SUFFIXES) below `folder`, by path from the site root, written at or
    after `since` when it is given. Plain strings and `os.scandir` (its entries carry their
    type, and their time with one stat): a national site has 64,000 files, walked on every
    rebuild of a preview. A link to a folder is not followed (MkDocs writes none)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            inner = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                found += _pages_written(entry.path, inner, since)
            elif entry.is_file():
                if os.path.splitext(entry.name)[1].lower() not in CHECKED_SUFFIXES:
                    continue
                if since is not None and entry.stat().st_mtime < since:
                    continue
                found.append(inner)
    return found


def injected_code(
    site: Path, since: float | None = None, options: BuildOptions | None = None
) -> list[Injected]:
    """Every piece of inline code in the built site's pages that the project did not write.

    With `since` (a time), only the pages written at or after it are read (a preview's
    rebuild). On a big site, when the build's `options` allow it, the pages are read in
    several forked processes.
    """
    written = sorted(_pages_written(str(site), "", since), key=lambda rel: rel.split("/"))
    pages = [(site / rel, rel) for rel in written]
    processes = options.processes_for(len(pages), PARALLEL_FROM) if options else 1
    if processes < 2:
        return _injected_in(pages)
    parts = fork_map(_injected_in, [pages[i::processes] for i in range(processes)])
    return sorted((i for part in parts for i in part), key=lambda i: (i.page, i.line))


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS,
    }


def not_found_pages(site: Path, root: str = "/") -> dict[str, str]:
    """`{"/": "/404.html", "/en/": "/en/404.html"}`: each language folder with its own 404,
    as paths from the host's root; under a sub-path (`root` = `SiteUrls.root_path`, e.g.
    `/sub/`) `{"/sub/": "/sub/404.html", "/sub/en/": "/sub/en/404.html"}`. The site's own
    is first."""
    pages = {root: f"{root}404.html"} if (site / "404.html").is_file() else {}
    for page in sorted(site.glob("*/404.html")):
        pages[f"{root}{page.parent.name}/"] = f"{root}{page.parent.name}/404.html"
    return pages


def hashed_assets(site: Path) -> list[str]:
    """URL paths of files whose names carry their content hash (safe to cache for a year)."""
    return sorted(
        "/" + p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and HASHED_NAME.search(p.name)
    )[:MAX_RULES]


def netlify_headers(headers: dict[str, str], hashed: list[str]) -> str:
    """`_headers`: security headers on every path; long caching for each hashed bundle. Pages
    keep the host's default caching (revalidated on every visit on Netlify and Cloudflare)."""
    lines = ["# Written by `ruangaman build`; do not edit (it is rewritten on every build).", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    for path in hashed:
        lines += [path, f"  Cache-Control: {LONG_CACHE}"]
    return "\n".join(lines) + "\n"


def apache_htaccess(headers: dict[str, str], not_found: dict[str, str]) -> str:
    """`.htaccess` for Apache shared hosting (cPanel): the same headers, caching, gzip, 404s."""
    out = [
        "# Written by `ruangaman build`; do not edit (it is rewritten on every build).",
        "Options -Indexes",
        "AddDefaultCharset utf-8",
    ]
    # The site's own 404 page for every address; each other language's for its folder. The
    # paths come from `not_found_pages` (percent-quoted by `SiteUrls.root_path`): a dot is the
    # only character in them a regular expression reads differently.
    for number, (prefix, page) in enumerate(not_found.items()):
        if number == 0:
            out.append(f"ErrorDocument 404 {page}")
        else:
            pattern = prefix.replace(".", "\\.")
            out.append(f'<If "%{{REQUEST_URI}} =~ m#^{pattern}#">')
            out += [f"  ErrorDocument 404 {page}", "</If>"]
    out.append("<IfModule mod_headers.c>")
    out += [f'  Header always set {name} "{value}"' for name, value in headers.items()]
    out += [
        '  <FilesMatch "\\.html$">',
        f'    Header set Cache-Control "{SHORT_CACHE}"',
        "  </FilesMatch>",
        f'  <FilesMatch "{HASHED_NAME.pattern}">',
        f'    Header set Cache-Control "{LONG_CACHE}"',
        "  </FilesMatch>",
        "</IfModule>",
        "<IfModule mod_deflate.c>",
        "  AddOutputFilterByType DEFLATE text/html text/css text/plain text/xml "
        "application/javascript application/json image/svg+xml",
        "</IfModule>",
        '<Files ".ruangaman-manifest.json">',
        "  Require all denied",
        "</Files>",
    ]
    return "\n".join(out) + "\n"


def write_host_files(site: Path, root: str = "/") -> list[Path]:
    """Write `_headers`, `.htaccess` and `.nojekyll` into a built site; return their paths.
    `root`: the path the site is served at (`SiteUrls.root_path`), for the 404 pages."""
    headers = security_headers()
    files = {
        "_headers": netlify_headers(headers, hashed_assets(site)),
        ".htaccess": apache_htaccess(headers, not_found_pages(site, root)),
        ".nojekyll": "",
    }
    written = []
    for name, text in files.items():
        path = site / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
