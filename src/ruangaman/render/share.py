"""What a community agent passes on: share text, the vCard, the schedule for "open now".

Pure functions of validated services (`validate.site.Service`), used by the templates (`render`)
and by `assets`. Which numbers are shown is the views' rule (`Service.checked_phones`).
Nothing is invented: a service without a checked number is shared with its page address and
a pointer to the pinned national hotlines (`Site.pinned`: SAPA 129), and gets no vCard.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from typing import Any

from ruangaman.model import in_language
from ruangaman.validate.site import Hotline, Service, Site


def utc_offset_hours(timezone: str) -> float:
    """Asia/Pontianak -> 7.0 (Indonesia's time zones keep no daylight saving time)."""
    offset = dt.datetime(2026, 1, 1, tzinfo=zoneinfo.ZoneInfo(timezone)).utcoffset()
    return offset.total_seconds() / 3600 if offset else 0.0


def schedule_json(record: Service, lang: str = "id") -> str:
    """The schedule as the browser's "open now" code reads it (an HTML attribute value): the
    weekly hours, whether it closes on the holidays the page's clock lists (`holidays_json`),
    and its exceptions with their reason in `lang`. Hours open 24 hours ignore holidays."""
    schedule = record.data.get("schedule") or {}
    data: dict[str, Any] = {}
    if schedule.get("open_24_hours"):
        data["open_24_hours"] = True
    if schedule.get("weekly"):
        data["weekly"] = [
            {"days": h["days"], "opens_at": h["opens_at"], "closes_at": h["closes_at"]}
            for h in schedule["weekly"]
        ]
    rule = holiday_rule(record)
    if rule:
        data["holidays"] = rule
    exceptions = []
    for item in schedule.get("exceptions") or ():
        one = {"from": item["date"].isoformat(), "until": (item.get("until") or item["date"])}
        one["until"] = one["until"].isoformat()
        if item.get("opens_at"):
            one["opens_at"], one["closes_at"] = item["opens_at"], item["closes_at"]
        one["reason"] = in_language(item["reason"], lang)
        exceptions.append(one)
    if exceptions:
        data["exceptions"] = exceptions
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False) if data else ""


def holidays_json(site: Site, lang: str) -> str:
    """The holidays still to come ({"2027-03-10": "Hari Raya Idul Fitri (perkiraan)"}) for
    the page's clock, or "" when no listed hours depend on them (no page carries them)."""
    if not any(holiday_rule(s) for s in (*site.listed, *site.hotlines_shown)):
        return ""
    days = {h.date.isoformat(): in_language(h.name, lang) for h in site.holidays_ahead}
    return json.dumps(days, separators=(",", ":"), ensure_ascii=False)


def exceptions_ahead(schedule: Any, day: dt.date | None) -> list:
    """A schedule's exceptions that have not ended by `day` (the day the site was checked)."""
    items = (schedule or {}).get("exceptions") or ()
    return [x for x in items if day is None or (x.get("until") or x["date"]) >= day]


def holiday_rule(record: Service | Hotline) -> str:
    """What a public holiday does to a record's hours: "closed" (`closed_on_public_holidays:
    true`), "unknown" (weekly hours and the flag not written: the page must not say "open" on
    a day the office may be shut, nor "closed" on a guess), or "" (no change: open 24 hours,
    `closed_on_public_holidays: false`, or no weekly hours to change)."""
    schedule = record.data.get("schedule") or {}
    if schedule.get("open_24_hours"):
        return ""
    flag = schedule.get("closed_on_public_holidays")
    if flag:
        return "closed"
    if flag is None and schedule.get("weekly"):
        return "unknown"
    return ""


def contact_lines(record: Service, t: dict, pinned: list[dict]) -> list[str]:
    """The contact as plain text lines, or the SAPA 129 pointer when there is none."""
    lines = []
    for phone in record.checked_phones:
        lines.append(f"{t['phone_' + phone.kind]}: {phone.display}")
    if record.data.get("status") == "active" and record.data.get("email"):
        lines.append(f"{t['email']}: {record.data['email']}")
    if not lines:
        lines.append(no_contact_text(t, pinned))
    return lines


def no_contact_text(t: dict, pinned: list[dict], name: str = "name") -> str:
    """ "Kontak layanan ini belum terverifikasi. Untuk bantuan: SAPA 129 (129), …": what a
    message and (with the `short` names) a link preview say of a service without a confirmed
    contact: the pinned hotlines, with the number a reader dials."""
    hotlines = ", ".join(f"{h[name]} ({h['number']})" for h in pinned)
    return t["share_no_contact"].format(hotlines=hotlines)


def help_text(t: dict, pinned: list[dict], name: str = "short") -> str:
    """ "Untuk bantuan: SAPA 129 (129), …": the pinned hotlines, for a verified service's link
    preview (its own numbers are on the page)."""
    if not pinned:
        return ""
    hotlines = ", ".join(f"{h[name]} ({h['number']})" for h in pinned)
    return t["preview_help"].format(hotlines=hotlines)


def share_text(record: Service, ctx: Any, t: dict, pinned: list[dict]) -> str:  # noqa: ANN401
    """Name and contact of a service, as a message (the page address is added by the caller)."""
    return "\n".join([record.data["name"], *contact_lines(record, t, pinned)])


# Every line break a phone's contacts app might honour: CR LF, CR, LF, VT, FF, NEL, U+2028/9.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
FOLD = 75  # octets per line (RFC 6350 3.2)


def _escape(value: object) -> str:
    """A TEXT value per RFC 6350 3.4: backslash, comma and semicolon escaped, every line break
    written `\\n`, other control characters dropped, so no value can start a new property."""
    text = CONTROL.sub("", str(value))
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return LINE_BREAKS.sub("\\\\n", text)


def _uri(value: object) -> str:
    """A URI or address value: no line break or control character at all (they are refused
    by the checks; this is the last guard)."""
    return CONTROL.sub("", LINE_BREAKS.sub("", str(value))).strip()


def _fold(line: str) -> str:
    """Fold a content line longer than 75 octets (RFC 6350 3.2): CRLF and one space, never
    inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= FOLD:
        return line
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        limit = FOLD if not parts else FOLD - 1  # a continuation line starts with its space
        if size + octets > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def vcard(record: Service, page_address: str | None) -> str | None:
    """A vCard 3.0 of a service's checked contact; None when there is no number or email."""
    if not record.has_vcard:
        return None
    data = record.data
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(data['name'])}",
        f"N:{_escape(data['name'])};;;;",
        f"ORG:{_escape(data['organization']['name'])}",
    ]
    vtypes = {"voice": "VOICE", "whatsapp": "CELL", "sms": "TEXT"}
    for phone in record.checked_phones:
        lines.append(f"TEL;TYPE={vtypes[phone.kind]}:{_uri(phone.e164)}")
    if data.get("email"):
        lines.append(f"EMAIL;TYPE=INTERNET:{_uri(data['email'])}")
    location = record.location
    if location:
        street = location.get("address") or ""
        locality = record.kecamatan_name or ""
        lines.append(f"ADR;TYPE=WORK:;;{_escape(street)};{_escape(locality)};;;Indonesia")
    if page_address:
        lines.append(f"URL:{_uri(page_address)}")
    elif data.get("url"):
        lines.append(f"URL:{_uri(data['url'])}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
