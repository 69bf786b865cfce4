"""Quick exit always in reach and calling by big buttons, measured in a real browser (issue 12).

The top bar (overrides/partials/ruangaman/top.html) stays at the top of the screen at every
scroll position and above the navigation drawer, with and without JavaScript, at a phone and a
desktop width; its call, WhatsApp and exit buttons are at least 48×48 CSS px and fit one row on
a 320 px phone; the page title starts in the top quarter of the screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, Project
from pages import EXIT_URL, PAGE_TYPES, START_URL, STUB
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from ruangaman.cli import main

SCROLLED = ("guide", "directory", "service")
TARGET = 48  # WCAG 2.5.5 (AAA) and the project's rule for the actions that matter
# The goal for the whole top chrome (bar + header) before the page title: a quarter of
# the screen. Measured: 150 px of 740 (20 %) and of 640 (23 %); it was 279 px (38 %) and
# 303 px (47 %) before.
TOP_SHARE = 0.25


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


def _context(browser, base: str, *, width: int, height: int = 740, js: bool = True, held=None):
    """A browser context in which every other site answers with a stub page (or, for the exit
    site with `held`, keeps "loading" until the test answers)."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=js
    )
    own = urlsplit(base).netloc

    def handle(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        elif held is not None and held["on"] and route.request.url.startswith(EXIT_URL):
            held["routes"].append(route)
        else:
            route.fulfill(status=200, content_type="text/html", body=STUB)

    context.route("**/*", handle)
    return context


def _scroll(page, y: int) -> int:
    """Scroll as a reader would (as far as the page goes) and return where the page is."""
    page.evaluate("y => window.scrollTo(0, y)", y)
    page.wait_for_timeout(50)
    return page.evaluate("window.scrollY")


def _inside_viewport(page, selector: str) -> dict:
    box = page.locator(selector).bounding_box()
    view = page.viewport_size
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= view["width"], box
    assert box["y"] + box["height"] <= view["height"], box
    return box


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [360, 1280])
def test_quick_exit_stays_on_screen_and_exits_after_scrolling(browser, base, width, js):
    context = _context(browser, base, width=width, js=js)
    page = context.new_page()
    for kind in SCROLLED:
        page.goto(base + PAGE_TYPES[kind])
        # At the top, the bar reserves its own room: the page title starts below it.
        exit_box = _inside_viewport(page, "a.ra-exit")
        title = page.locator("article h1").first.bounding_box()
        assert title["y"] >= exit_box["y"] + exit_box["height"], kind
        furthest = page.evaluate("document.documentElement.scrollHeight - innerHeight")
        assert furthest > 500, kind  # the page is long enough for the test to mean something
        assert _scroll(page, 1500) == min(1500, furthest), kind
        # Material's header (menu, site name) has scrolled away; the exit has not.
        assert page.locator(".md-header").bounding_box()["y"] < -40, kind
        _inside_viewport(page, "a.ra-exit")
        page.click("a.ra-exit")  # no force: the exit must be the element a tap reaches
        page.wait_for_url(EXIT_URL)
        assert "elsewhere" in page.content()
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [360, 1024])  # the drawer exists below 1220 px
def test_quick_exit_is_above_the_open_menu(browser, base, width, js):
    context = _context(browser, base, width=width, js=js)
    page = context.new_page()
    for kind in SCROLLED:
        page.goto(base + PAGE_TYPES[kind])
        page.click("label.md-header__button[for=__drawer]")  # the menu button, as a reader taps it
        assert page.locator("#__drawer").is_checked()
        drawer = page.locator(".md-sidebar--primary")
        expect(drawer.locator(".md-nav__link").first).to_be_visible()
        page.wait_for_timeout(300)  # the drawer slides in
        # The drawer opens below the bar: its first entry is not hidden behind it.
        bar = page.locator(".md-banner").bounding_box()
        assert drawer.bounding_box()["y"] >= bar["y"] + bar["height"] - 1, kind
        # Scrolled with the menu open, the exit is still on screen and a tap reaches it (the
        # overlay that closes the menu lies under the bar, not over it).
        _scroll(page, 1500)
        _inside_viewport(page, "a.ra-exit")
        page.click("a.ra-exit")
        page.wait_for_url(EXIT_URL)
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_each_shift_press_is_counted_on_screen_and_read_out(browser, base, width):
    context = _context(browser, base, width=width)
    page = context.new_page()
    page.clock.install()
    page.goto(base + PAGE_TYPES["guide"])
    _scroll(page, 1500)
    status = page.locator("[data-ra-exit-status]")
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift ditekan 1 kali. Tekan 2 kali lagi untuk keluar.")
    expect(status).to_be_visible()
    box = _inside_viewport(page, "[data-ra-exit-status]")
    assert box["height"] >= 20  # a line of text a reader can see, not a hidden live region
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift ditekan 2 kali. Tekan 1 kali lagi untuk keluar.")
    expect(status).to_be_visible()
    page.clock.run_for(5100)
    expect(status).to_have_text("Keluar cepat dibatalkan.")
    expect(status).to_be_visible()
    # The English page counts in English.
    page.goto(base + "en/" + PAGE_TYPES["guide"])
    page.keyboard.press("Shift")
    expect(page.locator("[data-ra-exit-status]")).to_have_text(
        "Shift pressed 1 time. Press 2 more times to exit."
    )
    context.close()


