"""Phone numbers and the national region list that ships inside the package."""

from __future__ import annotations

import pytest

from ruangaman.validate.phones import PhoneError, parse_phone
from ruangaman.validate.region import UnknownRegion, closest_regencies, load_region


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("0811-1129-129", "0811-1129-129"),
        ("+62 811 1129 129", "+62 811 1129 129"),  # shown as written (tests/test_phone_display.py)
        ("628111129129", "0811-1129-129"),
        ("08111129129", "0811-1129-129"),
    ],
)
def test_spellings_of_one_number(text, shown):
    phone = parse_phone(text)
    assert (phone.e164, phone.display, phone.mobile) == ("+628111129129", shown, True)
    assert phone.wa == "628111129129"


@pytest.mark.parametrize("text", ["129", "112", "110", "119"])
def test_short_codes_only_for_hotlines(text):
    assert parse_phone(text, allow_short=True).tel == f"tel:{text}"
    with pytest.raises(PhoneError) as err:
        parse_phone(text)
    assert err.value.code == "short_code_not_allowed"


def test_landline_with_area_code():
    phone = parse_phone("(0561) 123456")
    assert (phone.e164, phone.mobile) == ("+62561123456", False)


def test_kubu_raya_region():
    region = load_region("61.12")
    assert region.name == "Kabupaten Kubu Raya"
    assert region.province == "Kalimantan Barat"
    assert len(region.kecamatan) == 9
    assert sum(len(k.desa) for k in region.kecamatan.values()) == 123
    assert region.find_kecamatan("sungai  RAYA").code == "61.12.01"
    assert region.find_kecamatan("Kuala Mandor B").slug == "kuala-mandor-b"


def test_another_regency_works_offline():
    region = load_region("61.71")
    assert region.name == "Kota Pontianak"
    assert len(region.kecamatan) == 6


def test_unknown_regency_suggests_closest_by_name():
    with pytest.raises(UnknownRegion):
        load_region("61.99")
    assert ("61.71", "Kota Pontianak") in closest_regencies("Pontianak")
    assert closest_regencies("Kubu Raya")[0] == ("61.12", "Kabupaten Kubu Raya")
