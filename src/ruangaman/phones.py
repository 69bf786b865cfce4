"""Phone numbers as readers dial them: parsed and normalised with Google's libphonenumber.

`0811-1129-129`, `+62 811 1129 129` and `628111129129` are the same number (+628111129129).
Short codes such as 129, 110 and 112 are kept as they are, and only hotlines may use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

SHORT_CODE = re.compile(r"^[1-9]\d{2,4}$")
MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


@dataclass(frozen=True)
class Phone:
    """A checked number: `e164` is `+628111129129`, or the digits of a short code (`129`)."""

    e164: str
    display: str
    short: bool = False
    mobile: bool = False

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


def parse_phone(text: str, allow_short: bool = False) -> Phone:
    """Parse an Indonesian number as an editor typed it, or raise PhoneError."""
    compact = re.sub(r"[\s().-]", "", text)
    if SHORT_CODE.match(compact):
        if not allow_short:
            raise PhoneError("short_code_not_allowed")
        return Phone(e164=compact, display=compact, short=True)
    if compact.startswith("62") and not compact.startswith("+"):
        compact = "+" + compact  # 628111129129 is written without the plus often
    try:
        number = phonenumbers.parse(compact, "ID")
    except phonenumbers.NumberParseException as err:
        raise PhoneError("bad_phone") from err
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("phone_incomplete")
    return Phone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        display=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        mobile=phonenumbers.number_type(number) in MOBILE_TYPES,
    )
