"""The Content Security Policy in `_headers` is one the built site really satisfies: Chromium
loads the shipped site with the header enforced and reports no violation."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from ruangaman import hostfiles

PAGES = [
    "",
    "en/",
    "hotline/",
    "en/hotline/",
    "layanan/",
    "en/layanan/",
    "tentang/",
    "404.html",
    "en/404.html",
]
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.lineNumber}`));
"""


def headers_for_all_paths(site: Path) -> dict[str, str]:
    """The headers of the `/*` block of the site's `_headers` file."""
    headers, block = {}, None
    for line in (site / "_headers").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            block = line.strip()
        elif block == "/*":
            name, value = line.strip().split(":", 1)
            headers[name] = value.strip()
    return headers


def serve_with_headers(folder: Path, headers: dict[str, str]):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def violations(browser, base: str, paths: list[str]) -> list[str]:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    found: list[str] = []
    page = context.new_page()
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    try:
        for path in paths:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.ok, path
            page.wait_for_timeout(150)  # violation events are dispatched after the fact
            found += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def site_pages(shipped_site):
    services = sorted(p.parent.name for p in (shipped_site / "layanan").glob("*/index.html"))
    guides = sorted(p.parent.name for p in (shipped_site / "panduan").glob("*/index.html"))
    service = next(s for s in services if s not in ("kecamatan", "jenis"))
    return [*PAGES, f"layanan/{service}/", f"en/layanan/{service}/", f"panduan/{guides[0]}/"]


@pytest.mark.browser
def test_shipped_site_satisfies_its_content_security_policy(browser, shipped_site, site_pages):
    headers = headers_for_all_paths(shipped_site)
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    server, base = serve_with_headers(shipped_site, headers)
    try:
        assert violations(browser, base, site_pages) == []
    finally:
        server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("path, query", [("", "kekerasan"), ("en/", "violence")])
def test_search_works_under_the_policy(browser, shipped_site, path, query):
    """Pagefind runs WebAssembly and fetches its index: both must be allowed, nothing else."""
    headers = headers_for_all_paths(shipped_site)
    server, base = serve_with_headers(shipped_site, headers)
    context = browser.new_context()
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        page.click(".ra-search__open")
        page.fill(".pagefind-ui__search-input", query)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_a_policy_without_the_hashes_is_caught(browser, shipped_site):
    """The check above can fail: drop the inline-script hashes and Chromium reports it."""
    headers = headers_for_all_paths(shipped_site)
    policy = headers["Content-Security-Policy"].split("; ")
    headers["Content-Security-Policy"] = "; ".join(
        "script-src 'self'" if d.startswith("script-src") else d for d in policy
    )
    server, base = serve_with_headers(shipped_site, headers)
    try:
        found = violations(browser, base, [""])
    finally:
        server.shutdown()
    assert any("script-src" in v for v in found), found


def test_headers_file_fits_cloudflare_pages_limits(shipped_site):
    """Cloudflare Pages ignores `_headers` lines over 2,000 characters and files of more than 100
    rules: a policy grown by many different inline scripts must be noticed here."""
    lines = (shipped_site / "_headers").read_text().splitlines()
    assert max(len(line) for line in lines) <= 2000
    assert sum(1 for line in lines if line.startswith("/")) <= 100


# --- reading the inline code of a big site quickly -----------------------------------------------

TRICKY_PAGES = [
    '<!doctype html><p style="color: red">x</p><script>a()</script>',
    "<!-- <script>not code</script> --><script>b()</script>",
    "<SCRIPT>c()</SCRIPT ><style>p{}</style><script src=x.js></script>",
    '<script type="application/json">{"d": 1}</script><script>"<style>"</script>',
    '<script/><div data-x="a > b"></div><script>e()</script>',
    "<div\nstyle='margin:0'></div><script>f()</script>",
    '<script>g("</scripty>")</script><p class="style = none">style=1</p>',
]


def _parsed(text: str) -> tuple:
    found = hostfiles._InlineCode()
    found.feed(text)
    found.close()
    return found.scripts, found.styles, found.style_attrs


@pytest.mark.parametrize("text", TRICKY_PAGES)
def test_quick_inline_code_reading_agrees_with_the_parser_or_declines(text):
    found = hostfiles._InlineCode()
    if hostfiles._inline_code_quickly(text, found):
        assert (found.scripts, found.styles, found.style_attrs) == _parsed(text)
    else:
        assert (found.scripts, found.styles, found.style_attrs) == (set(), set(), set())


def test_quick_inline_code_reading_agrees_on_every_shipped_page(shipped_site):
    quick = 0
    for page in sorted(shipped_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = hostfiles._InlineCode()
        if hostfiles._inline_code_quickly(text, found):
            quick += 1
            assert (found.scripts, found.styles, found.style_attrs) == _parsed(text), page
    assert quick > 100  # the shortcut is really taken on the site's own pages


def test_policy_read_in_two_processes_is_the_same(shipped_site, monkeypatch):
    one = hostfiles.content_security_policy(shipped_site)
    monkeypatch.setattr(hostfiles, "PARALLEL_FROM", 1)
    monkeypatch.setattr(hostfiles.os, "sched_getaffinity", lambda _: {0, 1})
    monkeypatch.setattr(hostfiles.threading, "active_count", lambda: 1)
    assert hostfiles.content_security_policy(shipped_site) == one
