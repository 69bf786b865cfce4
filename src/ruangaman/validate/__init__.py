"""Validate stage: the checks that need more than one file (region, taxonomy, phones, pages).

`check_project` is what `ruangaman check` runs and what every build runs first: load, then
validate, collecting every problem of every file into one Report.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from pathlib import Path
from typing import Any

from ruangaman.load.discover import Content, Page, Record, load_content
from ruangaman.load.projectfiles import read_file
from ruangaman.load.shape import Checker, suggestion
from ruangaman.problems import WARNING, Problem, Report
from ruangaman.session import BuildSession, without_cyclic_gc
from ruangaman.validate.mkdocsconfig import check_mkdocs_file
from ruangaman.validate.pagehtml import examine_fallback, examine_page, page_worker
from ruangaman.validate.phones import PhoneError, parse_phone
from ruangaman.validate.region import Area, Region, UnknownRegion, load_area

STALE_MONTHS = 12
TRANSLATION_SHARED = ("topics", "reviewed_on")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the last day of the month where it has no such day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def site_today(root: Path) -> dt.date:
    """Today's date where the site is (Asia/Pontianak for Kubu Raya), not where the build runs."""
    zone = "Asia/Jakarta"
    try:
        # Opened as every content file is: no link followed, no FIFO waited on, 256 KB at most.
        text = read_file(root / "content" / "site.yml", root, limit=256 * 1024).decode("utf-8")
        for line in text.splitlines():
            if line.startswith("timezone:"):
                zone = line.split(":", 1)[1].strip().strip("'\"")
        return dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()
    except (OSError, UnicodeDecodeError, zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.datetime.now(zoneinfo.ZoneInfo("Asia/Jakarta")).date()


class Validator:
    """Cross-file checks over loaded content; fills in `region` and each phone's parsed form."""

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

    def checker(self, rel: str, loaded: Any) -> Checker:
        checker = Checker(rel, loaded, self.today)
        checker.problems = self.problems  # one list for the whole run
        return checker

    def run(self) -> None:
        self.check_site()
        types, topics = self.check_taxonomy()
        for record in self.content.services:
            self.check_service(record, types)
        self.check_hotlines()
        self.check_ids()
        self.check_pages(topics)
        self.check_html()

    def check_ids(self) -> None:
        """Every service and hotline gets a stable id: its own, or one made from its file name."""
        seen: dict[str, str] = {}
        for record in self.content.services + self.content.hotlines:
            checker = self.checker(record.rel, record.loaded)
            given = record.data.get("id")
            if not given:
                # Same file name, same id, whatever else changes; `ruangaman new` and the
                # spreadsheet import write an explicit one, and the shipped records all have one.
                record.data["id"] = fallback_id(record.kind, record.slug)
                continue
            if given in seen:
                checker.problem("duplicate_id", ("id",), value=given, other=seen[given])
            seen[given] = record.rel

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
            names = [f"{c} ({n})" for c, n in err.suggestions]
            guess = {
                "suggestion_id": f"Mungkin maksud Anda: {', '.join(names)}. " if names else "",
                "suggestion_en": f"Perhaps you mean: {', '.join(names)}. " if names else "",
            }
            self.checker("content/site.yml", self.content.site_loaded).problem(
                "unknown_region", ("region",), value=code, **guess
            )
        office = site.get("office") or {}
        self.check_phones(office, "content/site.yml", self.content.site_loaded, ("office",), False)

    def check_publish_destination(self) -> None:
        """A destination `ruangaman publish` cannot use, or one holding a password, is reported
        by every check (so in the pull request), not first when publishing."""
        from ruangaman.publish.destination import parse
        from ruangaman.publish.transport import PublishError

        dest = (self.content.site.get("publish") or {}).get("destination")
        if not dest or self.content.site_loaded is None:
            return
        try:
            parse(dest)
        except PublishError as err:
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
    ) -> None:
        seen: set[tuple[str, str]] = set()
        checker = self.checker(rel, loaded)
        for i, phone in enumerate(data.get("phones", [])):
            text = phone.get("number")
            if not text:
                continue
            where = (*path, "phones", i, "number")
            try:
                parsed = parse_phone(text, allow_short, self.session.phones)
            except PhoneError as err:
                checker.problem(err.code, where, value=text)
                continue
            kind = phone.setdefault("type", "voice")
            if kind == "whatsapp" and not parsed.mobile:
                checker.problem("whatsapp_not_mobile", where, value=text)
                continue
            if (parsed.e164, kind) in seen:
                checker.problem("duplicate_phone", where, value=text, kind=kind)
                continue
            seen.add((parsed.e164, kind))
            phone["parsed"] = parsed

    def check_verification(self, record: Record) -> None:
        data = record.data
        checker = self.checker(record.rel, record.loaded)
        if data.get("status") == "active":
            missing = [k for k in ("verified_on", "sources") if not data.get(k)]
            if missing and not (set(missing) & _unusable(record)):
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

    def check_schedule(self, record: Record) -> None:
        schedule = record.data.get("schedule") or {}
        checker = self.checker(record.rel, record.loaded)
        if schedule.get("open_24_hours") and schedule.get("weekly"):
            checker.problem("schedule_both", ("schedule", "weekly"))
        for i, hours in enumerate(schedule.get("weekly", [])):
            if hours.get("opens_at") and hours.get("opens_at") == hours.get("closes_at"):
                checker.problem(
                    "same_open_close",
                    ("schedule", "weekly", i, "closes_at"),
                    value=hours["opens_at"],
                )

    def check_service(self, record: Record, types: dict) -> None:
        data = record.data
        checker = self.checker(record.rel, record.loaded)
        for i, term in enumerate(data.get("types", [])):
            if term not in types:
                checker.problem(
                    "unknown_type",
                    ("types", i),
                    value=term,
                    choices=", ".join(types),
                    **suggestion(term, list(types)),
                )
        self.check_location(record, checker)
        self.check_phones(data, record.rel, record.loaded, (), allow_short=False)
        self.check_verification(record)
        self.check_schedule(record)

    def check_location(self, record: Record, checker: Checker) -> None:
        location = record.data.get("location") or {}
        for axis, low, high in (("latitude", -11.5, 6.5), ("longitude", 94.5, 141.5)):
            value = location.get(axis)
            if value is not None and not low <= value <= high:
                checker.problem("bad_coordinate", ("location", axis), value=value)
        if ("latitude" in location) != ("longitude" in location):
            checker.problem("coordinate_pair", ("location",))
        if self.area is None or "kecamatan" not in location:
            return
        region = self.find_regency(location, checker)
        if region is None:
            return
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
            return
        location["regency_ref"] = region
        location["kecamatan_ref"] = kecamatan
        desa_name = location.get("desa")
        if desa_name:
            desa = kecamatan.find_desa(desa_name)
            if desa is None:
                names = [d.name for d in kecamatan.desa.values()]
                elsewhere = region.find_desa_anywhere(desa_name)
                hint = suggestion(desa_name, names)
                if elsewhere:
                    other = elsewhere[0][0].name
                    hint = {
                        "suggestion_id": f"Desa ini ada di Kecamatan {other}. ",
                        "suggestion_en": f"This desa is in Kecamatan {other}. ",
                    }
                checker.problem(
                    "unknown_desa",
                    ("location", "desa"),
                    value=desa_name,
                    kecamatan=kecamatan.name,
                    **hint,
                )
            else:
                location["desa_ref"] = desa

    def find_regency(self, location: dict, checker: Checker) -> Region | None:
        """The service's regency: the site's own, or the one `location.kabupaten` names."""
        area = self.area
        assert area is not None
        written = location.get("kabupaten")
        if written is None:
            if area.single is None:
                checker.problem("missing_regency", ("location",), area=area.name)
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
                **suggestion(written, names),
            )
        return None

    def check_hotlines(self) -> None:
        orders: dict[int, str] = {}
        for record in self.content.hotlines:
            checker = self.checker(record.rel, record.loaded)
            self.check_phones(record.data, record.rel, record.loaded, (), allow_short=True)
            self.check_verification(record)
            self.check_schedule(record)
            order = record.data.get("order")
            if order is not None:
                if order in orders:
                    checker.problem("duplicate_order", ("order",), value=order, other=orders[order])
                else:
                    orders[order] = record.rel
        if self.content.hotlines and not any(h.data.get("pinned") for h in self.content.hotlines):
            self.problems.append(Problem("no_pinned_hotline", "content/hotlines/"))

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
                    self.problems += examine_fallback(page, main, other, worker=worker)
                    break

    def check_pages(self, topics: dict) -> None:
        by_name: dict[str, dict[str, Page]] = {}
        for page in self.content.pages:
            by_name.setdefault(page.name, {})[page.lang] = page
            if page.is_guide and page.loaded is not None:
                checker = self.checker(page.rel, page.loaded)
                for i, topic in enumerate(page.meta.get("topics", [])):
                    if topic not in topics:
                        checker.problem(
                            "unknown_topic",
                            ("topics", i),
                            value=topic,
                            choices=", ".join(topics),
                            **suggestion(topic, list(topics)),
                        )
        for name, versions in by_name.items():
            main, english = versions.get("id"), versions.get("en")
            if main and not english and "en" in self.content.languages:
                self.problems.append(
                    Problem(
                        "missing_translation",
                        main.rel,
                        severity=WARNING,
                        params={"value": f"docs/{name}.en.md"},
                    )
                )
            if english and not main:
                self.problems.append(
                    Problem(
                        "orphan_translation", english.rel, params={"value": f"docs/{name}.id.md"}
                    )
                )
            if main and english and english.is_guide and english.loaded is not None:
                for key in TRANSLATION_SHARED:
                    if (
                        key in main.meta
                        and key in english.meta
                        and main.meta[key] != english.meta[key]
                    ):
                        self.checker(english.rel, english.loaded).problem(
                            "translation_mismatch",
                            (key,),
                            value=f"{main.meta[key]} ≠ {english.meta[key]}",
                            other=english.rel,
                        )


