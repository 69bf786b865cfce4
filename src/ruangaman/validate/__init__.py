"""Validate stage: the checks that need more than one file (region, taxonomy, phones, pages) or
today's date (`dates`), and the views of the checked site (`site`).

`check_project` is what `ruangaman check` runs and what every build runs first: load, then
validate, collecting every problem of every file into one Report. It returns what load read
(untouched: nothing here writes into it) and a new `Site` for render, the theme and the tools.
"""

from __future__ import annotations

import bisect
import datetime as dt
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ruangaman import model
from ruangaman.load.discover import Content, Page, Record, load_content
from ruangaman.load.shape import Checker, suggestion
from ruangaman.model import fallback_id
from ruangaman.model.destination import BadDestination
from ruangaman.model.destination import parse as parse_destination
from ruangaman.problems import WARNING, Problem, Report
from ruangaman.session import BuildSession, without_cyclic_gc
from ruangaman.text import LanguageName, Msg
from ruangaman.validate.dates import (
    STALE_MONTHS,
    future_dates,
    months_before,
    site_today,
    today_in,
    without,
)
from ruangaman.validate.examples import localise_examples, region_area_codes
from ruangaman.validate.freshness import PAGE_MARK_KEY, split_marks, texts
from ruangaman.validate.holidays import site_holidays, site_years
from ruangaman.validate.languages import check_site_languages, foreign_text
from ruangaman.validate.mkdocsconfig import check_languages, check_mkdocs_file
from ruangaman.validate.pagehtml import examine_fallback, examine_page, page_worker
from ruangaman.validate.phones import PhoneError, parse_phone
from ruangaman.validate.region import Area, Region, UnknownRegion, load_area, name_key
from ruangaman.validate.site import (
    DIALABLE,
    Hotline,
    ParsedPhone,
    Service,
    Site,
    attempts_in_order,
    last_confirmed,
    phone_kind,
    read_only,
    report_contact,
)

__all__ = ("STALE_MONTHS", "check_project", "fallback_id", "months_before", "site_today")

TRANSLATION_SHARED = ("topics", "reviewed_on")
SERVES_KEYS = ("kabupaten", "kecamatan", "desa")
# The longest exception: Ramadan is 30 days; a longer "exception" is a new weekly schedule.
EXCEPTION_MAX_DAYS = 62
SPECS = MappingProxyType({"service": model.SERVICE, "hotline": model.HOTLINE})


