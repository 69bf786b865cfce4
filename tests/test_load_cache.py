"""The cache of checked files (`loadcache`): same records and messages as without it, never stale,
never in the way (issue 7: validating a national directory again takes a fraction of the time)."""

from __future__ import annotations

import datetime as dt
import os
import pickle

import pytest
from conftest import SERVICE_YML, TODAY, Project, write_files_for_two_processes

from ruangaman import content as content_module
from ruangaman.cli import main
from ruangaman.content import reuse_unchanged_files
from ruangaman.loadcache import CACHE_DIR, CACHE_FILE, read_store, write_store
from ruangaman.validate import check_project

NEXT_YEAR = dt.date(2027, 12, 28)  # verified_on 2026-11-01 is then more than 12 months old


def checked(project: Project, today: dt.date = TODAY, cache: bool = True) -> tuple:
    """Everything an editor or a later stage sees of one check: records and the report."""
    content, _, report = check_project(project.root, today=today, cache=cache)
    records = [
        (r.rel, r.data, r.loaded.lines, r.loaded.raw, r.loaded.line_offset)
        for r in content.services + content.hotlines
    ]
    return records, content.site, content.taxonomy, report.format("id"), report.format("en")


def cache_file(project: Project):
    return project.root / CACHE_DIR / CACHE_FILE


def read_cache(project: Project) -> dict:
    return read_store(cache_file(project))


def write_cache(project: Project, stored: object) -> None:
    with cache_file(project).open("wb") as out:
        write_store(out, stored)


def plant(project: Project, into: str, taken_from: str) -> None:
    """Give file `into`'s cache entry the checked result of `taken_from` (keeping its key), so
    that a run served from the cache shows `taken_from`'s values under `into`'s name."""
    stored = read_cache(project)
    digest, first, last, _ = stored["entries"][into]
    stored["entries"][into] = (digest, first, last, stored["entries"][taken_from][3])
    write_cache(project, stored)


@pytest.fixture
def two_services(project: Project) -> Project:
    project.write("content/services/kedua.yml", SERVICE_YML.replace("Layanan Uji", "Layanan Dua"))
    return project


def names(project: Project) -> list[str]:
    content, _, _ = check_project(project.root, today=TODAY)
    return [r.data["name"] for r in content.services]


def test_a_second_check_gives_the_same_records_and_report(two_services):
    first = checked(two_services)
    written = cache_file(two_services).stat().st_mtime_ns
    assert checked(two_services) == first
    assert checked(two_services, cache=False) == first
    assert cache_file(two_services).stat().st_mtime_ns == written  # nothing new to keep


def test_the_second_check_is_served_from_the_cache(two_services):
    assert names(two_services) == ["Layanan Dua", "Layanan Uji"]
    plant(two_services, "content/services/kedua.yml", "content/services/layanan-uji.yml")
    assert names(two_services) == ["Layanan Uji", "Layanan Uji"]


def test_an_edited_file_is_checked_again(project):
    assert checked(project)[3].startswith("Semua 1 layanan")
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace('opens_at: "08:00"', 'opens_at: "25:00"').replace(
            "kecamatan: Sungai Raya", "kecamatan: Sungai Rayaa"
        ),
    )
    _, _, _, report_id, report_en = checked(project)
    assert "`schedule.weekly[0].opens_at`" in report_en  # a problem of the file's shape
    assert "Sungai Rayaa" in report_en  # and one found by the cross-file checks
    assert (report_id, report_en) == checked(project, cache=False)[3:]
    project.write("content/services/layanan-uji.yml", SERVICE_YML)
    assert checked(project)[3].startswith("Semua 1 layanan")


def test_problems_of_a_cached_file_are_reported_on_every_check(project):
    project.write("content/services/rusak.yml", "name: [tidak ditutup\n")
    project.write("content/services/salah.yml", SERVICE_YML.replace("status: active", "status: x"))
    project.write("content/services/jauh.yml", SERVICE_YML.replace("Sungai Raya", "Sungai Rayaa"))
    first = checked(project)
    assert "rusak.yml" in first[4] and "salah.yml" in first[4]
    assert "jauh.yml, line 9, field `location.kecamatan`" in first[4]  # found by validate
    assert checked(project) == first


def test_a_copied_file_is_still_refused_when_both_are_cached(project):
    with_id = "id: 3f2b8c1e-0000-4000-8000-000000000001\n" + SERVICE_YML
    project.write("content/services/layanan-uji.yml", with_id)
    checked(project)
    project.write("content/services/salinan.yml", with_id)  # new: checked, then both cached
    for _ in range(2):
        assert "salinan.yml" in checked(project)[4]
        assert "3f2b8c1e-0000-4000-8000-000000000001" in checked(project)[4]


def test_a_date_after_today_is_judged_again_on_another_day(project):
    tomorrow = TODAY + dt.timedelta(days=1)
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("verified_on: 2026-11-01", f"verified_on: {tomorrow}"),
    )
    assert f"{tomorrow}" in checked(project)[4]  # after today: refused
    assert checked(project, today=tomorrow)[4].startswith("All 1 services")
    assert f"{tomorrow}" in checked(project)[4]


def test_stale_verification_follows_the_day_of_the_check(project):
    assert checked(project)[4].startswith("All 1 services")
    later = checked(project, today=NEXT_YEAR)[4]
    assert "2026-11-01" in later and "12" in later and "warning" in later
    assert later == checked(project, today=NEXT_YEAR, cache=False)[4]
    assert checked(project)[4].startswith("All 1 services")


def test_a_corrupt_cache_is_ignored_and_rebuilt(two_services):
    first = checked(two_services)
    for garbage in (b"", b"not a pickle at all", cache_file(two_services).read_bytes()[:-100]):
        cache_file(two_services).write_bytes(garbage)
        assert checked(two_services) == first
        assert read_cache(two_services)["entries"]


