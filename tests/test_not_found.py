"""The 404 pages (issue 12, point 6), served as GitHub Pages serves a project site: the site under
a sub-path (`url: https://example.org/sub/path/`), and its 404 page for ANY missing address at
any depth. Each language's says so in its language, links home, the directory and the hotlines,
has the skip link's target, and loads its styles and every link from the site's root path
(`SiteUrls.root_path`); also at the domain's root with no `url:`. Chromium, 360 and 1280 px,
with and without JavaScript."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SITE_YML, Project

from ruangaman.cli import main
from ruangaman.paths import SiteUrls

pytestmark = pytest.mark.browser

SUB_URL = "https://example.org/sub/path/"
DEEP = "no/such/deep/page"
WORDS = {
    "id": (
        "Halaman tidak ditemukan",
        ["Beranda", "Direktori layanan", "Hotline dan nomor darurat"],
    ),
    "en": ("Page not found", ["Home", "Service directory", "Hotlines and emergency numbers"]),
}


def _site(root: Path, url: str | None) -> Path:
    project = Project(root)
    if url:
        project.write("content/site.yml", SITE_YML + f"url: {url}\n")
    site = root / "site"
    assert main(["build", "--project", str(root), "--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="module")
def hosts(tmp_path_factory, serve) -> dict[str, str]:
    """Where each kind of site is served: under a sub-path, and at the domain's root."""
    return {
        "/sub/path/": serve(_site(tmp_path_factory.mktemp("sub"), SUB_URL), prefix="/sub/path/"),
        "/": serve(_site(tmp_path_factory.mktemp("root"), None), prefix="/"),
    }


def test_the_rule_is_the_sites_root_path():
    assert SiteUrls(("id", "en"), SUB_URL).root_link("en", "hotline") == "/sub/path/en/hotline/"
    assert SiteUrls(("id", "en"), "https://example.org/sub/path").root_path == "/sub/path/"
    assert SiteUrls(("id", "en"), "https://example.org").root_path == "/"
    assert SiteUrls(("id", "en")).root_link("id", "layanan/index") == "/layanan/"


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("root", ["/sub/path/", "/"])
def test_a_missing_deep_address_gets_a_working_404_page(
    browser, hosts, root, lang, width, javascript
):
    base = hosts[root]
    origin = f"{urlsplit(base).scheme}://{urlsplit(base).netloc}"
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
        service_workers="block",
    )
    page = context.new_page()
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and r.request.resource_type != "document"
            and failed.append(f"{r.status} {r.url}")
        ),
    )
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    prefix = "" if lang == "id" else "en/"
    response = page.goto(base + prefix + DEEP, wait_until="networkidle")
    assert response.status == 404
    title, links = WORDS[lang]
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text() == title
    assert "404 - Not found" not in page.content()
    # Every asset it asked for came (styles, scripts, icons).
    assert failed == []
    # Styled: Material's header has its colour, our strip and exit button are laid out, and no
    # icon is drawn at the size of the screen (what an unstyled page shows).
    bar = page.evaluate(
        "getComputedStyle(document.querySelector('[data-md-component=announce]')).position"
    )
    assert bar == "sticky"
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")  # unstyled, a header has none
    exit_button = page.locator(".ra-exit").bounding_box()
    assert exit_button and exit_button["height"] < 100
    widest = page.evaluate(
        "Math.max(0, ...[...document.querySelectorAll('svg')]"
        ".filter(s => s.checkVisibility()).map(s => s.getBoundingClientRect().width))"
    )
    assert widest <= 100
    # The skip link's target is there.
    assert page.locator(".ra-skip[href='#isi']").count() == 1
    assert page.locator("#isi").count() == 1
    # It links home, the directory and the hotlines of its language, under the site's path.
    home = root + prefix
    found = {a.inner_text(): a.get_attribute("href") for a in page.locator("article a").all()}
    assert found == dict(zip(links, [home, home + "layanan/", home + "hotline/"], strict=True))
    # Every link and asset on it resolves on the host.
    addresses = page.evaluate(
        "[...document.querySelectorAll('a[href], link[href], script[src], img[src]')]"
        ".map(e => e.href || e.src)"
    )
    here = base + prefix + DEEP  # "#isi" is on the page itself
    own = sorted({a.split("#")[0] for a in addresses if a.startswith(origin)} - {here})
    assert len(own) > 10
    broken = []
    for address in own:
        status = context.request.get(address, max_redirects=0).status
        if status != 200:
            broken.append(f"{status} {address}")
    assert broken == []
    context.close()


def test_each_language_folder_has_its_own_404_page(hosts, tmp_path_factory):
    # Written once per language (mkdocs-static-i18n writes every language to one file).
    site = Path(tmp_path_factory.getbasetemp()) / "sub0" / "site"
    assert "Halaman tidak ditemukan" in (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (site / "en" / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("root", ["/sub/path/", "/"])
def test_the_language_menu_of_each_home_page_works_under_the_sites_path(browser, hosts, root):
    """mkdocs-static-i18n links the home pages' language menu from the domain's root (`/`,
    `/en/`): under a sub-path the reader landed on another site. Each link now resolves to the
    other language's home, under the site's path."""
    base = hosts[root]
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    for here, prefix in (("id", ""), ("en", "en/")):
        page.goto(base + prefix, wait_until="networkidle")
        links = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('.md-select__link')]"
            ".map(a => [a.hreflang, a.href]))"
        )
        alternates = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')]"
            ".map(a => [a.hreflang, a.href]))"
        )
        expected = {"id": base, "en": base + "en/"}
        assert links == expected, here
        # The head names the versions by the site's full address when `url:` gives it (issue
        # 17: search engines want full addresses), else relative to the page.
        published = {"id": SUB_URL, "en": SUB_URL + "en/"} if root == "/sub/path/" else expected
        assert alternates == published, here
        for address in expected.values():
            assert context.request.get(address, max_redirects=0).status == 200
    context.close()


def test_a_hostile_site_address_is_quoted_where_the_theme_prints_it(tmp_path):
    """`url:` lets any non-space character through its path; the 404 pages (printed unescaped by
    Material) and .htaccess (read as directives) get it percent-quoted."""
    hostile = 'https://example.org/x"><script>alert(1)</script>/'
    urls = SiteUrls(("id", "en"), hostile)
    assert urls.root_path == "/x%22%3E%3Cscript%3Ealert%281%29%3C/script%3E/"
    site = _site(tmp_path, hostile)
    for page in (site / "404.html", site / "en" / "404.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "alert(1)" not in html
        assert "/x%22%3E%3Cscript%3E" in html
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert "ErrorDocument 404 /x%22%3E%3Cscript%3Ealert%281%29%3C/script%3E/404.html" in htaccess
    assert '"><' not in htaccess
