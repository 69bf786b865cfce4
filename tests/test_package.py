"""Issue 15: ruangaman as an installed package. The wheel (built from the sdist, as
`python -m build` does) carries everything `init` needs; in a clean venv with only that wheel
(and its pinned dependencies from the index), `ruangaman init` writes a site, and that site,
moved to another folder, installs ruangaman at its pinned version through its own Makefile and
passes its own `make check` and `make site`. Slow (two installs of the pinned stack, about a
minute each on a cold pip cache): everything runs once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

# What init reads from the package (setup.py STARTER) and what the build needs at run time.
CARRIED = (
    "ruangaman/starter/mkdocs.yml",
    "ruangaman/starter/overrides/main.html",
    "ruangaman/starter/docs/panduan/cara-melapor.id.md",
    "ruangaman/starter/content/taxonomy.yml",
    "ruangaman/starter/content/hotlines/sapa-129.yml",
    "ruangaman/starter/editor-guide/id/README.md",
    "ruangaman/starter/editor-guide/en/README.md",
    "ruangaman/starter/.github/workflows/publish.yml",
    "ruangaman/starter/.github/pull_request_template.md",
    "ruangaman/starter/constraints.txt",
    "ruangaman/data/idn-area/villages.csv.gz",
    "ruangaman/data/idn-area/LICENSE.md",
    "ruangaman/text/problems/id.yml",
    "ruangaman/text/interface/en.yml",
    "ruangaman/render/templates/pages/poster_kecamatan.html.j2",
    "ruangaman/render/templates/sheets/desa.html.j2",
    "ruangaman/render/static/ruangaman.css",
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _run(args: list, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_env()
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel built from it (`python -m build`, isolated as on PyPI)."""
    work = tmp_path_factory.mktemp("dist")
    tools = work / "tools"
    _run([sys.executable, "-m", "venv", tools], work)
    _run([tools / "bin/python", "-m", "pip", "install", "--quiet", "build==1.2.2.post1"], work)
    out = work / "dist"
    _run([tools / "bin/python", "-m", "build", "--outdir", out, ROOT], work)
    return out


@pytest.fixture(scope="session")
def clean_venv(dist, tmp_path_factory) -> Path:
    """A venv with nothing but the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("clean") / "venv"
    _run([sys.executable, "-m", "venv", venv], venv.parent)
    pip = [venv / "bin/python", "-m", "pip", "install", "--quiet", "--find-links", dist]
    _run([*pip, "--no-index", "--no-deps", "ruangaman"], venv.parent)
    # its dependencies from the index, each at the release constraints.txt pins
    _run([*pip, "-c", ROOT / "constraints.txt", "ruangaman"], venv.parent)
    return venv


def test_the_wheel_and_the_sdist_carry_what_init_needs(dist):
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in CARRIED if n not in names]
    assert missing == [], missing
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        inside = {"/".join(n.split("/")[1:]) for n in tar.getnames()}
    for rel in ("setup.py", "MANIFEST.in", "mkdocs.yml", "content/taxonomy.yml", "constraints.txt"):
        assert rel in inside, rel
    assert "docs/panduan/cara-melapor.en.md" in inside


def test_init_from_the_wheel_makes_a_site_that_builds_elsewhere(clean_venv, dist, tmp_path):
    bin_ = clean_venv / "bin"
    version = _run([bin_ / "ruangaman", "--version"], tmp_path).stdout.split()[-1]
    where = _run(
        [bin_ / "python", "-c", "import ruangaman.cli, sys; print(ruangaman.cli.__file__)"],
        tmp_path,
    ).stdout
    assert str(ROOT) not in where  # the wheel's code, not this checkout
    _run([bin_ / "ruangaman", "init", "--regency", "91.71", tmp_path / "made"], tmp_path)
    assert (
        (tmp_path / "made/requirements.txt").read_text().strip().endswith(f"ruangaman=={version}")
    )
    moved = tmp_path / "another" / "place"
    shutil.copytree(tmp_path / "made", moved)
    shutil.rmtree(tmp_path / "made")
    make = ["make", f"RUANGAMAN_FIND_LINKS={dist}", f"PYTHON={sys.executable}"]
    _run([*make, "check"], moved)
    _run([*make, "site"], moved)
    assert (moved / "site/layanan/kecamatan/jayapura-utara/index.html").is_file()
    assert (moved / "site/en/index.html").is_file()
    # the sheets per village, from the installed package
    _run([moved / ".venv/bin/ruangaman", "print", "--desa", "all"], moved)
    assert (moved / "cetak/desa/jayapura-utara/imbi.html").is_file()
    assert (moved / "cetak/desa/jayapura-utara/imbi.sms.txt").is_file()
    # `make site` installed only what the site needs: no test tools in its venv
    listed = _run([moved / ".venv/bin/python", "-m", "pip", "list"], moved).stdout.lower()
    assert "ruangaman" in listed and "pytest" not in listed and "playwright" not in listed
    # ... each at the release the site's constraints.txt (this repository's pins) names
    pins = set((moved / "constraints.txt").read_text(encoding="utf-8").splitlines())
    frozen = _run([moved / ".venv/bin/python", "-m", "pip", "freeze"], moved).stdout.split()
    unpinned = [line for line in frozen if not line.startswith("ruangaman") and line not in pins]
    assert unpinned == [], unpinned


def test_the_release_workflow_builds_and_tries_the_wheel():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text("utf-8"))
    steps = "\n".join(s.get("run", "") for s in workflow["jobs"]["build"]["steps"])
    assert "python -m build" in steps and "ruangaman init" in steps
    assert "ruangaman --version" in steps
    assert workflow["permissions"] == {"contents": "read"}  # only the PyPI job gets more
