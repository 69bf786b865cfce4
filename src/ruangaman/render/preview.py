"""What a page tells a search engine and a link preview (issue 17), made once for every page.

- **The description** (`<meta name="description">`, `og:description`): plain text in the page's
  language, cut cleanly at about 160 characters (`plain_description`). A guide's comes from its
  `summary`, a service page's from the service's description, a list page's from a sentence of
  the interface table (what the page's own introduction says), and any other page's from the
  site's tagline.
- **The head tags** (`head_tags`): description, canonical address, the page's versions in the
  other languages (`hreflang`), Open Graph and Twitter-card tags and the structured data. The
  build gives every page its tags through this one function, and frames (`build.frames`) fill in
  a service page's description and structured data the same way, byte for byte.
- **Structured data** (schema.org as JSON-LD): only for what is verified, with a number a reader
  can dial: a service whose contact is confirmed (`status: active`) and not in doubt
  (`contact_doubtful`), and the verified hotlines. An unverified service has none, and its
  description leaves out anything that looks like a phone number, so no preview or search
  result ever shows a number nobody confirmed.

Every value is text from content: it is escaped here for HTML (`markupsafe.escape`), and the
JSON-LD, a `<script type="application/ld+json">` data block that no browser runs, is written
with `<`, `>` and `&` as `\\u003c`, `\\u003e` and `\\u0026` (`json_ld`), so no text can close
the block or start markup (`finish.hostfiles.injected_code` accepts exactly such blocks).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from markupsafe import Markup, escape

from ruangaman.model import LANGUAGES, in_language
from ruangaman.paths import DATA_BLOCK_TYPE
from ruangaman.text import strings
from ruangaman.validate.site import Hotline, Service

DESCRIPTION_LIMIT = 160  # what search engines show of a description, about

# What a preview must not carry: control characters, soft hyphens, zero-width and
# bidirectional controls, line and paragraph separators (a description is one line of text).
_INVISIBLE = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
# Six digits or more with only separators between them: what may be a phone number.
_PHONE_LIKE = re.compile(r"\+?\d(?:[\s().\-/]*\d){5,}")
_CUT_AT = " ,;:.-\u2013\u2014"

DAYS = MappingProxyType(
    {
        "senin": "Monday",
        "selasa": "Tuesday",
        "rabu": "Wednesday",
        "kamis": "Thursday",
        "jumat": "Friday",
        "sabtu": "Saturday",
        "minggu": "Sunday",
    }
)


def plain_description(text: Any, limit: int = DESCRIPTION_LIMIT) -> str:  # noqa: ANN401
    """`text` as one line of plain text of at most `limit` characters: invisible characters
    and line breaks become spaces, runs of spaces one space; a longer text is cut at the last
    space of its first `limit - 1` characters (at least halfway) and ends with "…"."""
    line = " ".join(_INVISIBLE.sub(" ", str(text or "")).split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(_CUT_AT) + "\u2026"


def may_hold_a_number(text: str) -> bool:
    """True when `text` holds something that may be a phone number (six digits or more)."""
    return _PHONE_LIKE.search(text) is not None


def service_description(service: Service, lang: str, no_contact: str, help_text: str = "") -> str:
    """A service page's description: its description in `lang` (Indonesian when it has none),
    then the pinned hotlines, so a card shared in WhatsApp names the service and where to get
    help (`help_text`: "Untuk bantuan: SAPA 129 (129)", kept whole). A service not verified
    says so instead (`no_contact`: "Kontak layanan ini belum terverifikasi. Untuk bantuan: …"),
    and its description is left out when it may hold a number: a preview never shows a number
    nobody confirmed."""
    text = in_language(service.data.get("description"), lang)
    note = plain_description(no_contact if not service.active else help_text)
    if not note:
        return plain_description(text)
    room = DESCRIPTION_LIMIT - len(note) - 1
    if (not service.active and may_hold_a_number(text)) or room < DESCRIPTION_LIMIT // 4:
        text = ""
    text = plain_description(text, room) if text else ""
    return f"{text} {note}" if text else note


# --- structured data ---------------------------------------------------------------------------


def json_ld(value: Any) -> str:  # noqa: ANN401
    """`value` as JSON for a `<script type="application/ld+json">` block: no `<`, `>` or `&`
    (nothing can end the block or read as markup), no U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def ld_script(data: str) -> str:
    """The data block in the page's head, or nothing."""
    return f'<script type="{DATA_BLOCK_TYPE}">{data}</script>' if data else ""


def verified(record: Service | Hotline) -> bool:
    """THE rule for structured data: a confirmed contact (`status: active`), not in doubt."""
    return record.active and not record.contact_doubtful


