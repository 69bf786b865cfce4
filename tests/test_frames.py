"""Service pages and posters are written from frames: the site must be the one the theme makes
page by page, and the sitemap must list every page, however it was written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT
from directory_site import SITE_URL, make_project

from ruangaman.build import run_mkdocs_build
from ruangaman.build.frames import KINDS, plan_frames
from ruangaman.finish import sitemap
from ruangaman.paths import SiteUrls
from ruangaman.render import render_pages
from ruangaman.validate import check_project

# Names that test how a title reaches the page: quotes, an ampersand, a colon, an apostrophe.
TRICKY = """\
id: 7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c55
name: 'Pos "Sahabat" Anak & Perempuan: Desa O''Brien'
organization:
  name: Lembaga Uji
types: [pengaduan]
description:
  id: Hanya dalam bahasa Indonesia, jadi halaman Inggris memakai teks ini.
location:
  kecamatan: Kubu
status: inactive
"""

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> dict[str, Path]:
    """One project built twice: with frames (as always) and every page through the theme."""
    project = make_project(tmp_path_factory.mktemp("frames"))
    project.write("content/services/pos-sahabat.yml", TRICKY)
    framed = run_mkdocs_build(project.root, tmp_path_factory.mktemp("framed") / "site")
    mp = pytest.MonkeyPatch()
    mp.setenv("RUANGAMAN_NO_FRAMES", "1")
    try:
        themed = run_mkdocs_build(project.root, tmp_path_factory.mktemp("themed") / "site")
    finally:
        mp.undo()
    return {"framed": framed, "themed": themed, "root": project.root}


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_framed_site_is_the_site_the_theme_makes_page_by_page(both):
    framed, themed = files(both["framed"]), files(both["themed"])
    assert sorted(framed) == sorted(themed)
    assert "layanan/pos-sahabat/index.html" in framed
    for rel, path in themed.items():
        if rel == "pagefind/pagefind-entry.json":  # Pagefind lists the languages in any order
            assert json.loads(framed[rel].read_bytes()) == json.loads(path.read_bytes())
            continue
        assert framed[rel].read_bytes() == path.read_bytes(), rel


# Run as `ruangaman build` runs: in a process of its own, where no other thread is running (a
# fork is refused while one runs, and the suite's browser and servers keep theirs).
TWO_PROCESS_BUILD = """
import sys
from pathlib import Path
from ruangaman.build import frames, run_mkdocs_build
from ruangaman.session import BuildOptions, BuildSession

