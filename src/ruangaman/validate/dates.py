"""The checks that compare a value with today: a date still to come, a check grown stale.

They live here, not in the load stage, so that loading stays a pure function of the bytes (a
preview may keep what it loaded across midnight) and "today" is worked out once, from the
site's own time zone in the loaded `site.yml`.
"""

from __future__ import annotations

import datetime as dt
import types
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruangaman import model
from ruangaman.load.yamlfile import PathKey

STALE_MONTHS = 12
DEFAULT_ZONE = "Asia/Jakarta"


def now_in(zone: object) -> dt.datetime:
    """Now in time zone `zone` (Asia/Pontianak for Kubu Raya), not where the build runs;
    Asia/Jakarta when the site names none it can use."""
    try:
        return dt.datetime.now(zoneinfo.ZoneInfo(str(zone or DEFAULT_ZONE)))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.datetime.now(zoneinfo.ZoneInfo(DEFAULT_ZONE))


def today_in(zone: object) -> dt.date:
    """Today's date in time zone `zone` (`now_in`)."""
    return now_in(zone).date()


def site_now(root: Path) -> dt.datetime:
    """Now where the site is, from its `content/site.yml` as the load stage reads it (for the
    editor commands that need a date or time before they validate)."""
    from ruangaman.load.discover import load_document

    site, _, _ = load_document(root / "content" / "site.yml", "content/site.yml", model.SITE)
    return now_in((site or {}).get("timezone"))


def site_today(root: Path) -> dt.date:
    """Today where the site is (`site_now`)."""
    return site_now(root).date()


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


def future_dates(data: Any, spec: model.Field, today: dt.date) -> list[tuple[PathKey, dt.date]]:
    """(path, date) of every date field of a shape-checked value that lies after `today`."""
    kept = _PLANS.get(spec.name)
    plan = kept if kept is not None and kept[0] is spec else _plan(spec)
    found: list[tuple[PathKey, dt.date]] = []
    _walk(data, plan, (), today, found)
    return found


# Where dates can be, per field tree: (field, plans of its children that hold a date). Only
# those are walked: walking every field of 7,800 records was a tenth of the cross-file checks.
Plan = tuple[model.Field, tuple]


def _plan(spec: model.Field) -> Plan | None:
    children = spec.fields if spec.kind == model.OBJECT else ()
    if spec.kind == model.LIST and spec.item is not None:
        children = (spec.item,)
    inner = tuple(p for p in (_plan(c) for c in children) if p is not None)
    dated = spec.kind == model.DATE and not spec.may_be_future
    return (spec, inner) if inner or dated else None


_PLANS: types.MappingProxyType = types.MappingProxyType(
    {
        spec.name: _plan(spec) or (spec, ())
        for spec in (
            model.SITE,
            model.TAXONOMY,
            model.SERVICE,
            model.HOTLINE,
            model.GUIDE,
            model.PAGE,
            model.HOLIDAYS,
        )
    }
)


def _walk(value: Any, plan: Plan | None, path: PathKey, today: dt.date, found: list) -> None:
    if plan is None:
        return
    spec, inner = plan
    if spec.kind == model.DATE:
        if isinstance(value, dt.date) and value > today:
            found.append((path, value))
    elif spec.kind == model.OBJECT and isinstance(value, Mapping):
        for child in inner:
            name = child[0].name
            if name in value:
                _walk(value[name], child, (*path, name), today, found)
    elif spec.kind == model.LIST and inner and isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _walk(item, inner[0], (*path, i), today, found)


def without(data: Mapping, paths: list[PathKey]) -> dict:
    """A copy of `data` without the values at `paths` (dicts along each path are copied, so
    `data` itself is never written): a refused date is then as absent as any refused value."""
    out = dict(data)
    for path in paths:
        node = out
        for key in path[:-1]:
            inner = node[key]
            inner = dict(inner) if isinstance(inner, Mapping) else list(inner)
            node[key] = inner
            node = inner
        del node[path[-1]]
    return out
