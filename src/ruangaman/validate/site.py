"""What the validate stage returns: typed, read-only views of the checked site.

The load stage's records are never written (`load.discover.Record` is frozen, its data kept as
read). Everything validation finds out about a record (its parsed phones, its kecamatan, its
id) lives on a new view instead, and every rule that decides what readers see is defined here
once and used by every page, poster, file and the theme:

- `ParsedPhone.dialable`: a number a reader can call (`tel:`), the voice numbers;
- `Service.checked_phones`: the numbers shown for a service (only once its contact is verified);
- `Site.hotlines_shown`: the hotlines any page lists (not `status: inactive`), in their order;
- `Site.pinned`: the hotlines every page, poster, the booklet and share text tell readers to
  call: shown, `pinned: true`, and with a number to dial.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ruangaman.load.discover import Page
from ruangaman.load.yamlfile import Loaded
from ruangaman.model import CONFIRMING, FAILING, FAILURES_DOUBTFUL, in_language
from ruangaman.paths import SiteUrls
from ruangaman.text import Interface
from ruangaman.validate.freshness import STALE, FieldTranslation
from ruangaman.validate.holidays import Holiday
from ruangaman.validate.phones import Phone
from ruangaman.validate.region import Area, Desa, Kecamatan, Region

# The link each kind of number opens; a voice number is the one a reader can dial.
DIALABLE = "voice"


def phone_kind(written: Mapping[str, Any]) -> str:
    """The kind of a number as written in a file: its `type`, voice when it says nothing."""
    return written.get("type") or DIALABLE


def read_only(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """A mapping no stage can write into (the loaded dict itself stays as load made it)."""
    return types.MappingProxyType(data)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ParsedPhone:
    """One checked number of a record: what was written, its kind and its parsed form."""

    written: str  # the number as written in the file
    kind: str  # voice, whatsapp or sms (voice when the file says nothing)
    phone: Phone
    description: Mapping[str, str] | None = None

    @property
    def dialable(self) -> bool:
        """A reader can call it (`tel:`): THE rule for "call" buttons, help lines, vCards."""
        return self.kind == DIALABLE

    @property
    def display(self) -> str:
        return self.phone.display

    @property
    def e164(self) -> str:
        return self.phone.e164

    @property
    def tel(self) -> str:
        return self.phone.tel

    @property
    def wa(self) -> str:
        return self.phone.wa

    @property
    def href(self) -> str:
        """The link a reader follows for this number, by its kind."""
        if self.kind == "whatsapp":
            return f"https://wa.me/{self.phone.wa}"
        if self.kind == "sms":
            return f"sms:{self.phone.e164}"
        return self.phone.tel


def attempts_in_order(log: Any) -> tuple[Mapping[str, Any], ...]:
    """The usable attempts of a `verification:` log (with a date, a method and an outcome: a
    refused one is left out), oldest first; on one day, one without a time before those with."""
    usable = [
        read_only(a)
        for a in log or ()
        if isinstance(a, Mapping) and a.get("date") and a.get("method") and a.get("outcome")
    ]
    return tuple(sorted(usable, key=lambda a: (a["date"], a.get("time") or "")))


def last_confirmed(attempts: tuple[Mapping[str, Any], ...]) -> dt.date | None:
    """The date of the last attempt that reached the service (confirmed or changed)."""
    return next((a["date"] for a in reversed(attempts) if a["outcome"] in CONFIRMING), None)


def failures_since_confirmed(attempts: tuple[Mapping[str, Any], ...]) -> int:
    """Failed attempts (no answer, wrong number) after the last confirmation, counted once per
    distinct date and time: three calls logged at one moment are one call."""
    moments = set()
    for attempt in reversed(attempts):
        if attempt["outcome"] in CONFIRMING:
            break
        if attempt["outcome"] in FAILING:
            moments.add((attempt["date"], attempt.get("time")))
    return len(moments)


@dataclass(frozen=True)
class _RecordView:
    """What services and hotlines share: the file, its digest, its checked data and numbers."""

    slug: str
    id: str  # its own `id:`, or the one made from its file name (`validate.fallback_id`)
    rel: str
    data: Mapping[str, Any]  # the loaded values, read-only (a refused date is left out)
    loaded: Loaded = field(repr=False, compare=False)
    digest: bytes = b""  # sha256 of the file's bytes
    phones: tuple[ParsedPhone, ...] = ()
    # Each translated text of its two-language fields, with its mark (`validate.freshness`);
    # `data` holds the texts without the marks.
    translations: tuple[FieldTranslation, ...] = field(default=(), kw_only=True)

    def stale_in(self, lang: str) -> bool:
        """THE rule for "parts of this record's page may be translated from an older text":
        a text in `lang` marked as translating an Indonesian text that changed since."""
        return any(t.lang == lang and t.state == STALE for t in self.translations)

    @property
    def name(self) -> Any:  # noqa: ANN401 - text for a service, {lang: text} for a hotline
        return self.data["name"]

    @property
    def status(self) -> str:
        return self.data.get("status", "")

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def shown(self) -> bool:
        """Listed for readers: anything not closed (`status: inactive`)."""
        return self.status != "inactive"

    @cached_property
    def attempts(self) -> tuple[Mapping[str, Any], ...]:
        """Its `verification:` log as checked, oldest first (`attempts_in_order`)."""
        return attempts_in_order(self.data.get("verification"))

    @property
    def verified_on(self) -> dt.date | None:
        """THE date it was last confirmed: its log's last confirmed or changed attempt, else
        the `verified_on` written in its file (validate puts the effective one in `data`)."""
        return self.data.get("verified_on")

    @property
    def failures(self) -> int:
        """Failed attempts at distinct times since its last confirmation."""
        return failures_since_confirmed(self.attempts)

    @property
    def contact_doubtful(self) -> bool:
        """THE rule for "this contact may be out of date": three failed attempts at different
        times after the last confirmation (service pages, the hotline page, the call list)."""
        return self.failures >= FAILURES_DOUBTFUL

    @property
    def checked_phones(self) -> tuple[ParsedPhone, ...]:
        """The numbers a reader may use: only once the contact is verified (`status: active`)."""
        return self.phones if self.active else ()

    @property
    def call(self) -> ParsedPhone | None:
        """The first number a reader can dial."""
        return next((p for p in self.phones if p.dialable), None)

    @property
    def whatsapp(self) -> ParsedPhone | None:
        return next((p for p in self.phones if p.kind == "whatsapp"), None)


@dataclass(frozen=True)
class Service(_RecordView):
    """A checked service, with the kecamatan (and regency, desa) its location names."""

    kind = "service"
    kecamatan: Kecamatan | None = None
    regency: Region | None = None  # set with its kecamatan
    desa: Desa | None = None
    # Where it serves (`serves:`), checked against the region list: the whole regency, a list of
    # kecamatan or a list of desa of its office's kecamatan. Nothing: where its office is.
    serves_regency: Region | None = None  # `serves: {kabupaten: true}`: this regency
    serves_kecamatan: tuple[Kecamatan, ...] = ()  # `serves: {kecamatan: [...]}`
    serves_desa: tuple[Desa, ...] = ()  # `serves: {desa: [...]}`, in its office's kecamatan

    @property
    def served_kecamatan(self) -> tuple[Kecamatan, ...]:
        """THE rule for where this service is for people: its office's kecamatan and those it
        lists, or every kecamatan of the regency it serves whole (desa it lists are all in its
        office's kecamatan). Kecamatan pages, the directory filter (`data-serves`), the regency
        pages and the open data's service areas follow it."""
        if self.serves_regency is not None:
            return tuple(self.serves_regency.kecamatan.values())
        office = (self.kecamatan,) if self.kecamatan is not None else ()
        return office + tuple(k for k in self.serves_kecamatan if k is not self.kecamatan)

    def serves(self, kecamatan: Kecamatan) -> bool:
        """Whether it is for people in `kecamatan` (`served_kecamatan`)."""
        return any(k.code == kecamatan.code for k in self.served_kecamatan)

    @property
    def serves_codes(self) -> tuple[str, ...]:
        """The Kemendagri codes of the areas it serves, as written (`serves`), else ()."""
        if self.serves_regency is not None:
            return (self.serves_regency.code,)
        return tuple(k.code for k in self.serves_kecamatan) + tuple(
            d.code for d in self.serves_desa
        )

    @property
    def location(self) -> Mapping[str, Any]:
        return self.data.get("location") or {}

    @property
    def kecamatan_name(self) -> str | None:
        """The kecamatan's official name, or the name as written when it was not found."""
        return self.kecamatan.name if self.kecamatan else self.location.get("kecamatan")

    @property
    def desa_name(self) -> str | None:
        """The desa's official name, or the name as written when it was not found."""
        return self.desa.name if self.desa else self.location.get("desa")

    @property
    def has_vcard(self) -> bool:
        """Only a verified record with a number or an email is worth saving to a phone book."""
        return self.active and bool(self.checked_phones or self.data.get("email"))


@dataclass(frozen=True)
class Hotline(_RecordView):
    """A checked hotline."""

    kind = "hotline"

    @property
    def order(self) -> int:
        return self.data.get("order", 0)

    @property
    def pinned_flag(self) -> bool:
        """`pinned: true` in its file (whether it is shown pinned is `Site.pinned`)."""
        return bool(self.data.get("pinned"))

    def short_name(self, lang: str) -> str:
        """`short_name` in `lang`, or the name cut before " (" ("SAPA 129 (Sahabat …)")."""
        if self.data.get("short_name"):
            return in_language(self.data["short_name"], lang)
        return in_language(self.data["name"], lang).split(" (")[0]

    @property
    def always_open(self) -> bool:
        """Its file says it answers 24 hours a day (`schedule: open_24_hours: true`)."""
        return bool((self.data.get("schedule") or {}).get("open_24_hours"))


@dataclass(frozen=True)
class Site:
    """The validated site: what render, the theme, the open data and the editors' tools read."""

    settings: Mapping[str, Any]  # site.yml as checked, read-only
    taxonomy: Mapping[str, Any]
    area: Area
    languages: tuple[str, ...]
    services: tuple[Service, ...] = ()
    hotlines: tuple[Hotline, ...] = ()  # in file order
    pages: tuple[Page, ...] = ()
    # The day it was checked on: a date still to come is refused until that day, so what a
    # record's view holds depends on the day as well as on its file.
    checked_on: dt.date | None = None
    # The interface text of its languages (`text.Interface`): every page's words.
    interface: Interface = field(default_factory=Interface.packaged, compare=False, repr=False)
    office_phones: tuple[ParsedPhone, ...] = ()  # site.yml's office numbers, parsed

    @cached_property
    def report_to(self) -> ReportContact | None:
        """Where "Nomor salah? Laporkan" sends a reader's report: the office's own confirmed
        WhatsApp or email, or None (pages then say to tell the office in person)."""
        return report_contact(self.settings.get("office") or {}, self.office_phones)

    # The public holidays and cuti bersama of the year checked in and the next
    # (`validate.holidays`): when a service that closes on them is shown closed.
    holidays: tuple[Holiday, ...] = ()

    @property
    def main_language(self) -> str:
        return self.languages[0]

    @property
    def region(self) -> Region | Area:
        """A regency site's regency, or the wider area."""
        return self.area.single or self.area

    @property
    def url(self) -> str | None:
        return self.settings.get("url")

    @property
    def urls(self) -> SiteUrls:
        """The site's one URL policy (language prefixes, links, full addresses)."""
        return SiteUrls(tuple(self.languages), self.url)

    @property
    def timezone(self) -> str:
        return self.settings.get("timezone", "Asia/Jakarta")

    @property
    def service_types(self) -> list[dict]:
        return self.taxonomy.get("service_types", [])

    @cached_property
    def listed(self) -> tuple[Service, ...]:
        """The services the directory lists (not closed), by name."""
        shown = [s for s in self.services if s.shown]
        return tuple(sorted(shown, key=lambda s: s.data["name"].lower()))

    @cached_property
    def hotlines_shown(self) -> tuple[Hotline, ...]:
        """The hotlines any page lists: not closed, in their `order`."""
        return tuple(sorted((h for h in self.hotlines if h.shown), key=lambda h: h.order))

    @cached_property
    def pinned(self) -> tuple[Hotline, ...]:
        """THE pinned hotlines: shown, `pinned: true`, with a number to dial. The strip on every
        page, the hotline page, the posters, the booklet and share text all use these."""
        return tuple(h for h in self.hotlines_shown if h.pinned_flag and h.call is not None)

    @cached_property
    def holidays_ahead(self) -> tuple[Holiday, ...]:
        """The holidays from the day the site was checked on: what its pages list."""
        day = self.checked_on
        return tuple(h for h in self.holidays if day is None or h.date >= day)

    @cached_property
    def digest(self) -> bytes:
        """What every page depends on besides its own records: site.yml as checked, the
        taxonomy, the pinned hotlines, the area, the languages and the day it was checked on
        (a preview left running past midnight renders everything again once, as a fresh build
        would). Coarse on purpose: any site.yml edit renders everything again (rare, and then
        surely right)."""
        shared = {
            "checked_on": self.checked_on,
            "settings": self.settings,
            "taxonomy": self.taxonomy,
            "pinned": [[h.slug, h.digest.hex()] for h in self.pinned],
            "area": self.area.code,
            "languages": self.languages,
            "holidays": [[h.date, dict(h.name)] for h in self.holidays],
        }
        text = json.dumps(shared, sort_keys=True, default=_json_default, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).digest()


@dataclass(frozen=True)
class ReportContact:
    """The office's confirmed contact for reports of a wrong number."""

    kind: str  # "whatsapp" or "email"
    address: str  # wa.me digits, or the email address
    display: str  # as shown to the reader


def report_contact(
    office: Mapping[str, Any], phones: tuple[ParsedPhone, ...]
) -> ReportContact | None:
    """The office's WhatsApp (what families use) or else its email, only when site.yml says
    the office's details are confirmed (`status: active`): a report sent to a number nobody
    checked could reach a stranger."""
    if office.get("status") != "active":
        return None
    for phone in phones:
        if phone.kind == "whatsapp":
            return ReportContact("whatsapp", phone.wa, phone.display)
    if office.get("email"):
        return ReportContact("email", office["email"], office["email"])
    return None


def _json_default(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    raise TypeError(f"not JSON: {type(value).__name__}")
