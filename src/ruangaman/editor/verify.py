"""`ruangaman verify SLUG --outcome … --method …`: log one verification attempt without
hand-editing YAML.

The attempt is appended at the end of the record's `verification:` list as text: every other
line of the file, its comments and its layout stay as they are (`append_attempt`). Before
anything is written, the new text is loaded back (it must hold exactly the old values plus the
new attempt) and the real validator checks the file in a scratch copy of `content/`; on any
error nothing is written. A confirming attempt also moves a written `verified_on:` to its date,
so the file never disagrees with its own log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ruangaman import model
from ruangaman.editor.edits import check_with, write_atomically
from ruangaman.load.shape import SLUG_RE, suggestion
from ruangaman.load.yamlfile import read_text
from ruangaman.problems import ERROR, WARNING, Problem, Report
from ruangaman.validate.dates import site_now, site_today
from ruangaman.validate.site import Hotline, Service

KINDS = MappingProxyType(
    {"service": ("services", model.SERVICE), "hotline": ("hotlines", model.HOTLINE)}
)
ORDER = ("date", "time", "method", "by", "outcome", "note")


@dataclass
class Logged:
    """What `verify` did: the problems (errors: nothing was written), the file and the attempt."""

    report: Report = field(default_factory=Report)
    rel: str = ""
    attempt: dict[str, Any] = field(default_factory=dict)
    written: bool = False
    record: Service | Hotline | None = None  # its view as checked with the attempt


class EditRefused(Exception):
    """The file's layout is not one `append_attempt` can edit safely as text."""


def _scalar(value: Any) -> str:
    """One value as YAML writes it inside a line (quoted when it must be: `"10:30"` would
    otherwise be read as a number, `yes` as true, `# x` as a comment)."""
    text = yaml.safe_dump(
        [value], default_flow_style=True, allow_unicode=True, width=1_000_000
    ).strip()
    return text[1:-1]  # without the brackets of the one-item list


def _lines_of(attempt: dict[str, Any], dash: int, indent: int, newline: str) -> str:
    keys = [k for k in ORDER if attempt.get(k) not in (None, "")]
    out = []
    for i, key in enumerate(keys):
        lead = " " * dash + "-" + " " * (indent - dash - 1) if i == 0 else " " * indent
        out.append(f"{lead}{key}: {_scalar(attempt[key])}")
    return newline.join(out) + newline


def _flow(attempt: dict[str, Any]) -> str:
    keys = [k for k in ORDER if attempt.get(k) not in (None, "")]
    return "{" + ", ".join(f"{k}: {_scalar(attempt[k])}" for k in keys) + "}"


def _line_end(text: str, index: int) -> int:
    """The index just after the line that holds `index` (its line break included)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _last_scalar(node: yaml.Node) -> yaml.Node:
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _top(text: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise EditRefused(str(err)) from err
    if not isinstance(root, yaml.MappingNode):
        raise EditRefused("not a mapping")
    return {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}


def append_attempt(text: str, attempt: dict[str, Any], verified_on: dt.date | None) -> str:
    """`text` with `attempt` added at the end of its top-level `verification:` list (made when
    missing), and a written top-level `verified_on:` set to `verified_on` when that is given.
    Every other byte stays: comments, quoting, order. Raises `EditRefused` for a layout it does
    not edit (the caller then asks the editor to add the lines by hand)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    keys = _top(text)
    if verified_on is not None and "verified_on" in keys:
        node = keys["verified_on"][1]
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
            raise EditRefused("verified_on")
        start, end = node.start_mark.index, node.end_mark.index
        text = text[:start] + verified_on.isoformat() + text[end:]
        keys = _top(text)
    if "verification" not in keys:
        if text and not text.endswith("\n"):
            text += newline
        return text + "verification:" + newline + _lines_of(attempt, 2, 4, newline)
    key, node = keys["verification"]
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        # `verification:` with nothing after it (or `~`, `null`), perhaps a comment
        line_end = _line_end(text, key.end_mark.index)
        rest = text[key.end_mark.index : line_end].rstrip("\r\n")
        found = re.fullmatch(r"(\s*:)(\s*(?:~|null|Null|NULL)?)(\s*(?:#.*)?)", rest)
        if found is None or key.start_mark.column != 0:
            raise EditRefused("verification layout")
        return (
            text[: key.end_mark.index]
            + found.group(1)
            + (" " * len(found.group(2)) if found.group(3).strip() else "")
            + found.group(3)
            + newline
            + _lines_of(attempt, 2, 4, newline)
            + text[line_end:]
        )
    if not isinstance(node, yaml.SequenceNode):
        raise EditRefused("verification is not a list")
    if node.flow_style:
        close = text.rfind("]", node.start_mark.index, node.end_mark.index)
        if close < 0:
            raise EditRefused("flow list")
        glue = ", " if node.value else ""
        return text[:close] + glue + _flow(attempt) + text[close:]
    last = node.value[-1]
    indent = last.start_mark.column
    line_start = text.rfind("\n", 0, last.start_mark.index) + 1
    dash = text.find("-", line_start, last.start_mark.index)
    if dash < 0 or text[line_start:dash].strip():
        raise EditRefused("list item layout")
    if not isinstance(last, yaml.MappingNode) or last.flow_style:
        indent = dash - line_start + 2  # `- {date: …}` or `- text`: a block item below it
    end = _last_scalar(last).end_mark
    at = end.index if end.column == 0 else _line_end(text, end.index)
    if at == len(text) and text and not text.endswith("\n"):
        text += newline
        at = len(text)
    return text[:at] + _lines_of(attempt, dash - line_start, indent, newline) + text[at:]


