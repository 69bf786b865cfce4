"""The verification log (issue 13, part 1): what editors are told about a bad log, the date it
decides, and the notice a page gets after three failed attempts at different times."""

from __future__ import annotations

import pytest
from conftest import HOTLINE_YML, PUBLISHED_SITE_YML, SERVICE_YML, TODAY

from ruangaman.validate import check_project

SERVICE = "content/services/layanan-uji.yml"
HOTLINE = "content/hotlines/sapa-129.yml"
# The fixture service with its written date (2026-11-01) taken out: the log alone decides.
UNDATED = SERVICE_YML.replace("verified_on: 2026-11-01\n", "")
# ... and not yet active, so a refused attempt is the only thing told.
UNCHECKED = UNDATED.replace("status: active", "status: unverified")


def log(*attempts: str) -> str:
    return "verification:\n" + "".join(f"  - {a}\n" for a in attempts)


CONFIRMED = (
    "{date: 2026-11-20, time: '10:00', method: telepon, by: Staf UPTD PPA, outcome: confirmed}"
)


@pytest.fixture(autouse=True)
def _published(project):
    project.write("content/site.yml", PUBLISHED_SITE_YML)


def check(project, text, rel=SERVICE):
    project.write(rel, text)
    return check_project(project.root, today=TODAY)


def only(report):
    assert len(report.problems) == 1, report.format("id")
    return report.problems[0]


