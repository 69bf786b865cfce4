"""The directory in a real browser: open now at chosen clock times, filters, QR codes, offline."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
import zxingcpp
from directory_site import SITE_URL, build, make_project
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

UTC = dt.UTC


def site_time(text: str) -> dt.datetime:
    """A moment given as the clock on the wall in Kubu Raya (UTC+7), as a UTC datetime."""
    local = dt.datetime.fromisoformat(text)
    return (local - dt.timedelta(hours=7)).replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("directory-browser")))


@pytest.fixture(scope="module")
def base(site, serve) -> str:
    return serve(site)


@pytest.fixture
def page(browser):
    # The phone's own clock zone is far from Kubu Raya: results must not depend on it.
    context = browser.new_context(timezone_id="America/Los_Angeles", service_workers="block")
    page = context.new_page()
    yield page
    context.close()


SCHEDULES = {
    "weekday": {
        "weekly": [{"days": ["senin", "selasa"], "opens_at": "08:00", "closes_at": "15:00"}]
    },
    "night": {
        "weekly": [
            {"days": ["jumat"], "opens_at": "20:00", "closes_at": "02:00"},
            {"days": ["minggu"], "opens_at": "08:00", "closes_at": "24:00"},
        ]
    },
    "always": {"open_24_hours": True},
}

# (schedule, wall-clock time in Kubu Raya, expected). 2026-11-29 is a Sunday.
CASES = [
    ("weekday", "2026-11-30T08:00", True),  # Monday, opening minute
    ("weekday", "2026-11-30T14:59", True),
    ("weekday", "2026-11-30T15:00", False),  # closing minute is closed
    ("weekday", "2026-11-30T07:59", False),
    ("weekday", "2026-11-29T10:00", False),  # Sunday
    ("weekday", "2026-12-02T10:00", False),  # Wednesday
    ("night", "2026-12-04T20:00", True),  # Friday evening
    ("night", "2026-12-04T23:59", True),
    ("night", "2026-12-05T00:00", True),  # midnight into Saturday: still Friday's hours
    ("night", "2026-12-05T01:59", True),
    ("night", "2026-12-05T02:00", False),
    ("night", "2026-12-03T01:00", False),  # Thursday night has no hours past midnight
    ("night", "2026-11-29T00:00", False),  # Sunday midnight: Sunday opens at 08:00
    ("night", "2026-11-29T23:59", True),  # "24:00" closes at the end of Sunday
    ("night", "2026-11-30T00:00", False),  # ... and does not spill into Monday
    ("always", "2026-11-29T00:00", True),
    ("always", "2026-12-02T03:33", True),
]


@pytest.mark.parametrize(("name", "clock", "expected"), CASES)
def test_open_now_at_chosen_clock_times(page, base, name, clock, expected):
    page.goto(base + "layanan/")
    moment = site_time(clock).isoformat()
    result = page.evaluate(
        "([s, t]) => RuangAman.isOpen(s, new Date(t), 420)", [SCHEDULES[name], moment]
    )
    assert result is expected


def test_unknown_hours_are_neither_open_nor_closed(page, base):
    page.goto(base + "layanan/")
    assert page.evaluate("RuangAman.isOpen(null, new Date(), 420)") is None
    assert page.evaluate("RuangAman.isOpen({weekly: []}, new Date(), 420)") is None


def badges(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.ra-service-item')].map(
            li => [li.querySelector('a').textContent,
                   li.querySelector('.ra-open-now').hidden ? '' :
                   li.querySelector('.ra-open-now').textContent]))"""
    )


