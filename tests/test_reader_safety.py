"""Reader safety in a real browser: Quick exit, hotlines up front, no third-party requests,
no cookies, everything usable without JavaScript, search that understands Indonesian."""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pages import EXIT_URL, START_URL, STUB, every_page, stub_other_sites
from playwright.sync_api import expect


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


def _first_gzip_bytes(html: bytes, limit: int) -> bytes:
    """What a reader has after the first `limit` bytes of the gzip-compressed response."""
    compressed = gzip.compress(html, compresslevel=6)
    return zlib.decompressobj(wbits=31).decompress(compressed[:limit])


def test_every_page_has_the_hotlines_within_the_first_14_kb_of_gzip(shipped_site: Path):
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        if "pagefind" in page.parts:
            continue
        head = _first_gzip_bytes(page.read_bytes(), 14 * 1024).decode("utf-8", "replace")
        strip = head.partition('<ul class="ra-strip"')[2].partition("</ul>")
        assert strip[1], f"{page}: hotline strip not complete in the first 14 KB"
        assert 'href="tel:129"' in strip[0] and 'href="tel:112"' in strip[0], page
        assert 'href="https://wa.me/628111129129"' in strip[0], page
        assert f'class="ra-exit" href="{EXIT_URL}"' in head, f"{page}: no exit link up front"


@pytest.mark.browser
def test_no_request_leaves_the_site_and_no_cookie_is_set(browser, base):
    context = browser.new_context()
    own = urlsplit(base).netloc
    foreign: list[str] = []

    def watch(route):
        if urlsplit(route.request.url).netloc != own:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", watch)
    page = context.new_page()
    for _lang, _kind, path in every_page():
        page.goto(base + path, wait_until="networkidle")
    # Search downloads its interface, the index and WebAssembly: all from the site itself.
    page.goto(base + "en/", wait_until="networkidle")
    page.click(".ra-search__open")
    page.fill(".pagefind-ui__search-input", "report")
    page.wait_for_selector(".pagefind-ui__result")
    assert foreign == []
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


@pytest.mark.browser
def test_exit_link_and_skip_link_work_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    stub_other_sites(context, urlsplit(base).netloc)
    page = context.new_page()
    page.goto(base + "panduan/cara-melapor/")
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.textContent, document.activeElement.href]")
    assert first == ["Keluar cepat dari halaman ini", EXIT_URL]
    page.click("a.ra-exit")
    page.wait_for_url(EXIT_URL)
    assert "elsewhere" in page.content()
    context.close()


@pytest.mark.browser
def test_shift_three_times_hides_the_page_at_once_and_back_skips_it(browser, base):
    context = browser.new_context()
    held: list = []
    stub_other_sites(context, urlsplit(base).netloc, held)
    page = context.new_page()
    page.goto(START_URL)
    page.goto(base + "en/panduan/cara-melapor/")
    page.wait_for_load_state("load")
    # What the page looks like the moment the exit starts (reported from inside the page).
    seen: list[str] = []
    page.expose_function("raSeen", lambda visibility: seen.append(visibility))
    page.evaluate(
        "new MutationObserver(() => raSeen(getComputedStyle(document.body).visibility))"
        ".observe(document.documentElement, {attributes: true})"
    )
    status = page.locator("[data-ra-exit-status]")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift pressed 1 time. Press 2 more times to exit.")
    page.keyboard.press("Shift+A")  # typing a capital letter does not count
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift pressed 1 time. Press 2 more times to exit.")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift pressed 2 times. Press 1 more time to exit.")
    page.keyboard.press("Shift")
    # The page's report and the exit request arrive asynchronously (slowly on a busy machine);
    # the exit site itself is held "loading" meanwhile.
    for _ in range(200):
        if held and seen:
            break
        page.wait_for_timeout(50)
    assert held, "no request to the exit site"
    # The exit site is still loading, and our page is already hidden.
    assert seen == ["hidden"]
    held[0].fulfill(status=200, content_type="text/html", body=STUB)
    page.wait_for_url(EXIT_URL)
    page.go_back()
    page.wait_for_url(START_URL)
    context.close()