def test_a_cache_with_a_changed_byte_is_not_used(two_services):
    checked(two_services)
    data = cache_file(two_services).read_bytes()
    assert b"Layanan Dua" in data
    cache_file(two_services).write_bytes(data.replace(b"Layanan Dua", b"Layanan Dux"))
    assert names(two_services) == ["Layanan Dua", "Layanan Uji"]


class Evil:
    """Unpickled, it would run a command that leaves `witness` behind."""

    def __init__(self, witness) -> None:
        self.witness = witness

    def __reduce__(self):
        return (os.system, (f"touch {self.witness}",))


def test_a_cache_that_names_a_function_is_refused_not_run(two_services, tmp_path):
    first = checked(two_services)
    witness = tmp_path / "ran"

    stored = read_cache(two_services)
    digest, first_day, last_day, _ = stored["entries"]["content/services/kedua.yml"]
    blob = pickle.dumps(Evil(witness))
    stored["entries"]["content/services/kedua.yml"] = (digest, first_day, last_day, blob)
    write_cache(two_services, stored)
    assert checked(two_services) == first
    write_cache(two_services, Evil(witness))
    assert checked(two_services) == first
    assert not witness.exists()


def test_a_cache_with_a_function_in_a_files_lines_gives_messages_not_a_traceback(project, tmp_path):
    project.write("content/services/jauh.yml", SERVICE_YML.replace("Sungai Raya", "Sungai Rayaa"))
    assert "jauh.yml, line 9" in checked(project)[4]
    witness = tmp_path / "ran"

    stored = read_cache(project)
    digest, first_day, last_day, blob = stored["entries"]["content/services/jauh.yml"]
    data, problems, (offset, _) = pickle.loads(blob)
    blob = pickle.dumps((data, problems, (offset, pickle.dumps(Evil(witness)))))
    stored["entries"]["content/services/jauh.yml"] = (digest, first_day, last_day, blob)
    write_cache(project, stored)
    report = checked(project)[4]
    assert "jauh.yml, line 1, field `location.kecamatan`" in report  # no lines: the first
    assert not witness.exists()


def test_a_cache_written_by_other_code_is_not_used(two_services):
    checked(two_services)
    plant(two_services, "content/services/kedua.yml", "content/services/layanan-uji.yml")
    stored = read_cache(two_services)
    stored["code"] = b"an older ruangaman"
    write_cache(two_services, stored)
    assert names(two_services) == ["Layanan Dua", "Layanan Uji"]


@pytest.mark.parametrize("blocked", [".cache", f"{CACHE_DIR}/{CACHE_FILE}"])
def test_checking_works_where_the_cache_cannot_be_written(project, blocked):
    # The suite runs as root, which may write anywhere: a file (or a folder) where the cache
    # would go stands in for a read-only project.
    if blocked == ".cache":
        project.write(".cache", "not a folder")
    else:
        (project.root / blocked).mkdir(parents=True)
    expected = checked(project, cache=False)
    assert checked(project) == expected
    assert checked(project) == expected
    if blocked == ".cache":
        assert (project.root / ".cache").read_text(encoding="utf-8") == "not a folder"
    else:  # no temporary file left behind
        assert os.listdir(project.root / CACHE_DIR) == [CACHE_FILE]


def test_no_cache_when_turned_off(project, monkeypatch):
    monkeypatch.setenv("RUANGAMAN_NO_CACHE", "1")
    assert main(["check", "--project", str(project.root)]) == 0
    assert not (project.root / ".cache").exists()
    monkeypatch.delenv("RUANGAMAN_NO_CACHE")
    assert main(["check", "--project", str(project.root)]) == 0
    assert cache_file(project).is_file()


def test_files_checked_in_two_processes_are_cached_like_the_others(project, monkeypatch):
    write_files_for_two_processes(project)
    monkeypatch.setattr(content_module, "PARALLEL_FROM", 4)
    monkeypatch.setattr(content_module.os, "sched_getaffinity", lambda _: {0, 1})
    alone = checked(project, cache=False)
    assert checked(project) == alone  # forked, every file new
    assert checked(project) == alone  # every file from the cache
    for i in range(4):  # four files changed: forked again for those
        project.write(f"content/services/uji-{i}.yml", SERVICE_YML.replace("Uji", f"Baru {i}"))
    again = checked(project)
    assert again == checked(project, cache=False)
    assert {rel: data["name"] for rel, data, *_ in again[0] if "/uji-" in rel} == {
        "content/services/uji-0.yml": "Layanan Baru 0",
        "content/services/uji-1.yml": "Layanan Baru 1",
        "content/services/uji-2.yml": "Layanan Baru 2",
        "content/services/uji-3.yml": "Layanan Baru 3",
        "content/services/uji-4.yml": "Layanan Uji 4",
        "content/services/uji-5.yml": "Layanan Uji 5",
    }


def test_a_preview_keeps_the_entries_of_the_files_it_did_not_read_again(two_services):
    reuse_unchanged_files()  # as `ruangaman serve` does: unchanged files come from memory
    try:
        checked(two_services)
        two_services.write(
            "content/services/kedua.yml", SERVICE_YML.replace("Layanan Uji", "Layanan Baru")
        )
        checked(two_services)
    finally:
        reuse_unchanged_files(False)
    assert sorted(read_cache(two_services)["entries"]) == [
        "content/hotlines/sapa-129.yml",
        "content/services/kedua.yml",
        "content/services/layanan-uji.yml",
        "content/site.yml",
        "content/taxonomy.yml",
    ]
    assert names(two_services) == ["Layanan Baru", "Layanan Uji"]
