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
- a Makefile whose `make site` installs ruangaman from the checkout that ran `init`.

The starter files are read from the repository this package was installed from (an editable
install, as `make site` makes); a wheel install has no repository and gets a clear message.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ruangaman import model
from ruangaman.editor.translated import carry_marks, mark_translated
from ruangaman.load.yamlfile import quoted
from ruangaman.model.jsonschema import write_schemas
from ruangaman.problems import Problem
from ruangaman.text import t
from ruangaman.validate.region import Region, UnknownRegion, load_region

OLD_PLACE = "Kubu Raya"
# Only these hotlines are national; any other file in content/hotlines may be Kubu Raya's own.
NATIONAL_HOTLINES = ("sapa-129", "darurat-112", "polisi-110", "ambulans-119", "healing-119")
STARTER_FILES = ("mkdocs.yml", "overrides", "docs/panduan", "content/taxonomy.yml")
EXAMPLE_SLUG = "contoh-layanan"
TIMEZONES = {
    "Asia/Pontianak": ("61", "62"),
    "Asia/Makassar": ("51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"),
    "Asia/Jayapura": ("81", "82", "91", "92", "93", "94", "95", "96", "97"),
}


def source_root() -> Path:
    """The repository the package runs from (src/ruangaman/ -> the repository)."""
    return Path(__file__).resolve().parents[3]


def has_starter(root: Path) -> bool:
    return (
        all((root / rel).exists() for rel in STARTER_FILES)
        and (root / "content" / "hotlines").is_dir()
    )


def timezone(code: str) -> str:
    province = code.split(".")[0]
    for zone, provinces in TIMEZONES.items():
        if province in provinces:
            return zone
    return "Asia/Jakarta"


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


# --- the new site's own files ---------------------------------------------------------------------


def site_yml(region: Region) -> str:
    short = region.short_name
    return (
        "# yaml-language-server: $schema=schema/site.schema.json\n"
        "# Pengaturan situs (lihat editor-guide di repositori Ruang Aman).\n"
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
        f"  name: {quoted('Pemerintah ' + region.name)}\n"
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
        "#   - number: <nomor yang sudah dipastikan>\n"
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
        out[f"docs/tentang.{lang}.md"] = t("commands", "init.about_page", lang, place=region.name)
    return out


def makefile(source: Path) -> str:
    return (
        "# Ruang Aman site. `make site` sets up .venv, validates and builds into site/.\n"
        f"# ruangaman is installed from the checkout that created this site (ruangaman init):\n"
        f"RUANGAMAN_SOURCE ?= {source}\n"
        "PYTHON ?= python3\nVENV ?= .venv\nBIN := $(VENV)/bin\nSTAMP := $(VENV)/.installed\n"
        "export NO_MKDOCS_2_WARNING := 1\n\n"
        ".PHONY: site check serve report\n\n"
        "$(STAMP):\n"
        "\t@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)\n"
        "\t$(BIN)/python -m pip install --quiet --disable-pip-version-check -e "
        "'$(RUANGAMAN_SOURCE)'\n"
        "\t@touch $(STAMP)\n\n"
        "site: $(STAMP)\n\t$(BIN)/ruangaman build\n\n"
        "check: $(STAMP)\n\t$(BIN)/ruangaman check\n\n"
        "serve: $(STAMP)\n\t$(BIN)/ruangaman serve\n\n"
        "report: $(STAMP)\n\t$(BIN)/ruangaman report\n"
    )


GITIGNORE = "/site/\n/.staging/\n/.venv/\n/.cache/\n__pycache__/\n"


def init_site(code: str, dest: Path, source: Path | None = None) -> list[Problem]:
    """Create the site for regency `code` in `dest`; return problems (empty on success)."""
    shown = str(dest)
    try:
        region = load_region(code)
    except UnknownRegion as err:
        return [
            Problem("init_unknown_regency", code or "-", params={"value": code, **err.suggestion()})
        ]
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        return [Problem("init_folder_not_empty", shown)]
    source = source or source_root()
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
    files = {
        "content/site.yml": site_yml(region),
        f"content/services/{EXAMPLE_SLUG}.yml": example_service(region),
        "Makefile": makefile(source),
        ".gitignore": GITIGNORE,
        **pages(region),
    }
    for rel, text in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    write_schemas(dest / "content" / "schema")
    # The home and about pages are written in every language from one version of the text
    # tables: each translation translates its source as it is.
    made = [rel for rel in pages(region) if not rel.endswith(f".{model.LANGUAGES[0]}.md")]
    mark_translated(dest, made)
    return []


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy2(source, target)
