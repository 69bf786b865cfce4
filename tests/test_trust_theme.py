"""Issue 10, classes 1, 2 and 12: content never becomes markup in what the theme prints; the
Content Security Policy allows only the project's own inline code (none) and a built page with
any other fails the build; Quick exit empties the offline copy of the pages the reader opened."""

from __future__ import annotations

import html
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import GUIDE_EN, GUIDE_ID, HOTLINE_YML, SERVICE_YML, SITE_YML, Project

from ruangaman import session
from ruangaman.build import run_mkdocs_build
from ruangaman.finish import hostfiles
from ruangaman.session import BuildOptions

# Hostile text of our own, for every name and title the theme prints. Each would run code or
# break the page if printed raw; `{{ 7*7 }}` must not be evaluated; the last ones are the frame
# marks of earlier versions (a guide title holding them broke the build).
HOSTILE = {
    "site_id": "Anak & Perempuan </title><script>window.__hit='site'</script>",
    "site_en": 'A&amp;B {{ 7*7 }} "><img src=x onerror="window.__hit=\'site-en\'">',
    "service": "<script>window.__hit='svc'</script> & \"q\" 'a' RA-FRAME-CONTENT-3f9c1e "
    "ra_frame_0_",
    "hotline": "SAPA <b onmouseover=window.__hit=1>129</b> &lt;i&gt;",
    "short": "<svg/onload=window.__hit='s'>",  # short names are at most 32 characters
    "guide_id": "</title><script>window.__hit='g'</script> {{ 7*7 }} &amp; RA-FRAME-CONTENT-3f9c1e "
    "RA-FRAME-TITLE-3f9c1e",
    "guide_en": "\"'><iframe srcdoc='<script>parent.__hit=1</script>'> ra_frame_0_ &#x3C;b&#x3E;",
    # a guide's sources, printed at its end: text, and a link only for an http(s) address
    "sources": [
        "<script>window.__hit='src'</script> <b>UU</b> &amp;",
        "javascript:window.__hit='js'",
        "https://sumber.test/a?b=1&c=2",
    ],
}


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_project(root: Path, exit_url: str | None = None) -> Project:
    project = Project(root)
    site = SITE_YML.replace("Situs Uji", _yaml(HOSTILE["site_id"]))
    site = site.replace("Test Site", _yaml(HOSTILE["site_en"]))
    if exit_url:
        site += f"quick_exit_url: {exit_url}\n"
    project.write("content/site.yml", site)
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("name: Layanan Uji", f"name: {_yaml(HOSTILE['service'])}"),
    )
    project.write(
        "content/hotlines/sapa-129.yml",
        HOTLINE_YML.replace(
            "name: SAPA 129",
            f"name: {_yaml(HOSTILE['hotline'])}\nshort_name: {_yaml(HOSTILE['short'])}",
        ),
    )
    sources = "sources: [" + ", ".join(_yaml(s) for s in HOSTILE["sources"]) + "]"
    project.write(
        "docs/panduan/uji.id.md",
        GUIDE_ID.replace("title: Panduan uji", f"title: {_yaml(HOSTILE['guide_id'])}").replace(
            "sources: [UU 23/2004]", sources
        ),
    )
    project.write(
        "docs/panduan/uji.en.md",
        GUIDE_EN.replace("title: Test guide", f"title: {_yaml(HOSTILE['guide_en'])}").replace(
            "sources: [UU 23/2004]", sources
        ),
    )
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("hostile"))
    return run_mkdocs_build(project.root, tmp_path_factory.mktemp("hostile-site") / "site")


