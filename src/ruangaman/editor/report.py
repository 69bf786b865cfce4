"""`ruangaman report`: what needs an editor's attention, as a terminal table or Markdown.

Four lists: services not yet verified; services and hotlines whose `verified_on` is older than
N months; pages and guides without their English version; guides whose `reviewed_on` is older
than N months (the review period; 12 by default, the same N). Exit code: 0 when every list is
empty, 1 when something needs attention, 2 when the content has errors (`ruangaman check`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ruangaman.text import Msg, Words, t
from ruangaman.validate import check_project
from ruangaman.validate.dates import STALE_MONTHS, months_before, site_today
from ruangaman.validate.site import Site

SECTIONS = ("unverified", "stale", "untranslated", "review")


@dataclass
class Attention:
    """Every item of every list: section -> [(file, detail)], the detail a message (`text.Msg`)
    told in the report's language."""

    months: int
    items: dict[str, list[tuple[str, Msg]]] = field(
        default_factory=lambda: {s: [] for s in SECTIONS}
    )

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.items.values())

    def add(self, section: str, rel: str, key: str, **params: str) -> None:
        self.items[section].append((rel, Msg(f"report.{key}", params, "commands")))


def collect(site: Site, today: dt.date, months: int = STALE_MONTHS) -> Attention:
    """Find every item needing attention in the validated site."""
    found = Attention(months)
    limit = months_before(today, months)
    for record in site.services:
        status = record.data.get("status", "")
        verified = record.data.get("verified_on")
        if status == "unverified" or not verified:
            key = "no_date" if not verified else "status"
            found.add("unverified", record.rel, key, status=status)
    for record in site.services + site.hotlines:
        verified = record.data.get("verified_on")
        if verified and verified < limit:
            found.add("stale", record.rel, "verified", date=verified.isoformat())
    if "en" in site.languages:
        english = {p.name for p in site.pages if p.lang == "en"}
        for page in site.pages:
            if page.lang == "id" and page.name not in english:
                found.add("untranslated", page.rel, "missing_en", path=f"docs/{page.name}.en.md")
    for page in site.pages:
        reviewed = page.meta.get("reviewed_on")
        if page.is_guide and page.lang == "id" and reviewed and reviewed < limit:
            found.add("review", page.rel, "reviewed", date=reviewed.isoformat())
    return found


def _heading(section: str, found: Attention, lang: str) -> str:
    return t("commands", f"report.{section}", lang, months=found.months)


def as_text(found: Attention, lang: str) -> str:
    """A plain table per list, for a terminal."""
    words = Words("commands", "report", lang)
    if not found.count:
        return words["nothing"]
    out = [words["title"], "=" * len(words["title"])]
    for section in SECTIONS:
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


def as_markdown(found: Attention, lang: str) -> str:
    """The same lists as Markdown tables, for a pull request comment."""
    words = Words("commands", "report", lang)
    if not found.count:
        return f"## {words['title']}\n\n{words['nothing']}\n"
    out = [f"## {words['title']}", "", words["summary"].format(n=found.count)]
    for section in SECTIONS:
        rows = found.items[section]
        if not rows:
            continue
        out += ["", f"### {_heading(section, found, lang)} ({len(rows)})", ""]
        out += [f"| {words['file']} | {words['detail']} |", "| --- | --- |"]
        out += [f"| `{rel}` | {detail.text(lang).replace('|', '/')} |" for rel, detail in rows]
    return "\n".join(out) + "\n"


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
    text = as_markdown(found, lang) if fmt == "markdown" else as_text(found, lang)
    return (1 if found.count else 0), text, ""
