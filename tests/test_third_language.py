"""Any number of languages (issue 14): the shipped site with a third language added as
configuration plus files (`ms` in content/site.yml and mkdocs.yml, its interface text in
content/interface/ms.yml, one page translated) builds every page type under /ms/, in that
language's interface, with fallbacks marked, three-way alternates, its own search index, and
axe and the Nu HTML Checker clean; and what `check` says of a language without interface text
or of a site's table with mistakes in it, exactly."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PUBLISHED_SITE_YML, ROOT, TODAY
from pages import PAGE_TYPES
from test_accessibility import AXE, nu_errors

from ruangaman.cli import main
from ruangaman.editor.new import new_interface
from ruangaman.editor.spreadsheet import export_rows
from ruangaman.validate import check_project

MARK = "[ms] "  # every text of the fixture's Malay table starts so: what came from it is seen
I18N_MS = "        - locale: ms\n          name: Bahasa Melayu\n          build: true\n"


def _marked(value):
    if isinstance(value, dict):
        return {k: _marked(v) for k, v in value.items()}
    return MARK + value


def add_language(root: Path, code: str = "ms") -> None:
    """What an editor and a maintainer do to add a language: the site's `languages`, the i18n
    plugin's entry, the interface table written by `ruangaman new interface` and translated."""
    site = root / "content/site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(
        re.sub(r"^languages: \[(.*)\]$", rf"languages: [\1, {code}]", text, flags=re.M),
        encoding="utf-8",
    )
    mkdocs = root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    english = "        - locale: en\n          name: English\n          build: true\n"
    assert english in text
    entry = I18N_MS.replace("ms", code)
    mkdocs.write_text(text.replace(english, english + entry), "utf-8")
    path, problems = new_interface(root, code)
    assert path is not None, problems
    written = path.read_text(encoding="utf-8")
    head = "".join(line for line in written.splitlines(True) if line.startswith("#"))
    body = yaml.safe_dump(_marked(yaml.safe_load(written)), allow_unicode=True, sort_keys=False)
    path.write_text(head + body, encoding="utf-8")


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    """A copy of the shipped project with Malay added; its home page translated."""
    root = tmp_path_factory.mktemp("three") / "project"
    root.mkdir()
    for part in ("content", "docs", "overrides"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    add_language(root)
    with (root / "content/site.yml").open("a", encoding="utf-8") as out:
        out.write("url: https://ruangaman.contoh.test/\n")  # so that a sitemap is written
    (root / "docs/index.ms.md").write_text(
        "---\ntitle: Laman utama\n---\n\nSelamat datang ke Ruang Aman. Perkhidmatan sokongan.\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def site(three) -> Path:
    from ruangaman.build import run_mkdocs_build

    return run_mkdocs_build(three, three / "site")


def html(site: Path, path: str) -> str:
    target = site / path
    if not path.endswith(".html"):
        target = target / "index.html"
    return target.read_text(encoding="utf-8")


def test_every_page_of_every_language_is_built_under_ms(site):
    english = sorted(p.relative_to(site / "en") for p in (site / "en").rglob("*.html"))
    malay = sorted(p.relative_to(site / "ms") for p in (site / "ms").rglob("*.html"))
    assert len(english) > 30 and malay == english
    for kind, path in PAGE_TYPES.items():
        page = html(site, "ms/" + path)
        assert '<html lang="ms"' in page, kind
        assert MARK in page, kind  # the interface is the Malay table's


def test_the_interface_of_ms_comes_from_its_table_and_leaks_into_no_other_language(site):
    page = html(site, "ms/hotline/")
    table = yaml.safe_load((site.parent / "content/interface/ms.yml").read_text("utf-8"))
    assert table["exit_button"].removeprefix(MARK) and table["exit_button"] in page
    for other in ("", "en/"):
        for path in PAGE_TYPES.values():
            assert MARK not in html(site, other + path), other + path


def test_an_untranslated_page_is_indonesian_with_the_notice_and_a_translated_one_is_not(site):
    guide = html(site, "ms/" + PAGE_TYPES["guide"])
    table = yaml.safe_load((site.parent / "content/interface/ms.yml").read_text("utf-8"))
    assert table["page_fallback_notice"] in guide
    assert '<div lang="id">' in guide
    home = html(site, "ms/")
    assert "Selamat datang ke Ruang Aman." in home
    assert "ra-notice--fallback" not in home
    service = html(site, "ms/" + PAGE_TYPES["service"])
    assert table["fallback_notice"] in service  # its description is written in id and en only


def test_the_switcher_lists_every_language_and_pages_link_within_their_own(site):
    for kind, path in PAGE_TYPES.items():
        if path.endswith(".html"):
            continue  # the 404 page links by absolute paths from the site's root
        page = html(site, "ms/" + path)
        langs = re.findall(r'hreflang="([a-z]+)" class="md-select__link"', page)
        assert langs == ["id", "en", "ms"], kind
        outside = [
            href
            for tag, href in re.findall(r'(<a [^>]*href="([^"]+)"[^>]*>)', page)
            if "md-select__link" not in tag and re.search(r"(^|/)en/", href)
        ]
        assert outside == [], kind  # no English page is linked as if it were the reader's


def test_sitemap_alternates_and_404_and_search_cover_the_third_language(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, flags=re.S)
    assert entries
    by_address = {re.search(r"<loc>(.*?)</loc>", e).group(1): e for e in entries}
    base = "https://ruangaman.contoh.test/"
    # The home page is written in Malay: its versions are all three. A guide shown in
    # Indonesian on the Malay side is no translation: not advertised, not listed as Malay.
    assert re.findall(r'hreflang="([a-z]+)"', by_address[base]) == ["id", "en", "ms"]
    assert re.findall(r'hreflang="([a-z]+)"', by_address[base + "ms/"]) == ["id", "en", "ms"]
    guide = base + PAGE_TYPES["guide"]
    assert re.findall(r'hreflang="([a-z]+)"', by_address[guide]) == ["id", "en"]
    assert base + "ms/" + PAGE_TYPES["guide"] not in by_address
    for entry in entries:
        assert len(re.findall(r'hreflang="([a-z]+)"', entry)) >= 2
    assert '<html lang="ms"' in html(site, "ms/404.html")
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["ms"]["page_count"] == entry["languages"]["id"]["page_count"]


def test_open_data_and_spreadsheets_carry_every_language(three, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(three, root, ignore=shutil.ignore_patterns("site", ".staging"))
    service = root / "content/services/uptd-ppa-kubu-raya.yml"
    text = service.read_text(encoding="utf-8")
    text = text.replace(
        "description:\n  id: >-", "description:\n  ms: Unit perkhidmatan.\n  id: >-"
    )
    service.write_text(text, encoding="utf-8")
    header, rows = export_rows(root, "services")
    assert {"description.id", "description.en", "description.ms", "name"} <= set(header)
    row = next(r for r in rows if r[0] == "uptd-ppa-kubu-raya")
    assert row[header.index("description.ms")] == "Unit perkhidmatan."
    _, checked, report = check_project(root, today=TODAY)
    assert not report.errors, report.format("en")
    from ruangaman.render.opendata import export_files

    api = json.loads(export_files(checked)["api/services.json"])
    (uptd,) = [s for s in api["services"] if s["slug"] == "uptd-ppa-kubu-raya"]
    assert uptd["description"]["ms"] == "Unit perkhidmatan."


@pytest.mark.browser
def test_axe_finds_no_violation_on_any_ms_page_type(browser, serve, site):
    base = serve(site)
    page = browser.new_page(viewport={"width": 360, "height": 800}, bypass_csp=True)
    found = {}
    for kind, path in PAGE_TYPES.items():
        page.goto(base + "ms/" + path)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            found.setdefault(kind, []).append(violation["id"])
    page.close()
    assert found == {}


@pytest.mark.browser
def test_search_in_a_language_without_a_stemmer_finds_its_exact_words(browser, serve, site):
    base = serve(site)
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(base + "ms/")
    page.click(".ra-search__open")
    page.fill(".pagefind-ui__search-input", "perkhidmatan")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    page.close()
    assert links == [base + "ms/"]  # the Malay home page, from the Malay index only


@pytest.mark.vnu
def test_nu_html_checker_finds_no_error_in_the_ms_pages(site):
    assert list((site / "ms").rglob("*.html"))
    assert nu_errors(site / "ms") == []


# --- what check says -------------------------------------------------------------------------


def _site_with(project, languages: str) -> None:
    project.write("content/site.yml", PUBLISHED_SITE_YML.replace("languages: [id, en]", languages))
    if "ms" in languages:  # what mkdocs.yml builds must be the site's languages
        mkdocs = project.root / "mkdocs.yml"
        english = "        - locale: en\n          name: English\n          build: true\n"
        mkdocs.write_text(mkdocs.read_text("utf-8").replace(english, english + I18N_MS), "utf-8")


def test_a_language_without_interface_text_is_refused_with_the_steps(project, capsys):
    _site_with(project, "languages: [id, en, bjn]")
    assert main(["check", "--project", str(project.root), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert (
        "✗ content/site.yml, line 3, field `languages[2]`\n"
        "  The site has the language `bjn`, but there is no interface text in it (the words of "
        "the buttons, menus and notices).\n"
        "  How to fix: Create the file with `ruangaman new interface bjn`: it holds every "
        "interface text in Indonesian; translate each one, keep every placeholder in curly "
        "brackets as it is, and save it as content/interface/bjn.yml. Or remove `bjn` from "
        "`languages`."
    ) in err
    assert main(["new", "interface", "bjn", "--project", str(project.root), "--lang", "en"]) == 0
    assert "New file: content/interface/bjn.yml" in capsys.readouterr().out
    _, _, report = check_project(project.root, today=TODAY)
    assert "language_without_table" not in [p.code for p in report.problems]


@pytest.mark.parametrize(
    "line,code,what",
    [
        ("call: [1, 2]\n", "interface_not_text", "`call` must be one text."),
        ("cal: Panggil\n", "interface_unknown_key", "The interface has no text called `cal`. "),
        ("call: <b>Panggil</b>\n", "interface_markup", "`call` holds `<` or `>`"),
        (
            "service_count: {other: '{count} perkhidmatan'}\n",
            "interface_placeholders",
            "`service_count.other` must keep exactly the placeholders of the Indonesian text: {n}.",
        ),
        (
            "service_count: {other: '{n.__class__} perkhidmatan'}\n",
            "interface_placeholders",
            "`service_count.other` must keep exactly the placeholders",
        ),
        ("service_count: {other: '{n perkhidmatan'}\n", "interface_placeholders", "`service_"),
        ("days: Isnin\n", "interface_not_table", "This is not a table of interface texts"),
    ],
)
def test_a_mistake_in_a_sites_interface_table_is_located_and_left_out(project, line, code, what):
    _site_with(project, "languages: [id, en, ms]")
    project.write("content/interface/ms.yml", "exit_button: Keluar segera\n" + line)
    _, site, report = check_project(project.root, today=TODAY)
    (problem,) = [p for p in report.problems if p.code == code]
    assert (problem.file, problem.line) == ("content/interface/ms.yml", 2)
    assert problem.what("en").startswith(what), problem.what("en")
    # What is wrong is left out: Indonesian is shown there; what is right is used.
    strings = site.interface.strings("ms")
    assert strings["exit_button"] == "Keluar segera"
    indonesian = site.interface.strings("id")
    key = line.split(":")[0]
    if key in indonesian:
        assert strings[key] == indonesian[key]


def test_an_incomplete_table_is_one_warning_and_the_rest_is_indonesian(project):
    _site_with(project, "languages: [id, en, ms]")
    project.write("content/interface/ms.yml", "exit_button: Keluar segera\n")
    _, site, report = check_project(project.root, today=TODAY)
    (warning,) = [p for p in report.problems if p.code == "interface_incomplete"]
    assert warning.severity == "warning" and not report.errors
    assert warning.what("en").endswith(", ….")
    assert site.interface.strings("ms")["call"] == site.interface.strings("id")["call"]


@pytest.mark.parametrize("name", ["Melayu.yml", "m.yml", "ms-pontianak.yml", "MS.yml", "ms.yaml"])
def test_a_table_not_named_by_a_language_code_is_refused(project, name):
    project.write(f"content/interface/{name}", "exit_button: Keluar\n")
    _, _, report = check_project(project.root, today=TODAY)
    assert [p.file for p in report.problems if p.code == "interface_file_name"] == [
        f"content/interface/{name}"
    ]


def test_a_packaged_language_cannot_be_replaced_by_a_site_table(project):
    project.write("content/interface/en.yml", "exit_button: Leave\n")
    _, site, report = check_project(project.root, today=TODAY)
    assert [p.code for p in report.problems if p.file == "content/interface/en.yml"] == [
        "interface_packaged"
    ]
    assert site.interface.strings("en")["exit_button"] != "Leave"


def test_text_and_pages_in_a_language_the_site_does_not_have_are_told(project):
    project.write("docs/index.fr.md", "---\ntitle: Accueil\n---\n\nBienvenue.\n")
    _, _, report = check_project(project.root, today=TODAY)
    (page,) = [p for p in report.problems if p.code == "page_language_not_in_site"]
    assert page.what("en") == (
        "This page is in `fr`, which is not one of the site's languages (id, en), so it is not "
        "published."
    )


def test_a_language_with_a_three_letter_code_builds_too(project):
    """Most of Indonesia's languages have only an ISO 639-3 code (Banjar: bjn), which
    mkdocs-static-i18n and Material do not know: `build.workarounds` lets them through."""
    from ruangaman.build import run_mkdocs_build

    project.write("content/site.yml", PUBLISHED_SITE_YML)
    add_language(project.root, "bjn")
    site = run_mkdocs_build(project.root, project.root / "site")
    page = (site / "bjn/index.html").read_text(encoding="utf-8")
    assert '<html lang="bjn"' in page and MARK in page
    assert re.findall(r'hreflang="([a-z]+)" class="md-select__link"', page) == ["id", "en", "bjn"]
    assert '<html lang="id"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_third_languages_translation_is_marked_and_goes_stale_like_any_other(project, capsys):
    """Freshness (`validate.freshness`) for a language added by configuration: the Malay page
    is marked with `ruangaman translated`, then the Indonesian page changes: the Malay page
    says so in Malay (its table's words) and the report lists it."""
    from ruangaman.build import run_mkdocs_build
    from ruangaman.editor.report import report_project

    project.write("content/site.yml", PUBLISHED_SITE_YML)
    add_language(project.root)
    project.write(
        "docs/panduan/uji.ms.md",
        "---\ntitle: Panduan ujian\nsummary: Ringkasan.\ntopics: [kdrt]\n"
        "reviewed_on: 2026-11-01\nsources: [UU 23/2004]\n---\n\nIsi.\n",
    )
    root = str(project.root)
    assert main(["translated", "--project", root, "docs/panduan/uji.ms.md"]) == 0
    capsys.readouterr()
    _, text, _ = report_project(project.root, "en", "text", 12, TODAY)
    assert "uji.ms.md" not in text.split("Translations that may be older")[-1]
    guide = project.root / "docs/panduan/uji.id.md"
    guide.write_text(guide.read_text("utf-8").replace("Isi panduan uji.", "Isi baru."), "utf-8")
    _, text, _ = report_project(project.root, "en", "text", 12, TODAY)
    assert "docs/panduan/uji.ms.md" in text.split("Translations that may be older")[-1]
    site = run_mkdocs_build(project.root, project.root / "site")
    page = (site / "ms/panduan/uji/index.html").read_text(encoding="utf-8")
    table = yaml.safe_load((project.root / "content/interface/ms.yml").read_text("utf-8"))
    assert table["stale_translation_notice"] in page
    assert table["stale_translation_notice"] not in (site / "en/panduan/uji/index.html").read_text()
