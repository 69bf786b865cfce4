"""Which data pages a site has, what each one lists, and rendering them (through the memo).

A regency site gets one page per kecamatan. A province or national site would need thousands
of nearly empty kecamatan pages and a directory home listing everything, so it gets a page per
province (national only) and per regency instead, with its kecamatan as sections; the home
and the type pages list areas and counts, never every service, so no page grows with the
whole directory.

Every page goes through the session's page memo (`session.pages`), keyed by (language, page
name) and checked against a digest of everything the page is made from: the records it shows
(their file digests), what every page shows (`shared`: `Site.digest`, which covers site.yml
with its time zone, the taxonomy, the pinned hotlines, the area and the languages; and the
interface text) and the templates. A page is rendered again only when one of those changed:
a service's page and poster follow that service; a kecamatan's page and poster its services
(and those serving the whole regency); a type page the services of that type; a regency page
its services; the hotline pages the hotlines; the directory home, the booklet and the area
pages list the whole directory and follow every record (tests/test_serve_is_a_fresh_build.py
counts the pages each kind of edit renders again).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

from markupsafe import Markup

from ruangaman.load.projectfiles import SAFETY_PLAN_PAGE
from ruangaman.model import in_language
from ruangaman.render.context import (
    PageContext,
    RenderedPage,
    environment,
    render_component,
    render_page,
    templates_digest,
)
from ruangaman.render.preview import (
    hotlines_data,
    plain_description,
    service_data,
    service_description,
)
from ruangaman.render.qr import qr_svg
from ruangaman.render.share import (
    exceptions_ahead,
    help_text,
    holidays_json,
    no_contact_text,
    schedule_json,
    share_text,
    utc_offset_hours,
)
from ruangaman.session import BuildSession, digest
from ruangaman.text import long_date
from ruangaman.validate.region import Area, Region, slugify
from ruangaman.validate.site import Hotline, Service, Site

Record = Service | Hotline  # a validated record a page shows

PageKey = tuple[str, str]  # (language, page name): ("en", "layanan/uptd-ppa-kubu-raya")

SAFETY_PLAN = SAFETY_PLAN_PAGE  # a page that keeps nothing the reader types
SAFETY_PLAN_GUIDE = "panduan/kekerasan-dalam-rumah-tangga"  # where its advice comes from
HIDE_VISIT_GUIDE = "panduan/sembunyikan-kunjungan"  # linked from its "keep it secret" part


@dataclass
class Group:
    """A province or regency as a directory lists it: name, address slug, how many services."""

    name: str
    slug: str
    count: int = 0
    regencies: list[Group] | None = None


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class Renderer:
    """Renders every data page of a validated site in every language."""

    def __init__(self, site: Site, session: BuildSession | None = None) -> None:
        self.site = site
        self.area = area = site.area
        self.session = session or BuildSession.one_shot()
        self.region: Region | Area = site.region
        self.wide = area.single is None
        self.types = site.service_types
        self.type_by_id = {t["id"]: t for t in self.types}
        self.listed = list(site.listed)
        self.hotlines = list(site.hotlines_shown)
        # THE pinned hotlines (`Site.pinned`), with the number a reader dials, as it is shown
        # (`Phone.display`).
        self.pinned = [
            {
                "slug": h.slug,
                "name": h.data["name"],
                "short": {lang: h.short_name(lang) for lang in site.languages},
                "always_open": h.always_open,
                "tel": h.call.tel,
                "number": h.call.display,
            }
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
        # by_kecamatan: where each office is; serving: who serves each kecamatan
        # (`Service.serves`: the office's, regency-wide services, listed kecamatan).
        self.by_kecamatan: dict[str, list[Service]] = {k.code: [] for k in self.kecamatan}
        self.serving: dict[str, list[Service]] = {k.code: [] for k in self.kecamatan}
        self.unplaced: list[Service] = []  # no office kecamatan, nothing said of where it serves
        self.regency_wide: list[Service] = []  # no office kecamatan, serves the whole regency
        self.elsewhere: list[Service] = []  # no office kecamatan, serves listed kecamatan
        self.no_office = [s for s in self.listed if s.kecamatan is None]  # the three above
        for service in self.listed:
            kec = service.kecamatan
            if kec is not None:
                self.by_kecamatan[kec.code].append(service)
            elif service.serves_regency is not None:
                self.regency_wide.append(service)
            elif service.serves_codes:
                self.elsewhere.append(service)
            else:
                self.unplaced.append(service)
            if service.kecamatan is not None or service.serves_codes:
                for k in service.served_kecamatan:
                    self.serving[k.code].append(service)
        self.by_type: dict[str, list[Service]] = {t["id"]: [] for t in self.types}
        for service in self.listed:
            for term in service.data.get("types", []):
                self.by_type.setdefault(term, []).append(service)
        # The template files as they are when this renderer is made, and their environment.
        self.templates = templates_digest()
        self.env = environment(self.templates)
        self._shared: dict[str, bytes] = {}  # language -> digest of what every page shows
        self._texts: dict[str, str] = {}  # what every page of a language shares, made once
        self._everything: bytes | None = None
        self._schedules: dict[tuple[str, int], tuple[Record, str]] = {}
        self._dates: dict[tuple[str, dt.date], str] = {}

    # --- rendering ---------------------------------------------------------------------------

    def values(self, ctx: PageContext) -> dict[str, object]:
        """What every template (and component) can use, for one page in one language."""
        lang = ctx.lang
        t = self.site.interface.strings(lang)
        pinned = [
            {**h, "name": ctx.plain(h["name"]), "short": ctx.plain(h["short"])} for h in self.pinned
        ]
        return {
            "t": t,
            "lang": lang,
            "region": self.region,
            "wide": self.wide,
            "pinned": pinned,
            "text": ctx.text,
            "plain": ctx.plain,
            "url": ctx.url,
            "place_url": lambda s: self._place_url(ctx, s),
            "asset": ctx.asset,
            "site_path": ctx.site_path,
            "absolute": ctx.absolute,
            "qr": qr_svg,
            "site_url": self.site_url,
            "site_name": ctx.plain(self.site.settings.get("name")),
            "office_name": (self.site.settings.get("office") or {}).get("name", ""),
            "report_to": self.site.report_to,
            "utc_offset": self.utc_offset,
            "schedule_json": lambda s: self._schedule_json(s, lang),
            "holidays_json": self._holidays_json(lang),
            "holidays_ahead": self.site.holidays_ahead,
            "exceptions_ahead": lambda schedule: exceptions_ahead(schedule, self.site.checked_on),
            "share_text": lambda s: share_text(s, ctx, t, pinned),
            "service_types": lambda s: [self.type_by_id[x] for x in s.data.get("types", [])],
            "days_text": lambda days: ", ".join(t["days"][d] for d in days),
            "longdate": lambda day: self._long_date(day, lang),
            "plural": lambda key, n, **params: self.site.interface.plural(key, lang, n, **params),
            "heading": ctx.heading,
            # What search results and link previews show (`preview`).
            "describe": plain_description,
            "service_description": lambda s: service_description(
                s, lang, no_contact_text(t, pinned, "short"), help_text(t, pinned)
            ),
            "service_data": lambda s: service_data(
                s,
                lang,
                ctx.absolute(f"layanan/{s.slug}"),
                [ctx.plain(self.type_by_id[x]["name"]) for x in s.data.get("types", [])],
            ),
            "hotlines_data": lambda hotlines: hotlines_data(hotlines, lang, ctx.absolute(ctx.name)),
        }

    def _schedule_json(self, record: Record, lang: str) -> str:
        """`share.schedule_json`, made once per record and language (a service's page asks
        twice, and every list it is in once more)."""
        key = (lang, id(record))
        kept = self._schedules.get(key)
        if kept is None or kept[0] is not record:
            kept = self._schedules[key] = (record, schedule_json(record, lang))
        return kept[1]

    def _long_date(self, day: dt.date, lang: str) -> str:
        """`text.long_date`, made once per day and language."""
        key = (lang, day)
        if key not in self._dates:
            self._dates[key] = long_date(day, lang)
        return self._dates[key]

    def _holidays_json(self, lang: str) -> str:
        """`share.holidays_json`, made once per language."""
        key = f"holidays:{lang}"
        if key not in self._texts:
            self._texts[key] = holidays_json(self.site, lang)
        return self._texts[key]

    def _context(self, name: str, lang: str) -> PageContext:
        return PageContext(lang=lang, name=name, urls=self.urls)

    def _render(
        self, template: str, name: str, lang: str, values: dict, translated: Iterable = ()
    ) -> RenderedPage:
        ctx = self._context(name, lang)
        ctx.stale_used = any(record.stale_in(lang) for record in translated)
        page = render_page(f"pages/{template}", ctx, {**self.values(ctx), **values}, self.env)
        if page.description:
            return page
        # A page whose template says nothing of itself is described by the site's tagline.
        tagline = plain_description(in_language(self.site.settings.get("tagline"), lang))
        return replace(page, description=tagline)

    def component(self, name: str, lang: str, page: str, *args: object) -> Markup:
        """One component rendered as it would be on `page` in `lang` (tests/components)."""
        return render_component(name, self.values(self._context(page, lang)), *args, env=self.env)

    def _place_url(self, ctx: PageContext, service: Service) -> str:
        """Where a service's kecamatan is listed: its own page, or its section of the regency."""
        kec, regency = service.kecamatan, service.regency
        assert kec is not None and regency is not None
        if not self.wide:
            return ctx.url(f"layanan/kecamatan/{kec.slug}")
        return ctx.url(f"layanan/wilayah/{regency.slug}") + "#" + kec.slug

    # --- the memo ------------------------------------------------------------------------------

    def _shared_digest(self, lang: str) -> bytes:
        """What every page in `lang` shows besides its records: `Site.digest` (site.yml with its
        time zone, so a time-zone edit reaches every "open now" clock; the taxonomy, the pinned
        hotlines, the area, the languages), the interface text and the templates."""
        if lang not in self._shared:
            self._shared[lang] = digest(
                self.site.digest,
                lang,
                canonical_json(self.site.interface.strings(lang)),
                self.templates,
            )
        return self._shared[lang]

    def _shows_digest(self, shows: Iterable[Record] | None) -> bytes:
        """The file digests of the records a page shows (None: every record)."""
        if shows is not None:
            return digest(*(r.digest for r in shows))
        if self._everything is None:
            everything = [*self.site.services, *self.site.hotlines]
            self._everything = digest(*(r.digest for r in everything))
        return self._everything

    def _add(
        self,
        out: dict[PageKey, RenderedPage],
        lang: str,
        name: str,
        template: str,
        shows: list[Record] | None = None,
        also: str = "",
        translated: Iterable = (),
        **values: object,
    ) -> None:
        """Render a page (or reuse it from the memo); `shows`: the records it is made from
        (None: every record); `also`: anything else it depends on, in words."""
        memo = self.session.pages
        key_digest = b""
        if memo.enabled:  # a one-shot build keeps nothing: no digest to compute
            key_digest = digest(
                self._shared_digest(lang), template, self._shows_digest(shows), also
            )
        out[(lang, name)] = memo.get(
            (lang, name),
            key_digest,
            lambda: self._render(template, name, lang, values, translated),
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
            for service in self.site.services:
                add(
                    f"layanan/{service.slug}",
                    "service.html.j2",
                    [service],
                    translated=[service],
                    s=service,
                )
                add(
                    f"cetak/layanan/{service.slug}",
                    "poster_service.html.j2",
                    [service],
                    s=service,
                )
            add(
                "hotline",
                "hotlines.html.j2",
                self.hotlines,
                translated=self.hotlines,
                hotlines=self.hotlines,
            )
            add("cetak/hotline", "poster_hotlines.html.j2", self.hotlines, hotlines=self.hotlines)
            self._safety_plan(add, lang)
            if self.wide:
                # A kecamatan poster for each of 7,285 kecamatan and a booklet of the whole
                # directory would be the largest part of a national build: regency sites only.
                continue
            for kec in self.kecamatan:
                add(
                    f"cetak/kecamatan/{kec.slug}",
                    "poster_kecamatan.html.j2",
                    self.serving[kec.code],
                    kec=kec,
                    services=self.by_kecamatan[kec.code],
                    # those serving it from elsewhere, by name only: one A4 sheet still
                    elsewhere=[s for s in self.serving[kec.code] if s.kecamatan is not kec],
                )
            add(
                "cetak/buku",
                "booklet.html.j2",
                kecamatan=self.kecamatan,
                by_kecamatan=self.by_kecamatan,
                unplaced=self.no_office,
                hotlines=self.hotlines,
            )
        return out

    def _safety_plan(self, add: Callable[..., None], lang: str) -> None:
        """The safety plan: its words and review date are the interface text's (`plan_*`), its
        numbers the hotlines with one, its sources the guide its advice is from and theirs."""
        t = self.site.interface.strings(lang)
        numbers = [h for h in self.hotlines if h.phones]
        guides = {p.name for p in self.site.pages}
        guide = SAFETY_PLAN_GUIDE if SAFETY_PLAN_GUIDE in guides else None
        # A site may have deleted either guide: the plan links only to a page that exists.
        hide_visit = HIDE_VISIT_GUIDE if HIDE_VISIT_GUIDE in guides else None
        sources = [t["plan_guide_source"]]
        for h in numbers:
            name = in_language(h.data.get("name"), lang)
            sources += [f"{name}: {source}" for source in h.data.get("sources") or []]
        add(
            SAFETY_PLAN,
            "safety_plan.html.j2",
            numbers,
            also=f"{guide} {hide_visit}",
            hotlines=numbers,
            guide=guide,
            hide_visit=hide_visit,
            sources=sources,
            reviewed_on=dt.date.fromisoformat(t["plan_reviewed_on"]),
        )

    def _regency_pages(self, add: Callable[..., None]) -> None:
        add(
            "layanan/index",
            "directory.html.j2",
            kecamatan=self.kecamatan,
            types=self.types,
            by_kecamatan=self.by_kecamatan,
            by_type=self.by_type,
            listed=self.listed,
            serving=self.serving,
            regency_wide=self.regency_wide,
            unplaced=[s for s in self.no_office if s.serves_regency is None],
        )
        for kec in self.kecamatan:
            add(
                f"layanan/kecamatan/{kec.slug}",
                "kecamatan.html.j2",
                [*self.serving[kec.code], *self.unplaced],
                kec=kec,
                services=self.serving[kec.code],
                unplaced=self.unplaced,
            )
        for term in self.types:
            add(
                f"layanan/jenis/{term['id']}",
                "type.html.j2",
                self.by_type.get(term["id"], []),
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
            "area.html.j2",
            provinces=list(provinces.values()),
            types=self.types,
            type_counts={t["id"]: len(self.by_type.get(t["id"], [])) for t in self.types},
            unplaced=self.no_office,
        )
        if len(provinces) > 1:
            for province in provinces.values():
                add(f"layanan/provinsi/{province.slug}", "province.html.j2", province=province)
        wide_by_regency: dict[str, list[Service]] = {}
        for s in self.listed:
            if s.serves_regency is not None:
                wide_by_regency.setdefault(s.serves_regency.code, []).append(s)
        for r in regencies:
            kecamatan = sorted(r.kecamatan.values(), key=lambda k: k.code)
            # A regency-wide service at the top (and in its office's section, where its page
            # links); each kecamatan's section the services of its offices and those listing
            # it. The list of kecamatan links only to the sections there are (a kecamatan with
            # no service has no heading to go to).
            wide = wide_by_regency.get(r.code, [])
            sections = {
                k.code: [
                    s
                    for s in self.serving[k.code]
                    if s.serves_regency is None or s.kecamatan is k  # its office's, always
                ]
                for k in kecamatan
            }
            unique = {s.id: s for s in [*wide, *(s for v in sections.values() for s in v)]}
            shown = list(unique.values())
            add(
                f"layanan/wilayah/{r.slug}",
                "regency.html.j2",
                shown,
                regency=r,
                kecamatan=kecamatan,
                by_kecamatan=sections,
                regency_wide=wide,
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
