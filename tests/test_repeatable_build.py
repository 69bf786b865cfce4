"""Two builds of the same content give the same bytes in every file (issue 16): nothing in the
site depends on when, where or in which process it was built, so a publish after no change
sends nothing (tests/test_publish.py::test_a_publish_after_no_change_sends_nothing).

The shipped Kubu Raya content with an address (sitemap, robots.txt, QR codes, absolute
addresses in the heads) is built twice by `ruangaman build`, each in its own process with its
own string hash seed (the order of a set of strings differs between the two), into two folders
of different names. The forked and the one-process builds, and Pagefind run once or once per
language, are compared by tests/test_scale.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

ADDRESS = "https://ruangaman.contoh.test/kuburaya/"


def _project(folder: Path) -> Path:
    for name in ("content", "docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    site_yml = folder / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"url: {ADDRESS}\n", "utf-8")
    return folder


def _build(project: Path, site: Path, hash_seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "ruangaman.cli", "build", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_content_give_the_same_bytes_in_every_file(tmp_path):
    project = _project(tmp_path / "project")
    first = _build(project, tmp_path / "first", "1")
    second = _build(project, tmp_path / "second-build", "2")
    assert "sitemap.xml" in first and "pagefind/pagefind-entry.json" in first
    assert sorted(set(first) ^ set(second)) == [], "files in one build only"
    differ = sorted(rel for rel in first if first[rel] != second[rel])
    assert differ == [], f"{len(differ)} file(s) differ between two builds:\n" + "\n".join(differ)