# (case id, log, line, field, exact Indonesian "what", exact English "what", start of "fix")
CASES = [
    (
        "future-date",
        UNCHECKED + log("{date: 2026-12-25, method: telepon, outcome: confirmed}"),
        22,
        "verification[0].date",
        "Tanggal 2026-12-25 belum terjadi (hari ini 2026-11-28).",
        "The date 2026-12-25 is in the future (today is 2026-11-28).",
        "Tulis tanggal",
    ),
    (
        "unknown-method",
        UNCHECKED + log("{date: 2026-11-20, method: telpon, outcome: confirmed}"),
        22,
        "verification[0].method",
        None,
        None,
        "Maksud Anda `telepon`?",
    ),
    (
        "unknown-outcome",
        UNCHECKED + log("{date: 2026-11-20, method: telepon, outcome: no-answer}"),
        22,
        "verification[0].outcome",
        None,
        None,
        "Maksud Anda `no_answer`?",
    ),
    (
        "bad-time",
        UNCHECKED + log("{date: 2026-11-20, time: '25:00', method: telepon, outcome: confirmed}"),
        22,
        "verification[0].time",
        None,
        None,
        "",
    ),
    (
        "missing-outcome",
        UNCHECKED + log("{date: 2026-11-20, method: telepon}"),
        22,
        "verification[0].outcome",
        "Kolom wajib `verification[0].outcome` belum diisi.",
        "The required field `verification[0].outcome` is missing.",
        "Tambahkan `outcome:`",
    ),
    (
        "not-a-list",
        UNCHECKED + "verification: confirmed\n",
        21,
        "verification",
        None,
        None,
        "",
    ),
    (
        "huge-log",
        UNCHECKED + log(*["{date: 2026-11-20, method: telepon, outcome: no_answer}"] * 501),
        21,
        "verification",
        "Kolom `verification` berisi 501 isian; paling banyak 500.",
        "The field `verification` holds 501 items; at most 500 are allowed.",
        "Simpan isian terbaru",
    ),
    (
        "log-and-date-disagree",
        SERVICE_YML + log(CONFIRMED),
        19,
        "verified_on",
        "`verified_on` berisi 2026-11-01, tetapi upaya terakhir yang berhasil di `verification` "
        "bertanggal 2026-11-20. Tanggal dari catatan, 2026-11-20, yang dipakai.",
        "`verified_on` says 2026-11-01, but the last confirmed attempt in `verification` is on "
        "2026-11-20. The date from the log, 2026-11-20, is used.",
        "Hapus baris `verified_on`",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "field", "what_id", "what_en", "fix"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_bad_log_gets_an_exact_located_message(project, text, line, field, what_id, what_en, fix):
    _, _, report = check(project, text)
    problem = only(report)
    assert (problem.file, problem.line, problem.field) == (SERVICE, line, field)
    if what_id is not None:
        assert problem.what("id") == what_id
        assert problem.what("en") == what_en
    assert problem.fix("id").startswith(fix)


def test_the_log_decides_verified_on_and_a_file_without_one_keeps_its_date(project):
    _, site, report = check(project, UNDATED + log(CONFIRMED))
    assert not report.problems, report.format("id")
    (service,) = site.services
    assert str(service.verified_on) == "2026-11-20"
    assert [a["outcome"] for a in service.attempts] == ["confirmed"]
    _, site, _ = check(project, SERVICE_YML)
    assert str(site.services[0].verified_on) == "2026-11-01"
    assert site.services[0].attempts == ()


def test_a_changed_attempt_confirms_and_failures_after_it_count_once_per_moment(project):
    text = UNDATED + log(
        "{date: 2026-11-25, time: '09:00', method: telepon, outcome: no_answer}",
        "{date: 2026-11-25, time: '09:00', method: telepon, outcome: no_answer}",
        "{date: 2026-11-10, method: kunjungan, outcome: changed, note: {id: Pindah, en: Moved}}",
        "{date: 2026-11-26, time: '14:00', method: telepon, outcome: wrong_number}",
    )
    _, site, report = check(project, text)
    assert not report.errors, report.format("id")
    (service,) = site.services
    assert str(service.verified_on) == "2026-11-10"
    assert [str(a["date"]) for a in service.attempts][0] == "2026-11-10"
    assert (service.failures, service.contact_doubtful) == (2, False)


def test_markup_in_a_note_or_role_is_kept_as_text(project):
    text = UNDATED + log(
        "{date: 2026-11-20, method: telepon, by: '<b>Staf</b>', outcome: changed, "
        "note: '<script>x</script>'}"
    )
    _, site, report = check(project, text)
    assert not report.problems, report.format("id")
    attempt = site.services[0].attempts[0]
    assert (attempt["by"], attempt["note"]) == ("<b>Staf</b>", {"id": "<script>x</script>"})


THREE_FAILURES = log(
    CONFIRMED,
    "{date: 2026-11-24, time: '09:00', method: telepon, outcome: no_answer}",
    "{date: 2026-11-25, time: '13:00', method: telepon, outcome: no_answer}",
    "{date: 2026-11-26, time: '16:00', method: telepon, outcome: wrong_number}",
)


def test_three_failures_at_different_times_make_the_contact_doubtful(project):
    _, site, _ = check(project, UNDATED + THREE_FAILURES)
    assert (site.services[0].failures, site.services[0].contact_doubtful) == (3, True)
    # the same three calls written at one moment are one call
    same = THREE_FAILURES.replace("2026-11-25, time: '13:00'", "2026-11-24, time: '09:00'")
    _, site, _ = check(project, UNDATED + same)
    assert site.services[0].contact_doubtful is False


def test_pages_say_the_contact_may_be_out_of_date_and_point_to_the_pinned_hotlines(
    project, tmp_path
):
    from ruangaman.cli import main

    project.write(SERVICE, UNDATED + THREE_FAILURES)
    project.write(
        "content/hotlines/darurat-112.yml",
        HOTLINE_YML.replace("SAPA 129", "Darurat 112")
        .replace('"129"', '"112"')
        .replace("order: 1", "order: 2")
        .replace("verified_on: 2026-11-01\n", "")
        + THREE_FAILURES,
    )
    out = tmp_path / "built"
    assert main(["build", "--project", str(project.root), "--site-dir", str(out)]) == 0
    page_id = (out / "layanan" / "layanan-uji" / "index.html").read_text(encoding="utf-8")
    page_en = (out / "en" / "layanan" / "layanan-uji" / "index.html").read_text(encoding="utf-8")
    assert "Kontak ini mungkin sudah tidak berlaku." in page_id
    assert "This contact may be out of date." in page_en
    for page in (page_id, page_en):
        notice = page.split('ra-notice--doubtful"', 1)[1].split("</div>", 1)[0]
        assert 'href="tel:129">SAPA 129</a>' in notice
    hotlines = (out / "hotline" / "index.html").read_text(encoding="utf-8")
    entry = hotlines.split('id="darurat-112"', 1)[1].split("</section>", 1)[0]
    notice = entry.split('ra-notice--doubtful"', 1)[1].split("</div>", 1)[0]
    assert 'href="tel:129">SAPA 129</a>' in notice and "tel:112" not in notice
    sapa = hotlines.split('id="sapa-129"', 1)[1].split("</section>", 1)[0]
    assert "ra-notice--doubtful" not in sapa
