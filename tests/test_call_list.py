"""Who to call this week (issue 13, part 1): `ruangaman report`'s call list in the order readers
see records, as text, Markdown and a printable sheet; open data saying when each record was last
confirmed (HSDS `assured_date` and `metadata`, validated against the schema); and the
`verification` column of the spreadsheet going both ways."""

from __future__ import annotations

import csv
import json
import re

import pytest
import yaml
from conftest import HOTLINE_YML, PUBLISHED_SITE_YML, ROOT, SERVICE_YML, TODAY
from test_directory_outputs import hsds_validator

from ruangaman.cli import main
from ruangaman.editor.report import report_project
from ruangaman.editor.spreadsheet import export_rows, import_sheet, write_csv
from ruangaman.render.opendata import export_files
from ruangaman.validate import check_project

FAILED_THRICE = (
    "verification:\n"
    "  - {date: 2026-11-20, time: '09:00', method: telepon, outcome: no_answer}\n"
    "  - {date: 2026-11-21, time: '14:00', method: telepon, outcome: no_answer}\n"
    "  - {date: 2026-11-22, time: '19:30', method: telepon, by: Staf DP3KB, "
    "outcome: wrong_number}\n"
)
UNVERIFIED = SERVICE_YML.replace(
    "status: active\nverified_on: 2026-11-01\n", "status: unverified\n"
)


