"""What a community agent passes on: share text, the vCard, the schedule for "open now".

Pure functions of validated records, used by the templates (`render`) and by `outputs`.
Nothing is invented: a service without a checked number is shared with its page address and
a pointer to the pinned national hotlines (SAPA 129), and gets no vCard.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

from ruangaman.content import Record


def utc_offset_hours(timezone: str) -> float:
    """Asia/Pontianak -> 7.0 (Indonesia's time zones keep no daylight saving time)."""
    offset = dt.datetime(2026, 1, 1, tzinfo=zoneinfo.ZoneInfo(timezone)).utcoffset()
    return offset.total_seconds() / 3600 if offset else 0.0


def schedule_json(record: Record) -> str:
    """The schedule as the browser's "open now" code reads it (an HTML attribute value)."""
    schedule = record.data.get("schedule") or {}
    data: dict[str, Any] = {}
    if schedule.get("open_24_hours"):
        data["open_24_hours"] = True
    if schedule.get("weekly"):
        data["weekly"] = [
            {"days": h["days"], "opens_at": h["opens_at"], "closes_at": h["closes_at"]}
            for h in schedule["weekly"]
        ]
    return json.dumps(data, separators=(",", ":")) if data else ""


def checked_phones(record: Record) -> list[dict]:
    """The numbers a reader may dial: parsed, on a record whose contact is verified."""
    if record.data.get("status") != "active":
        return []
    return [p for p in record.data.get("phones") or [] if p.get("parsed")]


def has_vcard(record: Record) -> bool:
    """Only a verified record with a number or an email is worth saving to a phone book."""
    if record.data.get("status") != "active":
        return False
    return bool(checked_phones(record) or record.data.get("email"))


def contact_lines(record: Record, t: dict, pinned: list[dict]) -> list[str]:
    """The contact as plain text lines, or the SAPA 129 pointer when there is none."""
    lines = []
    for phone in checked_phones(record):
        kind = phone.get("type", "voice")
        lines.append(f"{t['phone_' + kind]}: {phone['parsed'].display}")
    if record.data.get("status") == "active" and record.data.get("email"):
        lines.append(f"{t['email']}: {record.data['email']}")
    if not lines:
        hotlines = ", ".join(f"{h['name']} ({h['number']})" for h in pinned)
        lines.append(t["share_no_contact"].format(hotlines=hotlines))
    return lines


def share_text(record: Record, ctx: Any, t: dict, pinned: list[dict]) -> str:  # noqa: ANN401
    """Name and contact of a service, as a message (the page address is added by the caller)."""
    return "\n".join([record.data["name"], *contact_lines(record, t, pinned)])


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def vcard(record: Record, page_address: str | None) -> str | None:
    """A vCard 3.0 of a service's checked contact; None when there is no number or email."""
    if not has_vcard(record):
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
    for phone in checked_phones(record):
        lines.append(f"TEL;TYPE={vtypes[phone.get('type', 'voice')]}:{phone['parsed'].e164}")
    if data.get("email"):
        lines.append(f"EMAIL;TYPE=INTERNET:{data['email']}")
    location = data.get("location") or {}
    kecamatan = location.get("kecamatan_ref")
    if location:
        street = location.get("address") or ""
        locality = kecamatan.name if kecamatan else location.get("kecamatan", "")
        lines.append(f"ADR;TYPE=WORK:;;{_escape(street)};{_escape(locality)};;;Indonesia")
    if page_address:
        lines.append(f"URL:{page_address}")
    elif data.get("url"):
        lines.append(f"URL:{data['url']}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