def find_record(root: Path, slug: str, kind: str | None) -> tuple[str, str] | Problem:
    """(kind, file) of the service or hotline called `slug`, or the problem that says why not."""
    kinds = [kind] if kind else list(KINDS)
    # A name, never a path: `../x` or `a/b` would reach a file outside the content folders.
    usable = bool(SLUG_RE.match(slug))
    found = [
        k for k in kinds if usable and (root / "content" / KINDS[k][0] / f"{slug}.yml").exists()
    ]
    if len(found) == 1:
        return found[0], f"content/{KINDS[found[0]][0]}/{slug}.yml"
    if len(found) > 1:
        return Problem("verify_both_kinds", f"content/services/{slug}.yml", params={"slug": slug})
    names = sorted(
        p.stem
        for k in kinds
        if (root / "content" / KINDS[k][0]).is_dir()
        for p in (root / "content" / KINDS[k][0]).glob("*.yml")
    )
    folders = " / ".join(f"content/{KINDS[k][0]}/" for k in kinds)
    return Problem("verify_not_found", folders, params={"slug": slug, **suggestion(slug, names)})


def log_attempt(
    root: Path,
    slug: str,
    attempt: dict[str, Any],
    kind: str | None = None,
    today: dt.date | None = None,
) -> Logged:
    """Append `attempt` (date, time, method, by, outcome, note; date and time default to now in
    the site's time zone) to the record's log, checked as `check` would; write nothing on error."""
    done = Logged()
    where = find_record(root, slug, kind)
    if isinstance(where, Problem):
        done.report.add(where)
        return done
    kind, rel = where
    done.rel = rel
    path = root / rel
    text, problems = read_text(path, rel, inside=root)
    if text is None:
        done.report.extend(problems)
        return done
    attempt = dict(attempt)
    if not attempt.get("date"):
        now = site_now(root)
        attempt["date"] = now.date()
        if not attempt.get("time"):
            attempt["time"] = now.strftime("%H:%M")
    attempt = {k: v for k, v in attempt.items() if v not in (None, "")}
    done.attempt = attempt
    today = today or site_today(root)
    day = attempt["date"]
    # A confirming attempt moves a written `verified_on` to its date (a date still to come, or
    # one that is not a date, is refused by the check below and moves nothing).
    moves = attempt.get("outcome") in model.CONFIRMING and isinstance(day, dt.date) and day <= today
    try:
        new = append_attempt(text, attempt, day if moves else None)
    except EditRefused:
        done.report.add(Problem("verify_layout", rel))
        return done
    problems = _same_but_appended(rel, text, new, attempt)
    found, done.record = checked(root, rel, new, today, len(text.splitlines()))
    problems += found
    done.report.extend(problems)
    if any(p.severity == ERROR for p in problems):
        return done
    write_atomically(path, new)
    done.written = True
    return done


def _same_but_appended(rel: str, before: str, after: str, attempt: dict) -> list[Problem]:
    """The edit changed nothing but the log (and `verified_on`): read back, the new text holds
    the old values plus the attempt. Anything else is a bug of the edit: refused, not written."""
    try:
        old, new = yaml.safe_load(before), yaml.safe_load(after)
    except yaml.YAMLError:
        return [Problem("verify_layout", rel)]
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [Problem("verify_layout", rel)]
    expected = {**old, "verification": [*(old.get("verification") or []), attempt]}
    if "verified_on" in old:
        expected["verified_on"] = new.get("verified_on")
    return [] if new == expected else [Problem("verify_layout", rel)]


def checked(
    root: Path, rel: str, text: str, today: dt.date, known_lines: int
) -> tuple[list[Problem], Service | Hotline | None]:
    """The problems of the edited file, found by the real validator in a scratch copy
    (`edits.check_with`), and the record's view as checked (what the pages will say of it)."""
    site, report = check_with(root, {rel: text}, today)
    # A line the file does not have yet (the new attempt's) is not named: the field is.
    problems = [
        dataclasses.replace(p, line=None) if p.line and p.line > known_lines else p
        for p in report.problems
        if p.file == rel and p.severity in (ERROR, WARNING)
    ]
    views = (*site.services, *site.hotlines) if site is not None else ()
    return problems, next((v for v in views if v.rel == rel), None)
