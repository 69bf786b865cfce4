"""`ruangaman check --base REV`: what in a pull request a maintainer must look at.

A pull request that changes `publish.destination` in content/site.yml would send the publishing
passwords to the new destination on the next push to main. `check --base` reads content/site.yml
as it was at REV (the pull request's base, read with git, never from the working tree) and
reports any new or changed destination as an error: the check goes red, so the change cannot
slip through among content edits, and the CODEOWNERS file makes a maintainer's review required.
A red check is the point: a destination changes once in years, and the maintainer who confirms
the new host merges it knowingly (or makes the change on main directly).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from ruangaman.problems import Problem
from ruangaman.publish.paths import shown

SITE = "content/site.yml"
MAX_SITE = 4 * 1024 * 1024
REV_RE_FORBIDDEN = ("-",)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "-C", str(root), *args],
        capture_output=True,
        timeout=60,
    )


def base_destination(root: Path, base: str) -> tuple[str | None, Problem | None]:
    """The destination in content/site.yml at revision `base` (None when it had none)."""

    def unreadable(detail: str) -> tuple[None, Problem]:
        return None, Problem(
            "publish_base_unreadable", SITE, params={"base": shown(base), "detail": detail}
        )

    if not base or base.startswith("-") or not base.isprintable() or len(base) > 200:
        return unreadable("not a revision")
    try:
        found = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", base + "^{commit}"
        )
        if found.returncode != 0:
            return unreadable("git rev-parse found no such commit")
        commit = found.stdout.decode("ascii", "replace").strip()
        blob = _git(root, "cat-file", "-e", f"{commit}:{SITE}")
        if blob.returncode != 0:
            return None, None  # the base had no site.yml: any destination now is new
        size = _git(root, "cat-file", "-s", f"{commit}:{SITE}")
        if int(size.stdout.strip() or 0) > MAX_SITE:
            return unreadable("content/site.yml is too large")
        text = _git(root, "cat-file", "blob", f"{commit}:{SITE}").stdout.decode("utf-8")
        data: Any = yaml.safe_load(text)
    except (OSError, subprocess.TimeoutExpired, UnicodeDecodeError, ValueError) as err:
        return unreadable(type(err).__name__)
    except yaml.YAMLError:
        return None, None  # the base's file was broken: treat as no destination
    if not isinstance(data, dict):
        return None, None
    publish = data.get("publish")
    dest = publish.get("destination") if isinstance(publish, dict) else None
    return (dest.strip() if isinstance(dest, str) and dest.strip() else None), None


def destination_change(root: Path, base: str, content: Any, checker_for: Any) -> list[Problem]:
    """A problem when the checked content/site.yml's destination differs from the one at
    `base` (a new destination counts; removing it does not: nothing is sent anywhere)."""
    old, problem = base_destination(root, base)
    if problem:
        return [problem]
    publish = (content.site or {}).get("publish") if content is not None else None
    new = publish.get("destination") if isinstance(publish, dict) else None
    new = new.strip() if isinstance(new, str) else None
    if not new or new == old or content.site_loaded is None:
        return []
    checker = checker_for(SITE, content.site_loaded)
    checker.problem(
        "publish_destination_changed",
        ("publish", "destination"),
        old=shown(old) if old else "-",
        new=shown(new),
    )
    return checker.problems