@pytest.fixture(scope="module")
def browser_with_back_forward_cache(browser):
    """Playwright starts Chromium without its back-forward cache; a phone's Chrome has one, and
    it is what restores a page on Back with its script state (pageshow, persisted)."""
    instance = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield instance
    instance.close()


def _watch_restore(page) -> None:
    page.evaluate("addEventListener('pageshow', e => { window.raRestored = e.persisted; })")


def _shift_three_times(page) -> None:
    for _ in range(3):
        page.keyboard.press("Shift")


def test_a_page_restored_by_back_still_exits(browser_with_back_forward_cache, base):
    held = {"on": False, "routes": []}
    context = _context(browser_with_back_forward_cache, base, width=360, held=held)
    page = context.new_page()
    page.goto(START_URL)
    page.goto(base + PAGE_TYPES["guide"])
    # The offline copy's worker takes control on the first visit, as on a phone; a page it
    # takes over while cached would be dropped from the cache (a reason the test would miss).
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    for exit_again in ("button", "shift"):
        page.goto(base + PAGE_TYPES["guide"])
        _watch_restore(page)
        page.goto(base + PAGE_TYPES["directory"])
        page.click("a.ra-exit")
        page.wait_for_url(EXIT_URL)
        # Back: the directory left the history (replace), the guide comes back from the cache.
        page.go_back(wait_until="commit")
        assert page.url == base + PAGE_TYPES["guide"]
        assert page.evaluate("window.raRestored") is True, "not restored from the cache"
        if exit_again == "button":
            page.click("a.ra-exit")
        else:
            _shift_three_times(page)
        page.wait_for_url(EXIT_URL)

    # The reader starts to leave, and goes Back while the exit site is still loading; Forward
    # brings the page back from the cache: it is shown again, with its title, and exits again.
    page.goto(base + PAGE_TYPES["service"])
    title = page.title()
    _watch_restore(page)
    held["on"] = True
    page.dispatch_event("a.ra-exit", "click")
    for _ in range(200):
        if held["routes"]:
            break
        page.wait_for_timeout(50)
    assert held["routes"], "no request to the exit site"
    try:
        page.go_back(wait_until="commit", timeout=10_000)
    except PlaywrightError:
        pass  # Chromium reports the exit's cancelled navigation as an aborted Back
    page.wait_for_url(EXIT_URL, wait_until="commit")  # the entry before the service page
    held["on"] = False
    for route in held["routes"]:
        route.abort()
    page.go_forward(wait_until="commit")
    assert page.url == base + PAGE_TYPES["service"]
    assert page.evaluate("window.raRestored") is True
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
    assert page.title() == title
    _shift_three_times(page)
    page.wait_for_url(EXIT_URL)
    context.close()


