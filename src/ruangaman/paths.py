"""The one URL policy of a site: where each page of each language lives, and how to link to it.

Hugo keeps this in one object (`PathSpec`: `RelURL`, `AbsURL`, the language prefix); so does
this module. The main language (the first of content/site.yml `languages`) is at the site root,
every other language under a folder of its name: page `layanan/x` is `layanan/x/` in the main
language and `en/layanan/x/` in English. Pages are directory URLs (`use_directory_urls`), and
links between generated pages are relative, so a site works under any base path (a GitHub
Pages project site, a subfolder of the office's hosting) and from a folder on disk.

Files that are not pages (open data, vCards, the script) are at the same place in every
language: at the site root. Nothing here knows MkDocs; every stage that writes or reads an
address asks a `SiteUrls`.

Also here, because it is part of reading an address: `address()`, how a browser reads one, used
by the guides' check (validate) and by the built pages' check (finish) alike; and the Content
Security Policy, which says which addresses a page may load and is needed both in every page's
`<head>` (build) and in the host files (finish).
"""

from __future__ import annotations

import base64
import hashlib
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit


def page_url(name: str) -> str:
    """The directory URL of a page, relative to its language's root: `a/index` -> `a/`."""
    if name == "index":
        return ""
    if name.endswith("/index"):
        return name[: -len("index")]
    return name + "/"


def relative_url(from_name: str, to_name: str) -> str:
    """A link from one page to another of the same language that works under any base path."""
    here = page_url(from_name)
    target = page_url(to_name)
    # Page names are folders of plain parts (`layanan/x`): the link is "../" for each folder
    # of `here` after the ones both share, then the rest of `target`, which is what
    # posixpath.relpath says without asking the file system for the working folder (a page
    # links ~5 times: 190,000 links at 7,800 services). Any other name goes to relpath.
    up, down = here.split("/")[:-1], target.split("/")[:-1]
    if "" in up or "" in down or "." in up or "." in down or ".." in up or ".." in down:
        rel = posixpath.relpath(target or ".", here or ".")
        return "./" if rel == "." else rel + "/"
    shared = 0
    while shared < len(up) and shared < len(down) and up[shared] == down[shared]:
        shared += 1
    parts = [".."] * (len(up) - shared) + down[shared:]
    return "/".join(parts) + "/" if parts else "./"


@dataclass(frozen=True)
class SiteUrls:
    """The addresses of one site: its languages (the main one first) and its own address
    (`url:` in content/site.yml; None when it is not known yet)."""

    languages: tuple[str, ...]
    url: str | None = None

    def __post_init__(self) -> None:
        languages = tuple(self.languages)
        if not languages or len(set(languages)) != len(languages):
            raise ValueError(f"a site needs one or more different languages, not {languages}")
        object.__setattr__(self, "languages", languages)
        object.__setattr__(self, "url", self.url or None)

    @classmethod
    def of(cls, content: object) -> SiteUrls:
        """The policy of loaded or validated content (its `languages` and `site["url"]`)."""
        return cls(tuple(content.languages), content.site.get("url"))  # type: ignore[attr-defined]

    @property
    def main(self) -> str:
        """The main language: its pages are at the site root."""
        return self.languages[0]

    @property
    def others(self) -> tuple[str, ...]:
        """The languages whose pages are under a folder of their name."""
        return self.languages[1:]

    def prefix(self, lang: str) -> str:
        """Where a language's pages start, from the site root: `""` or `en/`."""
        return "" if lang == self.main else f"{lang}/"

    def folder(self, site: str | os.PathLike[str], lang: str) -> str:
        """A language's folder in the built site (`site/` or `site/en/`), as a plain string
        ending in `/` (it is joined for every service page of a national site)."""
        return f"{site}/{self.prefix(lang)}"

    def page_file(self, lang: str, name: str) -> str:
        """The file a page is written to, from the site root: `en/layanan/x/index.html`."""
        return f"{self.prefix(lang)}{name}/index.html"

    def site_path(self, lang: str, name: str) -> str:
        """A page's address from the site root in a language: `en/layanan/x/`."""
        return self.prefix(lang) + page_url(name)

    def between(self, from_lang: str, from_name: str, to_lang: str, to_name: str) -> str:
        """A relative link from a page of one language to a page of any language
        (`en/panduan/x` to `panduan/x`: `../../../panduan/x/`; to itself: `./`)."""
        here = self.site_path(from_lang, from_name) or "."
        there = self.site_path(to_lang, to_name) or "."
        rel = posixpath.relpath(there, here)
        return "./" if rel == "." else rel + "/"

    @staticmethod
    def link(from_name: str, to_name: str) -> str:
        """A relative link between two pages of the same language."""
        return relative_url(from_name, to_name)

    def asset(self, lang: str, from_name: str, path: str) -> str:
        """A link to a file at the site root (`api/services.json`) from a page of a language."""
        up = relative_url(from_name, "index")
        prefix = "" if up == "./" else up
        if lang != self.main:
            prefix += "../"
        return prefix + path

    @property
    def base(self) -> str | None:
        """The site's address ending in `/`, or None."""
        return self.url.rstrip("/") + "/" if self.url else None

    def absolute_path(self, path: str) -> str | None:
        """The full address of a path from the site root, when the site's address is known."""
        base = self.base
        return base + path if base else None

    def absolute(self, lang: str, name: str) -> str | None:
        """The full address of a page in a language, when the site's address is known."""
        return self.absolute_path(self.site_path(lang, name))

    @property
    def root_path(self) -> str:
        """The path the site's root is served at, from the host's root: `/ruangaman/` for
        `url: https://example.org/ruangaman/`, `/` when the address is not known.

        THE rule for the one kind of page that cannot link relatively: a 404 page, which the
        host serves for any missing address at any depth (GitHub Pages serves the site's
        404.html for /ruangaman/no/such/deep/page). Its links and assets are paths from here."""
        path = urlsplit(self.url).path.strip("/") if self.url else ""
        # The validator lets any non-space character through a URL's path; here, where Material
        # prints the value unescaped and .htaccess reads it as a directive, it is percent-quoted:
        # only letters, digits and `/._~-%` are left as they are.
        path = quote(path, safe="/._~-%")
        return f"/{path}/" if path else "/"

    def root_link(self, lang: str, name: str = "index") -> str:
        """A page's address as a path from the host's root (`/ruangaman/en/hotline/`): what a
        404 page links with (`root_path`)."""
        return self.root_path + self.site_path(lang, name)

    def language_folders(self, names: Iterable[str]) -> list[str]:
        """Which of these top-level folder names of a built site are other languages' folders."""
        return sorted(name for name in names if name in self.others)


