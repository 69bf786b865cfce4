"""Render stage: turn validated content into real Markdown pages, one file per page and language.

The pages are written as `name.<lang>.md` files (see `staging`) because mkdocs-static-i18n drops
pages that plugins create in memory. Nothing here knows about MkDocs: the output is a mapping
`"layanan/uptd-ppa-kubu-raya.en.md" -> text`, so the final build step can be swapped later.

Links inside the generated HTML are final relative URLs (MkDocs does not rewrite links inside raw
HTML), computed for directory URLs: page `layanan/x` is served at `layanan/x/`.
"""

from __future__ import annotations

import multiprocessing as mp
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup, escape

from ruangaman.load.yamlfile import quoted
from ruangaman.model import in_language
from ruangaman.paths import SiteUrls, page_url, relative_url  # noqa: F401 - the old names
from ruangaman.render.qr import qr_svg
from ruangaman.render.share import schedule_json, share_text, utc_offset_hours
from ruangaman.session import BuildSession
from ruangaman.text import fallback_notice, long_date, plural, strings
from ruangaman.validate.region import Area, Region, slugify
from ruangaman.validate.site import Service, Site


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ruangaman.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml_string
    return env


def _yaml_string(value: str) -> Markup:
    """A front-matter value, quoted so a colon or a quote in a name cannot break the page.
    Markup only keeps Jinja from HTML-escaping YAML: the title is escaped for HTML once, where
    it reaches the theme (`mkdocs_plugin.escape_page_title`); one-line fields hold no line break."""
    return Markup(quoted(value))


@dataclass
class PageContext:
    """What one page in one language needs; records whether any text fell back to Indonesian."""

    lang: str
    name: str
    urls: SiteUrls = SiteUrls(("id",))  # the site's URL policy (languages, address)
    fallback_used: bool = False

    def text(self, value: dict | str | None) -> Markup:
        """Localised text in the page's language, or Indonesian marked with `lang="id"`."""
        if not value:
            return Markup("")
        if isinstance(value, str):
            value = {"id": value}
        if self.lang in value:
            return escape(value[self.lang])
        self.fallback_used = True
        fallback = "id" if "id" in value else next(iter(value))
        # Markup.format escapes both values: only the <span> itself is markup.
        return Markup('<span lang="{}">{}</span>').format(fallback, value[fallback])

    def plain(self, value: dict | str | None) -> str:
        return in_language(value, self.lang)

    def url(self, to_name: str) -> str:
        return self.urls.link(self.name, to_name)

    def asset(self, path: str) -> str:
        """A link to a file at the site root (`api/services.json`), from this page."""
        return self.urls.asset(self.lang, self.name, path)

    def site_path(self, to_name: str) -> str:
        """A page's path from the site root in this language: `en/layanan/x/`."""
        return self.urls.site_path(self.lang, to_name)

    def absolute(self, to_name: str) -> str | None:
        """The full address of a page in this language, when the site's address is known."""
        return self.urls.absolute(self.lang, to_name)


# In a long-running process (`ruangaman serve`), a service or regency page is rendered again
# only when one of its records' files changed (their digests), the list changed, or what every
# page shows changed (`Site.digest`): (lang, name) -> (record digests, shared, text)
_SERVICE_PAGES: dict[tuple[str, str], tuple[list[bytes], bytes, str]] = {}


@dataclass
class Group:
    """A province or regency as a directory lists it: name, address slug, how many services."""

    name: str
    slug: str
    count: int = 0
    regencies: list[Group] | None = None


