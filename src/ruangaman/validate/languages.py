"""Which languages a site has, checked where they are used: every language named in
content/site.yml has interface text (the package's table, or the site's own in
content/interface/<code>.yml: `load.interface`); text written in a language the site does not
have is told (it is shown nowhere); a page in such a language is refused (it would be published
under an address no reader's language leads to).

The load stage accepts any ISO 639 code (a file is checked alone, without the site); only here
are the site's languages known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruangaman import model
from ruangaman.load.discover import Content
from ruangaman.load.shape import is_mark_key
from ruangaman.load.yamlfile import PathKey
from ruangaman.problems import Problem
from ruangaman.text import packaged_languages


def tableless(content: Content) -> list[tuple[int, str]]:
    """(position in `languages`, code) of each site language with no interface text."""
    have = set(packaged_languages()) | set(content.interface_tables)
    return [(i, lang) for i, lang in enumerate(content.languages) if lang not in have]


def check_site_languages(content: Content) -> list[Problem]:
    loaded = content.site_loaded
    out = []
    for i, lang in tableless(content):
        line = loaded.line(("languages", i)) if loaded else None
        out.append(
            Problem("language_without_table", "content/site.yml", line, f"languages[{i}]",
                    {"value": lang})
        )  # fmt: skip
    return out


def foreign_text(data: Any, spec: model.Field, languages: tuple[str, ...]) -> list[PathKey]:
    """The paths of text written in a language the site does not have (`{fr: ...}`)."""
    found: list[PathKey] = []
    _walk(data, spec, (), set(languages), found)
    return found


def _walk(value: Any, spec: model.Field, path: PathKey, have: set, found: list) -> None:
    if spec.kind == model.LOCALIZED and isinstance(value, Mapping):
        # (`en_from`: a translation's mark, not a language: `validate.freshness`)
        found += [(*path, lang) for lang in value if lang not in have and not is_mark_key(lang)]
    elif spec.kind == model.OBJECT and isinstance(value, Mapping):
        for child in spec.fields:
            if child.name in value:
                _walk(value[child.name], child, (*path, child.name), have, found)
    elif spec.kind == model.LIST and spec.item is not None and isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, spec.item, (*path, i), have, found)
