"""Issue 16: the first view in one round trip. The site ships one stylesheet made from the
theme's rules its pages can use and ours (finish/stylesheet.py), in three sheets by media; no
page looks different for it (screenshots with the theme's whole stylesheets at 360 and 1280 px,
the drawer open, a focused link, print); and home, a guide, the directory and a service page
arrive with their CSS and scripts in 14 KB gzip, the hotlines inside them."""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest
import tinycss2
from conftest import GUIDE_ID, ROOT, Project
from directory_site import build

from ruangaman.finish.stylesheet import Tokens, site_stylesheets

ROUND_TRIP = 14 * 1024  # bytes: ten TCP segments, what a server sends before its first ack
FIRST_VIEW = {
    "home": "index.html",
    "guide": "panduan/cara-melapor/index.html",
    "directory": "layanan/index.html",
    "service": "layanan/uptd-ppa-kubu-raya/index.html",
}
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"( media="[^"]*")?')


def _tokens(html: str) -> Tokens:
    tokens = Tokens()
    tokens.add_page(html)
    return tokens


def _selectors(css: str) -> set[str]:
    """Every style rule's selector text, inside @media too."""
    found = set()

    def walk(rules: list) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                found.add(tinycss2.serialize(rule.prelude).strip())
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, True, True))

    walk(tinycss2.parse_stylesheet(css, True, True))
    return found


# --- what is kept --------------------------------------------------------------------------------

PAGE = (
    '<html dir="ltr"><body><input class="md-toggle" data-md-toggle="drawer" type="checkbox">'
    '<div class="md-container"><a class="used" href="x">x</a></div></body></html>'
)
THEME = """
:root{--kept:red;--icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--via:var(--kept)}
.used{color:var(--via)}
.unused{color:blue}
.used:hover,.used:focus-visible{outline:1px solid}
a.used::after{content:""}
[data-md-toggle=drawer]:checked~.md-container{opacity:.5}
[data-md-toggle=search]:checked~.md-container{opacity:.1}
[dir=rtl] .used{margin-left:1px}
.md-container :is(.used,.nowhere){padding:1px}
.md-container :is(.nowhere,.nothing){padding:2px}
.used:not(.unused){border:0}
@keyframes spin{to{transform:rotate(1turn)}}
@keyframes never{to{opacity:0}}
.used{animation:spin 1s}
@media screen and (max-width:76.234375em){.used{font-size:1px}.unused{font-size:2px}}
@media screen and (min-width:76.25em){.used{font-size:3px}}
@media print{.used{display:none}}
"""


def test_a_rule_is_kept_only_when_a_page_can_use_it_in_some_state():
    sheets = {s.media: s.text for s in site_stylesheets([THEME], ".ra-own{top:0}", _tokens(PAGE))}
    every, wide, printed = sheets[""], sheets["screen and (min-width: 60em)"], sheets["print"]
    kept = _selectors(every)
    assert ".used" in kept and ".unused" not in kept
    # states a reader can put the page in: hover, focus, the drawer's checkbox, pseudo-elements
    assert ".used:hover,.used:focus-visible" in kept
    assert "a.used::after" in kept
    assert "[data-md-toggle=drawer]:checked~.md-container" in kept
    # what no page has: the search toggle, a right-to-left page, an :is() of nothing
    assert not any("search" in s or "rtl" in s or ".nothing" in s for s in kept)
    assert ".md-container :is(.used,.nowhere)" in kept
    assert ".used:not(.unused)" in kept
    # custom properties: what a kept rule reads (through another), not the icon nobody reads
    assert "--kept:red" in every and "--via:var(--kept)" in every and "--icon" not in every
    assert "@keyframes spin" in every and "never" not in every
    # the media: a phone's width in the first sheet, wide screens and print in their own
    assert "max-width:76.234375em" in every and "font-size:2px" not in every
    assert ".used{font-size:3px}" in wide and "min-width" not in every
    assert ".used{display:none}" in printed
    # ours whole and last
    assert every.endswith(".ra-own{top:0}")


def test_an_editors_table_brings_the_theme_s_table_rules(project: Project, shipped_site: Path):
    """The stylesheet follows what the site's pages hold, not a fixed list: a guide with a
    table gets the theme's table styles; the shipped site (no table) goes without them."""
    table = "\n\n| Layanan | Telepon |\n| --- | --- |\n| SAPA | 129 |\n"
    project.write("docs/panduan/uji.id.md", GUIDE_ID + table)
    with_table = _selectors(_sheet_text(build(project)))
    without = _selectors(_sheet_text(shipped_site))
    table_rules = {s for s in with_table if re.search(r"\btable\b", s)}
    assert ".md-typeset table:not([class])" in table_rules
    assert not any(re.search(r"\btable\b", s) for s in without)


def _sheet_text(site: Path) -> str:
    return "".join(p.read_text() for p in (site / "assets" / "stylesheets").glob("*.css"))


def test_the_theme_s_stylesheets_are_not_published(shipped_site: Path):
    names = sorted(p.name for p in (shipped_site / "assets" / "stylesheets").iterdir())
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".#.", n) for n in names] == [
        "ruangaman-print.#.min.css",
        "ruangaman-wide.#.min.css",
        "ruangaman.#.min.css",
    ]
    assert not list(shipped_site.glob("assets/ruangaman.css"))


