"""Render stage: turn validated content into real Markdown pages, one file per page and language.

The pages are written as `name.<lang>.md` files (see `staging`) because mkdocs-static-i18n drops
pages that plugins create in memory. Nothing here knows about MkDocs: the output is a mapping
`"layanan/uptd-ppa-kubu-raya.en.md" -> text`, so the final build step can be swapped later.

Links inside the generated HTML are final relative URLs (MkDocs does not rewrite links inside raw
HTML), computed for directory URLs: page `layanan/x` is served at `layanan/x/`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup, escape

from ruangaman.content import Content, Record
from ruangaman.locales import strings
from ruangaman.qr import qr_svg
from ruangaman.region import Region
from ruangaman.share import has_vcard, schedule_json, share_text, utc_offset_hours

MONTHS = {
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "en": "January February March April May June July August September October November December",
}


def page_url(name: str) -> str:
    """The directory URL of a page, relative to the site (language) root: `a/index` -> `a/`."""
    if name == "index":
        return ""
    if name.endswith("/index"):
        return name[: -len("index")]
    return name + "/"


def relative_url(from_name: str, to_name: str) -> str:
    """A link from one generated page to another that works under any base path."""
    here = page_url(from_name) or "."
    target = page_url(to_name) or "."
    rel = posixpath.relpath(target, here)
    return "./" if rel == "." else rel + "/"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ruangaman", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml_string
    return env


def _yaml_string(value: str) -> Markup:
    """A front-matter value, quoted so a colon or a quote in a name cannot break the page."""
    quoted = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return Markup(quoted)


@dataclass
class PageContext:
    """What one page in one language needs; records whether any text fell back to Indonesian."""

    lang: str
    name: str
    main_lang: str = "id"
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
        return Markup('<span lang="{}">{}</span>').format(fallback, value[fallback])

    def plain(self, value: dict | str | None) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            return value
        return value.get(self.lang) or value.get("id") or next(iter(value.values()))

    def url(self, to_name: str) -> str:
        return relative_url(self.name, to_name)

    def asset(self, path: str) -> str:
        """A link to a file at the site root (`api/services.json`), from this page."""
        up = relative_url(self.name, "index")
        prefix = "" if up == "./" else up
        if self.lang != self.main_lang:
            prefix += "../"
        return prefix + path

    def site_path(self, to_name: str) -> str:
        """A page's path from the site root in this language: `en/layanan/x/`."""
        prefix = "" if self.lang == self.main_lang else f"{self.lang}/"
        return prefix + page_url(to_name)

    def absolute(self, site_url: str | None, to_name: str) -> str | None:
        """The full address of a page in this language, when the site's address is known."""
        if not site_url:
            return None
        return site_url.rstrip("/") + "/" + self.site_path(to_name)


def long_date(lang: str) -> Callable[[dt.date], str]:
    months = MONTHS[lang].split()

    def fmt(day: dt.date) -> str:
        return f"{day.day} {months[day.month - 1]} {day.year}"

    return fmt


class Renderer:
    """Renders every data page of a site in every language."""

    def __init__(self, content: Content, region: Region) -> None:
        self.content = content
        self.region = region
        self.types = content.taxonomy.get("service_types", [])
        self.type_by_id = {t["id"]: t for t in self.types}
        shown = [s for s in content.services if s.data.get("status") != "inactive"]
        self.listed = sorted(shown, key=lambda s: s.data["name"].lower())
        self.hotlines = sorted(content.hotlines, key=lambda h: h.data.get("order", 0))
        self.pinned = [
            {"name": h.data["name"], "tel": _first_tel(h), "number": _first_tel(h)[4:]}
            for h in self.hotlines
            if h.data.get("pinned")
        ]
        self.site_url = content.site.get("url")
        self.utc_offset = int(utc_offset_hours(content.site.get("timezone", "Asia/Jakarta")) * 60)
        self.kecamatan = sorted(region.kecamatan.values(), key=lambda k: k.code)
        self.by_kecamatan: dict[str, list[Record]] = {k.code: [] for k in self.kecamatan}
        self.unplaced: list[Record] = []
        for service in self.listed:
            kec = (service.data.get("location") or {}).get("kecamatan_ref")
            if kec is None:
                self.unplaced.append(service)
            else:
                self.by_kecamatan[kec.code].append(service)
        self.by_type: dict[str, list[Record]] = {t["id"]: [] for t in self.types}
        for service in self.listed:
            for term in service.data.get("types", []):
                self.by_type.setdefault(term, []).append(service)

    def _render(self, template: str, name: str, lang: str, **values: object) -> str:
        ctx = PageContext(lang=lang, name=name, main_lang=self.content.languages[0])
        t = strings(lang)
        env = _environment()
        body = env.get_template(template).render(
            t=t,
            lang=lang,
            region=self.region,
            pinned=self.pinned,
            text=ctx.text,
            plain=ctx.plain,
            url=ctx.url,
            asset=ctx.asset,
            site_path=ctx.site_path,
            absolute=lambda to_name: ctx.absolute(self.site_url, to_name),
            qr=qr_svg,
            site_url=self.site_url,
            site_name=ctx.plain(self.content.site.get("name")),
            utc_offset=self.utc_offset,
            schedule_json=schedule_json,
            has_vcard=has_vcard,
            share_text=lambda s: share_text(s, ctx, t, self.pinned),
            service_types=lambda s: [self.type_by_id[x] for x in s.data.get("types", [])],
            days_text=lambda days: ", ".join(t["days"][d] for d in days),
            longdate=long_date(lang),
            **values,
        )
        return _with_notice(_tidy(body), ctx, t)

    def pages(self, languages: list[str]) -> dict[str, str]:
        """Every generated page: `"layanan/index.id.md" -> text`."""
        out: dict[str, str] = {}
        for lang in languages:

            def add(name: str, template: str, _lang: str = lang, **values: object) -> None:
                out[f"{name}.{_lang}.md"] = self._render(template, name, _lang, **values)

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
            for service in self.content.services:
                add(f"layanan/{service.slug}", "service.md.j2", s=service)
                add(f"cetak/layanan/{service.slug}", "poster_service.md.j2", s=service)
            add("hotline", "hotlines.md.j2", hotlines=self.hotlines)
            add("cetak/hotline", "poster_hotlines.md.j2", hotlines=self.hotlines)
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


def _tidy(body: str) -> str:
    """Blank lines around Markdown headings (templates' block tags eat them) and no runs of them."""
    body = re.sub(r"\n+(## [^\n]*)\n+", r"\n\n\1\n\n", body)
    return re.sub(r"\n{3,}", "\n\n", body)


def _first_tel(hotline: Record) -> str:
    for phone in hotline.data.get("phones", []):
        if phone.get("parsed") and phone.get("type", "voice") == "voice":
            return phone["parsed"].tel
    return "#"


def _with_notice(body: str, ctx: PageContext, t: dict) -> str:
    """Put the 'shown in Indonesian' notice right after the front matter when text fell back."""
    if not ctx.fallback_used:
        return body
    head, sep, rest = body.partition("\n---\n")
    text = escape(t["fallback_notice"])
    notice = f'\n<p class="ra-notice ra-notice--fallback" role="note">{text}</p>\n'
    return head + sep + notice + rest


def render_pages(content: Content, region: Region) -> dict[str, str]:
    """Render stage entry point: every data page of the site, in every site language."""
    return Renderer(content, region).pages(content.languages)