def test_a_stopped_exit_exits_on_the_next_press(browser, base):
    """The exit site does not answer (the navigation ends with nothing to show, as when the
    reader stops it): the hidden page exits on the next Shift×3 or tap, it does not stay stuck."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    own = urlsplit(base).netloc
    asked: list[str] = []

    def handle(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            asked.append(route.request.url)
            if len(asked) == 1:
                route.fulfill(status=204)  # no content: the browser stays on our page
            else:
                route.fulfill(status=200, content_type="text/html", body=STUB)

    context.route("**/*", handle)
    page = context.new_page()
    page.goto(base + PAGE_TYPES["guide"])
    _shift_three_times(page)
    for _ in range(100):
        if asked:
            break
        page.wait_for_timeout(50)
    assert asked == [EXIT_URL]
    page.wait_for_timeout(300)
    assert page.url == base + PAGE_TYPES["guide"]
    _shift_three_times(page)
    page.wait_for_url(EXIT_URL)
    context.close()


def test_without_javascript_back_and_exit_again(browser, base):
    context = _context(browser, base, width=360, js=False)
    page = context.new_page()
    page.goto(base + PAGE_TYPES["guide"])
    page.click("a.ra-exit")
    page.wait_for_url(EXIT_URL)
    page.go_back()  # a plain link: the page is in the history, and comes back
    assert page.url == base + PAGE_TYPES["guide"]
    _scroll(page, 1500)
    page.click("a.ra-exit")
    page.wait_for_url(EXIT_URL)
    context.close()


def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        """els => els.map(e => { const r = e.getBoundingClientRect();
            return {text: e.textContent.trim().replace(/\\s+/g, ' '), x: r.left, y: r.top,
                    w: r.width, h: r.height}; })""",
    )


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_call_whatsapp_and_exit_are_big_buttons(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 740})
    for lang in ("", "en/"):
        for kind in ("guide", "directory", "service", "hotlines"):
            page.goto(base + lang + PAGE_TYPES[kind])
            buttons = _boxes(page, ".ra-strip__call, .ra-strip__wa, a.ra-exit")
            assert len(buttons) == 4, buttons  # call 129, WhatsApp 129, call 112, exit
            if kind in ("hotlines", "service"):
                buttons += _boxes(page, ".ra-phones a")
            small = [b for b in buttons if b["w"] < TARGET or b["h"] < TARGET]
            assert small == [], f"{lang}{kind} at {width}"
    # A screen reader's list of links tells which hotline the WhatsApp button writes to.
    page.goto(base + PAGE_TYPES["guide"])
    expect(page.get_by_role("link", name="WhatsApp Chat SAPA 129")).to_have_count(1)
    expect(page.get_by_role("link", name="Telepon 129", exact=True)).to_have_count(1)
    # On /hotline/ each number is written on its button.
    page.goto(base + PAGE_TYPES["hotlines"])
    numbers = [b["text"] for b in _boxes(page, ".ra-hotline .ra-phones a")]
    assert {"129", "112", "110", "119"} <= set(numbers)
    assert page.locator(".ra-hotline .ra-phones a[href='tel:129']").inner_text() == "129"
    page.close()


def _one_row(page) -> None:
    items = _boxes(page, ".ra-strip__btn, .ra-strip__all, a.ra-exit")
    assert len(items) == 5, items
    tops = [item["y"] for item in items]
    assert max(tops) - min(tops) <= 3, items
    exit_box = items[-1]
    for item in items[:-1]:  # nothing hidden under the exit or scrolled out of the row
        assert item["x"] >= 0 and item["x"] + item["w"] <= exit_box["x"], items
    bar = page.locator(".md-banner").bounding_box()
    assert bar["height"] <= 56, bar


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_top_bar_is_one_row_on_a_320_px_phone(browser, base, js):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=js)
    page = context.new_page()
    for lang in ("", "en/"):
        for kind in ("home", "guide", "directory", "service", "hotlines"):
            page.goto(base + lang + PAGE_TYPES[kind])
            _one_row(page)
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("size", [(360, 740), (320, 640)], ids=["360x740", "320x640"])
def test_the_page_title_starts_in_the_top_quarter_of_the_screen(browser, base, size, js):
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=js
    )
    page = context.new_page()
    shares = {}
    for lang in ("", "en/"):
        for kind in ("guide", "directory", "service", "hotlines"):
            page.goto(base + lang + PAGE_TYPES[kind])
            title = page.locator("article h1").first.bounding_box()
            shares[lang + kind] = title["y"] / height
            assert title["y"] + title["height"] <= height  # the whole title is on screen
    context.close()
    assert max(shares.values()) <= TOP_SHARE, shares
    # With JavaScript the search button sits in the header: it adds no row of its own.
    if js:
        assert len(set(shares.values())) == 1, shares


def test_search_button_sits_in_the_header(browser, base):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base + PAGE_TYPES["guide"])
    button = page.locator(".ra-search__open")
    expect(button).to_be_visible()
    assert page.locator(".md-header .ra-search__open").count() == 1
    header = page.locator(".md-header").bounding_box()
    box = button.bounding_box()
    assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    # Pressed, it opens the search box under the header.
    button.click()
    expect(page.locator(".pagefind-ui__search-input")).to_be_visible()
    page.close()


# --- a hostile case: more pinned hotlines than a phone's row can hold -----------------------

MANY = """\
name: Layanan {n} dengan nama yang panjang sekali
short_name: Layanan panjang nomor {n}
description:
  id: Uji.
phones:
  - number: 0561 12345{n}
    type: voice
  - number: 0812-3456-78{n}{n}
    type: whatsapp
order: {n}
pinned: true
status: active
verified_on: 2026-11-01
sources: [uji]
"""


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory, serve):
    project = Project(tmp_path_factory.mktemp("crowded-strip"))
    for n in range(2, 7):
        project.write(f"content/hotlines/uji-{n}.yml", MANY.format(n=n))
    out = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(out)]) == 0
    return serve(out)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_crowded_strip_stays_one_row_and_the_exit_in_reach(browser, crowded_site, js):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=js)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(crowded_site)
            else route.fulfill(status=200, content_type="text/html", body=STUB)
        ),
    )
    page = context.new_page()
    page.goto(crowded_site + "panduan/uji/")
    buttons = _boxes(page, ".ra-strip__call, .ra-strip__wa")
    assert len(buttons) == 11  # six numbers to call, five WhatsApp (SAPA has none here)
    assert all(b["w"] >= TARGET and b["h"] >= TARGET for b in buttons), buttons
    assert len({round(b["y"]) for b in buttons}) == 1, buttons  # one row ...
    strip = page.evaluate(
        "(() => { const s = document.querySelector('.ra-strip');"
        " return [s.scrollWidth, s.clientWidth]; })()"
    )
    assert strip[0] > strip[1]  # ... that scrolls sideways inside the bar
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # not the whole page
    assert page.locator(".md-banner").bounding_box()["height"] <= 56
    _inside_viewport(page, "a.ra-exit")
    page.click("a.ra-exit")
    page.wait_for_url(EXIT_URL)
    context.close()
