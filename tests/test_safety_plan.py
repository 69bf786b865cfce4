"""Issue 12, point 9: the safety plan keeps nothing. Without JavaScript it is a form to print
and fill in on paper (its fields read-only, so nothing typed can come back); with it, what the
reader types stays in the page: no storage, no cookie, no request and no cached response holds
it, and Quick exit, leaving the page and Back all empty it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from pages import EXIT_URL, START_URL, STUB, stub_other_sites
from playwright.sync_api import expect

from ruangaman.text import long_date, strings

PLAN = {"id": "panduan/rencana-keselamatan/", "en": "en/panduan/rencana-keselamatan/"}
SECRET = "Rahasia-Q7x <b>Bu Sari</b> 0812"  # typed into every field: found nowhere after
TEXT_FIELDS = "[data-ra-plan] input:not([type=checkbox])"
CHECKBOXES = "[data-ra-plan] input[type=checkbox]"


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_plan_has_no_form_and_nothing_a_browser_would_keep_or_send(shipped_site, lang):
    html = (shipped_site / PLAN[lang] / "index.html").read_text(encoding="utf-8")
    plan = html.partition("data-ra-plan")[2].partition('<section class="ra-guide-sources"')[0]
    parser = _Fields()
    parser.feed(plan)
    tags = parser.tags
    assert not [t for t, _ in tags if t in ("form", "textarea", "select")], lang
    # The one button prints; none submits.
    assert [a.get("type") for t, a in tags if t == "button"] == ["button"]
    inputs = [a for t, a in tags if t == "input"]
    assert len(inputs) >= 20
    labelled = {a["for"] for t, a in tags if t == "label"}
    for field in inputs:
        assert "name" not in field and "form" not in field, field  # nothing to submit
        assert field["id"] in labelled, field
        assert field.get("type") in ("text", "tel", "checkbox"), field
        if field["type"] == "checkbox":
            assert "disabled" in field, field  # until the script says the page can be used
        else:  # the browser keeps no suggestion of what was typed here
            assert field["autocomplete"] == "off" and field["spellcheck"] == "false", field
            assert "readonly" in field, field
    assert "<form" not in html  # nowhere on the page: Material's search form is not loaded


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_without_javascript_the_plan_is_a_form_to_print(browser, base, lang, width):
    t = strings(lang)
    context = browser.new_context(
        viewport={"width": width, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(base + PLAN[lang])
    expect(page.locator("article h1")).to_have_text(t["plan_title"])
    expect(page.locator("[data-ra-plan-no-script]")).to_be_visible()
    expect(page.locator("[data-ra-plan-no-script]")).to_have_text(t["plan_no_script"])
    fields = page.locator(TEXT_FIELDS)
    assert fields.count() >= 10
    for i in range(fields.count()):
        field = fields.nth(i)
        field.scroll_into_view_if_needed()
        expect(field).to_be_visible()
        expect(field).not_to_be_editable()  # nothing typed here could be shown again by Back
        box = field.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 200, box
    expect(page.get_by_label(t["plan_bag_items"]["ktp"], exact=True)).to_be_disabled()
    # The emergency numbers are on the plan, each a number to dial.
    numbers = page.locator(".ra-plan-numbers")
    expect(numbers.locator('a[href="tel:129"]')).to_have_count(1)
    expect(numbers.locator('a[href="tel:112"]')).to_have_count(1)
    expect(numbers).to_contain_text(t["open_24_hours"])
    # Its sources and the day it was reviewed.
    ending = page.locator(".ra-guide-sources")
    expect(ending).to_contain_text(t["plan_guide_source"])
    expect(ending.locator(".ra-reviewed")).to_have_text(
        f"{t['guide_reviewed']} {long_date(__import__('datetime').date(2026, 11, 28), lang)}"
    )
    # Printed: the fields are blank lines to fill in, the site's navigation and exit are gone,
    # and it is one printout of at most two A4 sheets.
    page.emulate_media(media="print")
    for i in range(fields.count()):
        expect(fields.nth(i)).to_be_visible()
    expect(page.locator(CHECKBOXES).first).to_be_visible()
    expect(page.locator("a.ra-exit")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".ra-print")).to_be_hidden()
    assert _pdf_pages(page.pdf(format="A4")) <= 2
    context.close()


CACHED_TEXTS = """async () => {
    const found = [];
    for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        for (const request of await cache.keys()) {
            const response = await cache.match(request);
            found.push(request.url + "\\n" + await response.text());
        }
    }
    return found;
}"""

STORED = """async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).length,
})"""

VALUES = f"""() => [...document.querySelectorAll("{TEXT_FIELDS}")].map(f => f.value)
    .concat([...document.querySelectorAll("{CHECKBOXES}")].filter(c => c.checked).map(c => c.id))"""


def _fill_in(page) -> None:
    fields = page.locator(TEXT_FIELDS)
    for i in range(fields.count()):
        fields.nth(i).fill(SECRET)
    boxes = page.locator(CHECKBOXES)
    for i in range(boxes.count()):
        boxes.nth(i).check()
    assert set(page.evaluate(VALUES)[: fields.count()]) == {SECRET}


def _carries(request, secret: str) -> bool:
    words = [secret, secret.split()[0]]
    seen = [unquote(request.url), request.post_data or "", *request.headers.values()]
    return any(w in s or w.replace(" ", "+") in s for w in words for s in seen)


@pytest.mark.browser
@pytest.mark.parametrize("how", ["button", "shift"])
@pytest.mark.parametrize(("lang", "width"), [("id", 360), ("en", 1280)])
def test_what_is_typed_is_kept_nowhere_and_quick_exit_empties_it(browser, base, lang, width, how):
    context = browser.new_context(viewport={"width": width, "height": 740})
    held: list = []
    stub_other_sites(context, urlsplit(base).netloc, held)
    requests: list = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    page.goto(START_URL)
    plan = base + PLAN[lang]
    page.goto(plan)
    page.wait_for_function("async () => !!(await navigator.serviceWorker.ready)", timeout=15000)
    page.reload()  # now under the service worker, which keeps what the page loads
    page.wait_for_function("async () => (await caches.keys()).length > 0")
    expect(page.locator("[data-ra-plan-no-script]")).to_be_hidden()
    _fill_in(page)
    page.locator(TEXT_FIELDS).first.press("Enter")  # no form: Enter submits nothing
    page.wait_for_timeout(300)
    assert page.url == plan
    # Away to a page of the site and Back: the plan comes back empty.
    page.locator(".ra-plan a[href*='sembunyikan-kunjungan']").click()
    page.wait_for_url("**/sembunyikan-kunjungan/")
    page.go_back()
    page.wait_for_url(plan)
    page.wait_for_load_state("load")
    assert set(page.evaluate(VALUES)) == {""}, "the plan came back with what was typed"
    # Playwright's Chromium has no back-forward cache: the events it fires when it keeps and
    # brings back a page are fired here, at the page's own listeners.
    _fill_in(page)
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    assert set(page.evaluate(VALUES)) == {""}
    _fill_in(page)
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert set(page.evaluate(VALUES)) == {""}
    _fill_in(page)
    page.wait_for_timeout(300)  # let the worker keep anything it would keep
    # Nothing typed is stored, set as a cookie, cached by the worker or sent.
    assert page.evaluate(STORED) == {"local": 0, "session": 0, "cookie": "", "databases": 0}
    assert context.cookies() == []
    cached = page.evaluate(CACHED_TEXTS)
    assert any("rencana-keselamatan" in c.partition("\n")[0] for c in cached)  # the empty page
    assert not [c.partition("\n")[0] for c in cached if "Rahasia-Q7x" in c]
    assert not [r.url for r in requests if _carries(r, SECRET)]
    assert {r.method for r in requests} == {"GET"}
    # Quick exit: the fields are empty while the exit site is still loading. Chromium holds
    # DevTools commands (evaluate) to a page whose cross-site navigation is pending, so the page
    # reports what its fields hold, as it runs, through the console.
    reports: list[list] = []
    page.on(
        "console", lambda m: m.text.startswith("plan:") and reports.append(json.loads(m.text[5:]))
    )
    page.evaluate(f"setInterval(() => console.log('plan:' + JSON.stringify(({VALUES})())), 50)")
    page.wait_for_timeout(200)
    assert reports and SECRET in reports[-1]  # the report shows what the fields hold
    if how == "button":
        page.click("a.ra-exit", no_wait_after=True)
    else:
        page.locator(TEXT_FIELDS).first.focus()
        for _ in range(3):
            page.keyboard.press("Shift")
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "no request to the exit site"
    reported = len(reports)
    for _ in range(100):
        if len(reports) > reported + 1:
            break
        page.wait_for_timeout(50)
    assert len(reports) > reported + 1, "the page stopped running while the exit site loaded"
    assert set(reports[-1]) == {""}, "the plan still held what was typed during Quick exit"
    held[0].fulfill(status=200, content_type="text/html", body=STUB)
    page.wait_for_url(EXIT_URL)
    # The offline copy is gone, and Back skips the plan: Quick exit took the plan's place in
    # the tab's history, so the entry before it is the page the reader came from.
    look = context.new_page()
    look.goto(base + "ra-no-such-page/")
    assert look.evaluate(CACHED_TEXTS) == []
    look.close()
    page.go_back()
    page.wait_for_url(START_URL)
    assert not [r.url for r in requests if _carries(r, SECRET)]
    context.close()
