"""`ruangaman report`: what needs an editor's attention, as a terminal table, Markdown for a pull
request comment, or a printable call sheet for the person making the calls.

Three lists:

- **the call list**: every shown service and hotline whose contact needs a call: never verified
  (or still `status: unverified`), last confirmed more than N months ago, or whose last attempts
  failed (three failures at different times: the page already says the contact may be out of
  date). Sorted by what readers see most: pinned hotlines (on every page), the other hotlines,
  regency-wide services (on every kecamatan page), then services by how many kecamatan they
  serve; within each, the most urgent first.
- pages and guides without their English version;
- guides whose `reviewed_on` is older than N months (the review period; 12 by default).

Exit code: 0 when every list is empty, 1 when something needs attention, 2 when the content has
errors (`ruangaman check`). What the call list knows of a record comes from its view
(`validate.site`): `verified_on`, `attempts`, `failures` and `contact_doubtful` are the rules the
pages follow, never a second copy of them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruangaman.model import OUTCOMES, in_language
from ruangaman.text import Msg, Words, long_date, t
from ruangaman.validate import check_project, freshness
from ruangaman.validate.dates import STALE_MONTHS, months_before, site_today
from ruangaman.validate.site import Hotline, Service, Site

SECTIONS = ("calls", "untranslated", "out_of_date", "review")
FORMATS = ("text", "markdown", "sheet")
# Urgency of a reason, most urgent first: the order of a call list within a group.
DOUBTFUL, FAILING, NEVER, MARKED, STALE = range(5)


def attempt_text(attempt: Mapping[str, Any], lang: str) -> str:
    """One attempt in words: "2026-12-01 10:30, telepon: tidak diangkat (Staf UPTD PPA)"."""
    day = attempt["date"]
    when = (day.isoformat() if isinstance(day, dt.date) else str(day)) + (
        f" {attempt['time']}" if attempt.get("time") else ""
    )
    method = Words("commands", "report.methods", lang)[attempt["method"]]
    outcome = Words("commands", "report.outcomes", lang)[attempt["outcome"]]
    return f"{when}, {method}: {outcome}" + (f" ({attempt['by']})" if attempt.get("by") else "")


@dataclass(frozen=True)
class Call:
    """One record on the call list: why it needs a call, and where it stands for readers."""

    record: Service | Hotline
    group: int  # 0 pinned hotline, 1 other hotline, 2 regency-wide service, 3 other service
    reasons: tuple[tuple[int, Msg], ...]  # (urgency, what to say)
    reach: int = 0  # kecamatan a service serves: more readers see it

    @property
    def order(self) -> tuple:
        return (self.group, -self.reach, min(u for u, _ in self.reasons), self.record.slug)

    def name(self, lang: str) -> str:
        return in_language(self.record.name, lang)

    def numbers(self, lang: str) -> str:
        """Every number in its file, also unverified ones: they are what the caller checks."""
        kinds = Words("commands", "report.phone_kinds", lang)
        return ", ".join(f"{p.display} ({kinds[p.kind]})" for p in self.record.phones) or t(
            "commands", "report.no_number", lang
        )

    def last_attempt(self, lang: str) -> str:
        if not self.record.attempts:
            return t("commands", "report.no_attempt", lang)
        return attempt_text(self.record.attempts[-1], lang)

    def why(self, lang: str) -> str:
        return "; ".join(msg.text(lang) for _, msg in sorted(self.reasons, key=lambda r: r[0]))

    def command(self) -> str:
        """The command that logs the call's result (`ruangaman verify`)."""
        kind = " --kind hotline" if isinstance(self.record, Hotline) else ""
        outcomes = "|".join(OUTCOMES)
        return f"ruangaman verify {self.record.slug}{kind} --method telepon --outcome <{outcomes}>"


@dataclass
class Attention:
    """Every item of every list: the call list, and section -> [(file, detail)] for the
    others, each detail a message (`text.Msg`) told in the report's language."""

    months: int
    today: dt.date
    calls: list[Call] = field(default_factory=list)
    items: dict[str, list[tuple[str, Msg]]] = field(
        default_factory=lambda: {s: [] for s in SECTIONS if s != "calls"}
    )

    @property
    def count(self) -> int:
        return len(self.calls) + sum(len(v) for v in self.items.values())

    def add(self, section: str, rel: str, key: str, **params: str) -> None:
        self.items[section].append((rel, Msg(f"report.{key}", params, "commands")))


def _msg(key: str, **params: Any) -> Msg:
    return Msg(f"report.{key}", params, "commands")


