"""`ruangaman init`: a working site for another regency, built for real."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from ruangaman.cli import main
from ruangaman.editor.init_site import NATIONAL_HOTLINES, init_site
from ruangaman.validate import check_project


def _text_of(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def pontianak(tmp_path_factory):
    dest = tmp_path_factory.mktemp("init") / "pontianak"
    assert main(["init", "--regency", "61.71", str(dest)]) == 0
    return dest


def test_init_writes_the_regency_site(pontianak):
    site = yaml.safe_load((pontianak / "content/site.yml").read_text(encoding="utf-8"))
    assert site["region"] == "61.71" and site["timezone"] == "Asia/Pontianak"
    assert site["name"]["id"] == "Ruang Aman Pontianak"
    hotlines = sorted(p.stem for p in (pontianak / "content/hotlines").glob("*.yml"))
    assert hotlines == sorted(NATIONAL_HOTLINES)
    services = list((pontianak / "content/services").glob("*.yml"))
    assert len(services) == 1
    example = yaml.safe_load(services[0].read_text(encoding="utf-8"))
    assert example["example"] is True and example["status"] == "unverified"
    assert "phones" not in example  # no number at all, not even a made-up one
    guides = {p.name for p in (pontianak / "docs/panduan").glob("*.md")}
    assert guides == {p.name for p in (ROOT / "docs/panduan").glob("*.md")}
    for path in pontianak.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml"):
            assert "Kubu Raya" not in path.read_text(encoding="utf-8"), path
    _, _, report = check_project(pontianak)
    assert report.errors == [], report.format("en")


def test_make_site_in_the_new_folder_builds(pontianak):
    venv = Path(sys.prefix)
    # STAMP=Makefile: the venv running this test already has ruangaman installed.
    result = subprocess.run(
        ["make", "site", f"VENV={venv}", "STAMP=Makefile"],
        cwd=pontianak,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    site = pontianak / "site"
    for page in ("index.html", "en/index.html", "layanan/contoh-layanan/index.html"):
        assert (site / page).is_file()
    kecamatan = {p.name for p in (site / "layanan/kecamatan").iterdir()}
    assert {"pontianak-kota", "pontianak-utara"} <= kecamatan
    service = (site / "layanan/contoh-layanan/index.html").read_text(encoding="utf-8")
    assert "Ini contoh, bukan layanan sungguhan." in service
    text = _text_of(site)
    assert "Kubu Raya" not in text and "Kota Pontianak" in text
    makefile = (pontianak / "Makefile").read_text(encoding="utf-8")
    assert f"RUANGAMAN_SOURCE ?= {ROOT}" in makefile


def test_init_another_province_builds(tmp_path):
    from ruangaman.build import run_mkdocs_build

    dest = tmp_path / "semarang"
    assert init_site("33.74", dest) == []
    site = yaml.safe_load((dest / "content/site.yml").read_text(encoding="utf-8"))
    assert site["timezone"] == "Asia/Jakarta"
    _, checked, report = check_project(dest)
    assert report.errors == [] and checked.region.name == "Kota Semarang"
    built = run_mkdocs_build(dest, dest / "site")
    assert (built / "layanan/kecamatan/semarang-tengah/index.html").is_file()
    assert "Kubu Raya" not in _text_of(built)


def test_cara_melapor_points_to_the_new_directory(pontianak):
    guide = (pontianak / "docs/panduan/cara-melapor.id.md").read_text(encoding="utf-8")
    assert "## Layanan di Kota Pontianak" in guide
    assert "Polres" not in guide and "KPAD" not in guide
    front = guide.split("---")[1]
    original = (ROOT / "docs/panduan/cara-melapor.id.md").read_text(encoding="utf-8")
    assert re.search(r"reviewed_on: .*", front).group() in original


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--regency", "pontianak"], ["61.71 (Kota Pontianak)"]),
        (["--regency", "61.7"], ["Kemendagri", "Mungkin maksud Anda"]),
        (["--regency", "Kota Semarang", "--lang", "en"], ["Perhaps you mean: 33.74"]),
    ],
)
def test_wrong_code_names_the_closest_regencies(tmp_path, capsys, args, words):
    assert main(["init", *args, str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    for word in words:
        assert word in err
    assert not (tmp_path / "x").exists()


def test_init_refuses_a_folder_with_files_and_a_missing_starter(tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("x")
    assert main(["init", "--regency", "61.71", str(tmp_path / "full")]) == 1
    assert "sudah berisi berkas" in capsys.readouterr().err
    problems = init_site("61.71", tmp_path / "new", source=tmp_path / "nowhere")
    assert [p.code for p in problems] == ["init_no_starter"]
    assert "not from a wheel" in problems[0].fix("en")