def _unusable(record: Record) -> set[str]:
    """Fields present in the file but rejected already: no second message about them."""
    data = record.loaded.data if isinstance(record.loaded.data, dict) else {}
    return {k for k in ("verified_on", "sources") if k in data and k not in record.data}


def fallback_id(kind: str, slug: str) -> str:
    """The id of a record that has none: the same for the same file name on every build."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://ruangaman.invalid/{kind}/{slug}"))


def check_project(
    root: Path,
    today: dt.date | None = None,
    stale_months: int = STALE_MONTHS,
    session: BuildSession | None = None,
) -> tuple[Content, Area | None, Report]:
    """Load and validate a whole project: the content, the area it covers, every problem.
    Every file is checked from its bytes on every run: nothing checked is kept on disk, so
    nothing a pull request could commit is ever taken as checked content.

    `session` is the build's (a preview's keeps what it checked of unchanged files); without
    one, the check makes a one-shot session and closes it (its page renderer) when done."""
    if session is None:
        own = BuildSession.one_shot("check")
        try:
            return check_project(root, today, stale_months, own)
        finally:
            own.close()
    today = today or site_today(root)
    page_worker(session).warm()  # the page renderer starts while the YAML loads
    with without_cyclic_gc():
        content, problems = load_content(root, today, session)
        problems += check_mkdocs_file(root / "mkdocs.yml")
        validator = Validator(content, today, stale_months, session)
        validator.run()
    report = Report(problems=problems + validator.problems)
    report.counts = {
        "services": len(content.services),
        "hotlines": len(content.hotlines),
        "pages": len(content.pages),
    }
    return content, validator.area, report
