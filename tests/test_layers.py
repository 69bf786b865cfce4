"""The tree is the pipeline: each stage imports only the stages below it, and nothing imports in
a circle.

Read from the source with `ast`; every import counts, also one inside a function (a lazy import
is still a dependency: it only moves the failure to the moment it runs, and hides a cycle).
The stage order:

    kernel (model, text, problems, paths, session) < load < validate < render < build

`finish` and `publish` read a built folder and may import only the kernel; `editor` (the editors'
tools beside the pipeline) may import load, validate and the kernel; `cli` may import anything.
Only `build` may import MkDocs and its plugins, so that the final step can be replaced without
touching the other stages; `render` imports neither MkDocs nor Markdown (it makes the HTML).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "ruangaman"
KERNEL = frozenset({"model", "text", "problems", "paths", "session"})

# stage -> the stages it may import (besides itself and the kernel)
MAY_IMPORT: dict[str, frozenset[str]] = {
    "kernel": frozenset(),
    "load": frozenset(),
    "validate": frozenset({"load"}),
    "render": frozenset({"validate", "load"}),
    "build": frozenset({"render", "validate", "load"}),
    "finish": frozenset(),
    "publish": frozenset(),
    "editor": frozenset({"load", "validate"}),
    "cli": frozenset({"load", "validate", "render", "build", "finish", "publish", "editor"}),
}
# The MkDocs plugin is what runs a plain `mkdocs build`, so it is the one module of `build` that
# starts the finishing steps (sitemap, search index, host files) once MkDocs wrote the site.
# Nothing else in `build` may use `finish`: what the pages need before they are written (the
# Content Security Policy in every page's <head>) comes from the kernel.
FINISH_DRIVERS = frozenset({"ruangaman.build.plugin"})
SITE_GENERATOR = ("mkdocs", "mkdocs_static_i18n", "material")
NOT_IN_RENDER = (*SITE_GENERATOR, "markdown")
# Breaks another helper of issue 11 is removing at the same time; each entry must still be
# found (the test fails once it is gone, so the entry is deleted with it).
PENDING: frozenset[tuple[str, str]] = frozenset()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str) -> list[str]:
    """Every module that module `name` imports, wherever the import statement is (a function,
    `if TYPE_CHECKING:`): `from a import b` names the module `a.b` when there is one, else `a`."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append(sub if sub in MODULES else base)
    return found


def _stage(module: str) -> str:
    """`ruangaman.render.share` -> `render`; a kernel module -> `kernel`."""
    part = module.split(".")[1]
    return "kernel" if part in KERNEL else part


def _top(module: str) -> str:
    return module.split(".")[0]


def test_every_module_belongs_to_a_known_stage():
    unknown = sorted(m for m in MODULES if m != "ruangaman" and _stage(m) not in MAY_IMPORT)
    assert unknown == [], "a module outside the stages and the kernel: " + ", ".join(unknown)


def _breaks() -> set[tuple[str, str]]:
    found = set()
    for module in MODULES:
        stage = _stage(module)
        for imported in _imports(module):
            if _top(imported) in SITE_GENERATOR and stage not in ("build", "cli"):
                found.add((module, imported))
            elif stage == "render" and _top(imported) in NOT_IN_RENDER:
                found.add((module, imported))
            if _top(imported) != "ruangaman" or imported == "ruangaman":
                continue
            other = _stage(imported)
            if other in (stage, "kernel"):
                continue
            if other == "finish" and module in FINISH_DRIVERS:
                continue
            if other not in MAY_IMPORT[stage]:
                found.add((module, imported))
    return found


def test_stages_import_only_downward():
    breaks = _breaks()
    unexpected = sorted(breaks - PENDING)
    assert unexpected == [], "imports against the stage order:\n" + "\n".join(
        f"  {module} imports {imported}" for module, imported in unexpected
    )
    gone = sorted(PENDING - breaks)
    assert gone == [], f"no longer broken, delete from PENDING: {gone}"


def test_the_kernel_imports_no_stage():
    for module in MODULES:
        if module != "ruangaman" and _stage(module) == "kernel":
            stages = {_stage(i) for i in _imports(module) if _top(i) == "ruangaman"}
            assert stages <= {"kernel"}, f"{module} imports the stage(s) {stages - {'kernel'}}"


def _cycles() -> list[list[str]]:
    """Groups of modules that import each other (Tarjan's strongly connected components of
    more than one module). A lazy import inside a function counts: it keeps Python from failing
    on the circle, but the two modules still cannot be understood or replaced one without the
    other."""
    graph = {m: sorted({i for i in _imports(m) if i in MODULES and i != m}) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            connect(node)
    return sorted(groups)


def test_no_import_cycles():
    cycles = _cycles()
    assert cycles == [], "modules that import each other:\n" + "\n".join(
        "  " + " <-> ".join(group) for group in cycles
    )


def test_the_checker_sees_an_import_inside_a_function_and_a_cycle(tmp_path, monkeypatch):
    """The rules above would pass vacuously if the reader missed imports: it must see a lazy
    import and a cycle made of `from package import submodule`."""
    source = "def later():\n    from ruangaman.build import plugin\n"
    monkeypatch.setitem(MODULES, "ruangaman.finish.example", tmp_path / "example.py")
    (tmp_path / "example.py").write_text(source, encoding="utf-8")
    assert "ruangaman.build.plugin" in _imports("ruangaman.finish.example")
    assert ("ruangaman.finish.example", "ruangaman.build.plugin") in _breaks()
    (tmp_path / "a.py").write_text("from ruangaman.finish import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    import ruangaman.finish.a\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "ruangaman.finish.a", tmp_path / "a.py")
    monkeypatch.setitem(MODULES, "ruangaman.finish.b", tmp_path / "b.py")
    assert ["ruangaman.finish.a", "ruangaman.finish.b"] in _cycles()


# --- no state outside the session ------------------------------------------------------------
# A dict, list or set at module level that the code writes into while it runs is state that
# outlives a build (`serve` rebuilds in the same process): it belongs on the build session
# (`session.py`), where a memo is keyed by digests and a fresh build starts empty. A table filled
# while the module is imported (cli.COMMANDS) and never written again is a constant.
MUTATORS = frozenset(
    {"append", "add", "update", "setdefault", "pop", "popitem", "clear", "remove", "discard"}
    | {"extend", "insert", "sort", "reverse", "__setitem__", "__delitem__"}
)
CONTAINER_CALLS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "Counter"})
# Module-level stores another helper of issue 11 is moving onto the session at the same time;
# each must still be found (the test fails once it is gone, so the entry is deleted with it).
PENDING_STATE: frozenset[tuple[str, str]] = frozenset({})


