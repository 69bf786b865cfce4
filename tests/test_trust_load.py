"""Issue 10, loading: nothing a pull request can commit is taken as checked content.

A pickle anywhere in the project (the old cache's place `.cache/ruangaman/loaded.pickle`, or any
other) is never unpickled: `check` and the built site show what the YAML says.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from conftest import TODAY, Project

from ruangaman.cli import main
from ruangaman.validate import check_project


class Evil:
    """Unpickled, it would leave `witness` behind (and could run any command)."""

    def __init__(self, witness: Path) -> None:
        self.witness = witness

    def __reduce__(self):
        return (os.system, (f"touch {self.witness}",))


def _pickles(witness: Path) -> list[bytes]:
    forged = {
        "format": 2,
        "entries": {"content/services/layanan-uji.yml": ("x", 0, 10**9, b"")},
        "phones": {("0561 123456", False): "+62 811 9999 0000"},
        "name": "Layanan Palsu",
    }
    return [
        pickle.dumps(Evil(witness)),
        b"ruangaman cache\n" + bytes(32) + pickle.dumps(Evil(witness)),
        pickle.dumps(forged),
        pickle.dumps(forged, protocol=0),
    ]


@pytest.mark.parametrize("variant", range(4))
def test_a_committed_pickle_changes_nothing(project: Project, tmp_path, variant):
    witness = tmp_path / "ran"
    blob = _pickles(witness)[variant]
    before = check_project(project.root, today=TODAY)
    for rel in (
        ".cache/ruangaman/loaded.pickle",
        ".cache/loaded.pickle",
        "content/loaded.pickle",
        "content/services/.cache/loaded.pickle",
        "loaded.pickle",
        ".staging/loaded.pickle",
    ):
        project.write(rel, blob)
    after = check_project(project.root, today=TODAY)
    assert not witness.exists()
    assert [r.data for r in after[0].services] == [r.data for r in before[0].services]
    assert [str(p) for p in after[2].problems] == [str(p) for p in before[2].problems]
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    assert not witness.exists()
    page = (site / "layanan" / "layanan-uji" / "index.html").read_text(encoding="utf-8")
    assert "Layanan Uji" in page and "Layanan Palsu" not in page
    assert 'href="tel:+62561123456"' in page
    assert "+62 811 9999 0000" not in page and "+628119999" not in page
    # Nothing writes a cache of checked files either.
    assert not (project.root / ".cache" / "ruangaman" / "checked").exists()
    assert [p.name for p in (project.root / ".cache" / "ruangaman").iterdir()] == ["loaded.pickle"]


def test_the_source_has_no_unpickling_of_files():
    """No module of the package reads a pickle, marshal or shelve file."""
    package = Path(__file__).resolve().parents[1] / "src" / "ruangaman"
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("import pickle", "import marshal", "import shelve", "pickle.load"):
            assert word not in text, f"{path.name}: {word}"