class Renderer:
    """Renders every data page of a site in every language.

    A regency site gets one page per kecamatan. A province or national site would need thousands
    of nearly empty kecamatan pages and a directory home listing everything, so it gets a page per
    province (national only) and per regency instead, with its kecamatan as sections; the home
    and the type pages list areas and counts, never every service, so no page grows with the
    whole directory.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.area = area = site.area
        self.region: Region | Area = site.region
        self.wide = area.single is None
        self.types = site.service_types
        self.type_by_id = {t["id"]: t for t in self.types}
        self.listed = list(site.listed)
        self.hotlines = list(site.hotlines_shown)
        # THE pinned hotlines (`Site.pinned`), with the number a reader dials.
        self.pinned = [
            {"name": h.data["name"], "tel": h.call.tel, "number": h.call.e164}
            for h in site.pinned
            if h.call is not None
        ]
        self.urls = site.urls
        self.site_url = site.url
        self.utc_offset = int(utc_offset_hours(site.timezone) * 60)
        regencies = sorted(area.regencies.values(), key=lambda r: r.code)
        self.kecamatan = sorted(
            (k for r in regencies for k in r.kecamatan.values()), key=lambda k: k.code
        )
        self.by_kecamatan: dict[str, list[Service]] = {k.code: [] for k in self.kecamatan}
        self.unplaced: list[Service] = []
        for service in self.listed:
            kec = service.kecamatan
            if kec is None:
                self.unplaced.append(service)
            else:
                self.by_kecamatan[kec.code].append(service)
        self.by_type: dict[str, list[Service]] = {t["id"]: [] for t in self.types}
        for service in self.listed:
            for term in service.data.get("types", []):
                self.by_type.setdefault(term, []).append(service)

    def _render(self, template: str, name: str, lang: str, **values: object) -> str:
        ctx = PageContext(lang=lang, name=name, urls=self.urls)
        t = strings(lang)
        env = _environment()
        pinned = [{**h, "name": ctx.plain(h["name"])} for h in self.pinned]
        body = env.get_template(template).render(
            t=t,
            lang=lang,
            region=self.region,
            wide=self.wide,
            pinned=pinned,
            text=ctx.text,
            plain=ctx.plain,
            url=ctx.url,
            place_url=lambda s: self._place_url(ctx, s),
            asset=ctx.asset,
            site_path=ctx.site_path,
            absolute=ctx.absolute,
            qr=qr_svg,
            site_url=self.site_url,
            site_name=ctx.plain(self.site.settings.get("name")),
            utc_offset=self.utc_offset,
            schedule_json=schedule_json,
            share_text=lambda s: share_text(s, ctx, t, pinned),
            service_types=lambda s: [self.type_by_id[x] for x in s.data.get("types", [])],
            days_text=lambda days: ", ".join(t["days"][d] for d in days),
            longdate=lambda day: long_date(day, lang),
            plural=lambda key, n, **params: plural("interface", key, lang, n, **params),
            **values,
        )
        return _with_notice(_tidy(body), ctx)

    def _place_url(self, ctx: PageContext, service: Service) -> str:
        """Where a service's kecamatan is listed: its own page, or its section of the regency."""
        kec, regency = service.kecamatan, service.regency
        assert kec is not None and regency is not None
        if not self.wide:
            return ctx.url(f"layanan/kecamatan/{kec.slug}")
        return ctx.url(f"layanan/wilayah/{regency.slug}") + "#" + kec.slug

    def pages(self, languages: list[str]) -> dict[str, str]:
        """Every generated page: `"layanan/index.id.md" -> text`."""
        out: dict[str, str] = {}
        for lang in languages:
            shared = (self.site.digest, self.urls, lang)

            def add(
                name: str,
                template: str,
                _lang: str = lang,
                _shared: bytes = shared,
                _shows: list[bytes] | None = None,
                **values: object,
            ) -> None:
                """Render a page; one whose records (`_shows`) are unchanged comes from cache."""
                if _shows is None:
                    out[f"{name}.{_lang}.md"] = self._render(template, name, _lang, **values)
                    return
                cached = _SERVICE_PAGES.get((_lang, name))
                if cached and cached[1] == _shared and cached[0] == _shows:
                    out[f"{name}.{_lang}.md"] = cached[2]
                    return
                text = self._render(template, name, _lang, **values)
                _SERVICE_PAGES[(_lang, name)] = (_shows, _shared, text)
                out[f"{name}.{_lang}.md"] = text

            if self.wide:
                self._area_pages(add)
            else:
                self._regency_pages(add)
            for service in self.site.services:
                add(f"layanan/{service.slug}", "service.md.j2", _shows=[service.digest], s=service)
                add(
                    f"cetak/layanan/{service.slug}",
                    "poster_service.md.j2",
                    _shows=[service.digest],
                    s=service,
                )
            add("hotline", "hotlines.md.j2", hotlines=self.hotlines)
            add("cetak/hotline", "poster_hotlines.md.j2", hotlines=self.hotlines)
            if self.wide:
                # A kecamatan poster for each of 7,285 kecamatan and a booklet of the whole
                # directory would be the largest part of a national build: regency sites only.
                continue
            for kec in self.kecamatan:
                add(
                    f"cetak/kecamatan/{kec.slug}",
                    "poster_kecamatan.md.j2",
                    kec=kec,
                    services=self.by_kecamatan[kec.code],
                )
            add(
                "cetak/buku",
                "booklet.md.j2",
                kecamatan=self.kecamatan,
                by_kecamatan=self.by_kecamatan,
                unplaced=self.unplaced,
                hotlines=self.hotlines,
            )
        return out

    def _regency_pages(self, add: Callable[..., None]) -> None:
        add(
            "layanan/index",
            "directory.md.j2",
            kecamatan=self.kecamatan,
            types=self.types,
            by_kecamatan=self.by_kecamatan,
            by_type=self.by_type,
            listed=self.listed,
            unplaced=self.unplaced,
        )
        for kec in self.kecamatan:
            add(
                f"layanan/kecamatan/{kec.slug}",
                "kecamatan.md.j2",
                kec=kec,
                services=self.by_kecamatan[kec.code],
                unplaced=self.unplaced,
            )
        for term in self.types:
            add(
                f"layanan/jenis/{term['id']}",
                "type.md.j2",
                term=term,
                services=self.by_type.get(term["id"], []),
            )

    def _area_pages(self, add: Callable[..., None]) -> None:
        regencies = sorted(self.area.regencies.values(), key=lambda r: r.code)
        counts = {
            r.code: sum(len(self.by_kecamatan[k.code]) for k in r.kecamatan.values())
            for r in regencies
        }
        provinces: dict[str, Group] = {}
        for r in regencies:
            code = r.code.split(".")[0]
            group = provinces.setdefault(code, Group(r.province, slugify(r.province), 0, []))
            group.count += counts[r.code]
            assert group.regencies is not None
            group.regencies.append(Group(r.name, r.slug, counts[r.code]))
        by_type_regency: dict[str, dict[str, int]] = {t["id"]: {} for t in self.types}
        for term, services in self.by_type.items():
            tally = by_type_regency.setdefault(term, {})
            for s in services:
                ref = s.regency
                if ref is not None:
                    tally[ref.code] = tally.get(ref.code, 0) + 1
        add(
            "layanan/index",
            "area.md.j2",
            provinces=list(provinces.values()),
            types=self.types,
            type_counts={t["id"]: len(self.by_type.get(t["id"], [])) for t in self.types},
            unplaced=self.unplaced,
        )
        if len(provinces) > 1:
            for province in provinces.values():
                add(f"layanan/provinsi/{province.slug}", "province.md.j2", province=province)
        for r in regencies:
            kecamatan = sorted(r.kecamatan.values(), key=lambda k: k.code)
            shown = [s.digest for k in kecamatan for s in self.by_kecamatan[k.code]]
            add(
                f"layanan/wilayah/{r.slug}",
                "regency.md.j2",
                _shows=shown,
                regency=r,
                kecamatan=kecamatan,
                by_kecamatan=self.by_kecamatan,
            )
        for term in self.types:
            tally = by_type_regency.get(term["id"], {})
            add(
                f"layanan/jenis/{term['id']}",
                "type_wide.md.j2",
                term=term,
                regencies=[
                    Group(r.name, r.slug, tally[r.code]) for r in regencies if r.code in tally
                ],
            )


