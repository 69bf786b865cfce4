"""One source for the site's languages: content/site.yml `languages`, which the i18n plugin's
configuration in mkdocs.yml must match (the build stops, located and with the fix, when not);
and one URL policy (`paths.SiteUrls`) that puts the main language at the root."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import SITE_YML, TODAY

from ruangaman.cli import main
from ruangaman.paths import SiteUrls, page_url, relative_url
from ruangaman.validate import check_project

ONLY_ID = SITE_YML.replace("languages: [id, en]", "languages: [id]")
ENGLISH_FIRST = SITE_YML.replace("languages: [id, en]", "languages: [en, id]")
ENGLISH_ENTRY = "        - locale: en\n          name: English\n          build: true\n"


def _indonesian_only(mkdocs_yml: str) -> str:
    assert ENGLISH_ENTRY in mkdocs_yml
    return mkdocs_yml.replace(ENGLISH_ENTRY, "")


def test_a_site_in_indonesian_only_is_not_built_in_english_too(project, capsys):
    """The bug: site.yml said `languages: [id]` and the i18n plugin still built English."""
    project.write("content/site.yml", ONLY_ID)
    assert main(["build", "--project", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert "content/site.yml, baris 3, kolom `languages`" in err
    assert "plugins → i18n → languages: id, en" in err and "mkdocs.yml" in err
    assert not (project.root / "site").exists()
    assert main(["check", "--project", str(project.root), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "content/site.yml, line 3, field `languages`" in err
    assert "`languages: [id, en]`" in err  # what to write here instead


def test_the_main_language_is_the_i18n_default(project):
    project.write("content/site.yml", ENGLISH_FIRST)
    errors = check_project(project.root, today=TODAY)[2].errors
    assert [(p.code, p.file, p.line, p.field) for p in errors] == [
        ("site_languages_i18n", "content/site.yml", 3, "languages")
    ]
    assert "main language en" in errors[0].what("en") and "default id" in errors[0].what("en")


def test_with_one_language_in_both_the_site_has_no_english_anywhere(project):
    project.write("content/site.yml", ONLY_ID)
    project.remove("docs/index.en.md")
    project.remove("docs/panduan/uji.en.md")
    mkdocs = project.root / "mkdocs.yml"
    mkdocs.write_text(_indonesian_only(mkdocs.read_text("utf-8")), encoding="utf-8")
    assert main(["build", "--project", str(project.root)]) == 0
    site = project.root / "site"
    assert (site / "layanan" / "layanan-uji" / "index.html").is_file()
    assert (site / "404.html").is_file()
    assert not (site / "en").exists()
    home = (site / "index.html").read_text("utf-8")
    assert 'lang="id"' in home and not re.search(r'href="[^"]*\ben/', home)
    assert '"en/' not in (site / "sw.js").read_text("utf-8")


def test_plain_mkdocs_started_with_another_file_is_checked_too(project):
    """`check` compares the project's mkdocs.yml; MkDocs may be started with another file, and
    the plugin compares the i18n configuration MkDocs actually loaded."""
    other = project.root / "mkdocs-id.yml"
    other.write_text(_indonesian_only((project.root / "mkdocs.yml").read_text("utf-8")), "utf-8")
    ran = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(other)],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert ran.returncode != 0
    assert "content/site.yml, baris 3, kolom `languages`" in ran.stderr
    assert "(id, en; bahasa utama id)" in ran.stderr and "languages: id; bawaan id" in ran.stderr
    assert not (project.root / "site" / "index.html").exists()


# --- the URL policy --------------------------------------------------------------------------


def test_pages_are_directory_urls_and_links_are_relative():
    assert [page_url(n) for n in ("index", "layanan/index", "hotline")] == [
        "",
        "layanan/",
        "hotline/",
    ]
    assert relative_url("layanan/x", "index") == "../../"
    assert relative_url("index", "layanan/index") == "layanan/"
    assert relative_url("hotline", "hotline") == "./"


@pytest.mark.parametrize(
    ("languages", "lang", "site_path", "asset"),
    [
        (("id", "en"), "id", "layanan/x/", "../../api/services.json"),
        (("id", "en"), "en", "en/layanan/x/", "../../../api/services.json"),
        (("en", "id"), "en", "layanan/x/", "../../api/services.json"),
        (("en", "id"), "id", "id/layanan/x/", "../../../api/services.json"),
    ],
)
def test_the_main_language_is_at_the_root_the_others_in_their_folder(
    languages, lang, site_path, asset
):
    urls = SiteUrls(languages, "https://dinas.example/situs")
    assert urls.site_path(lang, "layanan/x") == site_path
    assert urls.absolute(lang, "layanan/x") == "https://dinas.example/situs/" + site_path
    assert urls.asset(lang, "layanan/x", "api/services.json") == asset
    assert urls.folder("/srv/site", lang) == "/srv/site/" + site_path.removesuffix("layanan/x/")
    assert SiteUrls(languages).absolute(lang, "layanan/x") is None  # no address: no full URL


def test_a_site_needs_languages_and_each_once():
    with pytest.raises(ValueError):
        SiteUrls(())
    with pytest.raises(ValueError):
        SiteUrls(("id", "id"))