@pytest.mark.browser
def test_exit_button_with_javascript_leaves_no_way_back(browser, base):
    context = browser.new_context()
    stub_other_sites(context, urlsplit(base).netloc)
    page = context.new_page()
    page.goto(START_URL)
    page.goto(base + "layanan/")
    page.click("a.ra-exit")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    page.wait_for_url(START_URL)
    context.close()


@pytest.mark.browser
def test_shift_presses_expire_after_five_seconds(browser, base):
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    page.goto(base + "panduan/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    assert page.locator("[data-ra-exit-status]").text_content() == "Keluar cepat dibatalkan."
    page.keyboard.press("Shift")
    assert page.url == base + "panduan/"
    context.close()


@pytest.mark.browser
def test_every_page_works_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang, kind, path in every_page():
        page.goto(base + path)
        where = f"{kind} ({lang})"
        assert page.evaluate("document.documentElement.lang") == lang, where
        assert page.locator("article h1").first.is_visible(), where
        assert page.locator("a.ra-exit").is_visible(), where
        assert not page.locator("[data-ra-search]").is_visible(), where  # no search without JS
        other = "en" if lang == "id" else "id"
        switch = page.locator(f".md-select__link[hreflang={other}]")
        assert switch.count() == 1, where
        if kind != "404":
            nav = page.locator(".md-nav--primary a.md-nav__link")
            assert nav.count() >= 5, where
    # The language switch and the navigation are plain links that work.
    page.goto(base + "panduan/cara-melapor/")
    page.hover(".md-select")  # the language menu opens on hover or focus, no script
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url == base + "en/panduan/cara-melapor/"
    context.close()


@pytest.mark.browser
def test_print_keeps_the_hotlines_and_drops_the_navigation(browser, base):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(base + "layanan/uptd-ppa-kubu-raya/")
    assert page.locator(".ra-strip").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("a.ra-exit").is_visible()
    page.close()


def _search(page, query: str) -> list[str]:
    page.click(".ra-search__open")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-link")
    # Results arrive one by one: wait until none is still a loading placeholder.
    page.wait_for_function("!document.querySelector('.pagefind-ui__result .pagefind-ui__loading')")
    return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")


# Every result of a search, as the search box gets them from Pagefind (it shows five at first).
ALL_RESULTS = """async (query) => {
    const pagefind = await import("./pagefind/pagefind.js");
    const found = await pagefind.search(query);
    return Promise.all(found.results.map(async (result) => (await result.data()).url));
}"""


@pytest.mark.browser
def test_search_skips_what_every_service_page_repeats(browser, base, shipped_site):
    """The offline notice and the share buttons are on every service page: a search for their
    words would list every service, so they are not indexed (the pages still show them)."""
    service = (shipped_site / "layanan" / "uptd-ppa-kubu-raya" / "index.html").read_text("utf-8")
    assert "tersambung ke internet" in service and "Poster untuk dicetak" in service
    page = browser.new_page()
    page.goto(base)
    assert "/layanan/uptd-ppa-kubu-raya/" in page.evaluate(ALL_RESULTS, "UPTD")  # indexed, yet
    for repeated in ("internet", "dicetak"):
        found = page.evaluate(ALL_RESULTS, repeated)
        assert not [url for url in found if re.fullmatch(r"/layanan/[a-z0-9-]+/", url)], repeated
    page.close()


@pytest.mark.browser
def test_search_stems_indonesian_and_keeps_each_language_apart(browser, base, shipped_site):
    about = (shipped_site / "tentang" / "index.html").read_text(encoding="utf-8").lower()
    assert "pencegahan" in about and " cegah " not in about  # only the derived word is there
    page = browser.new_page()
    page.goto(base)
    found = _search(page, "cegah")
    assert found and all("/en/" not in url for url in found)
    # The box shows five results at first; About is among all of them.
    assert "/tentang/" in page.evaluate(ALL_RESULTS, "cegah")
    page.goto(base + "en/")
    found = _search(page, "violence")
    assert found and all(url.startswith(base + "en/") for url in found)
    page.close()