def _tidy(body: str) -> str:
    """Blank lines around Markdown headings (templates' block tags eat them) and no runs of them."""
    body = re.sub(r"\n+(## [^\n]*)\n+", r"\n\n\1\n\n", body)
    return re.sub(r"\n{3,}", "\n\n", body)


def _with_notice(body: str, ctx: PageContext) -> str:
    """Put the 'shown in Indonesian' notice right after the front matter when text fell back."""
    if not ctx.fallback_used:
        return body
    head, sep, rest = body.partition("\n---\n")
    return head + sep + "\n" + fallback_notice(ctx.lang) + "\n" + rest


def render_pages(
    site: Site, processes: int = 1, session: BuildSession | None = None
) -> dict[str, str]:
    """Render stage entry point: every data page of the site, in every site language.

    With `processes` > 1 (a big build on a machine with several cores), the languages are
    rendered in forked processes at the same time; the pages are the same. `session` is the
    build's: its `pages` memo is where rendered pages are kept between a preview's rebuilds.
    """
    renderer = Renderer(site)
    languages = list(site.languages)
    if processes < 2 or len(languages) < 2 or "fork" not in mp.get_all_start_methods():
        return renderer.pages(languages)
    _FORKED["renderer"] = renderer
    try:
        with mp.get_context("fork").Pool(min(processes, len(languages))) as pool:
            parts = pool.map(_render_language, languages)
    finally:
        _FORKED.clear()
    out: dict[str, str] = {}
    for part in parts:
        out.update(part)
    return out


