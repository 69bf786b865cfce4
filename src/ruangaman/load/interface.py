"""A site's own interface text for a language the package has no table for:
`content/interface/<code>.yml`, the same entries as the package's Indonesian table
(`text/interface/id.yml`), translated.

Checked entry by entry against the Indonesian table, as a pure function of the file's bytes: an
entry the interface does not have, one that is not text, one whose `{placeholders}` differ (a
page would fail, or show the wrong number) or that holds `<` or `>` (interface text is never
markup) is refused and left out; an entry not yet translated is shown in Indonesian, and one
warning lists them. `text.Interface` puts the usable entries over the Indonesian table.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruangaman.load.shape import suggestion
from ruangaman.load.yamlfile import Loaded, load_yaml_file
from ruangaman.problems import WARNING, Problem
from ruangaman.text import (
    LANGUAGE_RE,
    LANGUAGES,
    packaged_languages,
    placeholders,
    strings,
    translatable,
)

FOLDER = "interface"
SHOWN_MISSING = 5  # untranslated entries the warning names (it counts them all)


def load_interfaces(
    root: Path, names: list[str]
) -> tuple[dict[str, Mapping[str, Any]], list[Problem]]:
    """The usable entries of every `content/interface/<code>.yml` (language -> nested table)."""
    tables: dict[str, Mapping[str, Any]] = {}
    problems: list[Problem] = []
    for name in sorted(names):
        rel = f"content/{FOLDER}/{name}"
        code = name[: -len(".yml")] if name.endswith(".yml") else ""
        if not LANGUAGE_RE.match(code):
            problems.append(Problem("interface_file_name", rel, params={"value": name}))
            continue
        if code in packaged_languages():
            problems.append(
                Problem("interface_packaged", rel, params={"lang": code}, severity=WARNING)
            )
            continue
        loaded, found = load_yaml_file(root / "content" / FOLDER / name, rel, inside=root)
        problems += found
        if loaded is None:
            continue
        if not isinstance(loaded.data, Mapping):
            problems.append(Problem("interface_not_table", rel, line=1))
            continue
        main = translatable(strings(LANGUAGES[0]))
        checked, missing, found = _checked(loaded.data, main, rel, loaded, ())
        problems += found
        if missing:
            problems.append(
                Problem(
                    "interface_incomplete",
                    rel,
                    params={
                        "n": len(missing),
                        "keys": ", ".join(missing[:SHOWN_MISSING])
                        + (", …" if len(missing) > SHOWN_MISSING else ""),
                    },
                    severity=WARNING,
                )
            )
        tables[code] = checked
    return tables, problems


def _checked(
    own: Mapping[str, Any],
    main: Mapping[str, Any],
    rel: str,
    loaded: Loaded,
    path: tuple[str, ...],
) -> tuple[dict[str, Any], list[str], list[Problem]]:
    """(usable entries, keys not translated, problems) of one level of a site's table."""
    usable: dict[str, Any] = {}
    missing: list[str] = []
    problems: list[Problem] = []
    for key, value in own.items():
        where = (*path, str(key))
        field = ".".join(where)
        line = loaded.line(where)
        if key not in main:
            problems.append(
                Problem(
                    "interface_unknown_key",
                    rel,
                    line,
                    field,
                    suggestion(str(key), [str(k) for k in main]),
                )
            )
            continue
        expected = main[key]
        if isinstance(expected, Mapping):
            if not isinstance(value, Mapping):
                problems.append(Problem("interface_not_table", rel, line, field))
                continue
            inner, lacking, found = _checked(value, expected, rel, loaded, where)
            usable[key], problems = inner, problems + found
            missing += lacking
            continue
        if not isinstance(value, str):
            problems.append(Problem("interface_not_text", rel, line, field))
            continue
        if "<" in value or ">" in value:
            problems.append(Problem("interface_markup", rel, line, field))
            continue
        try:
            wanted, given = placeholders(expected), placeholders(value)
        except ValueError:  # an unmatched `{` or `}`
            wanted, given = placeholders(expected), None
        if given != wanted:
            shown = ", ".join(f"{{{p}}}" for p in sorted(wanted)) or "-"
            problems.append(
                Problem("interface_placeholders", rel, line, field, {"expected": shown})
            )
            continue
        usable[key] = value
    for key, value in main.items():
        if key in own:
            continue
        if isinstance(value, Mapping):
            missing += [".".join((*path, str(key), k)) for k in _leaves(value)]
        else:
            missing.append(".".join((*path, str(key))))
    return usable, missing, problems


def _leaves(table: Mapping[str, Any]) -> list[str]:
    out = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            out += [f"{key}.{k}" for k in _leaves(value)]
        else:
            out.append(str(key))
    return out
