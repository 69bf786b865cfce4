"""The editor guide's generated pages: the field reference (from `model`), the meaning of every
error message (from `text/problems`) and the spreadsheet columns (from `spreadsheet`).

`ruangaman docs` writes them into editor-guide/{id,en}/; a test fails when the committed files
differ from what this module makes, so the guide cannot drift from the validator.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruangaman import model
from ruangaman.editor.spreadsheet import (
    ATTEMPTS,
    FLOW,
    LIST,
    LOCAL,
    PHONE_NOTES,
    PHONES,
    SLUG,
    WEEKLY,
    Column,
    columns_for,
)
from ruangaman.load.shape import example_text
from ruangaman.model import Field
from ruangaman.text import Words, problem_codes, t, table, template

GUIDE_DIR = "editor-guide"
# The generated pages, the same file names in every language's folder of the guide.
GENERATED = {"fields": "fields.md", "messages": "messages.md", "columns": "columns.md"}
DOCUMENTS = (
    ("service", model.SERVICE, "content/services/<slug>.yml"),
    ("hotline", model.HOTLINE, "content/hotlines/<slug>.yml"),
    ("guide", model.GUIDE, "docs/panduan/<name>.id.md / .en.md (front matter)"),
    ("page", model.PAGE, "docs/<name>.id.md / .en.md (front matter)"),
    ("site", model.SITE, "content/site.yml"),
    ("taxonomy", model.TAXONOMY, "content/taxonomy.yml"),
    ("holidays", model.HOLIDAYS, "content/holidays.yml"),
)

# Kinds whose values have a fixed form: their length limit says nothing to an editor.
UNLIMITED_KINDS = frozenset({model.CHOICE, model.TIME, model.UUID, model.TRANSLATION_MARK})


def kind_words(spec: Field, lang: str) -> str:
    """How a field's kind of value is called in the guide."""
    if spec.kind == model.LIST and spec.item is not None:
        words = t("problems", "parts.kind.list", lang) + ": " + kind_words(spec.item, lang)
        if spec.ranges:
            example = next(e for e in spec.example if "-" in e)
            words += " " + t("commands", "guide.or_range", lang, example=example)
        return words
    if spec.kind == model.CHOICE:
        return ", ".join(f"`{c}`" for c in spec.choices)
    key = f"parts.kind.{spec.kind}"
    return table("problems", lang).get(key, spec.kind)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def flatten(spec: Field, prefix: str = "") -> list[tuple[str, Field]]:
    """Every field under `spec` with its path as written in the guide (`phones[].number`)."""
    rows: list[tuple[str, Field]] = []
    for child in spec.fields:
        path = f"{prefix}{child.name}"
        rows.append((path, child))
        if child.kind == model.OBJECT:
            rows += flatten(child, path + ".")
        elif child.kind == model.LIST and child.item is not None and child.item.fields:
            rows += flatten(child.item, path + "[].")
    return rows


def fields_reference(lang: str) -> str:
    """The field reference page in one language."""
    words = Words("commands", "guide", lang)
    out = [
        words["generated"].format(source="src/ruangaman/model/__init__.py"),
        "",
        words["fields_title"],
        "",
        words["fields_intro"],
        "",
        words["localized"],
    ]
    for name, root, where in DOCUMENTS:
        title = root.title(lang)
        out += ["", f"## {title} (`{name}`)", "", f"{words['file']}: `{where}`", ""]
        out += [words["head"], "| --- | --- | --- | --- | --- |"]
        for path, spec in flatten(root):
            meaning = spec.title(lang)
            example = "" if spec.example is None else f"`{_cell(example_text(spec.example))}`"
            limits = []
            if spec.limit and spec.kind not in UNLIMITED_KINDS:
                limits.append(f"≤ {spec.limit}")
                limits.append(words["multiline"] if spec.multiline else words["one_line"])
            if spec.min_items:
                limits.append(f"≥ {spec.min_items}")
            if spec.max_items is not None:
                limits.append(f"≤ {spec.max_items}")
            holds = kind_words(spec, lang) + (f" ({', '.join(limits)})" if limits else "")
            required = words["required"] if spec.required else ""
            out.append(f"| `{path}` | {required} | {_cell(holds)} | {_cell(meaning)} | {example} |")
    return "\n".join(out) + "\n"


