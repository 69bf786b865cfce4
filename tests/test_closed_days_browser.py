"""Closed days in Chromium (issue 13, part 3): on 1 Syawal of next year (the date the `holidays`
library gives, never one written here) a service that closes on public holidays says "Tutup:
Hari Raya Idul Fitri" on its page and in the directory, with and without JavaScript, at 360
and 1280 px; a service open 24 hours stays open; an exception range of Ramadan hours replaces
the weekly hours. Every time is in the site's time zone (Asia/Pontianak, UTC+7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from directory_site import build, make_project

from ruangaman.validate.dates import today_in
from ruangaman.validate.holidays import library_holidays

pytestmark = pytest.mark.browser

ZONE = dt.timezone(dt.timedelta(hours=7))  # Asia/Pontianak keeps no daylight saving time
NEXT_YEAR = today_in("Asia/Pontianak").year + 1  # the site covers the build year and the next
NAMES = library_holidays((NEXT_YEAR,))
FITRI = next(d for d in sorted(NAMES) if NAMES[d]["id"].startswith("Hari Raya Idul Fitri"))
RAMADAN_FROM, RAMADAN_UNTIL = FITRI - dt.timedelta(days=29), FITRI - dt.timedelta(days=3)
MEETING = FITRI + dt.timedelta(days=20)
ORDINARY = next(  # a day near Idul Fitri that is neither a holiday nor an exception
    d
    for d in (MEETING + dt.timedelta(days=n) for n in range(1, 30))
    if d not in NAMES and d.weekday() < 5
)


# A holiday on a Monday or Tuesday, when the fixture's Layanan Uji (Monday and Tuesday,
# 08:00-15:00, its file silent about holidays) would be open by its weekly hours.
MONDAY_HOLIDAY = next(d for d in sorted(NAMES) if d.weekday() in (0, 1))


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), ZONE)


HOLIDAY_SERVICE = f"""\
id: 3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a55
name: Layanan Libur
organization:
  name: Lembaga Uji
types: [pengaduan]
description:
  id: Tutup pada hari libur nasional.
location:
  kecamatan: Sungai Raya
schedule:
  weekly:
    - days: [senin, selasa, rabu, kamis, jumat, sabtu, minggu]
      opens_at: "08:00"
      closes_at: "15:00"
  closed_on_public_holidays: true
  exceptions:
    - date: {RAMADAN_FROM.isoformat()}
      until: {RAMADAN_UNTIL.isoformat()}
      opens_at: "08:00"
      closes_at: "12:00"
      reason: {{id: Jam Ramadan, en: Ramadan hours}}
    - date: {MEETING.isoformat()}
      reason: {{id: "Rapat <b>kantor</b>", en: "Office <b>meeting</b>"}}
status: unverified
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("closed-days"))
    project.write("content/services/layanan-libur.yml", HOLIDAY_SERVICE)
    return build(project)


@pytest.fixture(scope="module")
def base(site, serve) -> str:
    return serve(site)