def entry(text: str, rel: str) -> list[str]:
    """The lines of one record's entry in the text call list (its title line first)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith(f"({rel})"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("     ")), len(lines)
    )
    return lines[start:end]


@pytest.fixture
def calls(project):
    """A site with one record of every kind the call list orders, and two it leaves out."""
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    project.write(
        "content/hotlines/darurat-112.yml",
        HOTLINE_YML.replace("SAPA 129", "Darurat 112")
        .replace('"129"', '"112"')
        .replace("order: 1", "order: 2")
        + FAILED_THRICE,
    )
    project.write(
        "content/hotlines/polisi-110.yml",
        "name: {id: Polisi 110, en: Police 110}\ndescription: {id: Polisi., en: Police.}\n"
        "phones:\n  - number: '110'\norder: 3\nstatus: unverified\n",
    )
    project.write(
        "content/services/se-kabupaten.yml",
        UNVERIFIED.replace("Layanan Uji", "Layanan Kabupaten") + "serves:\n  kabupaten: true\n",
    )
    project.write("content/services/desa.yml", UNVERIFIED.replace("Layanan Uji", "Layanan Desa"))
    project.write(
        "content/services/lama.yml",
        SERVICE_YML.replace("Layanan Uji", "Layanan Lama").replace("2026-11-01", "2025-01-15"),
    )
    project.write(
        "content/services/tutup.yml",
        UNVERIFIED.replace("Layanan Uji", "Layanan Tutup").replace("unverified", "inactive"),
    )
    return project


def test_the_call_list_puts_what_readers_see_most_first_and_says_why(calls):
    code, text, _ = report_project(calls.root, "en", "text", 12, TODAY)
    assert code == 1
    listed = [line for line in text.splitlines() if line[:4].strip().rstrip(".").isdigit()]
    assert listed == [
        "  1. Darurat 112 (content/hotlines/darurat-112.yml)",
        "  2. Police 110 (content/hotlines/polisi-110.yml)",
        "  3. Layanan Kabupaten (content/services/se-kabupaten.yml)",
        "  4. Layanan Desa (content/services/desa.yml)",
        "  5. Layanan Lama (content/services/lama.yml)",
    ]
    first = text.split("  1. ")[1].split("  2. ")[0].splitlines()
    assert first[1:] == [
        "     numbers: 112 (call)",
        "     why: 3 failed attempts at different times: the site tells readers this contact "
        "may be out of date",
        "     last attempt: 2026-11-22 19:30, phone call: number wrong (Staf DP3KB)",
        "     after the call: ruangaman verify darurat-112 --kind hotline --method telepon "
        "--outcome <confirmed|changed|no_answer|wrong_number>",
    ]
    assert "     why: never confirmed\n" in text.split("  2. ")[1].split("  3. ")[0]
    assert "Layanan Tutup" not in text and "layanan-uji.yml" not in text
    assert "Contacts to call (12-month review period) (5)" in text


def test_a_failed_call_after_a_confirmation_is_listed_until_the_next_one(calls):
    calls.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML + "verification:\n  - {date: 2026-11-01, method: telepon, outcome: confirmed}\n"
        "  - {date: 2026-11-25, time: '10:00', method: telepon, outcome: no_answer}\n",
    )
    _, text, _ = report_project(calls.root, "id", "text", 12, TODAY)
    told = entry(text, "content/services/layanan-uji.yml")
    assert "     alasan: upaya gagal sejak terakhir dipastikan: 1" in told
    calls.write(
        "content/services/layanan-uji.yml",
        (calls.root / "content/services/layanan-uji.yml").read_text(encoding="utf-8")
        + "  - {date: 2026-11-27, method: telepon, outcome: confirmed}\n",
    )
    _, text, _ = report_project(calls.root, "id", "text", 12, TODAY)
    assert "layanan-uji.yml" not in text


def test_a_confirmed_record_still_marked_unverified_is_told_to_be_published(calls):
    calls.write(
        "content/services/desa.yml",
        UNVERIFIED.replace("Layanan Uji", "Layanan Desa")
        + "verification:\n  - {date: 2026-11-27, method: kunjungan, outcome: confirmed}\n",
    )
    _, text, _ = report_project(calls.root, "en", "text", 12, TODAY)
    assert (
        "     why: still status: unverified although confirmed on 2026-11-27; set status: active "
        "if the numbers are right"
    ) in entry(text, "content/services/desa.yml")


def test_the_shipped_call_list_has_polisi_110_and_every_unverified_service():
    code, text, _ = report_project(ROOT, "id", "text", 12, TODAY)
    assert code == 1
    assert "Polisi 110 (content/hotlines/polisi-110.yml)" in text
    services = sorted((ROOT / "content/services").glob("*.yml"))
    for path in services:
        assert f"(content/services/{path.name})" in text
    # Hotlines before services, and the regency-wide services before the PATBM of one desa.
    order = [text.index(f"(content/services/{p.name})") for p in services]
    assert text.index("polisi-110.yml") < min(order)
    wide = [text.index(f"({s}.yml)") for s in (
        "content/services/uptd-ppa-kubu-raya", "content/services/unit-ppa-polres-kubu-raya",
        "content/services/kpad-kubu-raya",
    )]  # fmt: skip
    patbm = [text.index(f"(content/services/{p.name})") for p in services if "patbm" in p.name]
    assert max(wide) < min(patbm)


HOSTILE_NAME = (
    'Layanan <script>alert(1)</script> | "><img src=https://x.test/a.png> [x](https://x.test)'
)


def test_markdown_shows_names_as_text_never_as_markup(calls):
    calls.write(
        "content/services/desa.yml",
        UNVERIFIED.replace("Layanan Uji", json.dumps(HOSTILE_NAME)),
    )
    code, text, _ = report_project(calls.root, "en", "markdown", 12, TODAY)
    assert code == 1
    (row,) = [line for line in text.splitlines() if "desa.yml" in line]
    assert row.startswith(
        '| 4 | Layanan \\<script\\>alert(1)\\</script\\> \\| "\\>\\<img '
        "src=https\\://x.test/a.png\\> \\[x\\](https\\://x.test) (`content/services/desa.yml`) |"
    )
    assert row.count(" | ") == 4  # five cells: the name's `|` did not open another
    assert not re.search(r"(?<!\\)[<\[]", text.split("### Pages")[0])


def test_the_printable_sheet_escapes_everything_and_fetches_nothing(calls, capsys):
    calls.write(
        "content/services/desa.yml",
        UNVERIFIED.replace("Layanan Uji", json.dumps(HOSTILE_NAME)),
    )
    out = calls.root / "daftar-telepon.html"
    code = main(["report", "--project", str(calls.root), "--format", "sheet", "--out", str(out)])
    assert code == 1
    assert capsys.readouterr().out == f"Ditulis: {out}\n"
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<!doctype html>\n<html lang="id">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "src=" not in html.replace("&lt;img src=https://x.test/a.png&gt;", "")
    assert "<link" not in html and "@import" not in html and "url(" not in html
    # One row per record to call, with empty boxes for the date, the outcome and what changed.
    assert html.count("<tr><td>") == 5
    assert html.count('<td class="fill"></td>') == 15
    assert "<th>hasil (benar / berubah / tidak diangkat / nomor salah)</th>" in html


def test_a_sheet_with_nothing_to_call_says_so(project):
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    code, html, _ = report_project(project.root, "en", "sheet", 12, TODAY)
    assert code == 0
    assert "<p>No contact needs a call.</p>" in html


# --- open data ------------------------------------------------------------------------------


def test_open_data_says_when_each_record_was_last_confirmed(calls):
    calls.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("verified_on: 2026-11-01\n", "") + "verification:\n"
        "  - {date: 2026-11-10, time: '09:00', method: telepon, by: Staf UPTD PPA, "
        "outcome: confirmed, note: nomor lama masih aktif}\n"
        "  - {date: 2026-11-25, time: '10:00', method: telepon, outcome: no_answer}\n",
    )
    _, site, report = check_project(calls.root, today=TODAY)
    assert not report.errors, report.format("en")
    files = export_files(site)
    api = {s["slug"]: s for s in json.loads(files["api/services.json"])["services"]}
    assert api["layanan-uji"]["verified_on"] == "2026-11-10"
    assert api["layanan-uji"]["verification"] == {
        "last_confirmed": "2026-11-10",
        "last_attempt": {
            "date": "2026-11-25",
            "time": "10:00",
            "method": "telepon",
            "outcome": "no_answer",
            "by": None,
        },
        "attempts": 2,
        "failed_since_confirmed": 1,
        "contact_doubtful": False,
    }
    assert "nomor lama" not in files["api/services.json"].decode()  # notes stay in the repo
    assert api["desa"]["verification"]["last_confirmed"] is None
    hotlines = {h["slug"]: h for h in json.loads(files["api/hotlines.json"])["hotlines"]}
    assert hotlines["darurat-112"]["verification"]["contact_doubtful"] is True
    assert hotlines["darurat-112"]["verification"]["failed_since_confirmed"] == 3

    hsds = {s["name"]: s for s in json.loads(files["api/hsds/services.json"])}
    validator = hsds_validator()
    for service in hsds.values():
        errors = sorted(validator.iter_errors(service), key=str)
        assert not errors, "\n".join(e.message for e in errors)
    uji = hsds["Layanan Uji"]
    assert uji["assured_date"] == "2026-11-10"
    assert [
        (m["last_action_date"], m["last_action_type"], m["replacement_value"], m["updated_by"])
        for m in uji["metadata"]
    ] == [
        ("2026-11-10", "verification_confirmed", "method: telepon; time: 09:00", "Staf UPTD PPA"),
        ("2026-11-25", "verification_no_answer", "method: telepon; time: 10:00", ""),
    ]
    assert {m["resource_id"] for m in uji["metadata"]} == {uji["id"]}
    assert len({m["id"] for m in uji["metadata"]}) == 2
    assert "metadata" not in hsds["Layanan Desa"] and "assured_date" not in hsds["Layanan Desa"]
    # The ids of the attempts stay the same when the log grows.
    calls.write(
        "content/services/layanan-uji.yml",
        (calls.root / "content/services/layanan-uji.yml").read_text(encoding="utf-8")
        + "  - {date: 2026-11-27, method: surat, outcome: confirmed}\n",
    )
    _, site, _ = check_project(calls.root, today=TODAY)
    again = {s["name"]: s for s in json.loads(export_files(site)["api/hsds/services.json"])}
    ids = [m["id"] for m in again["Layanan Uji"]["metadata"]]
    assert ids[:2] == [m["id"] for m in uji["metadata"]] and len(ids) == 3
    assert again["Layanan Uji"]["assured_date"] == "2026-11-27"


# --- the spreadsheet ------------------------------------------------------------------------


def _sheet(project, kind: str) -> tuple[list[str], list[list[str]]]:
    return export_rows(project.root, kind)


def test_the_verification_column_goes_both_ways_and_a_new_line_is_a_new_attempt(calls, tmp_path):
    header, rows = _sheet(calls, "hotlines")
    column = header.index("verification")
    row = next(r for r in rows if r[0] == "darurat-112")
    assert row[column].splitlines() == [
        "2026-11-20 09:00; telepon; no_answer",
        "2026-11-21 14:00; telepon; no_answer",
        "2026-11-22 19:30; telepon; wrong_number; Staf DP3KB",
    ]
    sheet = tmp_path / "hotlines.csv"
    write_csv(sheet, header, rows)
    result = import_sheet(calls.root, sheet, "hotlines", TODAY)
    assert not result.report.errors and result.written == []  # the round trip changes nothing
    row[column] += "\n2026-11-27 08.15; Telepon; confirmed; Staf DP3KB; nomor benar"
    write_csv(sheet, header, rows)
    result = import_sheet(calls.root, sheet, "hotlines", TODAY)
    assert not result.report.errors, result.report.format("en")
    assert result.written == ["content/hotlines/darurat-112.yml"]
    data = yaml.safe_load(
        (calls.root / "content/hotlines/darurat-112.yml").read_text(encoding="utf-8")
    )
    assert data["verification"][-1] == {
        "date": TODAY.replace(day=27),
        "time": "08:15",
        "method": "telepon",
        "outcome": "confirmed",
        "by": "Staf DP3KB",
        "note": "nomor benar",
    }
    _, site, _ = check_project(calls.root, today=TODAY)
    (darurat,) = [h for h in site.hotlines if h.slug == "darurat-112"]
    assert darurat.verified_on == TODAY.replace(day=27) and not darurat.contact_doubtful


def test_a_note_in_two_languages_is_kept_as_yaml_in_its_cell(calls, tmp_path):
    calls.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML + "verification:\n  - date: 2026-11-20\n    method: surat\n"
        "    outcome: changed\n    note: {id: alamat pindah; lihat surat, en: moved}\n",
    )
    header, rows = _sheet(calls, "services")
    row = next(r for r in rows if r[0] == "layanan-uji")
    cell = row[header.index("verification")]
    assert cell.startswith("[{") and "alamat pindah; lihat surat" in cell
    sheet = tmp_path / "services.csv"
    write_csv(sheet, header, rows)
    result = import_sheet(calls.root, sheet, "services", TODAY)
    assert not result.report.errors and result.written == []


@pytest.mark.parametrize(
    "line,message",
    [
        ("kemarin; telepon", 'The check attempt "kemarin; telepon" in column `verification` '),
        ("2026-11-27 10:00 pagi; telepon; confirmed", 'The check attempt "2026-11-27 10:00 pagi'),
        ("2026-11-27;; confirmed", 'The check attempt "2026-11-27;; confirmed"'),
        ("2026-11-27; telpon; confirmed", 'The value "telpon" is not known for the field'),
        ("2026-11-27; telepon; diangkat", 'The value "diangkat" is not known for the field'),
        ("2026-13-01; telepon; confirmed", 'The date "2026-13-01" does not exist'),
        ("2026-11-27 25:00; telepon; confirmed", 'The time "25:00" cannot be read.'),
        ("2026-12-25; telepon; confirmed", "The date 2026-12-25 is in the future"),
    ],
)
def test_a_bad_attempt_in_the_sheet_is_told_by_row_and_column_and_nothing_is_written(
    calls, tmp_path, line, message
):
    header, rows = _sheet(calls, "hotlines")
    row = next(r for r in rows if r[0] == "polisi-110")
    row[header.index("verification")] = line
    sheet = tmp_path / "hotlines.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    before = (calls.root / "content/hotlines/polisi-110.yml").read_text(encoding="utf-8")
    result = import_sheet(calls.root, sheet, "hotlines", TODAY)
    (problem,) = result.report.errors
    assert (problem.line, problem.field) == (rows.index(row) + 2, "verification")
    assert problem.what("en").startswith(message), problem.what("en")
    assert result.written == []
    assert (calls.root / "content/hotlines/polisi-110.yml").read_text(encoding="utf-8") == before