def _module_containers(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        literal = ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp
        called = isinstance(value, ast.Call) and (
            getattr(value.func, "id", None) or getattr(value.func, "attr", None)
        )
        if isinstance(value, literal) or called in CONTAINER_CALLS:
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _written(node: ast.AST, ours: set[str]) -> list[ast.AST]:
    """What `node` writes into: `x[k] = v`, `del x[k]`, `x.append(v)`, `ours(_x, …)`."""
    if isinstance(node, ast.Assign | ast.Delete):
        return [t.value for t in node.targets if isinstance(t, ast.Subscript)]
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target.value] if isinstance(node.target, ast.Subscript) else []
    if not isinstance(node, ast.Call):
        return []
    if isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
        return [node.func.value]
    if isinstance(node.func, ast.Name) and node.func.id in ours:
        return [a for a in node.args if isinstance(a, ast.Name) and a.id.startswith("_")]
    return []


def _state() -> set[tuple[str, str]]:
    """(module, name) of every module-level container written into inside a function: by
    item assignment or deletion, a mutating method, or handed (a private one) to one of the
    package's own functions, which may keep values in it (`remembered(_CARDS, …)`)."""
    trees = {m: ast.parse(p.read_text(encoding="utf-8")) for m, p in MODULES.items()}
    owned = {m: _module_containers(tree) for m, tree in trees.items()}
    # `module.NAME[k] = v` from another module: NAME names one module's table
    defined = [(name, m) for m, names in owned.items() for name in names if name.isupper()]
    counts = Counter(name for name, _ in defined)
    owner = {name: m for name, m in defined if counts[name] == 1}
    ours = {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    }
    found = set()
    for module, tree in trees.items():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                for target in _written(node, ours):
                    if isinstance(target, ast.Name) and target.id in owned[module]:
                        found.add((module, target.id))
                    elif isinstance(target, ast.Attribute) and target.attr in owner:
                        found.add((owner[target.attr], target.attr))
    return {(m, n) for m, n in found if m != "ruangaman.session"}


def test_no_module_keeps_state_outside_the_session():
    state = _state()
    unexpected = sorted(state - PENDING_STATE)
    assert unexpected == [], "module-level state (move it onto the BuildSession):\n" + "\n".join(
        f"  {module}.{name}" for module, name in unexpected
    )
    gone = sorted(PENDING_STATE - state)
    assert gone == [], f"no longer state, delete from PENDING_STATE: {gone}"


def test_the_state_check_sees_a_store(tmp_path, monkeypatch):
    source = (
        "TABLE = {'a': 1}\n_MEMO = {}\n_KEPT = []\n"
        "def get(k):\n    _MEMO[k] = TABLE['a']\n    return keep(_KEPT, k)\n"
        "def keep(store, k):\n    return k\n"
    )
    (tmp_path / "store.py").write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "ruangaman.render.store", tmp_path / "store.py")
    found = {n for m, n in _state() if m == "ruangaman.render.store"}
    assert found == {"_MEMO", "_KEPT"}


# --- options from the environment in one place ----------------------------------------------
# A build's switches (RUANGAMAN_LANG, RUANGAMAN_NO_FRAMES, RUANGAMAN_ONE_PROCESS) are read only
# by `session.BuildOptions.from_environment`. Elsewhere the environment is read only where that
# is the documented way in: publish's secrets (never in a file or a URL), the environment a git
# subprocess inherits, and the two upstream workarounds (Material's warning switch; the view of
# `sys.argv` mkdocs-static-i18n reads). The background indexer's own process reads its argv.
ENVIRONMENT_READERS = frozenset(
    {
        "ruangaman.session",
        "ruangaman.model.destination",  # hands os.environ to `git ls-remote`
        "ruangaman.publish.transports.base",  # secrets_in_environment
        "ruangaman.publish.transports.ftp",
        "ruangaman.publish.transports.git",
        "ruangaman.publish.transports.sftp",
        "ruangaman.build.workarounds",
        "ruangaman.finish.background",  # `python -m ruangaman.finish.background SITE LANG…`
    }
)


def _reads_environment(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in {("os", "environ"), ("os", "getenv"), ("sys", "argv")}:
                return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in ("RUANGAMAN_LANG", "RUANGAMAN_NO_FRAMES", "RUANGAMAN_ONE_PROCESS"):
                return True
    return False


def test_build_options_are_read_from_the_environment_in_one_place():
    readers = {
        module
        for module, path in MODULES.items()
        if _reads_environment(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert readers - ENVIRONMENT_READERS == set()
    assert "ruangaman.session" in readers  # the check sees what it is for
