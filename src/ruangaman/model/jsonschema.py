"""JSON Schemas of the content files, generated from `model` so they never drift from the validator.

Editors' text editors (VS Code with the YAML extension, GitHub's web editor with a language server)
read them through the `# yaml-language-server: $schema=...` line at the top of each content file,
and offer completion and hover help. The validator stays the judge: the schema only helps typing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ruangaman import model
from ruangaman.model import Field

SCHEMAS = {
    "service": model.SERVICE,
    "hotline": model.HOTLINE,
    "site": model.SITE,
    "taxonomy": model.TAXONOMY,
    "holidays": model.HOLIDAYS,
}
TEXT_KINDS = {
    model.TEXT,
    model.REGION_CODE,
    model.KECAMATAN,
    model.REGENCY,
    model.DESA,
    model.SERVICE_TYPE,
    model.TOPIC,
}


def _text(spec: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "minLength": 1}
    out.update(_text_rules(spec))
    return out


def _mark() -> dict[str, Any]:
    return {"type": "string", "pattern": f"^[0-9a-f]{{{model.MARK_LENGTH}}}$"}


def _text_rules(spec: Field) -> dict[str, Any]:
    """The length and character rule of a text field, as the validator applies them."""
    out: dict[str, Any] = {}
    if spec.limit:
        out["maxLength"] = spec.limit
    out["pattern"] = f"^[^{spec.characters}]*$"
    return out


def field_schema(spec: Field, marks: bool = False) -> dict[str, Any]:
    """The JSON Schema of one field, with its bilingual title and an example; `marks`: its
    two-language texts may carry the mark of the text each translation translates."""
    kind = spec.kind
    if kind in TEXT_KINDS:
        out = _text(spec)
    elif kind == model.LOCALIZED:
        text = _text(spec)
        out = {
            "anyOf": [
                text,
                {
                    # a text per language, the site's main language (Indonesian) required;
                    # which languages the site has is `check`'s to say (content/site.yml)
                    "type": "object",
                    "properties": {"id": text, "en": text},
                    # any language's text; on a service or hotline, `en_from` (`ms_from`):
                    # the mark of the Indonesian text that translation translates
                    "patternProperties": {
                        "^[a-z]{2,3}$": text,
                        **({f"^[a-z]{{2,3}}{model.MARK_SUFFIX}$": _mark()} if marks else {}),
                    },
                    "required": ["id"],
                    "additionalProperties": False,
                },
            ]
        }
    elif kind == model.PHONE:
        out = {"type": ["string", "integer"], **_text_rules(spec)}
    elif kind == model.BOOL:
        out = {"type": "boolean"}
    elif kind == model.INT:
        out = {"type": "integer"}
    elif kind == model.NUMBER:
        out = {"type": "number"}
    elif kind == model.DATE:
        out = {"type": "string", "format": "date"}
    elif kind == model.TIME:
        out = {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$|^24:00$"}
    elif kind == model.CHOICE:
        out = {"type": "string", "enum": list(spec.choices)}
    elif kind == model.URL:
        out = {"type": "string", "pattern": f"^https?://[^{spec.characters}]*$"}
        out["maxLength"] = spec.limit
    elif kind == model.EMAIL:
        out = {"type": "string", "format": "email", **_text_rules(spec)}
    elif kind == model.SLUG:
        out = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
    elif kind == model.LANGUAGE:
        out = {"type": "string", "pattern": "^[a-z]{2,3}$"}
    elif kind == model.UUID:
        out = {"type": "string", "pattern": "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"}
    elif kind == model.TRANSLATION_MARK:
        out = _mark()
    elif kind == model.LIST:
        out = {"type": "array", "items": field_schema(spec.item, marks)}
        if spec.ranges and spec.item is not None:  # `senin-jumat` as well as `senin`
            either = "|".join(spec.item.choices)
            ranged = {"type": "string", "pattern": f"^\\s*({either})\\s*-\\s*({either})\\s*$"}
            out["items"] = {"anyOf": [out["items"], ranged]}
        if spec.min_items:
            out["minItems"] = spec.min_items
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
    elif kind == model.OBJECT:
        out = {
            "type": "object",
            "properties": {f.name: field_schema(f, marks) for f in spec.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in spec.fields if f.required]
        if required:
            out["required"] = required
    else:  # pragma: no cover - a new kind must be given a schema here
        raise ValueError(f"no JSON Schema for kind {kind!r}")
    out["title"] = spec.title_id
    out["description"] = f"{spec.title_id} / {spec.title_en}"
    if spec.example is not None:
        out["examples"] = [spec.example]
    return out


def document_schema(name: str) -> dict[str, Any]:
    schema = field_schema(SCHEMAS[name], marks=name in model.MARKED_KINDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **schema,
    }


def schema_text(name: str) -> str:
    return json.dumps(document_schema(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (content/schema/); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
