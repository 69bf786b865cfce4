"""The `ruangaman` command as editors and CI use it: output and exit codes."""

from __future__ import annotations

import subprocess
import sys

from conftest import PUBLISHED_SITE_YML, SERVICE_YML

from ruangaman.cli import main

SERVICE = "content/services/layanan-uji.yml"


def run(project, *args):
    return main([*args, "--project", str(project.root)])


def test_check_ok_prints_one_line(project, capsys):
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    assert run(project, "check") == 0
    out = capsys.readouterr().out
    assert out.strip() == "Semua 1 layanan, 1 hotline dan 4 halaman sudah benar."


def test_check_in_english(project, capsys):
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    assert run(project, "check", "--lang", "en") == 0
    assert capsys.readouterr().out.strip() == (
        "All 1 services, 1 hotlines and 4 pages are correct."
    )


def test_errors_exit_1_and_go_to_stderr(project, capsys):
    project.write(SERVICE, SERVICE_YML + "phnoe: 1\n")
    assert run(project, "check") == 1
    err = capsys.readouterr().err
    assert err.startswith("✗ content/services/layanan-uji.yml, baris 22, kolom `phnoe`\n")
    assert err.rstrip().endswith("Perbaiki, lalu simpan lagi.")


def test_warnings_exit_0_unless_strict(project, capsys):
    project.remove("docs/panduan/uji.en.md")
    assert run(project, "check") == 0
    assert "⚠ docs/panduan/uji.id.md" in capsys.readouterr().out
    assert run(project, "check", "--strict") == 1


def test_console_script_never_shows_a_traceback(project):
    project.write(SERVICE, b"name: \xff\xfe broken\n")
    result = subprocess.run(
        [sys.executable, "-m", "ruangaman.cli", "check", "--project", str(project.root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Berkas ini tidak tersimpan sebagai UTF-8" in result.stderr


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "check" in capsys.readouterr().out


def test_a_folder_that_cannot_be_written_is_a_message_not_a_traceback(project, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n")
    for lang, words in (("id", "Tidak bisa membaca atau menulis"), ("en", "Cannot read or write")):
        done = subprocess.run(
            [sys.executable, "-m", "ruangaman.cli", "export", "--out", str(blocked / "x")]
            + ["--project", str(project.root), "--lang", lang],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith(f"{words} {blocked / 'x'}"), done.stderr
