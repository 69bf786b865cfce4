"""Issue 14, translation freshness: a translation records which version of its Indonesian source
it translates (`translated_from:`, written by `ruangaman translated`); when the source changes,
`ruangaman report` lists it and the page tells readers it may be older, linking to the source."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import GUIDE_ID, TODAY

from ruangaman.cli import main
from ruangaman.editor.report import report_project
from ruangaman.editor.translated import EditRefused, set_page_mark
from ruangaman.problems import format_problem
from ruangaman.validate import check_project
from ruangaman.validate.freshness import CURRENT, page_translations, text_mark

NOTICE = {
    "en": "This translation may be older than the Indonesian page.",
}
LINK = "Read the Indonesian page"


def _build(project) -> Path:
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    return site


def _notice(page: Path) -> re.Match | None:
    html = page.read_text(encoding="utf-8")
    return re.search(
        r'<p class="ra-notice ra-notice--fallback" role="note">([^<]*) <a href="([^"]+)">'
        r"([^<]*)</a></p>",
        html,
    )


def _report(project, lang: str = "en") -> tuple[int, str]:
    code, text, _ = report_project(project.root, lang, "text", 12, TODAY)
    return code, text


# --- the rule ------------------------------------------------------------------------------------


def test_a_mark_ignores_whitespace_and_sees_every_other_change():
    mark = text_mark("Judul", "Ringkasan.", "Satu dua.\n\nTiga.")
    assert re.fullmatch(r"[0-9a-f]{8}", mark)
    assert text_mark(" Judul ", "Ringkasan.", "Satu\n  dua.  \n\n\n\tTiga.\n") == mark
    assert text_mark("Judul", "Ringkasan.", "Satu dua.\n\nTiga!") != mark
    assert text_mark("Judul baru", "Ringkasan.", "Satu dua.\n\nTiga.") != mark
    assert text_mark("Judul", "Ringkasan lain.", "Satu dua.\n\nTiga.") != mark


# --- the command: a text edit that keeps every other byte ---------------------------------------


def test_marking_adds_or_replaces_one_line_and_keeps_every_other_byte():
    text = "---\ntitle: Home  # kept\nsummary: 'S'\n---\n\nWelcome.\n\n<!-- -->  \n"
    added = set_page_mark(text, "0123abcd")
    assert added == text.replace("summary: 'S'\n", "summary: 'S'\ntranslated_from: \"0123abcd\"\n")
    replaced = set_page_mark(added.replace('"0123abcd"', "deadbeef  # old"), "89abcdef")
    assert replaced == added.replace('"0123abcd"', '"89abcdef"  # old')
    for refused in ("No front matter.\n", "---\ntranslated_from: a\ntranslated_from: b\n---\n"):
        with pytest.raises(EditRefused):
            set_page_mark(refused, "0123abcd")


def test_the_command_marks_a_stale_translation_and_refuses_what_is_no_translation(project, capsys):
    root = str(project.root)
    before = (project.root / "docs/panduan/uji.en.md").read_bytes()
    project.write("docs/panduan/uji.id.md", GUIDE_ID.replace("Isi panduan", "Isi baru panduan"))
    assert main(["translated", "--project", root, "--lang", "en", "docs/panduan/uji.en.md"]) == 0
    out = capsys.readouterr().out
    mark = re.search(r"\(([0-9a-f]{8})\)", out).group(1)
    assert "Marked docs/panduan/uji.en.md as a translation of its source as it is now" in out
    assert "It was marked as translating an older version" in out
    after = (project.root / "docs/panduan/uji.en.md").read_bytes()
    old = re.search(rb'translated_from: "([0-9a-f]{8})"', before).group(1).decode()
    assert after == before.replace(old.encode(), mark.encode())
    assert main(["translated", "--project", root, "docs/panduan/uji.id.md", "docs/x.en.md"]) == 1
    err = capsys.readouterr().err
    assert "docs/panduan/uji.id.md adalah halaman dalam bahasa utama" in err
    assert "docs/x.en.md bukan terjemahan yang dimiliki situs ini" in err
    assert (project.root / "docs/panduan/uji.en.md").read_bytes() == after


def test_all_marks_only_the_unmarked_translations(project, capsys):
    project.write("docs/index.en.md", "---\ntitle: Home\n---\n\nWelcome.\n")
    project.write("docs/panduan/uji.id.md", GUIDE_ID.replace("Isi panduan", "Isi baru panduan"))
    stale = (project.root / "docs/panduan/uji.en.md").read_bytes()
    assert main(["translated", "--project", str(project.root), "--all"]) == 0
    assert "docs/index.en.md" in capsys.readouterr().out
    home = (project.root / "docs/index.en.md").read_text(encoding="utf-8")
    marked = r'---\ntitle: Home\ntranslated_from: "[0-9a-f]{8}"\n---\n\nWelcome.\n'
    assert re.fullmatch(marked, home)
    assert (project.root / "docs/panduan/uji.en.md").read_bytes() == stale  # named one by one


# --- what readers and editors see --------------------------------------------------------------


def test_a_changed_source_shows_the_notice_and_is_reported_until_marked_again(project):
    guide = project.root / "docs/panduan/uji.en.md"
    assert _report(project)[0] == 0
    site = _build(project)
    assert _notice(site / "en/panduan/uji/index.html") is None

    # Whitespace only: nothing to tell.
    project.write("docs/panduan/uji.id.md", GUIDE_ID.replace("uji. Lihat", "uji.\n   Lihat  "))
    assert _report(project)[0] == 0

    project.write("docs/panduan/uji.id.md", GUIDE_ID.replace("Isi panduan", "Isi baru panduan"))
    code, text = _report(project)
    assert code == 1
    assert "Translations that may be older than their Indonesian text (1)" in text
    assert (
        "docs/panduan/uji.en.md  docs/panduan/uji.id.md changed after this translation was "
        "marked: bring the translation up to date, then run "
        "`ruangaman translated docs/panduan/uji.en.md`"
    ) in text
    _, indonesian = _report(project, "id")
    assert "Terjemahan yang mungkin lebih lama daripada teks bahasa Indonesianya (1)" in indonesian

    site = _build(project)
    page = site / "en/panduan/uji/index.html"
    found = _notice(page)
    assert found is not None and found.group(1) == NOTICE["en"] and found.group(3) == LINK
    # The notice comes right after the title, and its link reaches the Indonesian page.
    html = page.read_text(encoding="utf-8")
    assert html.index("ra-notice--fallback") > html.index("<h1")
    target = urljoin("http://site/en/panduan/uji/", found.group(2))
    assert target == "http://site/panduan/uji/"
    assert (site / "panduan/uji/index.html").is_file()
    assert _notice(site / "panduan/uji/index.html") is None  # never on the source itself
    assert _notice(site / "en/index.html") is None  # nor on a current translation

    assert main(["translated", "--project", str(project.root), str(guide)]) == 0
    assert _report(project)[0] == 0
    assert _notice(_build(project) / "en/panduan/uji/index.html") is None


def test_an_unmarked_translation_is_reported_but_not_shown_as_old(project):
    project.write("docs/index.en.md", "---\ntitle: Home\n---\n\nWelcome.\n")
    code, text = _report(project)
    assert code == 1
    assert (
        "docs/index.en.md  not marked as translated: compare it with docs/index.id.md, then run "
        "`ruangaman translated docs/index.en.md`"
    ) in text
    assert _notice(_build(project) / "en/index.html") is None


HOSTILE = [
    ('"<script>x</script>"', "<script>x</script>"),
    ('"3F2A9C1B"', "3F2A9C1B"),  # one spelling: the command writes lower case
    ("3f2a9c1", "3f2a9c1"),
    ("12345678901", "12345678901"),  # a number to YAML, too long as a mark
    ('"3f2a9c1b ; rm -rf /"', "3f2a9c1b ; rm -rf /"),
    ('"../../etc/passwd/xxxxxxxxxxx"', "../../etc/passwd/xxx"),  # shown cut at 20 characters
]


@pytest.mark.parametrize(("value", "shown"), HOSTILE)
def test_a_malformed_mark_is_refused_with_the_file_line_and_fix(project, value, shown):
    project.write("docs/index.en.md", f"---\ntitle: Home\ntranslated_from: {value}\n---\n\nHi.\n")
    _, site, report = check_project(project.root, today=TODAY)
    [problem] = [p for p in report.errors if p.file == "docs/index.en.md"]
    where = (problem.code, problem.line, problem.field)
    assert where == ("bad_translation_mark", 3, "translated_from")
    shown_value = shown
    assert format_problem(problem, "en") == (
        "✗ docs/index.en.md, line 3, field `translated_from`\n"
        f'  "{shown_value}" is not a translation mark. A mark is 8 characters, digits 0-9 and '
        "letters a-f, that `ruangaman translated` writes: which version of the Indonesian text "
        "this translation translates.\n"
        "  How to fix: Do not type it by hand. Delete the line, then, once the translation says "
        "what the Indonesian text says, run `ruangaman translated docs/index.en.md`: it writes "
        "the right mark."
    )
    assert format_problem(problem, "id").splitlines()[1] == (
        f'  "{shown_value}" bukan tanda terjemahan. Tanda terjemahan berupa 8 karakter, angka 0-9 '
        "dan huruf a-f, yang ditulis `ruangaman translated`: versi teks bahasa Indonesia mana yang "
        "diterjemahkan terjemahan ini."
    )


def test_a_mark_in_the_main_language_is_a_warning(project):
    page = '---\ntitle: Beranda\ntranslated_from: "0123abcd"\n---\n\nX.\n'
    project.write("docs/index.id.md", page)
    _, _, report = check_project(project.root, today=TODAY)
    [problem] = [p for p in report.warnings if p.code == "mark_on_source"]
    assert (problem.file, problem.line, problem.field) == (
        "docs/index.id.md",
        3,
        "translated_from",
    )


def test_the_shipped_translations_are_marked_current():
    from conftest import ROOT

    from ruangaman.load.discover import load_pages

    translations = page_translations(load_pages(ROOT)[0], ("id", "en"))
    assert len(translations) >= 13
    assert {t.page.rel: t.state for t in translations} == {
        t.page.rel: CURRENT for t in translations
    }


def test_init_keeps_a_current_translation_current(tmp_path):
    """`init` takes the same Kubu Raya sentences out of both languages: the Indonesian text
    changes, but the translation still translates it, and a new site reports nothing old."""
    from ruangaman.editor.init_site import init_site
    from ruangaman.load.discover import load_pages

    dest = tmp_path / "pontianak"
    assert init_site("61.71", dest) == []
    translations = page_translations(load_pages(dest)[0], ("id", "en"))
    assert {t.page.rel for t in translations} >= {"docs/index.en.md", "docs/tentang.en.md"}
    assert all(t.state == CURRENT for t in translations), translations


# --- two-language fields of services and hotlines -----------------------------------------------

SERVICE_MARKED = f"""\
name: Layanan Uji
organization:
  name: Lembaga Uji