# --- how a browser reads an address -------------------------------------------------------------

_STRIP = "".join(chr(c) for c in range(0x21))  # what browsers strip around an address


def address(value: str) -> str:
    """An address as a browser reads it: spaces and control characters around it dropped,
    tabs and line breaks inside it removed (`java&Tab;script:` is `javascript:`)."""
    return re.sub(r"[\t\n\r]", "", value.strip(_STRIP))


# --- which addresses a page may load -------------------------------------------------------------

# The inline code the project's own templates ship, taken from our sources (overrides/,
# src/ruangaman/render/templates/): none. Material's two inline scripts are overridden away: its
# settings script (`config` block, overrides/main.html) and the content-tabs script
# (overrides/partials/javascripts/content.html; the site has no content tabs). Code the project
# adds later goes into a file under assets/, or its exact text here.
OWN_SCRIPTS: tuple[str, ...] = ()
# A page's structured data (schema.org, `render.preview`) is a data block, not a script: a
# browser never runs a `<script>` of this type, so the policy has nothing to allow. The built
# pages' check accepts exactly `<script type="application/ld+json">` holding valid JSON with no
# `<` in it (the project writes `<`, `>` and `&` as \u003c, \u003e, \u0026), and nothing else.
DATA_BLOCK_TYPE = "application/ld+json"
OWN_STYLES: tuple[str, ...] = ()
OWN_STYLE_ATTRS: tuple[str, ...] = ()


# The address every page links its stylesheet by while it is built (mkdocs.yml's extra_css, the
# service worker's list): the project's own stylesheet's name. Once every page is written,
# `finish.stylesheet` makes the site's one stylesheet and points every link at its hashed name.
STYLESHEET_LINK = "assets/ruangaman.css"


def _sha(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(meta: bool = False) -> str:
    """The site's policy: its own files only, plus the hashes of `OWN_SCRIPTS`/`OWN_STYLES`.

    It is known before any page is written and is never read back from the built pages (a
    policy that hashed whatever inline code the pages held would bless a script that got in
    through content; `finish.hostfiles` fails the build on any other inline code instead).
    'wasm-unsafe-eval' lets Pagefind's search compile its WebAssembly (it allows no `eval` of
    JavaScript); every build ships the search index. With `meta`, the policy as a
    `<meta http-equiv>` may carry it: without `frame-ancestors`, which browsers ignore there
    (and warn about); the headers keep it.
    """
    script = ["'self'", *sorted({_sha(s) for s in OWN_SCRIPTS}), "'wasm-unsafe-eval'"]
    style = ["'self'", *sorted({_sha(s) for s in OWN_STYLES})]
    if OWN_STYLE_ATTRS:
        style += ["'unsafe-hashes'", *sorted({_sha(s) for s in OWN_STYLE_ATTRS})]
    directives = [
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
    ]
    if not meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)