def visible(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.ra-service-item')]
            .filter(li => li.offsetParent !== null).map(li => li.querySelector('a').textContent)"""
    )


def test_directory_badges_follow_the_site_clock(page, base):
    # Saturday 00:30 in Kubu Raya is Friday 09:30 in Los Angeles, where the phone thinks it is.
    page.clock.set_fixed_time(site_time("2026-12-05T00:30"))
    page.goto(base + "layanan/")
    assert badges(page) == {
        "Layanan Malam": "Buka sekarang",
        "Layanan Siaga": "Buka sekarang",
        "Layanan Tanpa Jadwal": "",
        "Layanan Uji": "Tutup sekarang",
    }


def test_english_service_page_says_open_now(page, base):
    page.clock.set_fixed_time(site_time("2026-11-30T09:00"))
    page.goto(base + "en/layanan/layanan-uji/")
    assert page.locator(".ra-open-status .ra-open-now").inner_text() == "Open now"


def test_filters_by_kecamatan_type_and_open_now(page, base):
    page.clock.set_fixed_time(site_time("2026-11-30T09:00"))  # Monday morning
    page.goto(base + "layanan/")
    everything = ["Layanan Siaga", "Layanan Uji", "Layanan Malam", "Layanan Tanpa Jadwal"]
    assert visible(page) == everything
    page.select_option("#ra-filter-kecamatan", label="Sungai Raya")
    assert visible(page) == ["Layanan Siaga", "Layanan Uji"]
    assert page.locator(".ra-filter-count").inner_text() == "2 layanan ditampilkan"
    page.select_option("#ra-filter-type", "kesehatan")
    assert visible(page) == ["Layanan Siaga"]
    page.select_option("#ra-filter-kecamatan", "")
    assert visible(page) == ["Layanan Siaga", "Layanan Malam"]
    page.check("#ra-filter-open")
    assert visible(page) == ["Layanan Siaga"]
    page.select_option("#ra-filter-type", "")
    assert visible(page) == ["Layanan Siaga", "Layanan Uji"]
    # A group with nothing left hides its heading too.
    assert page.locator("#ra-kec-kubu").is_hidden()


def test_the_english_filter_count_says_service_for_one_and_services_for_more(page, base):
    page.clock.set_fixed_time(site_time("2026-11-30T09:00"))  # Monday morning
    page.goto(base + "en/layanan/")
    page.select_option("#ra-filter-kecamatan", label="Sungai Raya")
    assert page.locator(".ra-filter-count").inner_text() == "2 services shown"
    page.select_option("#ra-filter-type", "kesehatan")
    assert page.locator(".ra-filter-count").inner_text() == "1 service shown"


def test_without_javascript_the_grouped_lists_appear_and_no_filter(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "layanan/")
    assert page.locator(".ra-filter").is_hidden()
    groups = page.locator(".ra-group h3").all_inner_texts()
    assert groups == [
        "Layanan di Kecamatan Sungai Raya",
        "Layanan di Kecamatan Kubu",
        "Lokasi belum tercatat",
    ]
    assert len(visible(page)) == 4
    context.close()


def test_no_share_api_leaves_the_whatsapp_link(page, base):
    page.goto(base + "layanan/layanan-uji/")
    has_share = page.evaluate("'share' in navigator")
    assert page.locator(".ra-share-native").is_visible() is has_share
    assert page.locator(".ra-share-wa").get_attribute("href").startswith("https://wa.me/?text=")


def test_share_link_gets_the_page_address_when_the_site_url_is_unknown(
    browser, shipped_site, serve
):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    base = serve(shipped_site)
    page.goto(base + "layanan/patbm-kapur/")
    href = page.locator(".ra-share-wa").get_attribute("href")
    assert href.endswith("%0A" + quote(base + "layanan/patbm-kapur/", safe=""))
    context.close()


# --- QR codes, read by a real decoder from the SVG as the browser draws it --------------------

RASTERISE = """async () => {
  const svg = document.querySelector('svg.ra-qr');
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' +
    encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width * 3; canvas.height = img.height * 3;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const grey = [];
  for (let i = 0; i < data.length; i += 4) grey.push(data[i]);
  return {width: canvas.width, height: canvas.height, grey: grey};
}"""


@pytest.mark.parametrize(
    ("poster", "target"),
    [
        ("cetak/layanan/layanan-uji/", "layanan/layanan-uji/"),
        ("en/cetak/layanan/layanan-uji/", "en/layanan/layanan-uji/"),
        ("cetak/kecamatan/kubu/", "layanan/kecamatan/kubu/"),
        ("en/cetak/hotline/", "en/hotline/"),
        ("cetak/buku/", "layanan/"),
    ],
)
def test_qr_codes_decode_to_the_page_address(page, base, site, poster, target):
    page.goto(base + poster)
    image = page.evaluate(RASTERISE)
    pixels = memoryview(bytes(image["grey"])).cast("B", (image["height"], image["width"]))
    (code,) = zxingcpp.read_barcodes(pixels)
    assert code.text == SITE_URL + target
    assert (site / target / "index.html").is_file()


def test_poster_prints_on_a4_without_the_site_chrome(page, base):
    page.goto(base + "cetak/layanan/layanan-uji/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".ra-print").is_hidden()
    assert page.locator("svg.ra-qr").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    # A4 is 595 x 842 points.
    assert re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", pdf), pdf[:0]


# --- offline ----------------------------------------------------------------------------------


def test_offline_after_one_visit_and_never_stale_online(browser, serve, tmp_path, site):
    folder = tmp_path / "served"
    shutil.copytree(site, folder)
    base = serve(folder)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "layanan/layanan-uji/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(
        """async () => {
            const keys = await caches.keys();
            if (!keys.length) return false;
            const cache = await caches.open(keys[0]);
            const urls = (await cache.keys()).map(r => r.url);
            return ['layanan/', 'en/hotline/', 'layanan/layanan-uji/']
              .every(p => urls.includes(new URL(p, location.origin + '/').href));
        }"""
    )
    # An address without its final slash still redirects through the worker.
    page.goto(base + "hotline")
    assert page.url == base + "hotline/"
    page.goto(base + "layanan/layanan-uji/")
    context.set_offline(True)
    page.reload()
    assert page.locator("h1").inner_text() == "Layanan Uji"
    assert page.locator(".ra-offline").is_visible()
    page.goto(base + "layanan/")  # never opened, kept when the worker was installed
    assert page.locator("h1").inner_text() == "Direktori layanan"
    assert page.locator(".ra-offline").is_visible()
    page.goto(base + "en/hotline/")
    assert "SAPA 129" in page.content()

    # Back online, a changed page is shown as it is now, not as it was kept.
    context.set_offline(False)
    index = folder / "layanan" / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace("Layanan Uji<", "Layanan Uji Baru<"), "utf-8"
    )
    page.goto(base + "layanan/")
    assert "Layanan Uji Baru" in page.content()
    assert page.locator(".ra-offline").is_hidden()
    context.close()


def test_copy_contact_puts_name_numbers_and_address_on_the_clipboard(browser, base):
    context = browser.new_context(service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = context.new_page()
    page.goto(base + "en/layanan/layanan-uji/")
    page.click(".ra-copy")
    # Writing to the clipboard is asynchronous: wait for the confirmation the reader sees.
    expect(page.locator(".ra-copy-done")).to_have_text("Contact copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.splitlines() == [
        "Layanan Uji",
        "Phone: 0561 123456",  # as the editor wrote them (Phone.display)
        "WhatsApp: 0812 3456 7890",
        "Email: uji@contoh.test",
        SITE_URL + "en/layanan/layanan-uji/",
    ]
    context.close()


def test_share_button_hands_the_page_to_the_phones_share_sheet(browser, base):
    # Desktop Chromium on Linux has no share sheet; record what the page would hand to one.
    context = browser.new_context(service_workers="block")
    context.add_init_script(
        "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(base + "layanan/layanan-siaga/")
    page.click(".ra-share-native")
    shared = page.evaluate("window.shared")
    assert shared["title"] == "Layanan Siaga"
    assert shared["url"] == SITE_URL + "layanan/layanan-siaga/"
    assert "SAPA 129 (129)" in shared["text"]
    context.close()
