"""The Content Security Policy in `_headers` is one the built site really satisfies: Chromium
loads the shipped site with the header enforced and reports no violation."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

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


def test_headers_file_fits_cloudflare_pages_limits(shipped_site):
    """Cloudflare Pages ignores `_headers` lines over 2,000 characters and files of more than 100
    rules: a policy grown by many different inline scripts must be noticed here."""
    lines = (shipped_site / "_headers").read_text().splitlines()
    assert max(len(line) for line in lines) <= 2000
    assert sum(1 for line in lines if line.startswith("/")) <= 100


# --- a site built from hostile content -------------------------------------------------------

HIT = """
window.__hits = [];
window.alert = window.confirm = window.prompt = (m) => window.__hits.push(String(m));
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from test_trust_theme import hostile_project

    from ruangaman.build import run_mkdocs_build

    root = tmp_path_factory.mktemp("csp-hostile")
    (root / "p").mkdir()
    project = hostile_project(root / "p")
    return run_mkdocs_build(project.root, root / "site")


HOSTILE_PAGES = [
    "",
    "en/",
    "panduan/uji/",
    "en/panduan/uji/",
    "layanan/",
    "layanan/layanan-uji/",
    "en/layanan/layanan-uji/",
    "cetak/layanan/layanan-uji/",
    "layanan/kecamatan/sungai-raya/",
    "layanan/jenis/pengaduan/",
    "hotline/",
    "cetak/hotline/",
    "404.html",
    "en/404.html",
]


@pytest.mark.browser
@pytest.mark.parametrize("with_headers", [True, False], ids=["headers", "meta-only"])
def test_hostile_content_runs_nothing_on_any_page_type(browser, hostile, with_headers):
    """Names and titles made of markup: on every page type, with the headers (Netlify, Apache)
    or with only the <meta> policy (GitHub Pages), no violation and no injected script ran."""
    headers = headers_for_all_paths(hostile) if with_headers else {}
    server, base = serve_with_headers(hostile, headers)
    context = browser.new_context()
    context.add_init_script(LISTEN + HIT)
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console", lambda m: "Content Security Policy" in m.text and problems.append(m.text)
        )
        for path in HOSTILE_PAGES:
            assert (hostile / (path or "index.html")).exists() or (hostile / path).is_dir(), path
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.ok, path
            page.hover("body")
            page.wait_for_timeout(100)
            assert page.evaluate("window.__csp") == [], path
            assert page.evaluate("window.__hits") == [], path
            assert page.evaluate("typeof window.__hit") == "undefined", path
        assert problems == []
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_meta_policy_alone_blocks_inline_code(browser, hostile, tmp_path):
    """On a host that sends no headers the <meta> policy is enforced: a script put into a page
    after the build (past the build's check) does not run, and Chromium reports it."""
    import shutil

    folder = tmp_path / "site"
    shutil.copytree(hostile, folder)
    page_file = folder / "hotline" / "index.html"
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace(
            "</body>", "<script>window.__hit = 1</script><img src=x onerror=window.__hit=2></body>"
        ),
        encoding="utf-8",
    )
    server, base = serve_with_headers(folder, {})
    context = browser.new_context()
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        page.goto(base + "hotline/", wait_until="load")
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__hit") == "undefined"
        assert any("script-src" in v for v in page.evaluate("window.__csp"))
    finally:
        context.close()
        server.shutdown()
