"""Which data pages a site has, what each one lists, and rendering them (through the memo).

A regency site gets one page per kecamatan. A province or national site would need thousands
of nearly empty kecamatan pages and a directory home listing everything, so it gets a page per
province (national only) and per regency instead, with its kecamatan as sections; the home
and the type pages list areas and counts, never every service, so no page grows with the
whole directory.

Every page goes through the session's page memo (`session.pages`), keyed by (language, page
name) and checked against a digest of everything the page is made from: the records it shows,
what every page shows (`shared`: site.yml, the taxonomy, the pinned hotlines, the area, the
languages, the UTC offset, the interface text) and the templates. A page with a narrow digest
(a service's page and poster: that service; a regency page: its services; the hotlines: the
hotlines) is rendered again only when one of those changed; every other page shows lists of
the whole directory, and its digest covers every record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from ruangaman.load.discover import Content, Record
from ruangaman.render.context import (
    PageContext,
    RenderedPage,
    long_date,
    render_component,
    render_page,
    templates_digest,
)
from ruangaman.render.qr import qr_svg
from ruangaman.render.share import has_vcard, schedule_json, share_text, utc_offset_hours
from ruangaman.session import BuildSession, digest
from ruangaman.text import strings
from ruangaman.validate.region import Area, Region, slugify

PageKey = tuple[str, str]  # (language, page name): ("en", "layanan/uptd-ppa-kubu-raya")


@dataclass
class Group:
    """A province or regency as a directory lists it: name, address slug, how many services."""

    name: str
    slug: str
    count: int = 0
    regencies: list[Group] | None = None


def _canonical(value: object) -> object:
    """What a validated record holds beyond YAML, as JSON: a place by its code, anything else
    (a parsed phone, a date) by its repr. Both follow from the file and the area, which the
    shared digest covers."""
    code = getattr(value, "code", None)
    return code if isinstance(code, str) else repr(value)


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_canonical)


def record_digest(record: Record) -> bytes:
    """The record's `digest` when load gives one (sha256 of its file), else one made from its
    validated data."""
    kept = getattr(record, "digest", None)
    if isinstance(kept, bytes):
        return kept
    return digest(record.kind, record.slug, canonical_json(record.data))


class Renderer:
    """Renders every data page of a site in every language."""

    def __init__(self, content: Content, area: Area, session: BuildSession | None = None) -> None:
        self.content = content
        self.area = area
        self.session = session or BuildSession.one_shot()
        self.region: Region | Area = area.single or area
        self.wide = area.single is None
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
        regencies = sorted(area.regencies.values(), key=lambda r: r.code)
        self.kecamatan = sorted(
            (k for r in regencies for k in r.kecamatan.values()), key=lambda k: k.code
        )
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
        self._shared: dict[str, bytes] = {}  # language -> digest of what every page shows
        self._records: dict[tuple[str, str], bytes] = {}  # (kind, slug) -> record's digest
        self._everything: bytes | None = None

    # --- rendering ---------------------------------------------------------------------------

    def values(self, ctx: PageContext) -> dict[str, object]:
        """What every template (and component) can use, for one page in one language."""
        lang = ctx.lang
        t = strings(lang)
        pinned = [{**h, "name": ctx.plain(h["name"])} for h in self.pinned]
        return {
            "t": t,
            "lang": lang,
            "region": self.region,
            "wide": self.wide,
            "pinned": pinned,
            "text": ctx.text,
            "plain": ctx.plain,
            "url": ctx.url,
            "place_url": lambda loc: self._place_url(ctx, loc),
            "asset": ctx.asset,
            "site_path": ctx.site_path,
            "absolute": lambda to_name: ctx.absolute(self.site_url, to_name),
            "qr": qr_svg,
            "site_url": self.site_url,
            "site_name": ctx.plain(self.content.site.get("name")),
            "utc_offset": self.utc_offset,
            "schedule_json": schedule_json,
            "has_vcard": has_vcard,
            "share_text": lambda s: share_text(s, ctx, t, pinned),
            "service_types": lambda s: [self.type_by_id[x] for x in s.data.get("types", [])],
            "days_text": lambda days: ", ".join(t["days"][d] for d in days),
            "longdate": long_date(lang),
            "heading": ctx.heading,
        }

    def _context(self, name: str, lang: str) -> PageContext:
        return PageContext(lang=lang, name=name, main_lang=self.content.languages[0])

    def _render(self, template: str, name: str, lang: str, values: dict) -> RenderedPage:
        ctx = self._context(name, lang)
        return render_page(
            f"pages/{template}",
            ctx,
            {**self.values(ctx), **values},
            strings(lang)["fallback_notice"],
        )

    def component(self, name: str, lang: str, page: str, *args: object) -> Markup:
        """One component rendered as it would be on `page` in `lang` (tests/components)."""
        return render_component(name, self.values(self._context(page, lang)), *args)

    def _place_url(self, ctx: PageContext, location: dict) -> str:
        """Where a service's kecamatan is listed: its own page, or its section of the regency."""
        kec = location["kecamatan_ref"]
        if not self.wide:
            return ctx.url(f"layanan/kecamatan/{kec.slug}")
        return ctx.url(f"layanan/wilayah/{location['regency_ref'].slug}") + "#" + kec.slug

    # --- the memo ------------------------------------------------------------------------------

    def _shared_digest(self, lang: str) -> bytes:
        """What every page in `lang` shows besides its records (the time zone's UTC offset too:
        a time-zone edit must reach every "open now" clock)."""
        if lang not in self._shared:
            self._shared[lang] = digest(
                canonical_json(self.content.site),
                canonical_json(self.content.taxonomy),
                canonical_json(self.pinned),
                self.area.code,
                canonical_json(self.content.languages),
                str(self.utc_offset),
                canonical_json(strings(lang)),
                templates_digest(),
            )
        return self._shared[lang]

    def _record(self, record: Record) -> bytes:
        key = (record.kind, record.slug)
        if key not in self._records:
            self._records[key] = record_digest(record)
        return self._records[key]

    def _shows_digest(self, shows: Iterable[Record] | None) -> bytes:
        if shows is not None:
            return digest(*(self._record(r) for r in shows))
        if self._everything is None:
            everything = [*self.content.services, *self.content.hotlines]
            self._everything = digest(*(self._record(r) for r in everything))
        return self._everything

    def _add(
        self,
        out: dict[PageKey, RenderedPage],
        lang: str,
        name: str,
        template: str,
        shows: list[Record] | None = None,
        **values: object,
    ) -> None:
        """Render a page (or reuse it from the memo); `shows`: the records it is made from
        (None: every record)."""
        memo = self.session.pages
        key_digest = b""
        if memo.enabled:  # a one-shot build keeps nothing: no digest to compute
            key_digest = digest(self._shared_digest(lang), template, self._shows_digest(shows))
        out[(lang, name)] = memo.get(
            (lang, name), key_digest, lambda: self._render(template, name, lang, values)
        )

    # --- which pages ---------------------------------------------------------------------------

    def pages(self, languages: list[str]) -> dict[PageKey, RenderedPage]:
        """Every generated page, by (language, name), in the order they were always made."""
        out: dict[PageKey, RenderedPage] = {}
        for lang in languages:
            add = partial(self._add, out, lang)
            if self.wide:
                self._area_pages(add)
            else:
                self._regency_pages(add)
            for service in self.content.services:
                add(f"layanan/{service.slug}", "service.html.j2", [service], s=service)
                add(
                    f"cetak/layanan/{service.slug}",
                    "poster_service.html.j2",
                    [service],
                    s=service,
                )
            add("hotline", "hotlines.html.j2", self.hotlines, hotlines=self.hotlines)
            add("cetak/hotline", "poster_hotlines.html.j2", self.hotlines, hotlines=self.hotlines)
            if self.wide:
                # A kecamatan poster for each of 7,285 kecamatan and a booklet of the whole
                # directory would be the largest part of a national build: regency sites only.
                continue
            for kec in self.kecamatan:
                add(
                    f"cetak/kecamatan/{kec.slug}",
                    "poster_kecamatan.html.j2",
                    kec=kec,
                    services=self.by_kecamatan[kec.code],
                )
            add(
                "cetak/buku",
                "booklet.html.j2",
                kecamatan=self.kecamatan,
                by_kecamatan=self.by_kecamatan,
                unplaced=self.unplaced,
                hotlines=self.hotlines,
            )
        return out

    def _regency_pages(self, add: Callable[..., None]) -> None:
        add(
            "layanan/index",
            "directory.html.j2",
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
                "kecamatan.html.j2",
                kec=kec,
                services=self.by_kecamatan[kec.code],
                unplaced=self.unplaced,
            )
        for term in self.types:
            add(
                f"layanan/jenis/{term['id']}",
                "type.html.j2",
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
                ref = (s.data.get("location") or {}).get("regency_ref")
                if ref is not None:
                    tally[ref.code] = tally.get(ref.code, 0) + 1
        add(
            "layanan/index",
            "area.html.j2",
            provinces=list(provinces.values()),
            types=self.types,
            type_counts={t["id"]: len(self.by_type.get(t["id"], [])) for t in self.types},
            unplaced=self.unplaced,
        )
        if len(provinces) > 1:
            for province in provinces.values():
                add(f"layanan/provinsi/{province.slug}", "province.html.j2", province=province)
        for r in regencies:
            kecamatan = sorted(r.kecamatan.values(), key=lambda k: k.code)
            shown = [s for k in kecamatan for s in self.by_kecamatan[k.code]]
            add(
                f"layanan/wilayah/{r.slug}",
                "regency.html.j2",
                shown,
                regency=r,
                kecamatan=kecamatan,
                by_kecamatan=self.by_kecamatan,
            )
        for term in self.types:
            tally = by_type_regency.get(term["id"], {})
            add(
                f"layanan/jenis/{term['id']}",
                "type_wide.html.j2",
                term=term,
                regencies=[
                    Group(r.name, r.slug, tally[r.code]) for r in regencies if r.code in tally
                ],
            )


def _first_tel(hotline: Record) -> str:
    for phone in hotline.data.get("phones", []):
        if phone.get("parsed") and phone.get("type", "voice") == "voice":
            return phone["parsed"].tel
    return "#"
