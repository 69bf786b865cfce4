"""`ruangaman init --regency CODE DIR`: a working site for another regency or city.

What the new site gets, and from where:
- its kecamatan and desa: from the national list the package carries (`region`);
- `content/site.yml`: written here, with the regency's code, name and time zone;
- the national hotlines (`NATIONAL_HOTLINES`, copied from this repository's content/hotlines);
- the prevention guides (docs/panduan), with what is true only of Kubu Raya taken out
  (`localise_guide`): a sentence naming Kubu Raya is dropped, the "services in Kubu Raya"
  section points to the new site's own directory instead;
- its own home and about pages (`init.index_page`, `init.about_page` in text/commands), mkdocs.yml,
  overrides/, the taxonomy, the JSON Schemas;
- one example service (`example: true`, no phone number at all), to be replaced;
- what makes it a project of its own: README, Makefile (`site`, `check`, `test`, `serve`,
  `report`, `publish`, `docs`), requirements.txt pinning THIS ruangaman's version (never a path
  on the machine that ran `init`), constraints.txt pinning every distribution under it exactly
  (this release's own, `site_constraints`), the GitHub workflows (check on pull requests without any
  secret, publish on main), the pull-request checklist, CODEOWNERS and the editor guide; it is
  a git repository with a first commit.

Nothing of Kubu Raya stays in what is copied (`localise`): examples and hints name the new
region, its first kecamatan and desa, its office and its area code (from libphonenumber's
geocoding data, `validate.phones.area_codes`), and an example number is written `0967 xxxxxx`,
never a made-up subscriber number.

The starter files come from the package itself (`ruangaman/starter/`, which setup.py copies
into the wheel from the top of the repository), or, in an editable install, from the checkout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

from ruangaman import model
from ruangaman.editor.translated import carry_marks, mark_translated
from ruangaman.load.yamlfile import quoted
from ruangaman.model.jsonschema import write_schemas
from ruangaman.problems import Problem
from ruangaman.text import t
from ruangaman.validate.examples import KUBU_RAYA, example_number, localise, office_name, timezone
from ruangaman.validate.region import (
    Region,
    UnknownRegion,
    load_region,
    regency_code,
    site_region,
)

OLD_PLACE = "Kubu Raya"
# Only these hotlines are national; any other file in content/hotlines may be Kubu Raya's own.
NATIONAL_HOTLINES = ("sapa-129", "darurat-112", "polisi-110", "ambulans-119", "healing-119")
STARTER_FILES = ("mkdocs.yml", "overrides", "docs/panduan", "content/taxonomy.yml")
# Every distribution of the stack pinned exactly (the repository's; the wheel carries it).
CONSTRAINTS = "constraints.txt"
# Copied as they are (then localised); setup.py's STARTER lists what the wheel carries.
STARTER_COPIED = (
    "editor-guide",
    ".github/workflows/publish.yml",
    ".github/pull_request_template.md",
)
EXAMPLE_SLUG = "contoh-layanan"


def source_root() -> Path:
    """The repository the package runs from (src/ruangaman/ -> the repository)."""
    return Path(__file__).resolve().parents[3]


def packaged_starter() -> Path:
    """Where a wheel keeps the starter files (`ruangaman/starter/`, written by setup.py)."""
    return Path(__file__).resolve().parents[1] / "starter"


def starter_root() -> Path:
    """The starter files: the package's own (a wheel), else the checkout (editable install)."""
    packaged = packaged_starter()
    return packaged if has_starter(packaged) else source_root()


def version() -> str:
    """The installed ruangaman's version (what a new site pins)."""
    try:
        return metadata.version("ruangaman")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def has_starter(root: Path) -> bool:
    return (
        all((root / rel).exists() for rel in (*STARTER_FILES, *STARTER_COPIED, CONSTRAINTS))
        and (root / "content" / "hotlines").is_dir()
    )


# --- the guides ---------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*\[(])")


def _drop_sentences(block: str) -> str:
    """A paragraph or list item without its sentences that name the old place."""
    prefix = re.match(r"^(\s*(?:[-*]|\d+\.)\s+)?", block).group(0)
    sentences = SENTENCE_END.split(block[len(prefix) :])
    kept = [s for s in sentences if OLD_PLACE not in s]
    text = " ".join(kept).strip()
    if not text or re.fullmatch(r"\*\*[^*]*\*\*", text):
        return ""
    return prefix + text


