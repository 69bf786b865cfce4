"""Where a service serves, as a reader sees it in Chromium: the shipped regency-wide services
(UPTD PPA, Unit PPA Polres, KPAD) on every kecamatan page, marked in words, and kept by the
directory's kecamatan filter; at a phone's 360 px and a desktop's 1280 px, with and without
JavaScript."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDE = [
    "Komisi Perlindungan Anak Daerah (KPAD) Kabupaten Kubu Raya",
    "Unit PPA Satreskrim Polres Kubu Raya",
    "UPTD Perlindungan Perempuan dan Anak (UPTD PPA) Kabupaten Kubu Raya",
]
WIDTHS = [360, 1280]


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


def _page(browser, width, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
        service_workers="block",
    )
    return context, context.new_page()


def visible(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.ra-service-item')]
            .filter(li => li.offsetParent !== null).map(li => li.querySelector('a').textContent)"""
    )


def marks(page) -> dict[str, str]:
    """Each visible service's name and its "serves" words, as shown (innerText)."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.ra-service-item')]
            .filter(li => li.offsetParent !== null)
            .map(li => [li.querySelector('a').textContent,
                        li.querySelector('.ra-serves') ? li.querySelector('.ra-serves').innerText
                        : '']))"""
    )


def fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_kecamatan_filter_keeps_the_regency_wide_services(browser, base, width):
    context, page = _page(browser, width)
    page.goto(base + "layanan/")
    everything = visible(page)
    assert set(WIDE) <= set(everything)
    # Sungai Kakap: no office of the three is there, and one PATBM is
    page.select_option("#ra-filter-kecamatan", label="Sungai Kakap")
    assert sorted(visible(page)) == sorted([*WIDE, "PATBM Sungai Rengas"])
    assert page.locator(".ra-filter-count").inner_text() == "4 layanan ditampilkan"
    assert page.locator("#ra-kec-all").is_visible()
    shown = marks(page)
    assert all(shown[name] == "Melayani seluruh kabupaten" for name in WIDE)
    assert shown["PATBM Sungai Rengas"] == ""
    # Sungai Ambawang: its five PATBM and the three
    page.select_option("#ra-filter-kecamatan", label="Sungai Ambawang")
    assert set(WIDE) <= set(visible(page)) and len(visible(page)) == 8
    # a type the three do not have hides them, as any filter does
    page.select_option("#ra-filter-type", "kelompok-masyarakat")
    assert not set(WIDE) & set(visible(page))
    assert fits(page)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_kecamatan_page_lists_the_regency_wide_services_in_words(
    browser, base, width, javascript
):
    context, page = _page(browser, width, javascript)
    for lang, prefix, words in (
        ("id", "", "Melayani seluruh kabupaten"),
        ("en", "en/", "Serves the whole regency"),
    ):
        for kecamatan in ("sungai-kakap", "terentang", "sungai-ambawang"):
            page.goto(f"{base}{prefix}layanan/kecamatan/{kecamatan}/")
            shown = marks(page)
            for name in WIDE:
                assert shown.get(name) == words, (lang, kecamatan, shown)
            assert page.get_by_text(words).first.is_visible()
            assert fits(page)
    # a PATBM serves its desa: on its kecamatan's page, not on another's
    page.goto(base + "layanan/kecamatan/sungai-ambawang/")
    assert "PATBM Bengkarek" in visible(page)
    page.goto(base + "layanan/kecamatan/sungai-kakap/")
    assert "PATBM Bengkarek" not in visible(page)
    context.close()
