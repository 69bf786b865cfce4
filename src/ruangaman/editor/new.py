"""`ruangaman new service|hotline|guide NAME`: a file to fill in, made from `model`; and
`ruangaman new interface CODE`: the interface text to translate for a new language.

Required fields are written with an empty value (the checker names each one still empty);
optional fields are written as comments with an example, ready to be uncommented. Every field
gets a comment in Indonesian naming it and giving an example. Nothing is ever overwritten.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ruangaman import model
from ruangaman.load.discover import GUIDES_DIR, RESERVED_SLUGS, load_document
from ruangaman.load.shape import SLUG_RE, example_text
from ruangaman.model import Field
from ruangaman.problems import Problem
from ruangaman.validate.examples import site_examples
from ruangaman.validate.region import site_region, slugify

KINDS = MappingProxyType(
    {
        "service": (model.SERVICE, "content/services/{slug}.yml", "service"),
        "hotline": (model.HOTLINE, "content/hotlines/{slug}.yml", "hotline"),
        "guide": (model.GUIDE, f"docs/{GUIDES_DIR}/{{slug}}.id.md", None),
    }
)
# Safe starting values: a new service or hotline is unverified until someone confirms it.
PREFILLED = MappingProxyType({"status": "unverified"})
REQUIRED = "wajib diisi"
OPTIONAL = "tidak wajib; untuk memakainya, hapus # di depan baris-baris di bawah"
BODY = (
    "<!-- Tulis isi panduan di sini dalam Markdown, tanpa judul tingkat pertama (#).\n"
    "     Pakai judul ## untuk bagian, dan tautkan halaman lain tanpa kode bahasa,\n"
    "     misalnya [Nomor penting](../hotline.md).\n"
    "     Terjemahannya ditulis di berkas bernama sama yang berakhiran .en.md; setelah\n"
    "     isinya sesuai dengan halaman ini, jalankan `ruangaman translated <berkas .en.md>`\n"
    "     (lihat editor-guide/id/guides.md). Hapus komentar ini. -->\n"
)


@dataclass
class Hints:
    """Extra comment text from the project itself: the type, topic and kecamatan names."""

    by_field: dict[str, str]

    def get(self, path: str) -> str:
        return self.by_field.get(path, "")


def project_hints(root: Path) -> Hints:
    """What the project allows, read quietly: a broken taxonomy just means fewer hints."""
    hints: dict[str, str] = {}
    taxonomy, _, _ = load_document(
        root / "content" / "taxonomy.yml", "content/taxonomy.yml", model.TAXONOMY
    )
    if taxonomy:
        types = [t["id"] for t in taxonomy.get("service_types", []) if t.get("id")]
        topics = [t["id"] for t in taxonomy.get("topics", []) if t.get("id")]
        if types:
            hints["types"] = "Pilihan: " + ", ".join(types)
        if topics:
            hints["topics"] = "Pilihan: " + ", ".join(topics)
    region = site_region(root)
    if region is not None:
        names = ", ".join(region.kecamatan_names())
        hints["location"] = f"Kecamatan di {region.name}: {names}"
    return Hints(hints)


def _example_yaml(name: str, example: Any) -> list[str]:
    text = yaml.safe_dump({name: example}, sort_keys=False, allow_unicode=True, width=90)
    return text.rstrip("\n").split("\n")


def _comment(spec: Field, hint: str) -> str:
    state = REQUIRED if spec.required else OPTIONAL
    text = f"# {spec.title_id} ({state})."
    if spec.example is not None:
        text += f" Contoh: {example_text(spec.example)}."
    if spec.kind == model.CHOICE:
        text += f" Pilihan: {', '.join(spec.choices)}."
    if hint:
        text += f" {hint}"
    return text


def template_lines(
    spec: Field, values: dict[str, Any], hints: Hints, path: str = "", indent: str = ""
) -> list[str]:
    """The YAML lines of a template for the fields of `spec`."""
    lines: list[str] = []
    for child in spec.fields:
        if child.kind == model.TRANSLATION_MARK:
            continue  # written in a translation by `ruangaman translated`, never by hand
        here = f"{path}{child.name}"
        lines.append(indent + _comment(child, hints.get(here)))
        if not child.required and child.name not in values:
            example = child.example if child.example is not None else ""
            lines += [f"{indent}# {line}" for line in _example_yaml(child.name, example)]
            continue
        if child.name in values and child.kind != model.LOCALIZED:
            lines += [indent + line for line in _example_yaml(child.name, values[child.name])]
        elif child.kind == model.OBJECT:
            lines.append(f"{indent}{child.name}:")
            lines += template_lines(child, {}, hints, here + ".", indent + "  ")
        elif child.kind == model.LOCALIZED:
            lines.append(f"{indent}{child.name}:")
            given = values.get(child.name)
            lines += [f"{indent}  {line}" for line in _example_yaml("id", given)] if given else []
            lines += [] if given else [f"{indent}  id:"]
            lines.append(f"{indent}  # bahasa Inggris: hapus baris `en:` jika belum ada terjemahan")
            lines.append(f"{indent}  en:")
        else:
            lines.append(f"{indent}{child.name}:")
    return lines


def template_text(kind: str, name: str, hints: Hints | None = None) -> str:
    """The whole text of a new file of `kind` (service, hotline or guide) named `name`."""
    spec, _, schema = KINDS[kind]
    hints = hints or Hints({})
    first = "title" if kind == "guide" else "name"
    values: dict[str, Any] = {first: name}
    if kind != "guide":
        values.update(PREFILLED)
        values["id"] = str(uuid.uuid4())  # the record's stable id for open data, from birth
    body = "\n".join(template_lines(spec, values, hints)) + "\n"
    if kind == "guide":
        return f"---\n{body}---\n\n{BODY}"
    head = (
        f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n"
        f"# {spec.title_id.capitalize()} baru. Baris yang diawali # adalah penjelasan.\n"
        "# Jangan menulis nomor, alamat atau jam yang belum dipastikan: biarkan status\n"
        "# `unverified` sampai ada yang memeriksa, lalu isi verified_on dan sources.\n"
    )
    return head + body


def new_file(root: Path, kind: str, name: str) -> tuple[Path | None, list[Problem]]:
    """Write a new file of `kind` for `name`; refuse names without a slug and existing files."""
    slug = slugify(name)
    if not slug or not SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
        params = {"value": name, **site_examples(root)}
        return None, [Problem("bad_name", name or "-", params=params)]
    rel = KINDS[kind][1].format(slug=slug)
    path = root / rel
    if path.exists():
        return None, [Problem("file_exists", rel)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template_text(kind, name, project_hints(root)), encoding="utf-8")
    from ruangaman.editor.init_site import localise_files

    localise_files(root, [path])  # another region's site: its examples, not Kubu Raya's
    return path, []


INTERFACE_HEAD = (
    "# Teks antarmuka situs dalam bahasa `{code}` (tombol, menu, pemberitahuan).\n"
    "# Terjemahkan setiap teks sesudah titik dua. Jangan ubah kunci di kiri, dan salin setiap\n"
    "# tempat isian dalam kurung kurawal, misalnya {{n}}, persis seperti adanya. Teks yang\n"
    "# belum diterjemahkan boleh dihapus: situs lalu menampilkannya dalam bahasa Indonesia, dan\n"
    "# `ruangaman check` menyebut berapa yang belum. Tambahkan `{code}` ke `languages:` di\n"
    "# content/site.yml, dan satu bahasa di plugin i18n dalam mkdocs.yml.\n"
)


def new_interface(root: Path, code: str) -> tuple[Path | None, list[Problem]]:
    """Write content/interface/<code>.yml: every interface text in Indonesian, to translate."""
    from ruangaman.text import LANGUAGE_RE, LANGUAGES, packaged_languages, strings, translatable

    rel = f"content/interface/{code}.yml"
    if not LANGUAGE_RE.match(code):
        return None, [Problem("bad_language", rel, params={"value": code})]
    if code in packaged_languages():
        return None, [Problem("interface_packaged", rel, params={"lang": code})]
    path = root / rel
    if path.exists() or path.is_symlink():
        return None, [Problem("file_exists", rel)]
    body = yaml.safe_dump(
        translatable(strings(LANGUAGES[0])), sort_keys=False, allow_unicode=True, width=1_000_000
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(INTERFACE_HEAD.format(code=code) + body, encoding="utf-8")
    return path, []