def localise_guide(text: str, place: str, lang: str) -> str:
    """A shipped guide made true for another regency: nothing in it says Kubu Raya."""
    match = re.match(r"\A---\n(.*?\n)---\n", text, re.S)
    front, body = (match.group(1), text[match.end() :]) if match else ("", text)
    front = "".join(line for line in front.splitlines(True) if OLD_PLACE not in line)
    parts = re.split(r"(\n\n+|\n(?=\S))", body.strip("\n"))
    out = ""
    skipping = dropped = False
    for i in range(0, len(parts), 2):
        block, sep = parts[i], (parts[i - 1] if i else "")
        kept = block
        if block.startswith("## "):
            skipping = False
            if OLD_PLACE in block:
                kept = block.replace(OLD_PLACE, place) + "\n\n"
                kept += t("commands", "init.services_section", lang, place=place)
                skipping = True
        elif skipping:
            kept = ""
        elif re.match(r"^- (Layanan di|Services in) " + OLD_PLACE, block):
            kept = block.replace(OLD_PLACE, place)
        elif OLD_PLACE in block:
            kept = _drop_sentences(block)
        if not kept or OLD_PLACE in kept.replace(place, ""):
            dropped = True
            continue
        if out:
            items = LIST_ITEM.match(kept) and LIST_ITEM.match(out.rsplit("\n", 1)[-1])
            out += ("\n" if items else "\n\n") if dropped else sep
        out += kept
        dropped = False
    return f"---\n{front}---\n\n{out}\n"


LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s")


# --- what is copied, made true of the new region -------------------------------------------------


# --- the new site's own files ---------------------------------------------------------------------


def site_yml(region: Region) -> str:
    short = region.short_name
    return (
        "# yaml-language-server: $schema=schema/site.schema.json\n"
        "# Pengaturan situs (lihat editor-guide/id/README.md).\n"
        "name:\n"
        f"  id: {quoted('Ruang Aman ' + short)}\n"
        f"  en: {quoted('Ruang Aman ' + short)}\n"
        "tagline:\n"
        "  id: Cegah kekerasan terhadap perempuan dan anak, dan ketahui ke mana mencari "
        "bantuan.\n"
        "  en: Prevent violence against women and children, and know where to get help.\n"
        "languages: [id, en]\n"
        f'region: "{region.code}"            # {region.name} (kode Kemendagri)\n'
        f"timezone: {timezone(region.code)}\n"
        "office:\n"
        "  # Tulis nama dinas yang menerbitkan situs ini. Alamat, telepon dan surel kantor\n"
        "  # hanya diisi setelah dipastikan; sampai itu status tetap unverified.\n"
        f"  name: {quoted(office_name(region))}\n"
        "  status: unverified\n"
    )


def example_service(region: Region) -> str:
    kecamatan = sorted(region.kecamatan.values(), key=lambda k: k.code)[0].name
    return (
        "# yaml-language-server: $schema=../schema/service.schema.json\n"
        "# CONTOH SAJA, bukan layanan sungguhan: ganti berkas ini dengan layanan yang sudah\n"
        '# diverifikasi (`ruangaman new service "Nama layanan"`), lalu hapus berkas ini.\n'
        "# Sengaja tanpa nomor telepon: nomor hanya ditulis setelah dipastikan, misalnya\n"
        "# phones:\n"
        f"#   - number: {example_number(region)}   # nomor yang sudah dipastikan\n"
        "#     type: voice\n"
        "name: Contoh layanan (bukan layanan sungguhan)\n"
        "organization:\n"
        "  name: Contoh lembaga\n"
        "types: [pengaduan]\n"
        "description:\n"
        "  id: Ini contoh cara menulis layanan di direktori. Ganti dengan layanan sungguhan.\n"
        "  en: An example of how a service is written in the directory. Replace it with a real "
        "one.\n"
        "location:\n"
        f"  kecamatan: {quoted(kecamatan)}\n"
        "status: unverified\n"
        "example: true\n"
    )


def pages(region: Region) -> dict[str, str]:
    """The new site's home and about pages in every language (`text/commands`, `init.*_page`)."""
    out = {}
    for lang in model.LANGUAGES:
        danger = t("commands", "init.danger", lang)
        out[f"docs/index.{lang}.md"] = t(
            "commands", "init.index_page", lang, place=region.name, danger=danger
        )
    for lang in model.LANGUAGES:
        out[f"docs/tentang.{lang}.md"] = t(
            "commands", "init.about_page", lang, place=region.name, office=office_name(region)
        )
    return out


def readme(region: Region) -> str:
    """The new site's README: Indonesian first, then English (`init.readme`)."""
    parts = [
        t("commands", "init.readme", lang, place=region.name, code=region.code).strip()
        for lang in model.LANGUAGES
    ]
    return "\n\n---\n\n".join(parts) + "\n"