frames.FORK_FROM = 1
parts = []
real = frames.fork_map
frames.fork_map = lambda f, p: parts.append(len(p)) or real(f, p)
session = BuildSession(BuildOptions.from_environment("build").with_(processes=2))
run_mkdocs_build(Path(sys.argv[1]), Path(sys.argv[2]), session=session)
session.close()
print(parts)
"""


def test_framed_pages_written_in_two_processes_are_the_pages_written_in_one(both, tmp_path):
    """A big one-shot build fills and writes its framed pages in two processes (issue 16)."""
    site = tmp_path / "site"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", TWO_PROCESS_BUILD, str(both["root"]), str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[2]", done.stdout  # two parts, one each
    forked = files(site)
    framed = files(both["framed"])
    assert sorted(forked) == sorted(framed)
    for rel, path in framed.items():
        if rel != "pagefind/pagefind-entry.json":  # Pagefind lists the languages in any order
            assert forked[rel].read_bytes() == path.read_bytes(), rel


def test_every_service_page_and_poster_is_framed_and_no_frame_is_left(both):
    content, site, report = check_project(both["root"])
    assert not report.failed()
    pages = render_pages(site)
    plan = plan_frames(pages, {s.slug for s in content.services}, content.languages)
    expected = {
        f"{kind}/{s.slug}.{lang}"
        for kind in KINDS
        for s in content.services
        for lang in ("id", "en")
    }
    assert {f"{p.kind}/{p.slug}.{p.lang}" for p in plan.framed} == expected
    assert not any(rel.startswith(("layanan/pos-", "cetak/layanan/")) for rel in plan.staged)
    # a handful of frames stand for the pages: one per kind, language and table of contents
    assert 4 <= len(plan.frames) < len(plan.framed)
    site = both["framed"]
    assert not list(site.rglob("ra_frame_*"))
    title = 'Pos "Sahabat" Anak & Perempuan: Desa O\'Brien'
    page = (site / "en/layanan/pos-sahabat/index.html").read_text(encoding="utf-8")
    # escaped once, as in every other place the theme prints a title
    escaped = "Pos &#34;Sahabat&#34; Anak &amp; Perempuan: Desa O&#39;Brien"
    assert f"<title>{escaped} - " in page
    assert title not in page and "&amp;amp;" not in page
    assert 'href="../../../layanan/pos-sahabat/" hreflang="id"' in page
    assert not any("ra_frame" in p.read_text("utf-8") for p in site.rglob("*.html"))


def sitemap_addresses(site: Path) -> dict[str, dict[str, str]]:
    """Address -> {language: alternate address}, from sitemap.xml and the files it names."""
    found: dict[str, dict[str, str]] = {}
    root = ET.parse(site / "sitemap.xml").getroot()
    parts = [site / "sitemap.xml"]
    if root.tag.endswith("sitemapindex"):
        parts = [site / loc.text.rsplit("/", 1)[1] for loc in root.findall("s:sitemap/s:loc", NS)]
    for part in parts:
        for url in ET.parse(part).getroot().findall("s:url", NS):
            links = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", NS)}
            found[url.find("s:loc", NS).text] = links
    return found


def test_sitemap_lists_every_page_in_both_languages(both):
    site = both["framed"]
    found = sitemap_addresses(site)
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).parts[0] == "pagefind"]
    assert len(found) == len(pages) > 40
    service = SITE_URL + "layanan/pos-sahabat/"
    assert found[service] == {"id": service, "en": SITE_URL + "en/layanan/pos-sahabat/"}
    assert found[SITE_URL + "en/cetak/layanan/layanan-uji/"]["id"] == (
        SITE_URL + "cetak/layanan/layanan-uji/"
    )
    assert SITE_URL in found and SITE_URL + "en/" in found
    assert not any("404" in address or "ra_frame" in address for address in found)


def test_a_large_sitemap_is_split_into_files_under_an_index(both, tmp_path, monkeypatch):
    whole = sitemap_addresses(both["framed"])
    monkeypatch.setattr(sitemap, "MAX_URLS", 10)
    written = sitemap.write_sitemap(both["framed"], SiteUrls(("id", "en"), SITE_URL))
    try:
        assert len(written) == 1 + -(-len(whole) // 10)
        assert sitemap_addresses(both["framed"]) == whole
    finally:
        for part in written:
            part.unlink()
        monkeypatch.undo()
        sitemap.write_sitemap(both["framed"], SiteUrls(("id", "en"), SITE_URL))


def test_no_sitemap_without_the_sites_address(project, tmp_path):
    site = run_mkdocs_build(project.root, tmp_path / "site")
    assert (site / "layanan/index.html").is_file()
    assert not list(site.glob("sitemap*"))


@pytest.mark.parametrize(
    "title",
    ['Pos "Sahabat" & Anak', "C:\\path\\", "Tab\there", "Ünïcödé: yes", "'single'", ""],
)
def test_a_staged_stub_gives_the_theme_the_title_as_written(title):
    """The stub's front matter is all MkDocs reads of a data page: YAML must give the title
    back exactly, whatever quotes, colons or backslashes it holds."""
    import yaml

    from ruangaman.build.frames import stub
    from ruangaman.render import RenderedPage

    text = stub(RenderedPage("layanan/x", "id", title, "<p>x</p>", search=False))
    front, body = text.removeprefix("---\n").split("---\n")
    assert yaml.safe_load(front) == {"title": title, "search": {"exclude": True}}
    assert body == ""  # no Markdown: the plugin hands the theme the page's HTML