# --- the first view ---------------------------------------------------------------------------


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.parametrize("kind", FIRST_VIEW)
def test_the_first_view_fits_one_round_trip_with_the_hotlines_in_it(shipped_site: Path, kind):
    """What a phone needs to show the page (its HTML, the stylesheets it applies and the
    scripts it loads), gzipped as hosts send it: at most 14 KB; the hotline strip ends inside
    the first 14 KB of the page's own gzip stream."""
    rel = FIRST_VIEW[kind]
    html = (shipped_site / rel).read_bytes()
    first_view = _gz(html)
    for href, media in ASSET.findall(html.decode("utf-8")):
        if media:  # wide screens, print: fetched last, the page is painted without them
            assert media in (' media="screen and (min-width: 60em)"', ' media="print"')
            continue
        first_view += _gz((shipped_site / urljoin(rel, href)).resolve().read_bytes())
    assert first_view <= ROUND_TRIP, f"{kind}: {first_view} B"
    strip_end = html.index(b"</ul>", html.index(b'<ul class="ra-strip"')) + len(b"</ul>")
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    sent = len(packer.compress(html[:strip_end]) + packer.flush(zlib.Z_SYNC_FLUSH))
    assert sent <= ROUND_TRIP


# --- no page looks different -------------------------------------------------------------------

SHOWN = {
    "home": "",
    "guide": "panduan/cara-melapor/",
    "directory": "layanan/",
    "service": "layanan/uptd-ppa-kubu-raya/",
    "kecamatan": "layanan/kecamatan/sungai-raya/",
    "safety plan": "panduan/rencana-keselamatan/",
    "English directory": "en/layanan/",
}
THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def _whole_stylesheets() -> str:
    """What every page linked before: the theme's two stylesheets, then ours, in that order."""
    theme = [next(THEME_CSS.glob(f"{stem}.*.min.css")) for stem in ("main", "palette")]
    own = ROOT / "src" / "ruangaman" / "render" / "static" / "ruangaman.css"
    return "\n".join(p.read_text(encoding="utf-8") for p in [*theme, own])


def _screenshot(browser, url: str, width: int, state: str, whole: str | None) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    if whole is not None:  # the page as it looked with the theme's whole stylesheets

        def sheet(route):
            name = route.request.url.rsplit("/", 1)[1]
            body = whole if name.startswith("ruangaman.") else ""
            route.fulfill(status=200, content_type="text/css", body=body)

        context.route("**/assets/stylesheets/*.css", sheet)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if state == "drawer":
        page.click("label.md-header__button[for=__drawer]")
    elif state == "focus":
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
    elif state == "print":
        page.emulate_media(media="print")
    shot = page.screenshot(full_page=True, animations="disabled", caret="hide")
    context.close()
    return shot


def _different_pixels(browser, a: bytes, b: bytes) -> int:
    """How many pixels differ between two PNG screenshots (decoded by the browser)."""
    import base64

    page = browser.new_page()
    count = page.evaluate(
        """async ([a, b]) => {
          const load = async (data) => createImageBitmap(await (await fetch(data)).blob());
          const [x, y] = [await load(a), await load(b)];
          if (x.width !== y.width || x.height !== y.height) return -1;
          const pixels = (img) => {
            const c = new OffscreenCanvas(img.width, img.height);
            const g = c.getContext("2d"); g.drawImage(img, 0, 0);
            return g.getImageData(0, 0, img.width, img.height).data;
          };
          const [p, q] = [pixels(x), pixels(y)];
          let n = 0;
          for (let i = 0; i < p.length; i += 4)
            if (p[i] !== q[i] || p[i+1] !== q[i+1] || p[i+2] !== q[i+2]) n++;
          return n;
        }""",
        [f"data:image/png;base64,{base64.b64encode(s).decode()}" for s in (a, b)],
    )
    page.close()
    return count


CASES = [
    *((kind, width, "") for kind in SHOWN for width in (360, 1280)),
    *((kind, 360, "drawer") for kind in ("home", "guide", "directory", "service")),
    *((kind, 1280, "focus") for kind in ("home", "directory")),
    *((kind, 800, "print") for kind in ("home", "guide", "service", "safety plan")),
]


@pytest.mark.parametrize(("kind", "width", "state"), CASES)
def test_no_page_loses_a_style_it_had(shipped_site, serve, browser, kind, width, state, tmp_path):
    """Pixel for pixel the same as with the theme's whole stylesheets and ours."""
    base = serve(shipped_site)
    url = base + SHOWN[kind]
    shipped = _screenshot(browser, url, width, state, None)
    whole = _screenshot(browser, url, width, state, _whole_stylesheets())
    if shipped != whole:
        (tmp_path / "shipped.png").write_bytes(shipped)
        (tmp_path / "whole.png").write_bytes(whole)
        differ = _different_pixels(browser, shipped, whole)
        assert differ == 0, f"{kind} {width} px {state}: {differ} pixels differ ({tmp_path})"


# --- the navigation ------------------------------------------------------------------------------

NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.S)


def _menu_links(site: Path, rel: str) -> list[str]:
    html = (site / rel).read_text(encoding="utf-8")
    return re.findall(r'<a href="([^"#]*)" class="md-nav__link', NAV.search(html).group(0))


def test_the_menu_lists_the_guides_where_a_reader_is_among_them(shipped_site: Path):
    """On a page outside the guides the guides' section is one link to the guides' page (which
    lists every guide); on a guide, and on the guides' page, every guide is in the menu."""
    guides = sorted(p.parent.name for p in (shipped_site / "panduan").glob("*/index.html"))
    home = _menu_links(shipped_site, "index.html")
    assert "panduan/" in home
    assert not [link for link in home if link.startswith("panduan/") and link != "panduan/"]
    for rel in ("panduan/index.html", "panduan/cara-melapor/index.html"):
        shown = _menu_links(shipped_site, rel)
        for guide in guides:
            if rel.startswith(f"panduan/{guide}/"):
                continue  # the page itself: its entry links to "./"
            assert any(link.rstrip("/").endswith(guide) for link in shown), (rel, guide)