def call_reasons(record: Service | Hotline, limit: dt.date) -> list[tuple[int, Msg]]:
    """Why a shown record needs a call (nothing: it does not)."""
    reasons: list[tuple[int, Msg]] = []
    verified = record.verified_on
    if record.contact_doubtful:
        reasons.append((DOUBTFUL, _msg("doubtful", n=str(record.failures))))
    elif record.failures:
        reasons.append((FAILING, _msg("failing", n=str(record.failures))))
    if not verified:
        reasons.append((NEVER, _msg("never")))
    elif verified < limit:
        reasons.append((STALE, _msg("stale_since", date=verified.isoformat())))
    if record.status == "unverified" and verified:
        reasons.append((MARKED, _msg("marked", date=verified.isoformat())))
    return reasons


def _group(site: Site, record: Service | Hotline) -> tuple[int, int]:
    if isinstance(record, Hotline):
        return (0 if record in site.pinned else 1), 0
    if record.serves_regency is not None:
        return 2, len(record.served_kecamatan)
    return 3, len(record.served_kecamatan)


def call_list(site: Site, today: dt.date, months: int = STALE_MONTHS) -> list[Call]:
    """THE call list: shown services and hotlines that need a call, readers' most seen first."""
    limit = months_before(today, months)
    calls = []
    for record in (*site.hotlines_shown, *(s for s in site.services if s.shown)):
        reasons = call_reasons(record, limit)
        if reasons:
            group, reach = _group(site, record)
            calls.append(Call(record, group, tuple(reasons), reach))
    return sorted(calls, key=lambda c: c.order)


def collect(site: Site, today: dt.date, months: int = STALE_MONTHS) -> Attention:
    """Find every item needing attention in the validated site."""
    found = Attention(months, today, call_list(site, today, months))
    limit = months_before(today, months)
    main = site.main_language
    have = {(p.name, p.lang) for p in site.pages}
    for lang in site.languages[1:]:
        for page in site.pages:
            if page.lang == main and (page.name, lang) not in have:
                path = f"docs/{page.name}.{lang}.md"
                found.add("untranslated", page.rel, "missing_en", path=path)
    for item in freshness.page_translations(site.pages, tuple(site.languages)):
        if item.state != freshness.CURRENT:
            key = "stale_page" if item.state == freshness.STALE else "unmarked_page"
            found.add("out_of_date", item.page.rel, key, source=item.source.rel, path=item.page.rel)
    for record in (*site.hotlines_shown, *(s for s in site.services if s.shown)):
        for text in record.translations:
            if text.state == freshness.STALE:
                where = {"field": text.field, "language": text.lang, "path": record.rel}
                found.add("out_of_date", record.rel, "stale_field", **where)
    for page in site.pages:
        reviewed = page.meta.get("reviewed_on")
        if page.is_guide and page.lang == "id" and reviewed and reviewed < limit:
            found.add("review", page.rel, "reviewed", date=reviewed.isoformat())
    return found


def _heading(section: str, found: Attention, lang: str) -> str:
    return t("commands", f"report.{section}", lang, months=found.months)


def as_text(found: Attention, lang: str) -> str:
    """A plain list per section, for a terminal."""
    words = Words("commands", "report", lang)
    if not found.count:
        return words["nothing"]
    out = [words["title"], "=" * len(words["title"])]
    if found.calls:
        out += ["", f"{_heading('calls', found, lang)} ({len(found.calls)})"]
        for n, call in enumerate(found.calls, start=1):
            out += [
                f"  {n}. {call.name(lang)} ({call.record.rel})",
                f"     {words['numbers']}: {call.numbers(lang)}",
                f"     {words['why']}: {call.why(lang)}",
                f"     {words['last']}: {call.last_attempt(lang)}",
                f"     {words['log']}: {call.command()}",
            ]
    for section in SECTIONS[1:]:
        rows = found.items[section]
        if not rows:
            continue
        out += ["", f"{_heading(section, found, lang)} ({len(rows)})"]
        width = max(len(words["file"]), *(len(rel) for rel, _ in rows))
        out.append(f"  {words['file']:<{width}}  {words['detail']}")
        out.append(f"  {'-' * width}  {'-' * len(words['detail'])}")
        out += [f"  {rel:<{width}}  {detail.text(lang)}" for rel, detail in rows]
    out += ["", words["summary"].format(n=found.count)]
    return "\n".join(out)


# What Markdown would read as markup (a link, an image, HTML, emphasis, the end of a cell): in a
# pull request comment, a record's name is shown as the text it is, never as a link or an image
# (`:` too: GitHub makes a bare address a link).
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|#!~&:])")