def requirements() -> str:
    """The one thing a site installs: ruangaman at the version that made it; everything under
    it is pinned by constraints.txt (`site_constraints`). Upgrading is editing both, in a pull
    request."""
    return (
        "# Ruang Aman at one version; constraints.txt pins every package under it exactly.\n"
        "# To upgrade: change the version here and replace constraints.txt with that release's\n"
        "# (in its source package, or the repository at its tag), in one pull request;\n"
        "# `make check` and `make site` then run with the new ones.\n"
        f"ruangaman=={version()}\n"
    )


def site_constraints(source: Path) -> str:
    """constraints.txt of a new site: the pins this release of ruangaman was tested with (the
    repository's constraints.txt, carried by the wheel), under a header of its own."""
    text = (source / CONSTRAINTS).read_text(encoding="utf-8")
    pins = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = (
        f"# Every package ruangaman {version()} needs, at the release it was tested with, so\n"
        "# that `make site` installs the same stack next year as today (a new release of any of\n"
        "# them cannot break the site). Used with requirements.txt: `pip install -c\n"
        "# constraints.txt -r requirements.txt`. Replace it with the constraints.txt of the\n"
        "# ruangaman release named in requirements.txt when you upgrade; do not edit by hand.\n"
    )
    return header + "\n".join(pins) + "\n"


MAKEFILE = """\
# Ruang Aman site: `make site` sets up .venv, validates and builds into site/; `make check`
# validates content only. ruangaman is installed from PyPI at the version in requirements.txt,
# and every package under it at the release constraints.txt pins.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# A folder of wheels pip may also take ruangaman from (testing a release before it is on PyPI).
RUANGAMAN_FIND_LINKS ?=
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check test serve report publish docs clean

$(STAMP): requirements.txt constraints.txt
\t@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
\t$(BIN)/python -m pip install --quiet --disable-pip-version-check \\
\t  $(if $(RUANGAMAN_FIND_LINKS),--find-links '$(RUANGAMAN_FIND_LINKS)') \\
\t  -c constraints.txt -r requirements.txt
\t@touch $(STAMP)

## site: validate content and build the bilingual site into site/
site: $(STAMP)
\t$(BIN)/ruangaman build

## check: validate content/ and docs/ only (BASE=rev: also report a changed publish destination)
check: $(STAMP)
\t$(BIN)/ruangaman check $(if $(BASE),--base "$(BASE)")

## test: what a pull request must pass: the check, then a full build
test: check site

## serve: live preview on http://127.0.0.1:8000, rebuilding on every change
serve: $(STAMP)
\t$(BIN)/ruangaman serve

## report: what needs an editor's attention (exit 1 when something does)
report: $(STAMP)
\t$(BIN)/ruangaman report

## publish: validate, build and send the site to publish.destination in content/site.yml
publish: $(STAMP)
\t$(BIN)/ruangaman publish

## docs: regenerate the JSON Schemas and the editor guide's reference pages
docs: $(STAMP)
\t$(BIN)/ruangaman docs

clean:
\trm -rf site .staging
"""

CHECK_WORKFLOW = """\
# Every pull request: validate and build, WITHOUT any secret. `pull_request` (never
# `pull_request_target`): code from a fork runs with a read-only token and no passwords.
name: Periksa perubahan / Check a change
on:
  pull_request:
permissions:
  contents: read
concurrency:
  group: check-${{ github.event.pull_request.number }}
  cancel-in-progress: true
jobs:
  check:
    runs-on: ubuntu-latest
    container: python:3.11-bookworm
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
          fetch-depth: 0   # the base revision too, for `check --base`
      - name: Validate content / Periksa isi
        # --base: a changed publish.destination fails this check, so a maintainer must look at
        # it (the passwords would go to the new destination on the next push to main).
        env:
          BASE_SHA: ${{ github.event.pull_request.base.sha }}
        run: |
          git config --global --add safe.directory "$GITHUB_WORKSPACE"
          make check BASE="$BASE_SHA"
      - name: Build the site / Bangun situs
        run: make site
"""

