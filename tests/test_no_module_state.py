"""No module but `session.py` keeps mutable state: what outlives a build lives on a BuildSession.

A module-level dict, list or set that something writes into at run time is state every build
of the process shares: two builds in one process (the test suite, `serve`) see each other's
values, and a cache keyed on the wrong thing gives a wrong preview (the time-zone edit that
kept the old "open now" offset). So every module-level assignment of a mutable container is
refused here, unless the name is in ALLOWED below with the reason it is a constant table.
Constant tables are better made immutable (tuple, frozenset, `types.MappingProxyType`), which
this test accepts without an entry.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ruangaman"
MUTABLE_CALLS = frozenset(
    {
        "dict",
        "list",
        "set",
        "bytearray",
        "defaultdict",
        "OrderedDict",
        "Counter",
        "deque",
        "ChainMap",
        "WeakKeyDictionary",
        "WeakValueDictionary",
        "WeakSet",
    }
)

# (module, name) -> why it is allowed. Every entry is a table of constants, never written after
# import; an entry whose name no longer exists fails the test (the list must not go stale).
ALLOWED = {
    # Registries filled while the module is imported, read only afterwards.
    ("cli.py", "COMMANDS"): "the subcommands, each added under its own function at import",
    # Specs compared with a file as YAML loads it: the checker tells dict from list by type
    # (`isinstance(spec, dict)`), so a read-only mapping would read as another kind of spec.
    ("validate/mkdocsconfig.py", "MARKDOWN_EXTENSIONS"): "compared with mkdocs.yml's list",
    ("validate/mkdocsconfig.py", "I18N"): "a spec of mkdocs.yml, checked by type",
    ("validate/mkdocsconfig.py", "RUANGAMAN"): "a spec of mkdocs.yml, checked by type",
    ("validate/mkdocsconfig.py", "POLICY"): "a spec of mkdocs.yml, checked by type",
    # Constant tables read with `.get`, iterated or dumped as JSON (a read-only mapping is not
    # JSON-serialisable): never written after import.
    ("model/__init__.py", "DEFAULT_MAX_LENGTH"): "lengths per kind of field, read with .get",
    ("model/__init__.py", "SYNONYMS"): "words editors write for a field, read with .get",
    ("model/jsonschema.py", "SCHEMAS"): "the JSON Schemas' names and fields",
    ("model/jsonschema.py", "TEXT_KINDS"): "JSON Schema of each text kind, dumped as JSON",
    ("render/opendata.py", "HSDS_DAYS"): "HSDS day codes",
    ("render/opendata.py", "HSDS_PHONE_TYPES"): "HSDS phone types",
    ("render/opendata.py", "CSV_COLUMNS"): "the CSV's columns in order",
    ("editor/guide.py", "GENERATED"): "the generated guide files' names",
    ("editor/guide.py", "MAKERS"): "which function writes which guide page",
    ("validate/examples.py", "TIMEZONES"): "Indonesia's three time zones and their provinces",
}


def _mutable(node: ast.expr) -> bool:
    if isinstance(node, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in MUTABLE_CALLS
    return False


def _module_level(body: list[ast.stmt], owner: str = "") -> list[tuple[str, int]]:
    """(name, line) of every mutable container assigned at module level, in `if`/`try`/
    `with` blocks there, or in a class body (a class attribute is shared the same way)."""
    found = []
    for statement in body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            if _mutable(statement.value):
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                found += [(owner + ast.unparse(t), statement.lineno) for t in targets]
        elif isinstance(statement, ast.If | ast.Try | ast.With):
            inner = list(statement.body) + list(getattr(statement, "orelse", []))
            inner += list(getattr(statement, "finalbody", []))
            for handler in getattr(statement, "handlers", []):
                inner += handler.body
            found += _module_level(inner, owner)
        elif isinstance(statement, ast.ClassDef):
            found += _module_level(statement.body, f"{owner}{statement.name}.")
    return found


def _found() -> dict[tuple[str, str], int]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel == "session.py":
            continue
        for name, line in _module_level(ast.parse(path.read_text(encoding="utf-8")).body):
            out[(rel, name)] = line
    return out


def test_no_module_outside_the_session_keeps_a_mutable_container():
    found = _found()
    refused = [f"{rel}:{line}: {name}" for (rel, name), line in found.items()]
    refused = [
        entry
        for entry, key in zip(refused, found, strict=True)
        if key not in ALLOWED  # a constant table, explained above
    ]
    assert refused == [], (
        "module-level mutable containers (put state on ruangaman.session.BuildSession; make a "
        "constant table a tuple, frozenset or MappingProxyType):\n" + "\n".join(refused)
    )


def test_every_allowed_table_still_exists_and_says_why():
    found = _found()
    assert [key for key in ALLOWED if key not in found] == []
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_check_finds_what_it_is_for():
    """The checker itself: each kind of module state it must refuse, and what it must not."""
    source = """
import collections
A = {}
B: list[int] = []
C = set()
D = collections.defaultdict(list)
E = {k: 1 for k in "ab"}
if True:
    F = []
class G:
    H = {}
I = (1, 2)
J = frozenset({1})
K = MappingProxyType({"a": 1})
def f():
    L = {}
"""
    names = [name for name, _ in _module_level(ast.parse(source).body)]
    assert names == ["A", "B", "C", "D", "E", "F", "G.H"]