def _cell(text: str) -> str:
    """Text in a Markdown table cell, on one line, its markup characters escaped."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def as_markdown(found: Attention, lang: str) -> str:
    """The same lists as Markdown tables, for a pull request comment."""
    words = Words("commands", "report", lang)
    if not found.count:
        return f"## {words['title']}\n\n{words['nothing']}\n"
    out = [f"## {words['title']}", "", words["summary"].format(n=found.count)]
    if found.calls:
        out += ["", f"### {_heading('calls', found, lang)} ({len(found.calls)})", ""]
        out += [
            f"| # | {words['record']} | {words['numbers']} | {words['why']} | {words['last']} |",
            "| --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {n} | {_cell(c.name(lang))} (`{c.record.rel}`) | {_cell(c.numbers(lang))} "
            f"| {_cell(c.why(lang))} | {_cell(c.last_attempt(lang))} |"
            for n, c in enumerate(found.calls, start=1)
        ]
        out += ["", words["log_hint"].format(command="`ruangaman verify SLUG --outcome …`")]
    for section in SECTIONS[1:]:
        rows = found.items[section]
        if not rows:
            continue
        out += ["", f"### {_heading(section, found, lang)} ({len(rows)})", ""]
        out += [f"| {words['file']} | {words['detail']} |", "| --- | --- |"]
        out += [f"| `{rel}` | {_cell(detail.text(lang))} |" for rel, detail in rows]
    return "\n".join(out) + "\n"


SHEET_STYLE = """
body{font:12pt/1.4 sans-serif;margin:1.5cm;color:#000}
h1{font-size:16pt;margin:0 0 .2em}p{margin:.2em 0 .8em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.35em;vertical-align:top;text-align:left}
th{background:#eee}td.fill{min-width:7em;height:3.2em}
tr{break-inside:avoid}small{color:#333}
@page{size:A4 landscape;margin:1cm}
"""


def as_sheet(found: Attention, lang: str, site_name: str) -> str:
    """The call list as a page to print and fill in by hand: each record with its numbers, why
    it needs a call and the last attempt, and empty boxes for the date and time, the outcome and
    what changed. Everything in it is escaped: it is made from content, which is never trusted.
    No script, no style sheet or font from elsewhere, nothing to fetch."""
    words = Words("commands", "report", lang)
    e = html.escape
    title = f"{_heading('calls', found, lang)}: {site_name}"
    rows = []
    for n, call in enumerate(found.calls, start=1):
        rows.append(
            "<tr>"
            f"<td>{n}</td>"
            f"<td><strong>{e(call.name(lang))}</strong><br><small>{e(call.record.rel)}</small></td>"
            f"<td>{e(call.numbers(lang))}</td>"
            f"<td>{e(call.why(lang))}<br><small>{e(words['last'])}: "
            f"{e(call.last_attempt(lang))}</small></td>"
            '<td class="fill"></td><td class="fill"></td><td class="fill"></td></tr>'
        )
    body = (
        f"<table><thead><tr><th>#</th><th>{e(words['record'])}</th>"
        f"<th>{e(words['numbers'])}</th><th>{e(words['why'])}</th>"
        f"<th>{e(words['sheet_when'])}</th><th>{e(words['sheet_outcome'])}</th>"
        f"<th>{e(words['sheet_changed'])}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f"<p>{e(words['no_calls'])}</p>"
    )
    return (
        f'<!doctype html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{e(title)}</title><style>{SHEET_STYLE}</style></head><body>"
        f"<h1>{e(title)}</h1>"
        f"<p>{e(words['sheet_intro'].format(date=long_date(found.today, lang)))}</p>"
        f"<p>{e(words['sheet_routine'])}</p>{body}"
        f"<p><small>{e(words['log_hint'].format(command='ruangaman verify SLUG --outcome …'))}"
        "</small></p></body></html>\n"
    )


def report_project(
    root: Path,
    lang: str = "id",
    fmt: str = "text",
    months: int = STALE_MONTHS,
    today: dt.date | None = None,
) -> tuple[int, str, str]:
    """(exit code, text for stdout, text for stderr) of `ruangaman report`."""
    today = today or site_today(root)
    _, site, report = check_project(root, today=today, stale_months=months)
    if report.errors or site is None:
        return 2, "", report.format(lang) + "\n\n" + t("commands", "report.errors", lang)
    found = collect(site, today, months)
    if fmt == "markdown":
        text = as_markdown(found, lang)
    elif fmt == "sheet":
        text = as_sheet(found, lang, in_language(site.settings.get("name"), lang) or "")
    else:
        text = as_text(found, lang)
    return (1 if found.count else 0), text, ""