types: [pengaduan]
description:
  id: Uraian layanan uji.   # kept
  en: Test service description.
  en_from: "{text_mark("Uraian layanan uji.")}"
fees_description: {{id: Gratis, en: Free}}
location:
  desa: Kapur
  kecamatan: Sungai Raya
phones:
  - number: 0561 123456
    type: voice
status: active
verified_on: 2026-11-01
sources:
  - Telepon uji
"""


def test_a_marked_field_reaches_no_reader_and_no_open_data(project):
    project.write("content/services/layanan-uji.yml", SERVICE_MARKED)
    assert _report(project)[0] == 0
    site = _build(project)
    mark = text_mark("Uraian layanan uji.")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".vcf", ".js"):
            assert mark not in path.read_text(encoding="utf-8"), path
            assert "en_from" not in path.read_text(encoding="utf-8"), path
    assert _notice(site / "en/layanan/layanan-uji/index.html") is None


def test_a_changed_field_shows_the_notice_on_its_page_until_marked_again(project, capsys):
    rel = "content/services/layanan-uji.yml"
    changed = SERVICE_MARKED.replace("id: Uraian layanan uji.", "id: Uraian baru layanan uji.")
    changed = changed.replace("{id: Gratis, en: Free}", "{id: Gratis sekali, en: Free}")
    project.write(rel, changed)
    code, text = _report(project)
    assert code == 1
    assert (
        "content/services/layanan-uji.yml  the Indonesian text of `description` changed after its "
        "translation `en` was marked: update it, then run "
        "`ruangaman translated content/services/layanan-uji.yml`"
    ) in text
    assert "`fees_description` changed" not in text  # never marked: not known to be old
    site = _build(project)
    found = _notice(site / "en/layanan/layanan-uji/index.html")
    assert found is not None
    assert found.group(1) == (
        "Parts of this page are translated from an older Indonesian text and may be out of date."
    )
    assert urljoin("http://site/en/layanan/layanan-uji/", found.group(2)) == (
        "http://site/layanan/layanan-uji/"
    )
    assert _notice(site / "layanan/layanan-uji/index.html") is None

    assert main(["translated", "--project", str(project.root), "--lang", "en", rel]) == 0
    out = capsys.readouterr().out
    assert "content/services/layanan-uji.yml (description.en)" in out
    assert "content/services/layanan-uji.yml (fees_description.en)" in out
    after = (project.root / rel).read_text(encoding="utf-8")
    new_mark, fees_mark = text_mark("Uraian baru layanan uji."), text_mark("Gratis sekali")
    assert after == changed.replace(
        f'en_from: "{text_mark("Uraian layanan uji.")}"', f'en_from: "{new_mark}"'
    ).replace(
        "{id: Gratis sekali, en: Free}", f'{{id: Gratis sekali, en: Free, en_from: "{fees_mark}"}}'
    )
    assert _report(project)[0] == 0
    assert _notice(_build(project) / "en/layanan/layanan-uji/index.html") is None


def test_a_mark_is_added_after_a_block_text_and_keeps_every_other_byte():
    from ruangaman.editor.translated import set_field_marks

    text = (
        "name: {id: Nama, en: Name}  # c\n"
        "description:\n"
        "  id: Uraian.\n"
        "  en: |\n"
        "    Line one.\n"
        "    Line two.\n"
        "status: active\n"
    )
    new = set_field_marks(
        text, [(("description",), "en", "0123abcd"), (("name",), "en", "89abcdef")]
    )
    assert new == (
        'name: {id: Nama, en: Name, en_from: "89abcdef"}  # c\n'
        "description:\n"
        "  id: Uraian.\n"
        "  en: |\n"
        "    Line one.\n"
        "    Line two.\n"
        '  en_from: "0123abcd"\n'
        "status: active\n"
    )


def test_a_malformed_field_mark_is_refused(project):
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_MARKED.replace(f'"{text_mark("Uraian layanan uji.")}"', '"<b>x</b>"'),
    )
    _, _, report = check_project(project.root, today=TODAY)
    [problem] = [p for p in report.errors if p.code == "bad_translation_mark"]
    assert (problem.file, problem.line, problem.field) == (
        "content/services/layanan-uji.yml",
        8,
        "description.en_from",
    )
    assert "run `ruangaman translated content/services/layanan-uji.yml`" in format_problem(
        problem, "en"
    )


def test_only_services_and_hotlines_carry_marks(project):
    """site.yml and the taxonomy are not records: validate takes no marks out of them, so
    none may be written there (it would reach the pages as text)."""
    taxonomy = (project.root / "content/taxonomy.yml").read_text(encoding="utf-8")
    marked = '{id: Pengaduan, en: Complaints, en_from: "0123abcd"}'
    project.write(
        "content/taxonomy.yml", taxonomy.replace("{id: Pengaduan, en: Complaints}", marked)
    )
    _, _, report = check_project(project.root, today=TODAY)
    [problem] = [p for p in report.errors if p.file == "content/taxonomy.yml"]
    assert problem.code == "unknown_key" and problem.field.endswith("name.en_from")


def test_the_spreadsheet_keeps_a_mark_export_then_import_changes_no_file(project, tmp_path):
    note = '    description: {id: Malam, en: Night, en_from: "0123abcd"}\n'
    with_note = SERVICE_MARKED.replace("    type: voice\n", "    type: voice\n" + note)
    project.write("content/services/layanan-uji.yml", with_note)
    before = (project.root / "content/services/layanan-uji.yml").read_bytes()
    out = tmp_path / "sheet"
    assert main(["export", "--project", str(project.root), "--out", str(out)]) == 0
    header = (out / "services.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "description.en,description.en_from" in header
    assert "phones.description.en,phones.description.en_from" in header
    assert main(["import", "--project", str(project.root), str(out / "services.csv")]) == 0
    assert (project.root / "content/services/layanan-uji.yml").read_bytes() == before