_FORKED: dict[str, Renderer] = {}


def _render_language(lang: str) -> dict[str, str]:  # pragma: no cover - runs in a forked process
    return _FORKED["renderer"].pages([lang])


# --- HTML without Markdown -------------------------------------------------------------------
# Data pages are raw HTML blocks and `## ` headings only. Parsing them with Markdown (raw HTML
# goes through Python's HTMLParser) was the largest single cost of a big build, so the build
# turns them into HTML here, exactly as Markdown with the `toc` extension would; a page with
# anything else in it returns None and goes through Markdown as before.
_INLINE_MARKUP = re.compile(r"[&<>*_`\[\]\\!]|  $")


@dataclass
class Heading:
    """One `## ` heading of a data page, for the page's table of contents."""

    level: int
    id: str
    text: str


def page_html(markdown_text: str) -> tuple[str, list[Heading]] | None:
    """HTML and headings of a data page body (no front matter), or None if it needs Markdown."""
    from markdown.extensions.toc import slugify, unique

    parts: list[str] = []
    headings: list[Heading] = []
    used: set[str] = set()
    pieces = re.split(r"(\n[ \t]*\n)", markdown_text.strip("\n"))  # block, gap, block, ...
    i = 0
    while i < len(pieces):
        block = pieces[i].strip("\n")
        if not block:
            i += 2
            continue
        if block.startswith("## "):
            text = block[3:].strip().rstrip("#").strip()
            if "\n" in block or not text or _INLINE_MARKUP.search(text):
                return None
            anchor = unique(slugify(text, "-"), used)
            headings.append(Heading(2, anchor, text))
            parts.append(f'<h2 id="{anchor}">{text}</h2>')
        elif block.startswith("<"):
            # An element left open runs on over blank lines, as Markdown's raw HTML does.
            depth = _html_depth(block)
            while depth is not None and depth > 0 and i + 2 < len(pieces):
                block += pieces[i + 1] + pieces[i + 2].rstrip("\n")
                i += 2
                depth = _html_depth(block)
            if depth != 0:
                return None
            parts.append(block)
        else:
            return None
        i += 2
    out = ""
    for i, part in enumerate(parts):
        if i:
            out += "\n" if parts[i - 1].startswith("<h2 id=") and headings else "\n\n"
        out += part
    return out, headings


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


@cache
def _block_level() -> frozenset[str]:
    import markdown

    return frozenset(markdown.Markdown().block_level_elements)


def _html_depth(block: str) -> int | None:
    """How many elements a raw HTML block leaves open (0: Markdown keeps it as it is), or None
    if Markdown would not keep it raw: every top-level element must start a line with a
    block-level tag (Markdown wraps an inline one, like `<span>`, in `<p>`), with no text
    between them; tags may span lines; comments and anything unusual are left to Markdown."""
    if "<!" in block or "<?" in block:
        return None
    depth = 0
    end = 0
    for tag in _TAG.finditer(block):
        closing, name, selfclosing = tag.groups()
        if depth == 0:
            # Markdown puts a line break between two top-level elements on one line
            if block[end : tag.start()].strip() or (tag.start() and block[tag.start() - 1] != "\n"):
                return None
            if closing or name.lower() not in _block_level():
                return None
        if not (name.lower() in _VOID or selfclosing):
            depth += -1 if closing else 1
        if depth < 0:
            return None
        end = tag.end()
    if depth == 0 and block[end:].strip():
        return None
    return depth