class _Page(HTMLParser):
    """What a browser sees of a page: its elements, attributes, and the text of a few parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "title":
            self._in.append("title")

    def handle_endtag(self, tag):
        if tag == "title" and self._in:
            self._in.pop()

    def handle_data(self, data):
        if self._in:
            self.title += data
        self.text.append(data)


def parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def parsed_text(html_text: str) -> _Page:
    page = _Page()
    page.feed(html_text)
    page.close()
    page.text = " ".join("".join(page.text).split())
    return page


def built_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts]


def test_hostile_names_and_titles_build_and_never_become_markup(hostile_site):
    pages = built_pages(hostile_site)
    assert len(pages) > 30
    for path in pages:
        page = parsed(path)
        for tag, attrs in page.tags:
            assert tag not in ("iframe", "b"), path
            # Our scripts are files; structured data is a data block no browser runs, and its
            # hostile text stays inside its JSON (tests/test_previews.py).
            ours = attrs.get("src", "").endswith(".js") or attrs == {"type": "application/ld+json"}
            assert tag != "script" or ours, (path, attrs)
            assert tag != "img" or attrs.get("src") != "x", path
            assert not any(name.startswith("on") for name in attrs), (path, attrs)
        text = path.read_text(encoding="utf-8")
        assert "Anak &amp;amp;" not in text and "A&amp;amp;amp;B" not in text, path  # once only
        assert "49" not in page.title, path  # {{ 7*7 }} is text, never evaluated
    assert hostfiles.injected_code(hostile_site) == []


@pytest.mark.parametrize(
    ("rel", "reviewed"),
    [
        ("panduan/uji/index.html", "Terakhir ditinjau: 1 November 2026"),
        ("en/panduan/uji/index.html", "Last reviewed: 1 November 2026"),
    ],
)
def test_a_guides_hostile_sources_end_it_as_text(hostile_site, rel, reviewed):
    text = (hostile_site / rel).read_text(encoding="utf-8")
    ending = text.partition('<section class="ra-guide-sources"')[2].partition("</section>")[0]
    assert ending, rel
    end = parsed_text(ending)
    for source in HOSTILE["sources"]:
        assert source in end.text, (source, end.text)
    assert reviewed in end.text
    # Only the http(s) address is a link; the script and the javascript: address are text.
    links = [attrs["href"] for tag, attrs in end.tags if tag == "a"]
    assert links == ["https://sumber.test/a?b=1&c=2"]
    assert [tag for tag, _ in end.tags] == ["h2", "ul", "li", "li", "li", "a", "p", "time"]


@pytest.mark.parametrize(
    "rel, title",
    [
        ("index.html", "Beranda - {site_id}"),
        ("en/index.html", "Home - {site_en}"),
        ("layanan/layanan-uji/index.html", "{service} - {site_id}"),
        ("en/layanan/layanan-uji/index.html", "{service} - {site_en}"),
        ("cetak/layanan/layanan-uji/index.html", "{service} - {site_id}"),
        ("panduan/uji/index.html", "{guide_id} - {site_id}"),
        ("en/panduan/uji/index.html", "{guide_en} - {site_en}"),
        ("404.html", "{site_id}"),
    ],
)
def test_every_title_reads_exactly_as_the_editor_wrote_it(hostile_site, rel, title):
    """Escaped once: the reader sees the characters typed, "&" as "&", "&amp;" as "&amp;"."""
    page = parsed(hostile_site / rel)
    assert page.title == title.format(**HOSTILE)
    words = " ".join(" ".join(page.text).split())
    site_name = HOSTILE["site_en"] if rel.startswith("en/") else HOSTILE["site_id"]
    assert " ".join(site_name.split()) in words  # the header and the navigation


def test_navigation_strip_and_language_links_show_the_text(hostile_site):
    page = parsed(hostile_site / "index.html")
    words = " ".join(" ".join(page.text).split())
    assert HOSTILE["guide_id"] in words  # the guide's title in the navigation
    assert HOSTILE["short"] in words  # the hotline's short name in the strip
    en = " ".join(" ".join(parsed(hostile_site / "en/index.html").text).split())
    assert HOSTILE["guide_en"] in en


def test_framed_service_pages_are_the_pages_the_theme_makes(hostile_site, tmp_path, monkeypatch):
    """The marks of the frames cannot be matched by content: the framed page is the same."""
    monkeypatch.setenv("RUANGAMAN_NO_FRAMES", "1")
    (tmp_path / "p").mkdir()
    project = hostile_project(tmp_path / "p")
    themed = run_mkdocs_build(project.root, tmp_path / "themed")
    for rel in ("layanan/layanan-uji/index.html", "en/cetak/layanan/layanan-uji/index.html"):
        assert (themed / rel).read_bytes() == (hostile_site / rel).read_bytes(), rel


# --- the Content Security Policy --------------------------------------------------------------


def test_policy_is_fixed_before_pages_are_written_and_allows_no_inline_code(hostile_site):
    policy = hostfiles.content_security_policy()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "sha256" not in policy
    assert directives["frame-ancestors"] == "'none'"
    headers = (hostile_site / "_headers").read_text()
    assert f"Content-Security-Policy: {policy}\n" in headers
    assert f'"{policy}"' in (hostile_site / ".htaccess").read_text()
    meta = hostfiles.content_security_policy(meta=True)
    assert "frame-ancestors" not in meta  # ignored (with a warning) in a <meta>
    for path in built_pages(hostile_site):
        text = path.read_text(encoding="utf-8")
        head = text.partition("<head>")[2].lstrip()
        expected = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(meta)}">'
        assert head.replace("&#39;", "&#x27;").startswith(expected), path
        assert text.find('<meta charset="utf-8">') < 1024 - 30, path


# Pages with inline code that is not ours, in the spellings a browser still runs.
INJECTED = [
    "<script>alert(1)</script>",
    "<SCRIPT >alert(1)</SCRIPT >",
    "<script type=module>import('x')</script>",
    '<script type="application/json">{"a": 1}</script>',
    '<script src="/assets/ruangaman.js">alert(1)</script>',
    "<script>never closed",
    "<style>body{background:url(x)}</style>",
    '<p style="color:red">x</p>',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img/src/onerror=alert(1)>",
    '<img src="x"onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<body onload\n=\nalert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" \x01javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&Tab;ascript&colon;alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#0000106avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><animate attributeName="href" values="x;javascript:alert(1)"/></svg>',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<!--x--!><img src=x onerror=alert(1)>",
    "<!-- <script>alert(1)</script> -->",
]

CLEAN = [
    "<p>Tanpa JavaScript pun situs ini bisa dibaca.</p>",
    '<p>Tekan "online = aman" bukan kode; style = teks</p>',
    '<div data-ra-exit-one="Tekan sekali lagi" data-copy="onclick=x">x</div>',
    '<a href="https://example.org/?q=javascript">x</a>',
    '<a href="../hotline/">x</a><a href="tel:129">129</a>',
    '<script src="../assets/ruangaman.js" defer></script>',
]

PAGE = "<!doctype html><html><head><title>t</title></head><body>{}</body></html>"


@pytest.mark.parametrize("snippet", INJECTED)
def test_inline_code_that_is_not_ours_is_found(tmp_path, snippet):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "index.html").write_text(PAGE.format(snippet), encoding="utf-8")
    found = hostfiles.injected_code(tmp_path)
    assert found and all(i.page == "x/index.html" for i in found), snippet


@pytest.mark.parametrize("snippet", CLEAN)
def test_text_that_only_looks_like_code_is_not_refused(tmp_path, snippet):
    (tmp_path / "index.html").write_text(PAGE.format(snippet), encoding="utf-8")
    assert hostfiles.injected_code(tmp_path) == []


def test_an_svg_file_with_a_script_is_found(tmp_path):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    assert [i.page for i in hostfiles.injected_code(tmp_path)] == ["logo.svg"]


def test_reading_pages_in_two_processes_finds_the_same(tmp_path, monkeypatch):
    for i in range(6):
        (tmp_path / f"p{i}.html").write_text(PAGE.format(INJECTED[i] if i % 2 else CLEAN[0]))
    one = hostfiles.injected_code(tmp_path)
    monkeypatch.setattr(hostfiles, "PARALLEL_FROM", 1)
    monkeypatch.setattr(session.threading, "active_count", lambda: 1)  # the test's servers
    two = BuildOptions(processes=2)
    assert two.processes_for(6, hostfiles.PARALLEL_FROM) == 2
    assert hostfiles.injected_code(tmp_path, options=two) == one and len({i.page for i in one}) == 3


def test_shipped_site_holds_no_inline_code(shipped_site):
    assert hostfiles.injected_code(shipped_site) == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_build_with_inline_code_fails_naming_the_page(tmp_path, lang):
    """Code that reaches a page by any way (here a template changed in a pull request) stops
    the build with a plain message naming the page; the page is not left in the site."""
    (tmp_path / "p").mkdir()
    project = Project(tmp_path / "p")
    top = project.root / "overrides/partials/ruangaman/top.html"
    top.write_text(top.read_text() + '<a href="java&#x0A;script:alert(1)">x</a>\n')
    site = tmp_path / "site"
    run = subprocess.run(
        [
            Path(sys.executable).parent / "ruangaman",
            "build",
            "--site-dir",
            str(site),
            "--lang",
            lang,
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "Traceback" not in said
    assert "index.html" in said and "javascript" in said.replace("\n", "")
    assert ("Ruang Aman did not write" if lang == "en" else "tidak ditulis Ruang Aman") in said
    assert not (site / "index.html").exists()


# --- Quick exit empties the offline copy ------------------------------------------------------


@pytest.fixture
def exit_server(serve, tmp_path):
    """A neutral page on another local port (another origin, as the real exit site is)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "index.html").write_text("<!doctype html><title>cuaca</title><p>cuaca</p>")
    return serve(folder).replace("127.0.0.1", "cuaca.localhost")