class Validator:
    """Cross-file checks over loaded content. Writes nothing into it: what it finds out (the
    area, each record's parsed phones, kecamatan and id) goes into new views (`validate.site`)."""

    def __init__(
        self,
        content: Content,
        today: dt.date,
        stale_months: int,
        session: BuildSession | None = None,
    ) -> None:
        self.content = content
        self.session = session or BuildSession.one_shot("check")
        self.today = today
        self.stale_months = stale_months
        self.problems: list[Problem] = []
        self.area: Area | None = None
        self.services: list[Service] = []
        self.hotlines: list[Hotline] = []
        self.office_phones: tuple[ParsedPhone, ...] = ()
        self.ids: dict[str, str] = {}  # rel -> id
        self.meta: dict[str, dict] = {}  # rel -> a page's front matter without refused dates
        self.holidays: tuple = ()

    def checker(self, rel: str, loaded: Any) -> Checker:
        checker = Checker(rel, loaded)
        checker.problems = self.problems  # one list for the whole run
        return checker

    def run(self) -> None:
        self.check_site()
        self.problems += check_site_languages(self.content)
        self.holidays = self.check_holidays()
        types, topics = self.check_taxonomy()
        self.check_ids()
        for record in self.content.services:
            self.services.append(self.check_service(record, types))
        self.check_hotlines()
        self.check_pages(topics)
        self.check_html()

    def site(self) -> Site | None:
        """The validated site, when its area is known (nothing can be rendered without it)."""
        if self.area is None:
            return None
        return Site(
            settings=read_only(self.content.site),
            taxonomy=read_only(self.content.taxonomy),
            area=self.area,
            languages=tuple(self.content.languages),
            services=tuple(self.services),
            hotlines=tuple(self.hotlines),
            pages=self.content.pages,
            checked_on=self.today,
            interface=self.content.interface,
            office_phones=self.office_phones,
            holidays=self.holidays,
        )

    def checked_data(self, rel: str, loaded: Any, data: dict, spec: model.Field) -> dict:
        """`data` as later checks and every page see it: a date still to come is refused here
        (it needs today, so the load stage leaves it) and is then as absent as any refused
        value. `data` itself is never written; a copy is made only when a date is refused."""
        languages = tuple(self.content.languages)
        for path in foreign_text(data, spec, languages):
            self.checker(rel, loaded).problem(
                "language_not_in_site",
                path,
                severity=WARNING,
                value=path[-1],
                languages=", ".join(languages),
                **suggestion(str(path[-1]), list(languages)),
            )
        found = future_dates(data, spec, self.today)
        if not found:
            return data
        checker = self.checker(rel, loaded)
        for path, value in found:
            checker.problem("future_date", path, value=value.isoformat(), today=self.today)
        return without(data, [path for path, _ in found])

    def check_ids(self) -> None:
        """Every service and hotline gets a stable id: its own, or one made from its file name."""
        holders: dict[str, list[Record]] = {}
        for record in self.content.services + self.content.hotlines:
            given = record.data.get("id")
            if not given:
                # Same file name, same id, whatever else changes; `ruangaman new` and the
                # spreadsheet import write an explicit one, and the shipped records all have one.
                self.ids[record.rel] = fallback_id(record.kind, record.slug)
                continue
            self.ids[record.rel] = given
            holders.setdefault(given, []).append(record)
        # A shared id is told in every file that holds it: which one is the copy cannot be
        # known from the files (names sort either way, a checkout resets their times), and an
        # editor looking at either file must see the problem and the id to write in the copy.
        for given, records in holders.items():
            for record in records if len(records) > 1 else ():
                other = next(r.rel for r in records if r is not record)
                self.checker(record.rel, record.loaded).problem(
                    "duplicate_id",
                    ("id",),
                    value=given,
                    other=other,
                    suggested_id=fallback_id(record.kind, record.slug),
                )

    def area_hint(self) -> Msg:
        """How a wrong number's fix names the area code: the site's own regency's, from
        libphonenumber (`phones.region_area_codes`), never another region's example."""
        region = self.area.single if self.area is not None else None
        if region is not None:
            codes = region_area_codes(region)
            if codes:
                return Msg("parts.area_code", {"code": codes[0], "place": region.short_name})
        return Msg("parts.area_code_unknown")

    def examples(self) -> dict[str, str]:
        """Places a fix may give as examples: the site's own first regency, kecamatan and desa
        (by code), never another region's."""
        regencies = sorted(self.area.regencies.values(), key=lambda r: r.code) if self.area else []
        if not regencies:
            return dict.fromkeys(
                ("example_regency", "example_code", "example_kecamatan", "example_desa"), "…"
            )
        first = regencies[0]
        kecamatan = sorted(first.kecamatan.values(), key=lambda k: k.code)
        desa = sorted(kecamatan[0].desa.values(), key=lambda d: d.code) if kecamatan else []
        return {
            "example_regency": first.short_name,
            "example_code": first.code,
            "example_kecamatan": kecamatan[0].name if kecamatan else "…",
            "example_desa": desa[0].name if desa else "…",
        }

    # --- site and taxonomy ---------------------------------------------------------------------
    def check_site(self) -> None:
        site = self.content.site
        self.check_publish_destination()
        code = site.get("region")
        if not code or self.content.site_loaded is None:
            return
        try:
            self.area = load_area(code)
        except UnknownRegion as err:
            self.checker("content/site.yml", self.content.site_loaded).problem(
                "unknown_region", ("region",), value=code, **err.suggestion()
            )
        office = site.get("office") or {}
        self.office_phones = self.check_phones(
            office, "content/site.yml", self.content.site_loaded, ("office",), False
        )
        if report_contact(office, self.office_phones) is None:
            # "Nomor salah? Laporkan" then has nowhere to send a reader's report.
            self.checker("content/site.yml", self.content.site_loaded).problem(
                "office_contact_missing", ("office",), severity=WARNING
            )
        if not site.get("url"):
            # Without the site's address no poster has a QR code, and there is no sitemap.
            self.checker("content/site.yml", self.content.site_loaded).problem(
                "site_url_missing", ("url",), severity=WARNING
            )

    def check_publish_destination(self) -> None:
        """A destination `ruangaman publish` cannot use, or one holding a password, is reported
        by every check (so in the pull request), not first when publishing."""
        dest = (self.content.site.get("publish") or {}).get("destination")
        if not dest or self.content.site_loaded is None:
            return
        try:
            parse_destination(dest)
        except BadDestination as err:
            self.checker("content/site.yml", self.content.site_loaded).problem(
                err.code, ("publish", "destination"), **err.params
            )

    def check_taxonomy(self) -> tuple[dict, dict]:
        found: dict[str, dict] = {}
        loaded = self.content.taxonomy_loaded
        for group in ("service_types", "topics"):
            terms: dict[str, Any] = {}
            for i, term in enumerate(self.content.taxonomy.get(group, [])):
                term_id = term.get("id")
                if term_id in terms:
                    self.checker("content/taxonomy.yml", loaded).problem(
                        "duplicate_item", (group, i, "id"), value=term_id
                    )
                elif term_id:
                    terms[term_id] = term
            found[group] = terms
        return found["service_types"], found["topics"]

    # --- records -------------------------------------------------------------------------------
    def check_phones(
        self, data: dict, rel: str, loaded: Any, path: tuple, allow_short: bool
    ) -> tuple[ParsedPhone, ...]:
        """The record's usable numbers, parsed, in their order (the others are reported)."""
        seen: set[tuple[str, str]] = set()
        checker = self.checker(rel, loaded)
        out: list[ParsedPhone] = []
        for i, phone in enumerate(data.get("phones", [])):
            text = phone.get("number")
            if not text:
                continue
            where = (*path, "phones", i, "number")
            try:
                parsed = parse_phone(text, allow_short, self.session.phones)
            except PhoneError as err:
                checker.problem(err.code, where, value=text, area=self.area_hint())
                continue
            kind = phone_kind(phone)
            if kind == "whatsapp" and not parsed.mobile:
                checker.problem("whatsapp_not_mobile", where, value=text)
                continue
            if (parsed.e164, kind) in seen:
                checker.problem("duplicate_phone", where, value=text, kind=kind)
                continue
            seen.add((parsed.e164, kind))
            note = phone.get("description")
            note = texts(note) if isinstance(note, dict) else note  # its marks are not text
            out.append(ParsedPhone(text, kind, parsed, note))
        return tuple(out)

    def effective_verification(self, record: Record, data: dict) -> dict:
        """`data` with `verified_on` as its log says: the date of the last confirmed or changed
        attempt. A file without such an attempt keeps the `verified_on` it has written; when
        both are written and differ, the log wins and a warning names both dates (the log is
        what editors append to after each call; a hand-written date is easily left behind).
        `data` itself is never written: a copy is returned when the date changes."""
        confirmed = last_confirmed(attempts_in_order(data.get("verification")))
        if confirmed is None:
            return data
        written = data.get("verified_on")
        if written is not None and written != confirmed:
            self.checker(record.rel, record.loaded).problem(
                "verified_on_disagrees",
                ("verified_on",),
                severity=WARNING,
                value=written.isoformat(),
                logged=confirmed.isoformat(),
            )
        return {**data, "verified_on": confirmed}

    def check_verification(self, record: Record, data: dict) -> None:
        checker = self.checker(record.rel, record.loaded)
        if data.get("status") == "active":
            missing = [k for k in ("verified_on", "sources") if not data.get(k)]
            if missing and not (set(missing) & _unusable(record, data)):
                checker.problem("active_needs_verification", ("status",), missing=missing[0])
        verified = data.get("verified_on")
        if verified and verified < months_before(self.today, self.stale_months):
            checker.problem(
                "stale_verification",
                ("verified_on",),
                severity=WARNING,
                value=verified.isoformat(),
                months=self.stale_months,
            )

    def check_schedule(self, record: Record, data: dict) -> dict:
        """`data` with only the usable schedule exceptions (a copy when one is refused)."""
        schedule = data.get("schedule") or {}
        checker = self.checker(record.rel, record.loaded)
        if schedule.get("open_24_hours") and schedule.get("weekly"):
            checker.problem("schedule_both", ("schedule", "weekly"))
        if schedule.get("open_24_hours") and schedule.get("closed_on_public_holidays"):
            checker.problem("holidays_but_24_hours", ("schedule", "closed_on_public_holidays"))
        for i, hours in enumerate(schedule.get("weekly", [])):
            if hours.get("opens_at") and hours.get("opens_at") == hours.get("closes_at"):
                checker.problem(
                    "same_open_close",
                    ("schedule", "weekly", i, "closes_at"),
                    value=hours["opens_at"],
                )
        raw = record.loaded.data if isinstance(record.loaded.data, dict) else {}
        raw = raw.get("schedule") if isinstance(raw.get("schedule"), dict) else {}
        written = raw.get("exceptions") if isinstance(raw.get("exceptions"), list) else []
        usable = self.check_exceptions(schedule, written, checker)
        if usable == list(schedule.get("exceptions") or ()):
            return data
        return {**data, "schedule": {**schedule, "exceptions": usable}}

    def check_exceptions(self, schedule: Any, written: list, checker: Checker) -> list:
        """A closure or other hours: one day or a range (`until` included, no longer than
        `EXCEPTION_MAX_DAYS`), both hours or neither (closed) on the same day, no two on one
        day. The loaded file is not written: the view's `schedule.exceptions` is the usable
        ones only (a refused closure shown would tell readers a wrong day)."""
        taken: list[tuple[dt.date, dt.date, int]] = []
        usable = []
        items = list(schedule.get("exceptions") or ())
        # The shape check keeps every item written as a mapping, in order, and drops the rest:
        # each kept item's index in the file, for its line.
        places = [j for j, w in enumerate(written) if isinstance(w, dict)]
        if len(places) != len(items):
            places = list(range(len(items)))
        for item, i in zip(items, places, strict=True):
            where = ("schedule", "exceptions", i)
            given = written[i] if i < len(written) and isinstance(written[i], dict) else {}
            if any(key in given and key not in item for key in given):
                continue  # a value of it was refused, and said so: no guess at the rest
            if exception_problem(item, checker, where):
                continue
            first, last = item["date"], item.get("until") or item["date"]
            # The kept ranges never share a day, so sorted they are in order of their ends too:
            # only the neighbours of a new one can share a day with it (thousands of exceptions are
            # checked as fast as ten).
            at = bisect.bisect_left(taken, (first,))
            near = [taken[j] for j in (at - 1, at) if 0 <= j < len(taken)]
            clash = next((r for r in near if first <= r[1] and r[0] <= last), None)
            if clash is not None:
                checker.problem(
                    "exception_overlap",
                    (*where, "date"),
                    value=first.isoformat(),
                    other=clash[2] + 1,
                    other_date=clash[0].isoformat(),
                )
                continue
            bisect.insort(taken, (first, last, i))
            usable.append(item)
        return usable

    def check_holidays(self) -> tuple:
        """The site's holidays (`validate.holidays`), and a warning for each date
        content/holidays.yml removes that the list does not hold (a typo, or a date outside
        the years the site covers)."""
        holidays, unused = site_holidays(self.today, self.content.holidays)
        loaded = self.content.holidays_loaded
        if loaded is not None:
            checker = self.checker("content/holidays.yml", loaded)
            seen: dict[dt.date, int] = {}
            for i, item in enumerate(self.content.holidays.get("add") or ()):
                day = item.get("date")
                if day in seen:
                    checker.problem(
                        "holiday_twice", ("add", i, "date"), value=day.isoformat(), other=seen[day]
                    )
                elif day is not None:
                    seen[day] = i + 1
            years = site_years(self.today)
            for _, i, day in unused:
                checker.problem(
                    "holiday_remove_unknown",
                    ("remove", i, "date"),
                    severity=WARNING,
                    value=day.isoformat(),
                    first=years[0],
                    last=years[1],
                )
        return holidays

    def check_service(self, record: Record, types: dict) -> Service:
        data = self.checked_data(record.rel, record.loaded, record.data, model.SERVICE)
        data = self.effective_verification(record, data)
        checker = self.checker(record.rel, record.loaded)
        unknown_terms(checker, "unknown_type", "types", data.get("types", []), list(types))
        places = self.check_location(record, checker)
        served = self.check_serves(record, checker, places)
        phones = self.check_phones(data, record.rel, record.loaded, (), allow_short=False)
        self.check_verification(record, data)
        data = self.check_schedule(record, data)
        data, translations = split_marks(data, model.SERVICE, tuple(self.content.languages))
        return Service(
            record.slug,
            self.ids[record.rel],
            record.rel,
            read_only(data),
            record.loaded,
            record.digest,
            phones,
            *places,
            **served,
            translations=translations,
        )

    def check_location(self, record: Record, checker: Checker) -> tuple:
        """(kecamatan, regency, desa) the service's location names, each None if not found
        (the regency is set only with its kecamatan)."""
        nowhere = (None, None, None)
        location = record.data.get("location") or {}
        for axis, low, high in (("latitude", -11.5, 6.5), ("longitude", 94.5, 141.5)):
            value = location.get(axis)
            if value is not None and not low <= value <= high:
                checker.problem("bad_coordinate", ("location", axis), value=value)
        if ("latitude" in location) != ("longitude" in location):
            checker.problem("coordinate_pair", ("location",))
        if self.area is None or "kecamatan" not in location:
            return nowhere
        region = self.find_regency(location, checker)
        if region is None:
            return nowhere
        kecamatan = region.find_kecamatan(location["kecamatan"])
        if kecamatan is None:
            names = region.kecamatan_names()
            checker.problem(
                "unknown_kecamatan",
                ("location", "kecamatan"),
                value=location["kecamatan"],
                region=region.name,
                choices=", ".join(names),
                **suggestion(location["kecamatan"], names),
            )
            return nowhere
        desa_name = location.get("desa")
        if desa_name:
            desa = kecamatan.find_desa(desa_name)
            if desa is None:
                names = [d.name for d in kecamatan.desa.values()]
                elsewhere = region.find_desa_anywhere(desa_name)
                hint = suggestion(desa_name, names)
                if elsewhere:
                    other = elsewhere[0][0].name
                    hint = {"suggestion": Msg("parts.desa_elsewhere", {"kecamatan": other})}
                checker.problem(
                    "unknown_desa",
                    ("location", "desa"),
                    value=desa_name,
                    kecamatan=kecamatan.name,
                    **hint,
                )
            return kecamatan, region, desa
        return kecamatan, region, None

    def check_serves(self, record: Record, checker: Checker, places: tuple) -> dict[str, Any]:
        """Where the service serves (`serves:`), against the region list: the regency of its
        office (the site's own on a regency site), kecamatan of that regency, or desa of its
        office's kecamatan. Returns the `Service` fields; nothing when it names no area."""
        serves = record.data.get("serves")
        if serves is None or self.area is None:
            return {}
        # `kabupaten: false` (a spreadsheet's "tidak") says only what leaving it out says
        written = [key for key in SERVES_KEYS if key in serves and serves[key] is not False]
        if len(written) > 1:
            checker.problem(
                "serves_two", ("serves", written[1]), first=written[0], second=written[1]
            )
            return {}
        raw = record.loaded.data.get("serves") if isinstance(record.loaded.data, dict) else None
        if isinstance(raw, dict) and any(k in raw and k not in serves for k in SERVES_KEYS):
            return {}  # a value of the wrong kind, already reported: no second message
        if serves.get("kabupaten") is False and not written:
            return {}
        if not written:
            checker.problem("serves_empty", ("serves",), **self.examples())
            return {}
        kecamatan, regency, _ = places
        location = record.data.get("location") or {}
        if regency is None:
            if "kecamatan" in location:
                return {}  # its location is wrong and already reported
            regency = self.area.single
            if regency is None:
                checker.problem(
                    "missing_regency", ("serves",), area=self.area.name, **self.examples()
                )
                return {}
        key = written[0]
        if key == "kabupaten":
            return {"serves_regency": regency}
        if key == "kecamatan":
            found = []
            for i, name in enumerate(serves["kecamatan"]):
                kec = regency.find_kecamatan(name)
                if kec is None:
                    names = regency.kecamatan_names()
                    checker.problem(
                        "unknown_kecamatan",
                        ("serves", "kecamatan", i),
                        value=name,
                        region=regency.name,
                        choices=", ".join(names),
                        **suggestion(name, names),
                    )
                elif kec not in found:
                    found.append(kec)
            # one wrong name refuses the list (and the build): never a part of what was meant
            if len(found) < len({name_key(n) for n in serves["kecamatan"]}):
                return {}
            return {"serves_kecamatan": tuple(found)}
        if kecamatan is None:
            checker.problem("serves_desa_without_kecamatan", ("serves", "desa"))
            return {}
        desa = []
        for i, name in enumerate(serves["desa"]):
            one = kecamatan.find_desa(name)
            if one is not None:
                if one not in desa:
                    desa.append(one)
                continue
            where = ("serves", "desa", i)
            elsewhere = regency.find_desa_anywhere(name)
            if elsewhere:
                checker.problem(
                    "serves_desa_elsewhere",
                    where,
                    value=name,
                    kecamatan=kecamatan.name,
                    other=elsewhere[0][0].name,
                )
            else:
                names = [d.name for d in kecamatan.desa.values()]
                checker.problem(
                    "unknown_desa",
                    where,
                    value=name,
                    kecamatan=kecamatan.name,
                    **suggestion(name, names),
                )
        if len(desa) < len({name_key(n) for n in serves["desa"]}):
            return {}
        return {"serves_desa": tuple(desa)}

    def find_regency(self, location: Any, checker: Checker) -> Region | None:
        """The service's regency: the site's own, or the one `location.kabupaten` names."""
        area = self.area
        assert area is not None
        written = location.get("kabupaten")
        if written is None:
            if area.single is None:
                checker.problem("missing_regency", ("location",), area=area.name, **self.examples())
            return area.single
        found = area.find_regency(written)
        if len(found) == 1:
            return found[0]
        where = ("location", "kabupaten")
        if found:
            checker.problem(
                "ambiguous_regency",
                where,
                value=written,
                choices=", ".join(f"{r.name} ({r.code})" for r in found),
                first=found[0].name,
                first_code=found[0].code,
            )
        else:
            names = area.regency_names()
            checker.problem(
                "unknown_regency",
                where,
                value=written,
                area=area.name,
                **self.examples(),
                **suggestion(written, names),
            )
        return None

    def check_hotlines(self) -> None:
        orders: dict[int, str] = {}
        for record in self.content.hotlines:
            data = self.checked_data(record.rel, record.loaded, record.data, model.HOTLINE)
            data = self.effective_verification(record, data)
            checker = self.checker(record.rel, record.loaded)
            phones = self.check_phones(data, record.rel, record.loaded, (), allow_short=True)
            self.check_verification(record, data)
            data = self.check_schedule(record, data)
            data, translations = split_marks(data, model.HOTLINE, tuple(self.content.languages))
            hotline = Hotline(
                record.slug,
                self.ids[record.rel],
                record.rel,
                read_only(data),
                record.loaded,
                record.digest,
                phones,
                translations=translations,
            )
            self.hotlines.append(hotline)
            self.check_pinned(hotline, checker)
            order = record.data.get("order")
            if order is not None:
                if order in orders:
                    checker.problem("duplicate_order", ("order",), value=order, other=orders[order])
                else:
                    orders[order] = record.rel
        if self.content.hotlines and not any(h.data.get("pinned") for h in self.content.hotlines):
            self.problems.append(Problem("no_pinned_hotline", "content/hotlines/"))

    def check_pinned(self, hotline: Hotline, checker: Checker) -> None:
        """A `pinned: true` hotline that `Site.pinned` leaves out (closed, or with no number to
        dial) is shown nowhere: the editor hears it rather than finding it missing."""
        if not hotline.pinned_flag:
            return
        if not hotline.shown:
            checker.problem("pinned_inactive", ("pinned",), severity=WARNING)
        elif hotline.call is None and not any(
            phone_kind(p) == DIALABLE for p in hotline.data.get("phones") or []
        ):
            # (a voice number that was refused has its own message already)
            checker.problem("pinned_without_call", ("pinned",), severity=WARNING)

    # --- pages ---------------------------------------------------------------------------------
    def check_html(self) -> None:
        """The rendered HTML of every page, and of every page staging shows in another language
        (`pagehtml`): elements, attributes and addresses outside the allow-list are refused."""
        main = self.content.languages[0]
        have = {(p.name, p.lang) for p in self.content.pages}
        worker = page_worker(self.session)
        for page in self.content.pages:
            found = examine_page(page.rel, page.body, page.body_line, worker=worker)
            self.problems += found
            if found or page.lang != main:
                continue
            for other in self.content.languages[1:]:
                if (page.name, other) not in have:
                    self.problems += examine_fallback(
                        page, main, other, worker=worker, interface=self.content.interface
                    )
                    break

    def check_pages(self, topics: dict) -> None:
        by_name: dict[str, dict[str, Page]] = {}
        for page in self.content.pages:
            by_name.setdefault(page.name, {})[page.lang] = page
            meta = page.meta
            if page.loaded is not None:
                spec = model.GUIDE if page.is_guide else model.PAGE
                meta = self.checked_data(page.rel, page.loaded, page.meta, spec)
            self.meta[page.rel] = meta
            if page.lang == self.content.languages[0] and PAGE_MARK_KEY in meta:
                self.checker(page.rel, page.loaded).problem(
                    "mark_on_source", (PAGE_MARK_KEY,), severity=WARNING
                )
            if page.is_guide and page.loaded is not None:
                checker = self.checker(page.rel, page.loaded)
                unknown_terms(
                    checker, "unknown_topic", "topics", meta.get("topics", []), list(topics)
                )
        languages = self.content.languages
        main_lang, others = languages[0], languages[1:]
        for page in self.content.pages:
            if page.lang not in languages:
                self.problems.append(
                    Problem(
                        "page_language_not_in_site",
                        page.rel,
                        params={"value": page.lang, "languages": ", ".join(languages)},
                        severity=WARNING,
                    )
                )
        for name, versions in by_name.items():
            main = versions.get(main_lang)
            for lang in others:
                translation = versions.get(lang)
                if main and not translation:
                    self.problems.append(
                        Problem(
                            "missing_translation",
                            main.rel,
                            severity=WARNING,
                            params={
                                "value": f"docs/{name}.{lang}.md",
                                "language": LanguageName(lang),
                            },
                        )
                    )
                if translation and not main:
                    self.problems.append(
                        Problem(
                            "orphan_translation",
                            translation.rel,
                            params={
                                "value": f"docs/{name}.{main_lang}.md",
                                "language": LanguageName(lang),
                            },
                        )
                    )
                if main and translation and translation.is_guide and translation.loaded:
                    one, other = self.meta[main.rel], self.meta[translation.rel]
                    for key in TRANSLATION_SHARED:
                        if key in one and key in other and one[key] != other[key]:
                            self.checker(translation.rel, translation.loaded).problem(
                                "translation_mismatch",
                                (key,),
                                value=f"{one[key]} ≠ {other[key]}",
                                other=translation.rel,
                            )


