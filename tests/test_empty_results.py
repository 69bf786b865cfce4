"""An empty result never leaves the reader alone (issue 12, point 5): the directory's filters
with nothing left, and a kecamatan or a type with no service yet, say so in plain words and
offer the pinned hotlines (SAPA 129, 24 hours; 112) as call buttons; no heading is left with
nothing under it. In Chromium at 360 and 1280 px, with and without JavaScript."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TAXONOMY_YML
from directory_site import build, make_project

pytestmark = pytest.mark.browser

# The shipped SAPA 129 (content/hotlines/sapa-129.yml, facts.yml): 24 hours, pinned; and 112.
SAPA = """\
name: {id: SAPA 129, en: SAPA 129}
description:
  id: Pengaduan kekerasan.
phones:
  - number: "129"
  - number: 08111-129-129
    type: whatsapp
schedule:
  open_24_hours: true
order: 1
pinned: true
status: active
verified_on: 2026-11-01
sources: [facts.yml]
"""
EMERGENCY = """\
name: {id: Nomor darurat 112, en: Emergency number 112}
description:
  id: Nomor darurat.
phones:
  - number: "112"
order: 2
pinned: true
status: active
verified_on: 2026-11-01
sources: [facts.yml]
"""
# Monday 30 November 2026, 16:00 in Kubu Raya (UTC+7): every service with hours is closed.
NOTHING_OPEN = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)

# Visible headings of the article with no visible text before the next heading of the same or
# a higher level (subsections count as what is under a heading).
EMPTY_HEADINGS = """() => {
  const root = document.querySelector('article');
  const heads = [...root.querySelectorAll('h1, h2, h3, h4')].filter(h => h.checkVisibility());
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (node.textContent.trim() && el.checkVisibility() && !el.closest('h1, h2, h3, h4')) {
      texts.push(node);
    }
  }
  const after = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
  return heads.filter((h, i) => {
    const level = Number(h.tagName[1]);
    const next = heads.slice(i + 1).find(o => Number(o.tagName[1]) <= level);
    return !texts.some(t => after(h, t) && (!next || after(t, next)));
  }).map(h => h.textContent.trim());
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("empty-results"))
    project.remove("content/services/layanan-siaga.yml")  # open 24 hours: never "nothing open"
    project.write("content/hotlines/sapa-129.yml", SAPA)
    project.write("content/hotlines/darurat-112.yml", EMERGENCY)
    # A type no service has yet.
    project.write(
        "content/taxonomy.yml",
        TAXONOMY_YML.replace(
            "topics:", "  - id: rumah-aman\n    name: {id: Rumah aman, en: Safe house}\ntopics:"
        ),
    )
    return build(project)


@pytest.fixture(scope="module")
def base(site, serve) -> str:
    return serve(site)


def _calls(page) -> dict[str, str]:
    """The visible call buttons of the empty-result box: address -> text."""
    buttons = page.locator(".ra-empty .ra-empty__call")
    return {b.get_attribute("href"): b.inner_text() for b in buttons.all() if b.is_visible()}


def _assert_offers_help(page, message: str) -> None:
    box = page.locator(".ra-empty")
    assert box.is_visible()
    assert message in box.inner_text()
    assert "SAPA 129, buka 24 jam" in box.inner_text() or "SAPA 129, open 24 hours" in (
        box.inner_text()
    )
    calls = _calls(page)
    assert set(calls) == {"tel:129", "tel:112"}, calls
    for button in page.locator(".ra-empty .ra-empty__call").all():
        size = button.bounding_box()
        assert size["width"] >= 48 and size["height"] >= 48, size
    assert page.evaluate(EMPTY_HEADINGS) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_open_now_with_nothing_open_says_so_and_offers_the_hotlines(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.clock.set_fixed_time(NOTHING_OPEN)
    page.goto(base + "layanan/")
    assert page.locator(".ra-empty").is_hidden()  # services are listed: nothing to say yet
    assert page.evaluate(EMPTY_HEADINGS) == []
    page.check("#ra-filter-open")
    assert page.locator(".ra-service-item:visible").count() == 0
    assert page.locator(".ra-filter-count").inner_text() == "Tidak ada layanan yang cocok."
    _assert_offers_help(page, "Tidak ada layanan yang cocok dengan pilihan ini.")
    assert page.locator(".ra-group:visible").count() == 0  # no group heading left
    page.uncheck("#ra-filter-open")
    assert page.locator(".ra-empty").is_hidden()
    assert page.locator(".ra-service-item:visible").count() == 3
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_filter_with_no_match_in_english_says_so(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.clock.set_fixed_time(NOTHING_OPEN)
    page.goto(base + "en/layanan/")
    page.select_option("#ra-filter-kecamatan", label="Kubu")
    page.select_option("#ra-filter-type", "pengaduan")  # Kubu has a health service only
    assert page.locator(".ra-filter-count").inner_text() == "No service matches."
    _assert_offers_help(page, "No service matches these choices.")
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("layanan/kecamatan/batu-ampar/", "Belum ada layanan yang tercatat di kecamatan ini."),
        ("layanan/jenis/rumah-aman/", "Belum ada layanan jenis ini yang tercatat."),
        ("en/layanan/jenis/rumah-aman/", "No service of this type has been recorded yet."),
    ],
)
def test_a_page_with_no_service_says_so_and_offers_the_hotlines(
    browser, base, path, message, width, javascript
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(base + path)
    _assert_offers_help(page, message)
    context.close()


def test_without_javascript_the_filter_message_stays_hidden(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "layanan/")
    assert page.locator(".ra-empty").is_hidden()
    assert page.locator(".ra-service-item:visible").count() == 3
    assert page.evaluate(EMPTY_HEADINGS) == []
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_nothing_in_the_empty_results(browser, base, width):
    import axe_playwright_python

    axe = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
    # axe-core goes in as an inline script, which the pages' own policy refuses.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.clock.set_fixed_time(NOTHING_OPEN)
    found = {}
    for path in ("layanan/", "layanan/kecamatan/batu-ampar/", "en/layanan/jenis/rumah-aman/"):
        page.goto(base + path)
        if path == "layanan/":
            page.check("#ra-filter-open")
        assert page.locator(".ra-empty").is_visible()
        page.add_script_tag(content=axe)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.setdefault(path, []).append(f"{violation['id']}: {targets}")
    context.close()
    assert found == {}
