"""`ruangaman verify` (issue 13, part 1): an attempt is appended to a record's log without
hand-editing YAML, every other line of the file stays as it was, and anything the checker would
refuse (or anything that is not the file of a service or hotline) writes nothing."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml
from conftest import HOTLINE_YML, PUBLISHED_SITE_YML, SERVICE_YML, TODAY

from ruangaman.cli import main
from ruangaman.editor.verify import EditRefused, append_attempt, log_attempt

SERVICE = "content/services/layanan-uji.yml"
HOTLINE = "content/hotlines/sapa-129.yml"
DAY = dt.date(2026, 11, 27)
ATTEMPT = {"date": DAY, "time": "10:30", "method": "telepon", "outcome": "no_answer"}


@pytest.fixture(autouse=True)
def _published(project):
    project.write("content/site.yml", PUBLISHED_SITE_YML)


def loaded(text: str) -> dict:
    return yaml.safe_load(text)


# --- the text edit: every layout an editor's file may have ------------------------------------

LAYOUTS = {
    "no-log": "name: X\nstatus: active\n",
    "no-log-no-final-newline": "name: X\nstatus: active",
    "empty-key": "name: X\nverification:\nstatus: active\n",
    "empty-key-with-comment": "name: X\nverification:  # catatan telepon\nstatus: active\n",
    "tilde": "name: X\nverification: ~\nstatus: active\n",
    "flow-empty": "name: X\nverification: []\nstatus: active\n",
    "flow-items": "name: X\nverification: [{date: 2026-11-01, method: surat, outcome: changed}]\n",
    "block-indented": (
        "name: X\nverification:\n  - date: 2026-11-01\n    method: surat  # lewat pos\n"
        "    outcome: confirmed\n# komentar sesudah daftar\nstatus: active\n"
    ),
    "block-at-column-0": (
        "verification:\n- date: 2026-11-01\n  method: surat\n  outcome: confirmed\nname: X\n"
    ),
    "block-wide-dash": (
        "verification:\n  -   date: 2026-11-01\n      method: surat\n      outcome: confirmed\n"
    ),
    "block-literal-note-last": (
        "verification:\n  - date: 2026-11-01\n    method: surat\n    outcome: changed\n"
        "    note: |\n      alamat pindah\n      ke Jalan Baru\nname: X\n"
    ),
    "block-flow-items": "verification:\n  - {date: 2026-11-01, method: surat, outcome: changed}\n",
    "crlf": "name: X\r\nverification:\r\n  - date: 2026-11-01\r\n    method: surat\r\n"
    "    outcome: confirmed\r\nstatus: active\r\n",
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_an_attempt_is_appended_in_every_layout_and_nothing_else_changes(layout):
    before = LAYOUTS[layout]
    after = append_attempt(before, ATTEMPT, None)
    old, new = loaded(before), loaded(after)
    log = (old.get("verification") or []) + [ATTEMPT]
    assert new == {**old, "verification": log}
    # Every line that was there is still there, in its order, comments included (a flow list
    # gains the item before its `]`; `[]` and `~` become the block list).
    lines = iter(after.splitlines())
    for line in before.splitlines():
        line = line.removesuffix("]").removesuffix("[").removesuffix(" ~")
        assert any(line in candidate for candidate in lines), line
    if "\r\n" in before:
        assert after.count("\n") == after.count("\r\n")


def test_a_written_verified_on_moves_to_the_confirmation_and_keeps_its_place():
    before = "name: X\nstatus: active\nverified_on: 2026-01-05  # dari surat\nsources: [Uji]\n"
    after = append_attempt(before, {**ATTEMPT, "outcome": "confirmed"}, DAY)
    assert "verified_on: 2026-11-27  # dari surat\nsources: [Uji]\n" in after
    assert loaded(after)["verification"][-1]["outcome"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "- a\n- b\n",  # not a mapping
        "verification: {date: 2026-11-01}\n",  # not a list
        "verification: rubbish\n",
        "name: [unclosed\n",
    ],
)
def test_a_layout_it_cannot_edit_safely_is_refused(text):
    with pytest.raises(EditRefused):
        append_attempt(text, ATTEMPT, None)


# Values that would change the file's structure if they were pasted in as they are.
HOSTILE = [
    "x\n  - date: 2020-01-01\n    outcome: confirmed",
    "a: b",
    "# not a comment",
    "]} ,{",
    "'; status: active",
    '"<script>alert(1)</script>"',
    "yes",
    "10:30",
    "- item",
    "&anchor *alias !!python/object:os.system",
    "\u202eRTL\u200b",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_in_a_note_or_role_stays_one_value(value):
    attempt = {**ATTEMPT, "by": value, "note": value}
    after = append_attempt(LAYOUTS["block-indented"], attempt, None)
    new = loaded(after)
    assert new["verification"][-1] == attempt
    assert new["status"] == "active" and len(new["verification"]) == 2


# --- the command -----------------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_appends_keeps_comments_and_says_what_the_site_now_says(project, capsys):
    project.write(SERVICE, "# Dicek oleh UPTD PPA\n" + SERVICE_YML)
    code, out, err = run(
        capsys,
        "layanan-uji",
        "--project",
        str(project.root),
        "--outcome",
        "confirmed",
        "--method",
        "telepon",
        "--by",
        "Staf UPTD PPA",
        "--date",
        "2026-11-27",
        "--time",
        "09:05",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Dicatat di {SERVICE}: 2026-11-27 09:05, telepon: benar (Staf UPTD PPA).",
        "verified_on sekarang 2026-11-27.",
    ]
    text = (project.root / SERVICE).read_text(encoding="utf-8")
    assert text.startswith("# Dicek oleh UPTD PPA\nname: Layanan Uji\n")
    assert "verified_on: 2026-11-27\n" in text
    assert text.endswith(
        "verification:\n  - date: 2026-11-27\n    time: '09:05'\n    method: telepon\n"
        "    by: Staf UPTD PPA\n    outcome: confirmed\n"
    )
    assert main(["check", "--project", str(project.root)]) == 0


def test_three_failed_calls_at_different_times_are_told_as_the_site_tells_them(project, capsys):
    root = str(project.root)
    for day, hour in (("2026-11-24", "08:00"), ("2026-11-25", "13:00")):
        code, out, _ = run(
            capsys, "sapa-129", "--project", root, "--outcome", "no_answer", "--method",
            "telepon", "--date", day, "--time", hour, "--lang", "en",
        )  # fmt: skip
        assert code == 0
    assert out.splitlines()[-1] == (
        "Failed attempts since the last confirmation: 2. Call again at another hour on another day."
    )
    code, out, _ = run(
        capsys, "sapa-129", "--project", root, "--outcome", "wrong_number", "--method",
        "telepon", "--date", "2026-11-26", "--time", "19:00", "--lang", "en",
    )  # fmt: skip
    assert out.splitlines()[-1].startswith(
        "That is 3 failed attempts at different times: the site now tells readers"
    )
    text = (project.root / HOTLINE).read_text(encoding="utf-8")
    assert text.startswith(HOTLINE_YML)  # the file as it was, the log after it
    assert len(loaded(text)["verification"]) == 3


def test_an_unverified_record_confirmed_is_told_how_to_publish_it(project, capsys):
    project.write(SERVICE, SERVICE_YML.replace("status: active", "status: unverified"))
    code, out, _ = run(
        capsys, "layanan-uji", "--project", str(project.root), "--outcome", "confirmed",
        "--method", "kunjungan", "--date", "2026-11-27", "--lang", "en",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[-1] == (
        "The file still says `status: unverified`. When its numbers, address and hours are "
        "right and `sources` names where they come from, change it to `status: active`."
    )


def test_without_a_date_the_attempt_is_now_in_the_sites_time_zone(project):
    done = log_attempt(project.root, "sapa-129", {"method": "telepon", "outcome": "confirmed"})
    assert done.written, done.report.format("en")
    (attempt,) = loaded((project.root / HOTLINE).read_text(encoding="utf-8"))["verification"]
    import zoneinfo

    now = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Pontianak"))
    assert attempt["date"] in (now.date(), (now - dt.timedelta(minutes=1)).date())
    hour, minute = map(int, attempt["time"].split(":"))
    moment = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    assert dt.timedelta(0) <= now - moment < dt.timedelta(minutes=2)


def _unchanged(project, rel=SERVICE):
    return (project.root / rel).read_text(encoding="utf-8") == (
        SERVICE_YML if rel == SERVICE else HOTLINE_YML
    )


# (case, arguments, exact first lines of stderr after the location line, location line)
REFUSED = [
    (
        "future-date",
        ["layanan-uji", "--date", "2026-12-25"],
        f"✗ {SERVICE}, field `verification[0].date`",
        "  The date 2026-12-25 is in the future (today is 2026-11-28).",
    ),
    (
        "no-such-date",
        ["layanan-uji", "--date", "2026-02-30"],
        f"✗ {SERVICE}, field `verification[0].date`",
        '  The date "2026-02-30" does not exist or cannot be read.',
    ),
    (
        "bad-time",
        ["layanan-uji", "--date", "2026-11-27", "--time", "25:61"],
        f"✗ {SERVICE}, field `verification[0].time`",
        '  The time "25:61" cannot be read.',
    ),
    (
        "role-too-long",
        ["layanan-uji", "--date", "2026-11-27", "--by", "x" * 500],
        f"✗ {SERVICE}, field `verification[0].by`",
        None,
    ),
    (
        "typo-in-name",
        ["layanan-ujii"],
        "✗ content/services/ / content/hotlines/",
        "  There is no service or hotline file called `layanan-ujii.yml` here.",
    ),
    (
        "a-path-not-a-name",
        ["../content/services/layanan-uji"],
        "✗ content/services/ / content/hotlines/",
        "  There is no service or hotline file called `../content/services/layanan-uji.yml` here.",
    ),
    (
        "wrong-kind",
        ["layanan-uji", "--kind", "hotline"],
        "✗ content/hotlines/",
        "  There is no service or hotline file called `layanan-uji.yml` here.",
    ),
]


@pytest.mark.parametrize("case,args,where,what", REFUSED, ids=[c[0] for c in REFUSED])
def test_what_the_checker_would_refuse_writes_nothing_and_says_where(
    project, capsys, monkeypatch, case, args, where, what
):
    monkeypatch.setattr("ruangaman.validate.dates.site_today", lambda root: TODAY)
    monkeypatch.setattr("ruangaman.editor.verify.site_today", lambda root: TODAY)
    code, out, err = run(
        capsys, *args, "--project", str(project.root), "--outcome", "confirmed", "--method",
        "telepon", "--lang", "en",
    )  # fmt: skip
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == where
    if what:
        assert lines[1] == what
    assert lines[-1] == "Nothing was written."
    assert _unchanged(project) and _unchanged(project, HOTLINE)


def test_a_name_both_kinds_share_asks_which_one(project, capsys):
    project.write("content/services/sapa-129.yml", SERVICE_YML)
    code, _, err = run(
        capsys, "sapa-129", "--project", str(project.root), "--outcome", "confirmed",
        "--method", "telepon", "--lang", "en",
    )  # fmt: skip
    assert code == 1
    assert err.splitlines()[1:3] == [
        "  Both a service and a hotline are called `sapa-129`.",
        "  How to fix: Say which one you called: add `--kind service` or `--kind hotline`.",
    ]
    code, _, _ = run(
        capsys, "sapa-129", "--kind", "hotline", "--project", str(project.root), "--outcome",
        "confirmed", "--method", "telepon", "--date", "2026-11-27",
    )  # fmt: skip
    assert code == 0
    assert "verification" in (project.root / HOTLINE).read_text(encoding="utf-8")
    assert "verification" not in (project.root / "content/services/sapa-129.yml").read_text()


def test_a_linked_file_is_never_written_through(project, capsys, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(SERVICE_YML, encoding="utf-8")
    target = project.root / "content/services/tautan.yml"
    os.symlink(outside, target)
    code, _, err = run(
        capsys, "tautan", "--project", str(project.root), "--outcome", "confirmed",
        "--method", "telepon", "--date", "2026-11-27", "--lang", "en",
    )  # fmt: skip
    assert code == 1
    assert err.splitlines()[0] == "✗ content/services/tautan.yml"
    assert outside.read_text(encoding="utf-8") == SERVICE_YML
    assert target.is_symlink()


def test_a_file_that_already_has_errors_is_left_alone(project, capsys):
    broken = SERVICE_YML.replace("types: [pengaduan]", "types: [pengaduan, tidak-ada]")
    project.write(SERVICE, broken)
    code, _, err = run(
        capsys, "layanan-uji", "--project", str(project.root), "--outcome", "confirmed",
        "--method", "telepon", "--date", "2026-11-27",
    )  # fmt: skip
    assert code == 1 and "tidak-ada" in err
    assert (project.root / SERVICE).read_text(encoding="utf-8") == broken


def test_an_unknown_outcome_or_method_is_refused_before_anything_is_read(project, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["verify", "layanan-uji", "--project", str(project.root), "--outcome", "ok",
              "--method", "telepon"])  # fmt: skip
    assert stop.value.code == 2
    assert "invalid choice: 'ok'" in capsys.readouterr().err
    assert _unchanged(project)