def exception_problem(item: Any, checker: Checker, where: tuple) -> bool:
    """Report what makes one schedule exception unusable; True when it is (it is then left
    out of every page: a refused closure must not show a service open or closed by mistake)."""
    first, last = item.get("date"), item.get("until")
    if first is None or not item.get("reason"):
        return True  # the shape check has said why
    if last is not None and last < first:
        checker.problem(
            "exception_ends_before",
            (*where, "until"),
            value=last.isoformat(),
            first=first.isoformat(),
        )
        return True
    if last is not None and (last - first).days + 1 > EXCEPTION_MAX_DAYS:
        checker.problem(
            "exception_too_long",
            (*where, "until"),
            days=(last - first).days + 1,
            limit=EXCEPTION_MAX_DAYS,
        )
        return True
    opens, closes = item.get("opens_at"), item.get("closes_at")
    if ("opens_at" in item) != ("closes_at" in item):
        missing = "closes_at" if "opens_at" in item else "opens_at"
        checker.problem("exception_one_time", (*where, missing), key=missing)
        return True
    if opens is not None and closes is not None and closes <= opens:
        checker.problem("exception_hours_order", (*where, "closes_at"), opens=opens, closes=closes)
        return True
    return False


def _unusable(record: Record, checked: dict) -> set[str]:
    """Fields present in the file but rejected already: no second message about them."""
    data = record.loaded.data if isinstance(record.loaded.data, dict) else {}
    return {k for k in ("verified_on", "sources") if k in data and k not in checked}


