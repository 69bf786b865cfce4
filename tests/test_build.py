"""End-to-end: real MkDocs builds of fixture sites and of the shipped Kubu Raya site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT, Project

from ruangaman.cli import main

EXPECTED_PAGES = [
    "index.html",
    "panduan/uji/index.html",
    "layanan/index.html",
    "layanan/layanan-uji/index.html",
    "layanan/kecamatan/sungai-raya/index.html",
    "layanan/kecamatan/kubu/index.html",
    "layanan/jenis/pengaduan/index.html",
    "layanan/jenis/kesehatan/index.html",
    "hotline/index.html",
    "404.html",
]


def html_lang(path: Path) -> str:
    return re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("fixture-site"))
    project.remove("docs/index.en.md")  # a page without its English version
    site = project.root / "site"
    code = main(["build", "--project", str(project.root), "--site-dir", str(site)])
    assert code == 0
    return site


@pytest.mark.parametrize("page", EXPECTED_PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_in_both_languages(built, page, lang):
    path = built / page if lang == "id" else built / "en" / page
    assert path.is_file()
    assert html_lang(path) == lang


def _page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "http://site/" + rel.removesuffix("index.html")


def test_language_switcher_targets_exist(built):
    checked = 0
    for path in built.rglob("*.html"):
        if path.name == "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]+)" hreflang="([^"]+)"', html)
        assert {lang for _, lang in links} == {"id", "en"}, path
        for href, lang in links:
            target = urljoin(_page_url(built, path), href).removeprefix("http://site/")
            target_path = (
                built / target / "index.html" if not target.endswith(".html") else built / target
            )
            assert target_path.is_file(), (path, href)
            assert html_lang(target_path) == lang
            # the switcher leads to the same page in the other language
            same = path.relative_to(built).as_posix().removeprefix("en/")
            assert target_path.relative_to(built).as_posix().removeprefix("en/") == same
            checked += 1
    assert checked > 40


def test_missing_english_text_falls_back_with_notice(built):
    page = (built / "en/layanan/layanan-uji/index.html").read_text(encoding="utf-8")
    assert "Parts of this page are not yet available in English" in page
    assert '<span lang="id">Uraian layanan uji.</span>' in page
    indonesian = (built / "layanan/layanan-uji/index.html").read_text(encoding="utf-8")
    assert "not yet available" not in indonesian and "belum tersedia" not in indonesian


def test_missing_english_page_falls_back_with_notice(built):
    page = (built / "en/index.html").read_text(encoding="utf-8")
    assert "This page is not yet available in English and is shown in Indonesian." in page
    assert '<div lang="id">' in page and "Selamat datang." in page


def test_service_pages_stay_out_of_the_navigation(built):
    # These pages do not link to any service themselves, so any link would come from the nav.
    for page, title in (
        ("index.html", "Direktori layanan"),
        ("en/index.html", "Service directory"),
        ("panduan/uji/index.html", "Direktori layanan"),
    ):
        html = (built / page).read_text(encoding="utf-8")
        assert "layanan-uji" not in html
        assert "kecamatan/" not in html
        assert title in html  # the directory itself is in the navigation


def test_service_page_shows_contact_and_hours(built):
    html = (built / "layanan/layanan-uji/index.html").read_text(encoding="utf-8")
    assert '<a href="tel:+62561123456">0561 123456</a>' in html  # as written in the file
    assert "Senin, Selasa: 08:00–15:00" in html
    assert 'href="../kecamatan/sungai-raya/"' in html


def test_no_third_party_font(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_plain_mkdocs_build_works(tmp_path):
    project = Project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert (project.root / "site/en/layanan/layanan-uji/index.html").is_file()


def test_plain_mkdocs_build_stops_on_bad_content_with_the_report(tmp_path):
    project = Project(tmp_path)
    project.write("content/services/rusak.yml", "name: Rusak\nphnoe: 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "content/services/rusak.yml, baris 2, kolom `phnoe`" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_refuses_bad_content_and_builds_nothing(tmp_path, capsys):
    project = Project(tmp_path)
    project.write("content/services/rusak.yml", "name: Rusak\n\tphones: []\n")
    code = main(["build", "--project", str(project.root), "--site-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "✗ content/services/rusak.yml, baris 2" in err
    assert "Tidak ada yang dibangun." in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_shipped_site_builds_every_service_and_guide_in_both_languages(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["build", "--project", str(ROOT), "--site-dir", str(site)]) == 0
    assert "Situs selesai dibangun" in capsys.readouterr().out
    services = [p.stem for p in (ROOT / "content/services").glob("*.yml")]
    guides = {p.name.split(".")[0] for p in (ROOT / "docs/panduan").glob("*.md")} - {"index"}
    assert len(services) >= 3 and len(guides) >= 8
    for prefix, lang in (("", "id"), ("en/", "en")):
        for slug in services:
            assert html_lang(site / f"{prefix}layanan/{slug}/index.html") == lang
        for guide in guides:
            assert html_lang(site / f"{prefix}panduan/{guide}/index.html") == lang
        assert html_lang(site / f"{prefix}404.html") == lang


def test_generated_files_are_not_tracked_by_git():
    tracked = subprocess.run(
        ["git", "ls-files", "site", ".staging", ".venv"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert tracked == ""
    for path in ("site/index.html", ".staging/docs/index.id.md", ".venv/bin/python"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert ignored.returncode == 0, f"{path} is not ignored by git"