def open_at(browser, base, path, moment, width=360, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(base + path)
    return context, page


def status_of(page, slug: str) -> str:
    item = page.locator(f".ra-service-item:has(a[href$='{slug}/'])")
    return item.locator(".ra-open-now").inner_text()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("prefix", "closed", "open_now"),
    [("", "Tutup: {}", "Buka sekarang"), ("en/", "Closed: {}", "Open now")],
)
def test_on_idul_fitri_the_service_is_closed_and_says_why(
    browser, base, width, prefix, closed, open_now
):
    lang = "en" if prefix else "id"
    expected = closed.format(NAMES[FITRI][lang])
    context, page = open_at(browser, base, prefix + "layanan/layanan-libur/", at(FITRI, 10), width)
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == expected
    page.goto(base + prefix + "layanan/")
    assert status_of(page, "layanan-libur") == expected
    assert status_of(page, "layanan-siaga") == open_now  # open 24 hours: holidays change nothing
    page.check("#ra-filter-open")
    visible = page.locator(".ra-service-item:visible a").all_inner_texts()
    assert "Layanan Siaga" in visible and "Layanan Libur" not in visible
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_ramadan_hours_replace_the_weekly_hours(browser, base, width):
    path = "layanan/layanan-libur/"
    context, page = open_at(browser, base, path, at(RAMADAN_UNTIL, 10), width)
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == "Buka sekarang"
    page.clock.set_fixed_time(at(RAMADAN_UNTIL, 13))  # open until 15:00 on other days
    page.reload()
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == "Tutup: Jam Ramadan"
    page.clock.set_fixed_time(at(ORDINARY, 13))
    page.reload()
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == "Buka sekarang"
    page.clock.set_fixed_time(at(MEETING, 10))
    page.reload()  # the reason is text: its markup is shown, never made into elements
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == "Tutup: Rapat <b>kantor</b>"
    assert page.locator(".ra-open-status b").count() == 0
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_without_javascript_the_hours_list_names_the_closed_days(browser, base, width, prefix):
    lang = "en" if prefix else "id"
    context, page = open_at(
        browser, base, prefix + "layanan/layanan-libur/", at(FITRI, 10), width, javascript=False
    )
    assert page.locator(".ra-open-status .ra-open-now").is_hidden()
    holidays = page.locator(".ra-hours--holidays li").all_inner_texts()
    closed = "Tutup: {}" if lang == "id" else "Closed: {}"
    fitri = [line for line in holidays if line.endswith(closed.format(NAMES[FITRI][lang]))]
    assert len(fitri) == 1, holidays
    assert str(FITRI.year) in fitri[0] and str(FITRI.day) in fitri[0]
    exceptions = page.locator(".ra-hours--exceptions li").all_inner_texts()
    ramadan = "Jam Ramadan" if lang == "id" else "Ramadan hours"
    assert any(line.endswith(f"08:00–12:00 ({ramadan})") for line in exceptions), exceptions
    meeting = "Rapat <b>kantor</b>" if lang == "id" else "Office <b>meeting</b>"
    assert any(line.endswith(closed.format(meeting)) for line in exceptions), exceptions
    assert page.locator(".ra-hours--exceptions b").count() == 0
    for box in page.locator(".ra-hours li").all():
        assert box.bounding_box()["width"] <= width  # nothing wider than the phone
    context.close()


def test_the_holidays_reach_the_page_as_data_not_as_a_script(site):
    html = (site / "layanan" / "layanan-libur" / "index.html").read_text(encoding="utf-8")
    name = NAMES[FITRI]["id"]
    assert f"&#34;{FITRI.isoformat()}&#34;:&#34;{name}&#34;" in html.split("data-holidays=")[1]
    assert "<script>" not in html


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("prefix", "maybe"),
    [
        ("", "Hari libur: {}. Mungkin tutup, telepon dulu"),
        ("en/", "Holiday: {}. It may be closed: call first"),
    ],
)
def test_a_file_silent_about_holidays_is_neither_open_nor_closed_on_one(
    browser, base, width, prefix, maybe
):
    lang = "en" if prefix else "id"
    expected = maybe.format(NAMES[MONDAY_HOLIDAY][lang])
    moment = at(MONDAY_HOLIDAY, 10)
    context, page = open_at(browser, base, prefix + "layanan/layanan-uji/", moment, width)
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == expected
    page.goto(base + prefix + "layanan/")
    assert status_of(page, "layanan-uji") == expected
    page.check("#ra-filter-open")  # "open now" does not list it
    assert "Layanan Uji" not in page.locator(".ra-service-item:visible a").all_inner_texts()
    context.close()
    context, page = open_at(
        browser, base, prefix + "layanan/layanan-uji/", moment, width, javascript=False
    )
    note = (
        "Jam pada hari libur nasional dan cuti bersama belum diketahui; telepon dulu."
        if lang == "id"
        else "Hours on public holidays and cuti bersama are not known: call first."
    )
    assert note in page.locator("article").inner_text()
    context.close()


def test_the_day_is_the_site_s_not_the_phone_s(browser, base):
    """00:30 on 1 Syawal in Kubu Raya is still the day before in UTC and in New York: the page
    follows the site's clock."""
    moment = at(FITRI, 0) + dt.timedelta(minutes=30)
    assert moment.astimezone(dt.UTC).date() == FITRI - dt.timedelta(days=1)
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(base + "layanan/layanan-libur/")
    expected = f"Tutup: {NAMES[FITRI]['id']}"
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == expected
    context.close()
