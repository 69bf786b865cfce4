"""The frozen stack stays installable (issue 16): constraints.txt pins, exactly, every
distribution of ruangaman's dependency tree (its test tools included), so that no new release of
a dependency of a dependency can change what `make site`, `make test` or a site made by
`ruangaman init` installs. The tree is walked from ruangaman's installed metadata, requirement
by requirement (environment markers evaluated for this Python), so a transitive dependency
nobody pinned fails here, on Python 3.11 in the suite and on Python 3.13 in .ci/run."""

from __future__ import annotations

import re
from importlib import metadata

from conftest import ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

CONSTRAINTS = ROOT / "constraints.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)$")


def pins() -> dict[str, str]:
    """constraints.txt as {canonical name: version}; every line a `name==version` pin."""
    found: dict[str, str] = {}
    for number, line in enumerate(CONSTRAINTS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"constraints.txt:{number}: not an exact pin: {line!r}"
        name = canonicalize_name(match.group(1))
        assert name not in found, f"constraints.txt:{number}: {name} pinned twice"
        found[name] = match.group(2)
    return found


def dependency_tree(root: str, extras: tuple[str, ...]) -> dict[str, str]:
    """{canonical name: installed version} of every distribution `root[extras]` needs here."""
    tree: dict[str, str] = {}
    todo = [(root, extras)]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    while todo:
        name, wanted = todo.pop()
        if (canonicalize_name(name), wanted) in seen:
            continue
        seen.add((canonicalize_name(name), wanted))
        dist = metadata.distribution(name)
        for text in dist.requires or []:
            requirement = Requirement(text)
            environments = [{**default_environment(), "extra": e} for e in ("", *wanted)]
            if requirement.marker and not any(
                requirement.marker.evaluate(env) for env in environments
            ):
                continue
            key = canonicalize_name(requirement.name)
            new_extras = tuple(sorted(requirement.extras))
            if key in tree and not new_extras:
                continue
            tree[key] = metadata.version(requirement.name)
            todo.append((requirement.name, new_extras))
    return tree


def test_every_distribution_the_site_and_its_tests_need_is_pinned_exactly():
    pinned = pins()
    tree = dependency_tree("ruangaman", ("test",))
    assert {"markdown", "jinja2", "pymdown-extensions", "click", "watchdog"} <= set(tree)
    unpinned = sorted(name for name in tree if name not in pinned)
    assert unpinned == [], f"not in constraints.txt (run scripts/freeze-constraints): {unpinned}"
    other = sorted(
        f"{n} {tree[n]} installed, {pinned[n]} pinned" for n in tree if tree[n] != pinned[n]
    )
    assert other == [], other


def test_the_site_needs_no_test_tool():
    """What `make site` and an init'd site install is the tree without the test extra: the
    test tools are pinned but never needed by a build."""
    site = dependency_tree("ruangaman", ())
    assert "mkdocs-material" in site and "pytest" not in site and "playwright" not in site


def test_the_pins_of_pyproject_agree_with_the_constraints():
    """pyproject.toml pins the top of the stack; constraints.txt must give the same releases
    (pip refuses to install when they disagree)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = pins()
    listed = project["dependencies"] + project["optional-dependencies"]["test"]
    for text in listed:
        requirement = Requirement(text)
        (spec,) = requirement.specifier
        assert spec.operator == "==", text
        assert pinned[canonicalize_name(requirement.name)] == spec.version, text