def _show(template: str, lang: str) -> str:
    """A message template with its placeholders shown as ‹words›; suggestions left out."""

    def word(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith("suggestion"):
            return ""
        return "‹" + table("commands", lang).get(f"placeholder.{name}", name) + "›"

    return re.sub(r"\{(\w+)\}", word, template).replace("\n", " ")


def messages_reference(lang: str) -> str:
    """Every editor-facing message with what it means and how to fix it, in one language."""
    words = Words("commands", "guide", lang)
    out = [
        words["generated"].format(source=f"src/ruangaman/text/problems/{lang}.yml"),
        "",
        words["messages_title"],
        "",
        words["messages_intro"],
    ]
    for code in problem_codes():
        what = template("problems", f"{code}.what", lang)
        fix = template("problems", f"{code}.fix", lang)
        out += [
            "",
            f"## `{code}`",
            "",
            f"**{words['what']}:** {_show(what, lang)}",
            "",
            f"**{words['fix']}:** {_show(fix, lang)}",
        ]
    return "\n".join(out) + "\n"


def describe_column(column: Column, lang: str) -> tuple[str, str, bool]:
    """(how to write the cell, what the field means, whether it must be filled) for the guide.

    Here, not in `spreadsheet`: it is how the guide explains a column, and the spreadsheet
    (which reads and writes the cells) needs nothing of the guide."""
    spec = column.spec
    meaning = spec.title(lang)
    required = spec.required and (column.style != LOCAL or column.lang == "id")
    line = t("commands", "columns.per_line", lang)
    if column.name == SLUG:
        return t("commands", "columns.slug", lang), meaning, False
    if column.style == PHONES:
        how = f"`0561 123456 (voice)`, `08xx xxxx xxxx (whatsapp)`; {line}"
    elif column.style == PHONE_NOTES:
        how = t("commands", "columns.phone_notes", lang, line=line)
    elif column.style == WEEKLY:
        how = f"`senin-jumat 08:00-15:00`, `sabtu 08:00-12:00`; {line}"
    elif column.style == ATTEMPTS:
        how = t("commands", "columns.attempts", lang, line=line)
    elif column.style == LIST:
        how = f"{kind_words(spec.item, lang)}; {line}"
    elif column.style == FLOW:
        how = "YAML: `[{…}]`"
    elif spec.kind == model.BOOL:
        how = "`true` / `false` (ya / tidak)"
    elif column.style == LOCAL:
        how = kind_words(model.Field("", model.TEXT, "", ""), lang)
    else:
        how = kind_words(spec, lang)
    if column.style == LOCAL:
        meaning += f" ({t('commands', f'columns.in_language.{column.lang}', lang)})"
    return how, meaning, required


def columns_reference(lang: str) -> str:
    """The spreadsheet columns of a service, with how each cell is written."""
    words = Words("commands", "guide", lang)
    out = [
        words["generated"].format(source="src/ruangaman/model/__init__.py, editor/spreadsheet.py"),
        "",
        words["columns_title"],
        "",
        words["columns_intro"],
    ]
    for kind in ("services", "hotlines"):
        spec = model.SERVICE if kind == "services" else model.HOTLINE
        title = spec.title(lang)
        out += ["", f"## {title} (`ruangaman export --kind {kind}`)", ""]
        out += [words["columns_head"], "| --- | --- | --- | --- |"]
        for column in columns_for(spec):
            how, meaning, required = describe_column(column, lang)
            mark = words["required"] if required else ""
            out.append(f"| `{column.name}` | {mark} | {_cell(how)} | {_cell(meaning)} |")
    return "\n".join(out) + "\n"


MAKERS = {"fields": fields_reference, "messages": messages_reference, "columns": columns_reference}


def generated_pages() -> dict[str, str]:
    """Every generated page of the editor guide: path under the repository -> text."""
    pages = {}
    for lang in model.LANGUAGES:
        for what, name in GENERATED.items():
            pages[f"{GUIDE_DIR}/{lang}/{name}"] = MAKERS[what](lang)
    return pages


def write_reference(root: Path) -> list[Path]:
    """Write the generated pages of the editor guide under `root`; return the files written."""
    written = []
    for rel, text in generated_pages().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