COUNT_KEPT = """async () => {
    let total = 0;
    for (const key of await caches.keys()) total += (await (await caches.open(key)).keys()).length;
    return total;
}"""


def kept_pages(context, base: str) -> int:
    """How many responses the site's Cache Storage holds, read from a page of the site that the
    worker does not keep (a missing address: only good responses are kept)."""
    look = context.new_page()
    look.goto(base + "ra-no-such-page/")
    try:
        return look.evaluate(COUNT_KEPT)
    finally:
        look.close()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["button", "skip link", "shift"])
def test_quick_exit_empties_the_offline_copy(browser, serve, tmp_path, exit_server, how):
    (tmp_path / "p").mkdir()
    project = hostile_project(tmp_path / "p", exit_url=exit_server)
    site = run_mkdocs_build(project.root, tmp_path / "site")
    base = serve(site)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "panduan/uji/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now under the worker: the guide is kept for offline reading
    page.wait_for_function(
        """async () => {
            for (const key of await caches.keys()) {
                const urls = (await (await caches.open(key)).keys()).map(r => r.url);
                if (urls.some(u => u.endsWith('/panduan/uji/'))) return true;
            }
            return false;
        }"""
    )
    assert page.evaluate(COUNT_KEPT) > 0
    if how == "button":
        page.click("a.ra-exit")
    elif how == "skip link":
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(exit_server)
    page.wait_for_timeout(200)
    assert kept_pages(context, base) == 0
    # The worker still works for the next visit: the guide is kept again and opens offline.
    again = context.new_page()
    again.goto(base + "panduan/uji/")
    again.evaluate("navigator.serviceWorker.ready.then(() => true)")
    again.reload()
    again.wait_for_function("async () => (await caches.keys()).length > 0")
    again.wait_for_timeout(300)
    context.set_offline(True)
    again.reload()
    assert "Isi panduan uji" in again.content()
    context.close()


def test_hide_your_visit_guide_says_what_the_phone_keeps():
    root = Path(__file__).resolve().parents[1] / "docs" / "panduan"
    id_text = (root / "sembunyikan-kunjungan.id.md").read_text(encoding="utf-8")
    en_text = (root / "sembunyikan-kunjungan.en.md").read_text(encoding="utf-8")
    for needed in ("salinan offline", "data situs", "Riwayat", "penyamaran"):
        assert needed in id_text, needed
    for needed in ("offline copy", "site data", "History", "Incognito"):
        assert needed in en_text, needed