def _hours(schedule: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The weekly hours as schema.org's OpeningHoursSpecification (holidays and exceptions are
    on the page, not here)."""
    schedule = schedule or {}
    if schedule.get("open_24_hours"):
        return [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": list(DAYS.values()),
                "opens": "00:00",
                "closes": "23:59",
            }
        ]
    hours = []
    for item in schedule.get("weekly") or ():
        days = [DAYS[d] for d in item.get("days") or () if d in DAYS]
        if not days or not item.get("opens_at") or not item.get("closes_at"):
            continue
        closes = "23:59" if item["closes_at"] == "24:00" else item["closes_at"]
        hours.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": days,
                "opens": item["opens_at"],
                "closes": closes,
            }
        )
    return hours


def _phones(record: Service | Hotline) -> list[str]:
    """The numbers a reader can dial, in E.164 (only those of a verified record)."""
    return [p.e164 for p in record.checked_phones if p.dialable]


def service_data(service: Service, lang: str, url: str | None, type_names: Iterable[str]) -> str:
    """The JSON-LD of a verified service's page (a schema.org `Service`), or ""."""
    phones = _phones(service)
    if not verified(service) or not phones:
        return ""
    data = service.data
    hours = _hours(data.get("schedule"))
    contact: dict[str, Any] = {"@type": "ContactPoint", "telephone": phones[0]}
    if hours:
        contact["hoursAvailable"] = hours
    value: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": data["name"],
    }
    description = plain_description(in_language(data.get("description"), lang))
    if description:
        value["description"] = description
    if url:
        value["url"] = url
    kinds = [name for name in type_names if name]
    if kinds:
        value["serviceType"] = kinds
    organization = (data.get("organization") or {}).get("name")
    if organization:
        value["provider"] = {"@type": "Organization", "name": organization}
    areas = [
        {"@type": "AdministrativeArea", "name": f"Kecamatan {k.name}"}
        for k in service.served_kecamatan
    ]
    if service.serves_regency is not None:
        areas = [{"@type": "AdministrativeArea", "name": service.serves_regency.name}]
    if areas:
        value["areaServed"] = areas
    channel: dict[str, Any] = {"@type": "ServiceChannel", "servicePhone": contact}
    place = _place(service, hours)
    if place:
        channel["serviceLocation"] = place
    value["availableChannel"] = channel
    return json_ld(value)


def _place(service: Service, hours: list[dict[str, Any]]) -> dict[str, Any] | None:
    location = service.location
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "ID"}
    if location.get("address"):
        address["streetAddress"] = location["address"]
    if service.desa_name:
        address["addressLocality"] = service.desa_name
    if service.regency is not None:
        address["addressRegion"] = service.regency.name
    if len(address) == 2 and not hours:
        return None
    place: dict[str, Any] = {"@type": "Place", "address": address}
    if hours:
        place["openingHoursSpecification"] = hours
    return place


def hotlines_data(hotlines: Iterable[Hotline], lang: str, url: str | None) -> str:
    """The JSON-LD of the hotline page: each verified hotline with a number to dial, as a
    schema.org `Organization` with its `ContactPoint`s, or "" when there is none."""
    items = []
    for hotline in hotlines:
        phones = _phones(hotline)
        if not verified(hotline) or not phones:
            continue
        hours = _hours(hotline.data.get("schedule"))
        points = []
        for phone in phones:
            point: dict[str, Any] = {"@type": "ContactPoint", "telephone": phone}
            if hours:
                point["hoursAvailable"] = hours
            points.append(point)
        item: dict[str, Any] = {
            "@type": "Organization",
            "name": in_language(hotline.data["name"], lang),
            "contactPoint": points,
        }
        description = plain_description(in_language(hotline.data.get("description"), lang))
        if description:
            item["description"] = description
        items.append(item)
    if not items:
        return ""
    value: dict[str, Any] = {"@context": "https://schema.org", "@graph": items}
    if url:
        value["url"] = url
    return json_ld(value)


# --- the head tags -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What one page's head tells: its title and description (plain text, or escaped `Markup`),
    the language of its text, its versions (`(language, address)`, itself included; none on a
    page shown in another language), its canonical address (absolute, or None), the preview
    image's absolute address (or None) and its structured data block (`ld_script`)."""

    title: str
    description: str
    site_name: str
    lang: str
    versions: tuple[tuple[str, str], ...] = ()
    canonical: str | None = None
    image: str | None = None
    structured: str = ""
    robots: str | None = None  # "noindex" for a page search engines should leave out


def locale(lang: str) -> str:
    """Open Graph's locale of a language (`id_ID`, `en_US`: the interface table's `og_locale`)."""
    return (strings(lang).get("og_locale") or lang) if lang in LANGUAGES else lang


def head_tags(preview: Preview) -> Markup:
    """The page's description, canonical address, language versions, Open Graph and Twitter
    tags and structured data, every value escaped once (a `Markup` value is escaped already)."""
    e = escape
    lines = [f'<meta name="description" content="{e(preview.description)}">']
    if preview.robots:
        lines.append(f'<meta name="robots" content="{e(preview.robots)}">')
    if preview.canonical:
        lines.append(f'<link rel="canonical" href="{e(preview.canonical)}">')
    for lang, href in preview.versions:
        lines.append(f'<link rel="alternate" hreflang="{e(lang)}" href="{e(href)}">')
    lines += [
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{e(preview.site_name)}">',
        f'<meta property="og:title" content="{e(preview.title)}">',
        f'<meta property="og:description" content="{e(preview.description)}">',
        f'<meta property="og:locale" content="{e(locale(preview.lang))}">',
    ]
    for lang, _href in preview.versions:
        if lang != preview.lang:
            lines.append(f'<meta property="og:locale:alternate" content="{e(locale(lang))}">')
    if preview.canonical:
        lines.append(f'<meta property="og:url" content="{e(preview.canonical)}">')
    if preview.image:
        lines.append(f'<meta property="og:image" content="{e(preview.image)}">')
    card = "summary_large_image" if preview.image else "summary"
    lines += [
        f'<meta name="twitter:card" content="{card}">',
        f'<meta name="twitter:title" content="{e(preview.title)}">',
        f'<meta name="twitter:description" content="{e(preview.description)}">',
    ]
    # The data block (`ld_script`) or a frame's mark for it, which stands for the block or for
    # nothing: no line break of its own, so a page without one is the same either way.
    return Markup("\n".join(lines) + preview.structured)
