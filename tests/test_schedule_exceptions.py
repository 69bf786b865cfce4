"""Closed days and other hours (issue 13, part 3): a schedule's exceptions, the public holidays
and cuti bersama from the `holidays` library with content/holidays.yml's changes, and a service
that closes on them shown closed, checked at chosen dates in the site's time zone."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PUBLISHED_SITE_YML, SERVICE_YML, TODAY

from ruangaman.validate import check_project
from ruangaman.validate.holidays import library_holidays

SERVICE = "content/services/layanan-uji.yml"
HOLIDAYS = "content/holidays.yml"
# Where the weekly hours end in SERVICE_YML (line 17): exceptions go after them.
HOURS_END = '      closes_at: "15:00"\n'


def with_schedule(extra: str) -> str:
    """SERVICE_YML with `extra` (lines of `schedule:`, indented two spaces) after its hours."""
    return SERVICE_YML.replace(HOURS_END, HOURS_END + extra)


def idul_fitri(year: int) -> dt.date:
    """1 Syawal of `year` as the library gives it (never a date written here by hand)."""
    names = library_holidays((year,))
    return next(d for d, n in sorted(names.items()) if n["id"].startswith("Hari Raya Idul Fitri"))


@pytest.fixture(autouse=True)
def _published(project):
    project.write("content/site.yml", PUBLISHED_SITE_YML)


def report_for(project, rel, text):
    project.write(rel, text)
    _, site, report = check_project(project.root, today=TODAY)
    return site, report


# (case id, file, text, line, field, exact "what" in id, exact "what" in en, start of id fix)
CASES = [
    (
        "ends-before-it-starts",
        SERVICE,
        with_schedule(
            "  exceptions:\n"
            "    - date: 2027-03-12\n"
            "      until: 2027-03-10\n"
            "      reason: {id: Cuti Lebaran, en: Eid leave}\n"
        ),
        20,
        "schedule.exceptions[0].until",
        "Pengecualian berakhir (2027-03-10) sebelum dimulai (2027-03-12).",
        "The exception ends (2027-03-10) before it starts (2027-03-12).",
        "`until` adalah hari terakhir pengecualian",
    ),
    (
        "impossible-date",
        SERVICE,
        with_schedule(
            "  exceptions:\n    - date: 2027-02-30\n      reason: {id: Tutup, en: Closed}\n"
        ),
        19,
        "schedule.exceptions[0].date",
        'Tanggal "2027-02-30" tidak ada atau tidak bisa dibaca.',
        'The date "2027-02-30" does not exist or cannot be read.',
        "",
    ),
    (
        "huge-range",
        SERVICE,
        with_schedule(
            "  exceptions:\n"
            "    - date: 2027-01-01\n"
            "      until: 2207-01-01\n"
            "      reason: {id: Tutup, en: Closed}\n"
        ),
        20,
        "schedule.exceptions[0].until",
        "Pengecualian berlangsung 65744 hari; paling lama 62 hari.",
        "The exception lasts 65744 days; at most 62 are allowed.",
        "Periksa tanggalnya (salah ketik tahun?).",
    ),
    (
        "overlapping",
        SERVICE,
        with_schedule(
            "  exceptions:\n"
            "    - date: 2027-02-08\n"
            "      until: 2027-03-09\n"
            '      opens_at: "08:00"\n'
            '      closes_at: "12:00"\n'
            "      reason: {id: Jam Ramadan, en: Ramadan hours}\n"
            "    - date: 2027-03-09\n"
            "      reason: {id: Tutup, en: Closed}\n"
        ),
        24,
        "schedule.exceptions[1].date",
        "Pengecualian ini berbagi hari dengan pengecualian ke-1 (mulai 2027-02-08).",
        "This exception shares days with exception 1 (from 2027-02-08).",
        "Beri setiap hari satu pengecualian saja.",
    ),
    (
        "one-time-only",
        SERVICE,
        with_schedule(
            "  exceptions:\n"
            "    - date: 2027-02-08\n"
            '      opens_at: "08:00"\n'
            "      reason: {id: Jam Ramadan, en: Ramadan hours}\n"
        ),
        19,
        "schedule.exceptions[0].closes_at",
        "Pengecualian memiliki satu jam tetapi tidak ada `closes_at`.",
        "The exception has one time but not `closes_at`.",
        "Tulis `opens_at` dan `closes_at`",
    ),
    (
        "bad-hours",
        SERVICE,
        with_schedule(
            "  exceptions:\n"
            "    - date: 2027-02-08\n"
            '      opens_at: "8 pagi"\n'
            '      closes_at: "12:00"\n'
            "      reason: {id: Jam Ramadan, en: Ramadan hours}\n"
        ),
        20,
        "schedule.exceptions[0].opens_at",
        'Jam "8 pagi" tidak bisa dibaca.',
        'The time "8 pagi" cannot be read.',
        "",
    ),
    (
        "hours-backwards",
        SERVICE,
        with_schedule(
            "  exceptions:\n"
            "    - date: 2027-02-08\n"
            '      opens_at: "12:00"\n'
            '      closes_at: "08:00"\n'
            "      reason: {id: Jam Ramadan, en: Ramadan hours}\n"
        ),
        21,
        "schedule.exceptions[0].closes_at",
        "Pengecualian tutup pukul 08:00, tidak sesudah buka pukul 12:00.",
        "The exception closes at 08:00, not after it opens at 12:00.",
        "Jam pengecualian berada dalam satu hari",
    ),
    (
        "reason-missing",
        SERVICE,
        with_schedule("  exceptions:\n    - date: 2027-02-08\n"),
        19,
        "schedule.exceptions[0].reason",
        "Kolom wajib `schedule.exceptions[0].reason` belum diisi.",
        "The required field `schedule.exceptions[0].reason` is missing.",
        "Tambahkan `reason:` (alasan singkat).",
    ),
    (
        "holidays-on-a-24-hour-service",
        SERVICE,
        SERVICE_YML.replace(
            "schedule:\n  weekly:\n    - days: [senin, selasa]\n"
            '      opens_at: "08:00"\n      closes_at: "15:00"\n',
            "schedule:\n  open_24_hours: true\n  closed_on_public_holidays: true\n",
        ),
        15,
        "schedule.closed_on_public_holidays",
        "Jadwal berisi `open_24_hours: true` dan juga `closed_on_public_holidays: true`.",
        "The schedule says `open_24_hours: true` and also `closed_on_public_holidays: true`.",
        "Layanan yang buka 24 jam juga buka pada hari libur.",
    ),
    (
        "removing-a-day-that-is-no-holiday",
        HOLIDAYS,
        "remove:\n  - date: 2027-03-03\n    source: SKB uji\n",
        2,
        "remove[0].date",
        "Tanggal 2027-03-03 tidak ada di daftar hari libur nasional 2026 dan 2027, jadi "
        "menghapusnya tidak mengubah apa pun.",
        "The date 2027-03-03 is not on the list of public holidays for 2026 and 2027, so "
        "removing it changes nothing.",
        "Periksa tanggalnya dengan pengumuman pemerintah (SKB)",
    ),
    (
        "adding-a-day-twice",
        HOLIDAYS,
        "add:\n"
        "  - date: 2027-03-16\n    name: {id: Cuti Bersama Uji}\n"
        "  - date: 2027-03-16\n    name: {id: Cuti Bersama Uji}\n",
        4,
        "add[1].date",
        "Tanggal 2027-03-16 ditambahkan dua kali (juga pada entri ke-1).",
        "The date 2027-03-16 is added twice (also entry 1).",
        "Simpan satu entri untuk setiap tanggal.",
    ),
    (
        "unknown-key-in-holidays",
        HOLIDAYS,
        "tambah:\n  - date: 2027-03-16\n",
        1,
        "tambah",
        "Kolom `tambah` tidak dikenal.",
        "The field `tambah` is not known.",
        "",
    ),
]


@pytest.mark.parametrize(
    ("rel", "text", "line", "field", "what_id", "what_en", "fix"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_exceptions_and_holidays_get_exact_messages(
    project, rel, text, line, field, what_id, what_en, fix
):
    _, report = report_for(project, rel, text)
    assert len(report.problems) == 1, report.format("id")
    problem = report.problems[0]
    assert (problem.file, problem.line, problem.field) == (rel, line, field)
    assert problem.what("id") == what_id
    assert problem.what("en") == what_en
    assert problem.fix("id").startswith(fix)
    assert problem.fix("en")


def test_holidays_come_from_the_library_with_the_editors_changes(project):
    fitri = idul_fitri(TODAY.year + 1)
    moved = fitri + dt.timedelta(days=1)  # the library's second day of Idul Fitri
    library = library_holidays((TODAY.year, TODAY.year + 1))
    assert moved in library
    announced = dt.date(TODAY.year + 1, 3, 31)
    assert announced not in library
    project.write(
        HOLIDAYS,
        f"add:\n  - date: {announced.isoformat()}\n"
        "    name: {id: Cuti Bersama Uji, en: Test joint holiday}\n    source: SKB uji\n"
        f"remove:\n  - date: {moved.isoformat()}\n",
    )
    _, site, report = check_project(project.root, today=TODAY)
    assert report.problems == []
    days = {h.date: dict(h.name) for h in site.holidays}
    assert days[fitri] == library[fitri]  # the library's own names, in both languages
    assert days[fitri]["id"].startswith("Hari Raya Idul Fitri")
    assert days[fitri]["en"].startswith("Eid al-Fitr")
    assert moved not in days
    assert days[announced] == {"id": "Cuti Bersama Uji", "en": "Test joint holiday"}
    # The build year and the next, cuti bersama included; pages list those still to come.
    assert {d.year for d in days} == {TODAY.year, TODAY.year + 1}
    assert any(n["id"].startswith("Cuti Bersama") for n in days.values())
    assert all(h.date >= TODAY for h in site.holidays_ahead)


def test_without_a_holidays_file_the_library_list_is_used(project):
    _, site, report = check_project(project.root, today=TODAY)
    assert report.problems == []
    assert idul_fitri(TODAY.year + 1) in {h.date for h in site.holidays}


def test_exceptions_to_come_are_no_future_date_and_refused_ones_are_left_out(project):
    text = with_schedule(
        "  closed_on_public_holidays: true\n"
        "  exceptions:\n"
        "    - date: 2027-03-20\n"
        "      reason: {id: Tutup, en: Closed}\n"
        "    - date: 2027-04-02\n"
        "      until: 2027-04-01\n"
        "      reason: {id: Salah, en: Wrong}\n"
    )
    site, report = report_for(project, SERVICE, text)
    assert [p.code for p in report.problems] == ["exception_ends_before"]
    (service,) = site.services
    kept = service.data["schedule"]["exceptions"]
    assert [x["date"] for x in kept] == [dt.date(2027, 3, 20)]
    assert service.data["schedule"]["closed_on_public_holidays"] is True


def test_a_24_hour_schedule_ignores_holidays_in_what_the_script_reads(project):
    from ruangaman.render.share import holidays_json, schedule_json

    text = SERVICE_YML.replace(
        "schedule:\n  weekly:\n    - days: [senin, selasa]\n"
        '      opens_at: "08:00"\n      closes_at: "15:00"\n',
        "schedule:\n  open_24_hours: true\n",
    )
    site, report = report_for(project, SERVICE, text)
    assert report.problems == []
    assert schedule_json(site.services[0], "id") == '{"open_24_hours":true}'
    assert holidays_json(site, "id") == ""  # no service closes on them: no page carries them


def test_thousands_of_exceptions_are_checked_quickly_and_each_clash_named(project):
    import time

    days = [dt.date(2027, 1, 1) + dt.timedelta(days=i) for i in range(5000)]
    lines = [f"    - date: {d.isoformat()}\n      reason: {{id: Tutup}}\n" for d in days]
    lines.append("    - date: 2027-01-03\n      reason: {id: Lagi}\n")  # the same day again
    started = time.perf_counter()
    _, report = report_for(project, SERVICE, with_schedule("  exceptions:\n" + "".join(lines)))
    assert time.perf_counter() - started < 30
    clashes = [p for p in report.problems if p.code == "exception_overlap"]
    assert len(clashes) == 1 and clashes[0].field == "schedule.exceptions[5000].date"
    assert clashes[0].what("en") == (
        "This exception shares days with exception 3 (from 2027-01-03)."
    )


def test_an_exception_that_is_not_a_mapping_leaves_the_others_on_their_own_lines(project):
    text = with_schedule(
        "  exceptions:\n"
        "    - 2027-03-20\n"
        "    - date: 2027-04-02\n"
        "      until: 2027-04-01\n"
        "      reason: {id: Salah, en: Wrong}\n"
    )
    _, report = report_for(project, SERVICE, text)
    found = sorted((p.code, p.line, p.field) for p in report.problems)
    assert found == [
        ("exception_ends_before", 21, "schedule.exceptions[1].until"),
        ("wrong_type", 19, "schedule.exceptions[0]"),
    ], report.format("en")


def test_open_data_carries_the_exceptions_and_the_holiday_flag(project):
    import json

    from ruangaman.render.assets import build_outputs

    text = with_schedule(
        "  closed_on_public_holidays: true\n"
        "  exceptions:\n"
        "    - date: 2027-02-08\n"
        "      until: 2027-03-09\n"
        '      opens_at: "08:00"\n'
        '      closes_at: "12:00"\n'
        "      reason: {id: Jam Ramadan, en: Ramadan hours}\n"
    )
    site, report = report_for(project, SERVICE, text)
    assert report.problems == []
    data = json.loads(build_outputs(site)["api/services.json"])
    records = (
        data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    )
    (schedule,) = [r["schedule"] for r in records if r.get("schedule")]
    assert schedule["closed_on_public_holidays"] is True
    assert schedule["exceptions"] == [
        {
            "date": "2027-02-08",
            "until": "2027-03-09",
            "opens_at": "08:00",
            "closes_at": "12:00",
            "reason": {"id": "Jam Ramadan", "en": "Ramadan hours"},
        }
    ]


def test_a_spreadsheet_round_trip_keeps_the_exceptions_and_the_flag(project, tmp_path):
    from ruangaman.editor.spreadsheet import export_rows, import_sheet, write_csv

    project.write(
        SERVICE,
        with_schedule(
            "  closed_on_public_holidays: true\n"
            "  exceptions:\n"
            "    - date: 2027-02-08\n"
            "      until: 2027-03-09\n"
            '      opens_at: "08:00"\n'
            '      closes_at: "12:00"\n'
            "      reason: {id: Jam Ramadan, en: Ramadan hours}\n"
        ),
    )
    header, rows = export_rows(project.root, "services")
    assert "2027-03-09" in rows[0][header.index("schedule.exceptions")]
    assert rows[0][header.index("schedule.closed_on_public_holidays")]
    sheet = tmp_path / "services.csv"
    write_csv(sheet, header, rows)
    result = import_sheet(project.root, sheet, "services")
    assert result.report.errors == [] and result.written == [] and len(result.unchanged) == 1
    assert export_rows(project.root, "services") == (header, rows)
