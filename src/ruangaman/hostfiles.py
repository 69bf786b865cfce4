"""Host files written into every built site: `_headers` (Netlify, Cloudflare Pages), `.htaccess`
(Apache shared hosting) and `.nojekyll` (GitHub Pages).

The Content Security Policy allows no inline code except what the built site really contains:
the sha256 of every inline `<script>` and `<style>` (and of `style="…"` attributes) is computed
from the HTML at the end of the build, so the policy follows whatever the templates emit.
'wasm-unsafe-eval' is added only when the site ships WebAssembly (Pagefind's search, whose
modules are named `pagefind/wasm.<lang>.pagefind`).
"""

from __future__ import annotations

import base64
import hashlib
import multiprocessing as mp
import os
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
# Material's bundles carry a content hash in their names: main.57a0d79d.min.css
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$")
MAX_RULES = 90  # Cloudflare Pages reads at most 100 rules
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
SKIPPED_SCRIPT_TYPES = ("application/json", "application/ld+json", "text/template")


class _InlineCode(HTMLParser):
    """Collects the text of inline scripts and styles and the values of style attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: set[str] = set()
        self.styles: set[str] = set()
        self.style_attrs: set[str] = set()
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("style"):
            self.style_attrs.add(values["style"] or "")
        if tag == "script" and "src" not in values:
            kind = (values.get("type") or "").lower()
            self._open = None if kind in SKIPPED_SCRIPT_TYPES else "script"
        elif tag == "style":
            self._open = "style"
        self._text = []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            (self.scripts if tag == "script" else self.styles).add("".join(self._text))
        self._open = None


def _sha(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class _StartTag(HTMLParser):
    """The attributes of one start tag, as HTMLParser reads them."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = dict(attrs)


_CODE_START = re.compile(r"<(script|style)(?=[\s/>])", re.I)
_CODE_END = {name: re.compile(rf"</\s*{name}\s*>", re.I) for name in ("script", "style")}
_STYLE_ATTR = re.compile(r"style\s*=", re.I)  # an attribute if it follows a quote, space or /


def _inline_code_quickly(text: str, found: _InlineCode) -> bool:
    """What `_InlineCode` finds in a page, without running Python's (slow) HTMLParser over all
    of it: only the `<script>` and `<style>` elements are read. False, with nothing added, for
    a page where this shortcut might read differently from the parser (comments, CDATA, a
    `style="…"` attribute, a self-closing or unfinished element): that page gets the parser."""
    if "<!--" in text or "<![" in text or "<?" in text:
        return False
    scripts: list[str] = []
    styles: list[str] = []
    outside: list[str] = []
    pos = 0
    for start in _CODE_START.finditer(text):
        if start.start() < pos:
            continue  # inside the previous element's text
        outside.append(text[pos : start.start()])
        close = text.find(">", start.end())
        tag = text[start.start() : close + 1]
        if close < 0 or tag.endswith("/>") or tag.count('"') % 2 or tag.count("'") % 2:
            return False
        name = start.group(1).lower()
        end = _CODE_END[name].search(text, close + 1)
        if end is None:
            return False
        attrs = _StartTag(tag).attrs
        if attrs.get("style"):
            return False
        code = text[close + 1 : end.start()]
        if name == "style":
            styles.append(code)
        elif "src" not in attrs and (attrs.get("type") or "").lower() not in SKIPPED_SCRIPT_TYPES:
            scripts.append(code)
        pos = end.end()
    outside.append(text[pos:])
    for part in outside:
        for attr in _STYLE_ATTR.finditer(part):
            if attr.start() == 0 or part[attr.start() - 1] in "'\"/ \t\n\r\f":
                return False
    found.scripts.update(scripts)
    found.styles.update(styles)
    return True


def _inline_code(pages: list[Path]) -> tuple[set[str], set[str], set[str]]:
    """Inline scripts, styles and style attributes of these pages."""
    found = _InlineCode()
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        if _inline_code_quickly(text, found):
            continue
        found.feed(text)
        found.close()
        found.reset()
    return found.scripts, found.styles, found.style_attrs


PARALLEL_FROM = 2000  # pages; a national site has 32,000 and Python's HTMLParser is slow


def _inline_code_of_site(pages: list[Path]) -> tuple[set[str], set[str], set[str]]:
    """`_inline_code` of every page, in two forked processes on a big site with two cores."""
    if (
        len(pages) < PARALLEL_FROM
        or "fork" not in mp.get_all_start_methods()
        or len(os.sched_getaffinity(0)) < 2
        or os.environ.get("RUANGAMAN_ONE_PROCESS") == "1"
        or threading.active_count() > 1  # never fork under `serve`'s threads
    ):
        return _inline_code(pages)
    with mp.get_context("fork").Pool(2) as pool:
        parts = pool.map(_inline_code, [pages[0::2], pages[1::2]])
    scripts, styles, attrs = (set().union(*sets) for sets in zip(*parts, strict=True))
    return scripts, styles, attrs


def content_security_policy(site: Path) -> str:
    """The policy for this built site: self only, plus the hashes of its inline code."""
    found = _InlineCode()
    found.scripts, found.styles, found.style_attrs = _inline_code_of_site(
        sorted(site.rglob("*.html"))
    )
    script = ["'self'", *sorted(_sha(s) for s in found.scripts)]
    if any(p.suffix == ".wasm" or p.name.startswith("wasm.") for p in site.rglob("*wasm*")):
        script.append("'wasm-unsafe-eval'")
    style = ["'self'", *sorted(_sha(s) for s in found.styles)]
    if found.style_attrs:
        style += ["'unsafe-hashes'", *sorted(_sha(s) for s in found.style_attrs)]
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(script),
            "style-src " + " ".join(style),
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(site: Path) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(site),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS,
    }


def not_found_pages(site: Path) -> dict[str, str]:
    """`{"/": "/404.html", "/en/": "/en/404.html"}`: each language folder with its own 404."""
    pages = {"/": "/404.html"} if (site / "404.html").is_file() else {}
    for page in sorted(site.glob("*/404.html")):
        pages[f"/{page.parent.name}/"] = f"/{page.parent.name}/404.html"
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
    for prefix, page in not_found.items():
        if prefix == "/":
            out.append(f"ErrorDocument 404 {page}")
    for prefix, page in not_found.items():
        if prefix != "/":
            out.append(f'<If "%{{REQUEST_URI}} =~ m#^{prefix}#">')
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


def write_host_files(site: Path) -> list[Path]:
    """Write `_headers`, `.htaccess` and `.nojekyll` into a built site; return their paths."""
    headers = security_headers(site)
    files = {
        "_headers": netlify_headers(headers, hashed_assets(site)),
        ".htaccess": apache_htaccess(headers, not_found_pages(site)),
        ".nojekyll": "",
    }
    written = []
    for name, text in files.items():
        path = site / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