CODEOWNERS = """\
# Who must approve a pull request (Settings → Branches → "Require review from Code Owners").
# Editors change services, hotlines and pages; settings, the publishing destination and the
# workflows need a maintainer. Replace @ORG/maintainers and @ORG/editors with your team or user
# names. The last matching line wins.

*                          @ORG/maintainers

/content/                  @ORG/maintainers @ORG/editors
/docs/                     @ORG/maintainers @ORG/editors
/editor-guide/             @ORG/maintainers @ORG/editors

/content/site.yml          @ORG/maintainers
/content/taxonomy.yml      @ORG/maintainers
/content/schema/           @ORG/maintainers
/mkdocs.yml                @ORG/maintainers
/overrides/                @ORG/maintainers
/.github/                  @ORG/maintainers
/Makefile                  @ORG/maintainers
/requirements.txt          @ORG/maintainers
/constraints.txt           @ORG/maintainers
/.gitignore                @ORG/maintainers
"""

GITIGNORE = "/site/\n/.staging/\n/.venv/\n/.cache/\n/cetak/\n__pycache__/\n"


def init_site(code: str, dest: Path, source: Path | None = None) -> list[Problem]:
    """Create the site for regency `code` (a Kemendagri code or an exact name) in `dest`;
    return problems (empty on success)."""
    shown = str(dest)
    try:
        region = load_region(regency_code(code))
    except UnknownRegion as err:
        return [
            Problem("init_unknown_regency", code or "-", params={"value": code, **err.suggestion()})
        ]
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        return [Problem("init_folder_not_empty", shown)]
    source = source or starter_root()
    if not has_starter(source):
        return [Problem("init_no_starter", shown, params={"value": str(source)})]
    dest.mkdir(parents=True, exist_ok=True)
    for rel in ("mkdocs.yml", "overrides", "content/taxonomy.yml"):
        _copy(source / rel, dest / rel)
    for slug in NATIONAL_HOTLINES:
        hotline = source / "content" / "hotlines" / f"{slug}.yml"
        if hotline.is_file():
            _copy(hotline, dest / "content" / "hotlines" / hotline.name)
    for guide in sorted((source / "docs" / "panduan").glob("*.md")):
        lang = guide.name.rsplit(".", 2)[-2]
        text = guide.read_text(encoding="utf-8")
        if lang in model.LANGUAGES:
            text = localise_guide(text, region.name, lang)
        target = dest / "docs" / "panduan" / guide.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    carry_marks(source, dest, model.LANGUAGES)  # a current translation stays current
    for rel in STARTER_COPIED:
        _copy(source / rel, dest / rel)
    files = {
        "content/site.yml": site_yml(region),
        f"content/services/{EXAMPLE_SLUG}.yml": example_service(region),
        "README.md": readme(region),
        "Makefile": MAKEFILE,
        "requirements.txt": requirements(),
        "constraints.txt": site_constraints(source),
        ".github/workflows/check.yml": CHECK_WORKFLOW,
        ".github/CODEOWNERS": CODEOWNERS,
        ".gitignore": GITIGNORE,
        **pages(region),
    }
    for rel, text in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    written = write_schemas(dest / "content" / "schema")
    # The home and about pages are written in every language from one version of the text
    # tables: each translation translates its source as it is.
    made = [rel for rel in pages(region) if not rel.endswith(f".{model.LANGUAGES[0]}.md")]
    mark_translated(dest, made)
    localise_files(dest, [*written, *(dest / "editor-guide").rglob("*.md")], region)
    first_commit(dest)
    return []


def localise_files(root: Path, paths: list[Path], region: Region | None = None) -> None:
    """Make generated or copied files (schemas, editor guide) name the site's own region instead
    of Kubu Raya's examples; `region`: the one in root's content/site.yml when not given. A
    site for Kubu Raya itself (or a wider one) keeps them as they are."""
    if region is None:
        region = site_region(root)
    if region is None or region.code == KUBU_RAYA:
        return
    for path in paths:
        text = path.read_text(encoding="utf-8")
        changed = localise(text, region)
        if changed != text:
            path.write_text(changed, encoding="utf-8")


def first_commit(dest: Path) -> bool:
    """Make `dest` a git repository with everything in a first commit; False when git is not
    installed (the README then says `git init`). An author is given only when git has none."""
    git = shutil.which("git")
    if git is None:
        return False
    known = subprocess.run([git, "config", "user.email"], cwd=dest, capture_output=True)
    author = [] if known.returncode == 0 else ["-c", "user.name=ruangaman init"]
    author += [] if known.returncode == 0 else ["-c", "user.email=init@invalid"]

    def run(*args: str) -> None:
        subprocess.run([git, *args], cwd=dest, check=True, capture_output=True, timeout=120)

    run("init", "--quiet", "--initial-branch=main")
    run("add", "--all")
    run(*author, "commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", "ruangaman init")
    return True


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy2(source, target)
