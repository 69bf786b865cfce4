"""The public holidays and cuti bersama a site's readers can meet: the `holidays` library's
Indonesian list (its `public` and `government` categories: national holidays and cuti bersama)
for the year the site is checked in and the next, changed by the editors' `content/holidays.yml`
(a date the government announced, a date it moved).

A service with `schedule: closed_on_public_holidays: true` is shown closed on these days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import holidays as holidays_library

# National holidays (`public`) and cuti bersama (`government`: the days off the government
# gives its offices, which is where most services work).
CATEGORIES = ("public", "government")
# (site language, the library's code for it): the names are the library's own words.
LIBRARY_LANGUAGES = (("id", "id"), ("en", "en_US"))


@dataclass(frozen=True)
class Holiday:
    """One day off: its date and its name in every language ({"id": ..., "en": ...})."""

    date: dt.date
    name: Mapping[str, str]


def library_holidays(years: tuple[int, ...]) -> dict[dt.date, dict[str, str]]:
    """The library's Indonesian holidays of `years`, each with its name in id and en (the
    library's own words; a day with two holidays has both names, as the library joins them)."""
    out: dict[dt.date, dict[str, str]] = {}
    for lang, code in LIBRARY_LANGUAGES:
        found = holidays_library.country_holidays(
            "ID", years=list(years), language=code, categories=CATEGORIES
        )
        for day, name in found.items():
            out.setdefault(day, {})[lang] = name
    return out


def site_years(today: dt.date) -> tuple[int, int]:
    """The years a built site can be read in: the year it is built and the next."""
    return today.year, today.year + 1


def site_holidays(
    today: dt.date, changes: Mapping[str, Any]
) -> tuple[tuple[Holiday, ...], list[tuple[str, int, dt.date]]]:
    """The holidays of `site_years(today)`, sorted, with `content/holidays.yml`'s changes; and
    what of the changes did nothing: ("remove", i, date) for a removed date the list lacks."""
    years = site_years(today)
    days = library_holidays(years)
    unused: list[tuple[str, int, dt.date]] = []
    for i, item in enumerate(changes.get("remove") or ()):
        day = item.get("date")
        if day is None:
            continue
        if day in days:
            del days[day]
        else:
            unused.append(("remove", i, day))
    for item in changes.get("add") or ():
        day, name = item.get("date"), item.get("name")
        if day is None or not name:
            continue
        days[day] = dict(name)  # an English name not given falls back, marked lang="id"
    return tuple(Holiday(d, days[d]) for d in sorted(days)), unused
