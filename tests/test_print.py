"""Printing (issue 12, point 7), as Chromium prints to A4: one poster, one sheet; the booklet
flows; printed numbers are written out with their channel; the editor's note about a missing
`url:` is on screen only, and `check` warns about it instead. Both the shipped site (no `url:`)
and the same content with one (posters with QR codes)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from ruangaman.build import run_mkdocs_build
from ruangaman.problems import format_problem
from ruangaman.validate import check_project

URL = "https://example.org/ruangaman/"
SERVICES = sorted(p.stem for p in (ROOT / "content" / "services").glob("*.yml"))
EDITOR_NOTE = ("Kode QR belum dibuat", "No QR code yet", "content/site.yml")


def _with_url(folder: Path) -> Path:
    for name in ("mkdocs.yml", "overrides", "content", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy(source, folder / name)
    with (folder / "content" / "site.yml").open("a", encoding="utf-8") as site_yml:
        site_yml.write(f"url: {URL}\n")
    return folder


@pytest.fixture(scope="module")
def sites(shipped_site, tmp_path_factory, serve) -> dict[str, str]:
    project = _with_url(tmp_path_factory.mktemp("print-url"))
    with_url = run_mkdocs_build(project, project / "site")
    return {"no url": serve(shipped_site), "url": serve(with_url)}


def _sheets(pdf: bytes) -> int:
    """How many pages a PDF has: its /Type /Page objects (not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def _print(page, address: str) -> tuple[int, str]:
    page.goto(address)
    page.emulate_media(media="print")
    text = page.locator("body").inner_text()
    return _sheets(page.pdf(format="A4", prefer_css_page_size=True)), text


@pytest.mark.browser
@pytest.mark.parametrize("which", ["no url", "url"])
def test_every_poster_prints_on_one_a4_sheet_and_the_booklet_flows(
    browser, sites, shipped_site, which
):
    page = browser.new_page()
    kecamatan = sorted(p.name for p in (shipped_site / "cetak" / "kecamatan").iterdir())
    assert len(kecamatan) == 9  # every kecamatan of Kubu Raya has its poster
    posters = ["cetak/hotline/"]
    posters += [f"cetak/kecamatan/{k}/" for k in kecamatan]
    posters += [f"cetak/layanan/{s}/" for s in SERVICES]
    sheets = {}
    for prefix in ("", "en/"):
        for poster in posters:
            sheets[prefix + poster], _ = _print(page, sites[which] + prefix + poster)
        booklet, _ = _print(page, sites[which] + prefix + "cetak/buku/")
        # 15 one-line services: with a page per kecamatan it was 8 sheets.
        assert booklet <= 3, f"{prefix}cetak/buku/: {booklet} sheets"
    page.close()
    assert len(sheets) == 2 * (1 + len(kecamatan) + len(SERVICES))
    assert {name: n for name, n in sheets.items() if n != 1} == {}


@pytest.mark.browser
@pytest.mark.parametrize("which", ["no url", "url"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_printed_numbers_carry_their_channel_and_no_editor_note(browser, sites, which, prefix):
    page = browser.new_page()
    for poster in ("cetak/hotline/", "cetak/buku/", f"cetak/layanan/{SERVICES[0]}/"):
        _, text = _print(page, sites[which] + prefix + poster)
        # The strip on paper: the WhatsApp number, not the bare word.
        assert "WhatsApp 08111-129-129" in text, poster
        assert not any(note in text for note in EDITOR_NOTE), poster
        if poster != f"cetak/layanan/{SERVICES[0]}/":
            assert "healing119.id" in text, poster  # Healing 119 has a website, no number
            assert re.search(r"(Telepon|Phone) 129", text), poster
        has_code = page.locator("svg.ra-qr").count() == 1
        assert has_code is (which == "url"), poster
        if has_code:
            assert page.locator("svg.ra-qr").is_visible()
            assert URL + prefix in text, poster
    page.close()


@pytest.mark.browser
def test_the_editor_note_is_on_screen_only(browser, sites):
    page = browser.new_page()
    page.goto(sites["no url"] + "cetak/hotline/")
    assert page.locator(".ra-qr-missing").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".ra-qr-missing").is_hidden()
    page.close()


def test_check_warns_when_the_site_has_no_address(tmp_path):
    _, _, report = check_project(ROOT)
    [warning] = [p for p in report.warnings if p.code == "site_url_missing"]
    assert (warning.file, warning.field) == ("content/site.yml", "url")
    assert warning.line
    assert "url: https://" in format_problem(warning, "id")
    assert "QR" in format_problem(warning, "en") and "url: https://" in format_problem(warning)
    _, _, report = check_project(_with_url(tmp_path))
    assert "site_url_missing" not in [p.code for p in report.problems]
