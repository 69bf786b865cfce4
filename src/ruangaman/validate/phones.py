"""Phone numbers as readers dial them: parsed and normalised with Google's libphonenumber.

`0811-1129-129`, `+62 811 1129 129` and `628111129129` are the same number (+628111129129).
Short codes such as 129, 110 and 112 are kept as they are, and only hotlines may use them.

How a number is shown is ONE rule, `Phone.display` (`editor_grouping`): as the editor wrote it
(SAPA's WhatsApp is `08111-129-129` in its file, on its posters and in every guide), with odd
spacing tidied, when what was written is only digits and separators and its digits are the
number's; otherwise (no grouping, or anything else in the text) libphonenumber's national form.
Links (`tel:`, wa.me) and vCards always use E.164.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from ruangaman.session import Memo

SHORT_CODE = re.compile(r"^[1-9]\d{2,4}$")
MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
# A number written with its grouping: digits in groups, one separator between groups, an area
# code in brackets at most, a leading + at most (`08111-129-129`, `(0561) 123456`).
GROUPED = re.compile(r"\+?(?:\([0-9]{2,5}\) ?)?[0-9]+(?:[ .-][0-9]+)*")  # ASCII digits only


def editor_grouping(written: str, digits: frozenset[str]) -> str | None:
    """`written` as a reader should see it, when it is a grouping of one of `digits` (the
    number's digits as written nationally or with the country code): runs of spaces made one,
    spaces around a hyphen or dot dropped. None when it is not, or has no grouping at all
    (`08111129129`: libphonenumber groups it better)."""
    text = " ".join(written.split())
    text = re.sub(r" ?([.-]) ?", r"\1", text)
    if not GROUPED.fullmatch(text) or text.isdigit():
        return None
    return text if re.sub(r"[^0-9]", "", text) in digits else None


@dataclass(frozen=True)
class Phone:
    """A checked number: `e164` is `+628111129129`, or the digits of a short code (`129`).

    `display` and `mobile` are worked out when first asked for (libphonenumber's formatting is
    the slow part of checking thousands of numbers, and `ruangaman check` rarely needs it).
    """

    e164: str
    short: bool = False
    number: phonenumbers.PhoneNumber | None = field(default=None, compare=False, repr=False)
    written: str = field(default="", compare=False, repr=False)  # as the editor typed it

    @cached_property
    def display(self) -> str:
        """THE way a number is shown to readers (strip, hotline page, posters, booklet, service
        pages, share text, open data): the editor's grouping (`08111-129-129`), else the
        national form (`0811-1129-129`, `(0561) 123456`); a short code as it is (`129`)."""
        if self.number is None:
            return self.e164
        nsn = phonenumbers.national_significant_number(self.number)
        code = str(self.number.country_code)
        return editor_grouping(self.written, frozenset({"0" + nsn, code + nsn})) or (
            phonenumbers.format_number(self.number, PhoneNumberFormat.NATIONAL)
        )

    @cached_property
    def mobile(self) -> bool:
        """A mobile number (one WhatsApp can reach)."""
        return self.number is not None and phonenumbers.number_type(self.number) in MOBILE_TYPES

    @property
    def tel(self) -> str:
        return f"tel:{self.e164}"

    @property
    def wa(self) -> str:
        """The number as wa.me wants it: digits with the country code, no plus."""
        return self.e164.lstrip("+")


class PhoneError(ValueError):
    """Why a text is not a usable number: `code` is a message code from `messages`."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_phone(text: str, allow_short: bool = False, memo: Memo | None = None) -> Phone:
    """Parse an Indonesian number as an editor typed it, or raise PhoneError.

    `memo` (the session's `phones`): (text, allow_short) -> its Phone or its error's code.
    Parsing with libphonenumber was half of the cross-file checks of a national directory, and
    a preview (`serve`) checks every service again after each edit. The key is the text
    itself, so the digest is empty."""
    key = (text, allow_short)
    known = _known(key) if memo is None else memo.get(key, b"", lambda: _known(key))
    if isinstance(known, str):
        raise PhoneError(known)
    return known


def _known(key: tuple[str, bool]) -> Phone | str:
    try:
        return _parse_phone(*key)
    except PhoneError as err:
        return err.code


def _parse_phone(text: str, allow_short: bool) -> Phone:
    compact = re.sub(r"[\s().-]", "", text)
    if SHORT_CODE.match(compact):
        if not allow_short:
            raise PhoneError("short_code_not_allowed")
        return Phone(e164=compact, short=True)
    if compact.startswith("62") and not compact.startswith("+"):
        compact = "+" + compact  # 628111129129 is written without the plus often
    try:
        number = phonenumbers.parse(compact, "ID")
    except phonenumbers.NumberParseException as err:
        raise PhoneError("bad_phone") from err
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("phone_incomplete")
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return Phone(e164=e164, number=number, written=text)


# --- a region's area code (examples and hints for the region's own editors) -------------------

_AREA_SPLIT = re.compile(r"\s*/\s*")


def _names_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def area_codes(place: str, kecamatan: tuple[str, ...] = (), province: str = "") -> tuple[str, ...]:
    """The trunk-prefixed area codes of a regency (`0967` for Kota Jayapura), from
    libphonenumber's geocoding data: the place names it gives for each Indonesian area code are
    towns, so a regency is looked up by its own name (short: `Jayapura`), then by its kecamatan
    (Aceh Selatan: Bakongan 0657 and Tapaktuan 0656), then by its province's name (Sleman:
    Yogyakarta, 0274). Empty when nothing matches: then no area code is shown, never a guess.
    Slow the first time (the geocoding tables load in about a second): only `init` and the
    fix of a wrong number ask."""
    from phonenumbers.geodata import GEOCODE_DATA

    towns: dict[str, list[str]] = {}
    for prefix, names in GEOCODE_DATA.items():
        if prefix.startswith("62") and len(prefix) in (4, 5):
            for name in _AREA_SPLIT.split(names.get("id") or names.get("en") or ""):
                towns.setdefault(_names_key(name), []).append("0" + prefix[2:])
    province = re.sub(r"^(DI|DKI|Daerah Istimewa|Daerah Khusus Ibukota)\s+", "", province)
    for group in ((place,), kecamatan, (province,)):
        found = sorted({code for name in group for code in towns.get(_names_key(name), [])})
        if found:
            return tuple(found)
    return ()