def unknown_terms(checker: Checker, code: str, field: str, values: list, known: list) -> None:
    """A problem for each value of a list field that is not one of the taxonomy's terms."""
    for i, value in enumerate(values):
        if value not in known:
            checker.problem(
                code,
                (field, i),
                value=value,
                choices=", ".join(known),
                **suggestion(value, list(known)),
            )


def check_project(
    root: Path,
    session: BuildSession | None = None,
    *,
    today: dt.date | None = None,
    stale_months: int = STALE_MONTHS,
) -> tuple[Content, Site | None, Report]:
    """Load and validate a whole project: the content as loaded, the validated site (None when
    its area is unknown: nothing can be rendered then), every problem. Every file is checked
    from its bytes on every run: nothing checked is kept on disk, so nothing a pull request
    could commit is ever taken as checked content.

    `session` is the build's (a preview's keeps what it checked of unchanged files); without
    one, the check makes a one-shot session and closes it (its page renderer) when done."""
    if session is None:
        own = BuildSession.one_shot("check")
        try:
            return check_project(root, own, today=today, stale_months=stale_months)
        finally:
            own.close()
    page_worker(session).warm()  # the page renderer starts while the YAML loads
    with without_cyclic_gc():
        content, problems = load_content(root, session)
        problems += check_mkdocs_file(root / "mkdocs.yml")
        where = content.site_loaded.line(("languages",)) if content.site_loaded else None
        problems += check_languages(root / "mkdocs.yml", content.languages, where)
        # Today where the site is, from the site.yml just loaded (not where the build runs).
        day = today or today_in(content.site.get("timezone"))
        validator = Validator(content, day, stale_months, session)
        validator.run()
    # Another regency's editors read its own examples in a fix, not Kubu Raya's.
    region = validator.area.single if validator.area is not None else None
    report = Report(problems=localise_examples(problems + validator.problems, region))
    report.counts = {
        "services": len(content.services),
        "hotlines": len(content.hotlines),
        "pages": len(content.pages),
    }
    return content, validator.site(), report
