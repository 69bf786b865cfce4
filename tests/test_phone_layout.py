"""On a 360 px phone no page scrolls sideways: a page wider than the screen hides its content."""

from __future__ import annotations

import pytest
from pages import every_page

POSTERS = ["cetak/layanan/uptd-ppa-kubu-raya/", "cetak/hotline/", "cetak/buku/"]


@pytest.mark.browser
def test_no_page_type_is_wider_than_a_phone(browser, shipped_site, serve):
    base = serve(shipped_site)
    page = browser.new_page(viewport={"width": 360, "height": 800})
    paths = [path for _, _, path in every_page()] + POSTERS + ["en/" + p for p in POSTERS]
    too_wide = {}
    for path in paths:
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[path] = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > 361)
                    .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
            )
    page.close()
    assert too_wide == {}
