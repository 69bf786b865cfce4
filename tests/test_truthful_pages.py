"""Issue 12, points 3 and 4: pages that tell the truth. Every guide ends with its sources and the
day it was last reviewed, in the reader's language; the guide "Sembunyikan kunjungan Anda" and
the About page say what the phone keeps and how to clear it, and About names the publisher."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import expect

from ruangaman.text import long_date

GUIDES = ROOT / "docs" / "panduan"
REVIEWED = {"id": "Terakhir ditinjau:", "en": "Last reviewed:"}
SOURCES = {"id": "Sumber", "en": "Sources"}
PREFIX = {"id": "", "en": "en/"}


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def shipped_guides() -> list[tuple[str, str, dict]]:
    """(language, guide name, front matter) of every shipped guide (not the index)."""
    found = []
    for path in sorted(GUIDES.glob("*.md")):
        name, lang, _ = path.name.split(".")
        if name != "index":
            found.append((lang, name, _front_matter(path)))
    return found


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


def test_every_guide_is_shipped_in_both_languages():
    guides = shipped_guides()
    assert len(guides) >= 20
    assert {(lang, name) for lang, name, _ in guides} == {
        (lang, name) for _, name, _ in guides for lang in ("id", "en")
    }


@pytest.mark.browser
@pytest.mark.parametrize(("width", "script"), [(360, False), (1280, True)])
def test_every_guide_ends_with_its_sources_and_review_date(browser, base, width, script):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, java_script_enabled=script
    )
    page = context.new_page()
    for lang, name, meta in shipped_guides():
        page.goto(f"{base}{PREFIX[lang]}panduan/{name}/")
        ending = page.locator("article .ra-guide-sources")
        expect(ending).to_have_count(1)
        ending.scroll_into_view_if_needed()
        expect(ending).to_be_visible()
        expect(ending.locator("h2")).to_have_text(SOURCES[lang])
        assert ending.locator("li").all_inner_texts() == meta["sources"], (lang, name)
        day = long_date(meta["reviewed_on"], lang)
        expect(ending.locator(".ra-reviewed")).to_have_text(f"{REVIEWED[lang]} {day}")
        assert day == "28 November 2026"  # what the shipped guides were reviewed on
        time = ending.locator("time")
        assert time.get_attribute("datetime") == meta["reviewed_on"].isoformat()
        # It is the guide's last part: after its own text, inside the article.
        assert page.evaluate(
            "() => { const a = document.querySelector('article #isi');"
            " const kids = [...a.children];"
            " return kids.indexOf(a.querySelector('.ra-guide-sources')) === kids.length - 1; }"
        ), (lang, name)
    context.close()
