"""The folders the build empties (issue 10): a pull request that commits `site` or `.staging` as
a link, or a link inside `.staging/`, makes the build stop with a message; nothing where the
link points is deleted."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort

from ruangaman.build import run_mkdocs_build


@pytest.fixture
def victim(tmp_path):
    folder = tmp_path / "someone-elses"
    (folder / "inner").mkdir(parents=True)
    (folder / "precious.txt").write_text("keep me")
    (folder / "inner" / "also.txt").write_text("keep me too")
    return folder


def untouched(victim) -> bool:
    return (victim / "precious.txt").read_text() == "keep me" and (
        victim / "inner" / "also.txt"
    ).read_text() == "keep me too"


@pytest.mark.parametrize(
    "link",
    ["site", ".staging", ".staging/docs", ".staging/docs/panduan", ".staging/docs/old.id.md"],
)
def test_a_link_where_the_build_deletes_stops_the_build_and_deletes_nothing(
    project, victim, link, caplog
):
    where = project.root / link
    where.parent.mkdir(parents=True, exist_ok=True)
    where.symlink_to(victim if not link.endswith(".md") else victim / "precious.txt")
    with pytest.raises(Abort):
        run_mkdocs_build(project.root, project.root / "site")
    assert f"`{link}` adalah tautan (symlink) atau berkas" in caplog.text
    assert untouched(victim)


def test_the_command_says_so_in_plain_words(project, victim):
    (project.root / "site").symlink_to(victim)
    done = subprocess.run(
        [sys.executable, "-m", "ruangaman.cli", "build", "--project", str(project.root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "`site` adalah tautan (symlink) atau berkas" in done.stderr
    assert "Traceback" not in done.stderr
    assert untouched(victim)


def test_the_site_folder_given_elsewhere_may_not_be_a_link(project, victim, tmp_path, caplog):
    elsewhere = tmp_path / "out"
    elsewhere.symlink_to(victim)
    with pytest.raises(Abort):
        run_mkdocs_build(project.root, elsewhere)
    assert "adalah tautan (symlink)" in caplog.text
    assert untouched(victim)


def test_real_folders_build_as_before(project):
    (project.root / "site").mkdir()
    (project.root / "site" / "stale.html").write_text("old")
    site = run_mkdocs_build(project.root)
    assert (site / "index.html").is_file()
    assert not (site / "stale.html").exists()
