"""Convert a Python `MESSAGES` table (the old `text/problems.py` form) into the YAML text tables.

The validator's messages used to be one Python dict, `code -> {"id": (what, fix), "en": (what,
fix)}`. They now live in `src/ruangaman/text/problems/{id,en}.yml`. A branch that still appends
entries to the old dict can be carried over with:

    python tools/text_tables.py append path/to/old/text/problems.py

Every code that is not yet in the YAML tables is appended to both files, in the dict's order,
with the old pre-translated placeholders renamed (`{suggestion_id}` -> `{suggestion}`, ...): a
problem now carries a nested message (`ruangaman.text.Msg`) that is put into words at the edge.
Codes already in the tables are left as they are. The result is checked by loading it back.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import yaml

TEXT = Path(__file__).resolve().parents[1] / "src" / "ruangaman" / "text"
LANGUAGES = ("id", "en")
# Pre-translated parameters (`name_id` / `name_en`) become one parameter holding a message.
RENAMED = re.compile(r"\{(suggestion|detail|title|expected|note)_(?:id|en)\}")


def _plain(template: str) -> str:
    return RENAMED.sub(r"{\1}", template)


class _Dumper(yaml.SafeDumper):
    """Readable YAML: keys in the given order, text unwrapped, quoted only when it must be."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def dump(table: dict) -> str:
    """A text table as YAML that loads back to exactly `table`."""
    text = yaml.dump(table, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 16)
    if yaml.safe_load(text) != table:
        raise ValueError("the YAML does not load back to the same table")
    return text


def read_messages(path: Path) -> dict:
    """The `MESSAGES` dict of an old `problems.py`, read without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign):
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "MESSAGES":
            return ast.literal_eval(node.value)
    raise SystemExit(f"{path}: no MESSAGES table")


def messages_table(messages: dict, lang: str) -> dict:
    """One language's `code: {what, fix}` entries of an old MESSAGES dict."""
    return {
        code: {"what": _plain(entry[lang][0]), "fix": _plain(entry[lang][1])}
        for code, entry in messages.items()
    }


def append(old: Path) -> list[str]:
    """Append every code of `old` that the YAML tables do not have yet; return those codes."""
    messages = read_messages(old)
    added: list[str] = []
    for lang in LANGUAGES:
        path = TEXT / "problems" / f"{lang}.yml"
        text = path.read_text(encoding="utf-8")
        have = yaml.safe_load(text)
        new = {k: v for k, v in messages_table(messages, lang).items() if k not in have}
        if new:
            path.write_text(text.rstrip("\n") + "\n" + dump(new), encoding="utf-8")
            if yaml.safe_load(path.read_text(encoding="utf-8")) != {**have, **new}:
                raise SystemExit(f"{path}: the appended entries do not load back")
        added = list(new)
    return added


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "append":
        raise SystemExit(__doc__)
    for code in append(Path(sys.argv[2])):
        print("appended", code)
