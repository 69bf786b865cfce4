"""`ruangaman init`: a working site for another regency, built for real."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from ruangaman.cli import main
from ruangaman.editor.init_site import NATIONAL_HOTLINES, init_site
from ruangaman.validate import check_project
from ruangaman.validate.examples import site_examples
from ruangaman.validate.region import site_region


def _text_of(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def _this_venv(site: Path) -> list[str]:
    """make arguments that use the venv running this test (ruangaman already installed): a
    stamp newer than requirements.txt, so make installs nothing into it."""
    stamp = site / ".venv-stamp"
    stamp.touch()
    return [f"VENV={sys.prefix}", f"STAMP={stamp}"]


def _this_code() -> dict[str, str]:
    """The environment with this checkout's code first (PYTHONPATH made absolute)."""
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


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
    result = subprocess.run(
        ["make", "site", *_this_venv(pontianak)],
        cwd=pontianak,
        capture_output=True,
        text=True,
        timeout=300,
        env=_this_code(),
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
    assert str(ROOT) not in makefile  # nothing of the machine that ran init


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
        # two regencies are called Jayapura: both are suggested, neither is picked
        (["--regency", "jayapura"], ["91.03 (Kabupaten Jayapura)", "91.71 (Kota Jayapura)"]),
        (["--regency", "61.7"], ["Kemendagri", "Mungkin maksud Anda"]),
        (["--regency", "Kota Semarangg", "--lang", "en"], ["Perhaps you mean: 33.74"]),
        # a BPS code is never guessed into a Kemendagri one (no BPS table is carried)
        (["--regency", "94.71", "--lang", "en"], ["BPS codes are not known"]),
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
    assert "ruangaman/starter/" in problems[0].fix("en")


# --- issue 15: a site that stands alone, for a regency in another time zone ----------------------

LEAKS = ("Kubu Raya", "0561", "kuburayakab", "Sungai Raya", "Pontianak", "Kapur")


def _leaks(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if ".git" in path.parts or "site" in path.relative_to(folder).parts[:1]:
            continue
        if path.is_file() and path.suffix in (".md", ".yml", ".json", ".txt", "") and path.stat():
            text = path.read_text(encoding="utf-8", errors="replace").replace("Asia/Pontianak", "")
            found += [f"{path.relative_to(folder)}: {w}" for w in LEAKS if w in text]
    return found


@pytest.fixture(scope="module")
def jayapura(tmp_path_factory):
    """Kota Jayapura (WIT, kelurahan), named as people write it."""
    dest = tmp_path_factory.mktemp("init") / "jayapura"
    assert main(["init", "--regency", "kota jayapura", "--lang", "en", str(dest)]) == 0
    return dest


def test_a_name_finds_the_regency_and_says_which_code(tmp_path, capsys):
    assert main(["init", "--regency", "sleman", "--lang", "en", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert 'Using code 34.04 (Kabupaten Sleman) for "sleman".' in out
    site = yaml.safe_load((tmp_path / "s/content/site.yml").read_text(encoding="utf-8"))
    assert site["region"] == "34.04" and site["timezone"] == "Asia/Jakarta"


def test_the_new_site_is_a_project_of_its_own(jayapura):
    site = yaml.safe_load((jayapura / "content/site.yml").read_text(encoding="utf-8"))
    assert site["region"] == "91.71" and site["timezone"] == "Asia/Jayapura"
    for rel in (
        "README.md",
        "Makefile",
        "requirements.txt",
        "constraints.txt",
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        ".github/pull_request_template.md",
        ".github/CODEOWNERS",
        "editor-guide/id/README.md",
        "editor-guide/en/README.md",
    ):
        assert (jayapura / rel).is_file(), rel
    makefile = (jayapura / "Makefile").read_text(encoding="utf-8")
    for target in ("site", "check", "test", "serve", "report", "publish", "docs"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert str(ROOT) not in makefile and "-e " not in makefile
    from ruangaman.editor.init_site import version

    assert f"ruangaman=={version()}" in (jayapura / "requirements.txt").read_text(encoding="utf-8")
    # every package under it pinned as this repository pins it, and installed with the pins
    pins = (jayapura / "constraints.txt").read_text(encoding="utf-8").splitlines()
    ours = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert [p for p in pins if not p.startswith("#")] == [p for p in ours if not p.startswith("#")]
    assert "mkdocs-material==9.8.1" in pins and "Markdown==" in "\n".join(pins)
    assert "-c constraints.txt -r requirements.txt" in makefile
    readme = (jayapura / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make check" in readme
    check = (jayapura / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "pull_request:" in check and "secrets." not in check
    assert not re.search(r"^\s*pull_request_target:", check, re.M)
    # a git repository whose first commit holds everything written
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=jayapura, capture_output=True, text=True, check=True
    )
    assert log.stdout.strip() == "ruangaman init"
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=jayapura, capture_output=True, text=True
    )
    assert status.stdout == ""


def test_nothing_of_kubu_raya_stays(jayapura):
    assert _leaks(jayapura) == []
    schema = (jayapura / "content/schema/service.schema.json").read_text(encoding="utf-8")
    assert "0967 xxxxxx" in schema and "UPTD PPA Kota Jayapura" in schema
    about = (jayapura / "docs/tentang.en.md").read_text(encoding="utf-8")
    assert "published by **Pemerintah Kota Jayapura**" in about
    # a wrong number's fix names Jayapura's area code (libphonenumber), not Kubu Raya's
    service = jayapura / "content/services/contoh-layanan.yml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text + "phones:\n  - number: '0967 12'\n    type: voice\n", "utf-8")
    try:
        _, _, report = check_project(jayapura)
    finally:
        service.write_text(text, encoding="utf-8")
    fixes = [p.fix("en") for p in report.errors if p.code in ("bad_phone", "phone_incomplete")]
    assert fixes and "for example 0967 for Jayapura" in fixes[0]


def test_make_docs_and_new_keep_the_regions_examples(jayapura, tmp_path):
    copy = tmp_path / "docs-copy"
    shutil.copytree(jayapura, copy)
    assert main(["docs", "--project", str(copy)]) == 0
    for kind in ("service", "hotline"):
        assert main(["new", kind, "Layanan Baru", "--project", str(copy)]) == 0
    written = (copy / "content/services/layanan-baru.yml").read_text(encoding="utf-8")
    assert "UPTD PPA Kota Jayapura" in written and "0967 xxxxxx" in written
    assert _leaks(copy) == []


def test_the_messages_an_editor_gets_name_the_regions_examples(jayapura, tmp_path, capsys):
    """What `new`, `import` and `check` tell an editor of another regency gives examples of
    that regency (its office, its area code), none of Kubu Raya's, in both languages."""
    copy = tmp_path / "messages"
    shutil.copytree(jayapura, copy)
    said = []
    for lang in ("id", "en"):
        assert main(["new", "service", "???", "--project", str(copy), "--lang", lang]) == 1
        said.append(capsys.readouterr().err)
    assert '"UPTD PPA Kota Jayapura"' in said[0] + said[1], said
    sheet = tmp_path / "layanan.csv"
    sheet.write_text(
        "slug,name.id,status,phones\nbaru,Pos Baru,unverified,(voice)\n", encoding="utf-8"
    )
    for lang in ("id", "en"):
        assert main(["import", "--project", str(copy), "--lang", lang, str(sheet)]) == 1
        err = capsys.readouterr().err
        assert "0967 xxxxxx (voice)" in err, err
        said.append(err)
    site = copy / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("91.71", "91.99"), "utf-8")
    for lang in ("id", "en"):
        assert main(["check", "--project", str(copy), "--lang", lang]) == 1
        err = capsys.readouterr().err
        assert "91.99" in err, err
        said.append(err)
    for text in said:
        assert [w for w in LEAKS if w in text] == [], text
        assert "Traceback" not in text


def test_the_folder_builds_after_a_move(jayapura, tmp_path):
    """Copied elsewhere (another machine), its own `make check` and `make site` work."""
    moved = tmp_path / "elsewhere" / "ruangaman-jayapura"
    shutil.copytree(jayapura, moved)
    for target in ("check", "site"):
        result = subprocess.run(
            ["make", target, *_this_venv(moved)],
            cwd=moved,
            capture_output=True,
            text=True,
            timeout=300,
            env=_this_code(),
        )
        assert result.returncode == 0, result.stdout + result.stderr
    site = moved / "site"
    assert (site / "layanan/kecamatan/jayapura-utara/index.html").is_file()
    assert "Kubu Raya" not in _text_of(site)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("91.71", ("0967",)), ("11.01", ("0656", "0657")), ("34.04", ("0274",)), ("61.12", ())],
)
def test_area_codes_come_from_libphonenumber_or_not_at_all(code, expected):
    """Kota Jayapura by its name, Aceh Selatan by its kecamatan (Tapaktuan, Bakongan), Sleman by
    its province (Yogyakarta); Kubu Raya's names are not in libphonenumber: no code is guessed."""
    from ruangaman.validate.examples import example_number, region_area_codes
    from ruangaman.validate.region import load_region

    region = load_region(code)
    assert region_area_codes(region) == expected
    assert example_number(region) == f"{expected[0] if expected else '0xxx'} xxxxxx"


def test_a_linked_site_file_is_not_read_for_examples(jayapura, tmp_path):
    """The region whose examples an editor's tool writes comes from content/site.yml read by
    the file rules: a link in its place (to another district's settings) is not followed."""
    copy = tmp_path / "linked"
    shutil.copytree(jayapura / "content", copy / "content")
    elsewhere = tmp_path / "elsewhere.yml"
    shutil.move(copy / "content/site.yml", elsewhere)
    (copy / "content/site.yml").symlink_to(elsewhere)
    assert site_region(jayapura).code == "91.71"
    assert site_region(copy) is None
    assert site_examples(copy) == {"example_name": "UPTD PPA", "example_phone": "0xxx xxxxxx"}
