"""Read one YAML text safely, keeping the line of every value; every failure becomes a Problem.

Plain PyYAML loses line numbers, accepts duplicate keys silently, expands alias bombs and raises
exceptions an editor cannot read. Here the text is composed into nodes, and the nodes are turned
into plain Python values by hand, so that each value keeps its line and its raw text (a phone
number `0811...` or a time `16:00` must stay exactly as written, not become a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ruangaman.load.projectfiles import RefusedFile, read_file, shown
from ruangaman.problems import Problem
from ruangaman.text import Msg

MAX_BYTES = 256 * 1024


class _Alias:
    """Stands where an alias was refused, so no second message is given about that value."""

    def __repr__(self) -> str:
        return "ALIAS"

    def __reduce__(self) -> str:
        return "ALIAS"  # still the one ALIAS after the trip from the helper process


ALIAS = _Alias()
_STR = "tag:yaml.org,2002:str"
PathKey = tuple  # ("phones", 0, "number")


@dataclass
class Loaded:
    """The values of one YAML text with, for every path, its line and its text as written."""

    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    raw: dict[PathKey, str] = field(default_factory=dict)
    line_offset: int = 0

    def line(self, path: PathKey) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path] + self.line_offset
            path = path[:-1]
        return self.lines.get((), 1) + self.line_offset


def field_name(path: PathKey) -> str:
    """`("phones", 0, "number")` -> `phones[0].number`, as an editor sees it in the file (on
    one line: a control character in a key is written as its code)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + shown(str(part)[:80])
    return out


def read_bytes(
    path: Path, rel: str, inside: Path | None = None
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a content file, or None and the Problem: a link, anything but a regular file
    with one link (`projectfiles.read_file`, nothing under `inside` followed), a file too big."""
    try:
        data = read_file(path, inside, limit=MAX_BYTES)
    except RefusedFile as err:
        return None, [Problem(err.code, rel)]
    except OSError as err:
        detail = err.strerror or str(err)
        return None, [Problem("file_unreadable", rel, params={"detail": detail})]
    if len(data) > MAX_BYTES:  # only the first bytes were read: say how big the file is
        try:
            size = path.lstat().st_size // 1024
        except OSError:
            size = len(data) // 1024
        limit = MAX_BYTES // 1024
        return None, [Problem("file_too_big", rel, line=1, params={"size": size, "limit": limit})]
    return data, []


def read_text(
    path: Path, rel: str, data: bytes | None = None, inside: Path | None = None
) -> tuple[str | None, list[Problem]]:
    """Read a content file as UTF-8 text, refusing huge or undecodable files with a Problem.
    `data` is the file's bytes when the caller has read them already (with `read_bytes`)."""
    if data is None:
        data, problems = read_bytes(path, rel, inside)
        if data is None:
            return None, problems
    if len(data) > MAX_BYTES:
        size = len(data) // 1024
        return None, [
            Problem("file_too_big", rel, line=1, params={"size": size, "limit": MAX_BYTES // 1024})
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Problem("file_not_utf8", rel, line=line)]
    return text.removeprefix("\ufeff"), []


# What PyYAML says -> the words an editor reads instead (`text/problems/*.yml`, `parts.yaml.*`).
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "unexpected_colon"),
    ("could not find expected ':'", "missing_colon"),
    ("did not find expected key", "indent"),
    ("did not find expected '-' indicator", "list_indent"),
    ("found unexpected end of stream", "open_quote"),
    ("while scanning a quoted scalar", "open_quote"),
    ("found character that cannot start any token", "bad_start"),
    ("expected <block end>, but found", "indent"),
    ("found undefined alias", "alias"),
)


def _syntax_problem(err: yaml.MarkedYAMLError, rel: str, text: str, offset: int) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    message = f"{err.context or ''} {err.problem or ''}"
    lines = text.splitlines()
    # A tab anywhere in the indentation around the failing line is almost always the cause.
    for candidate in (line, line - 1):
        if 1 <= candidate <= len(lines) and "\t" in re.match(r"^\s*", lines[candidate - 1])[0]:
            return Problem("yaml_tab", rel, line=candidate + offset)
    if "\t" in message or "'\\t'" in message:
        return Problem("yaml_tab", rel, line=line + offset)
    if "expected a single document" in message:
        return Problem("yaml_many_documents", rel, line=line + offset)
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            return Problem(
                "yaml_syntax", rel, line=line + offset, params={"detail": Msg(f"parts.yaml.{hint}")}
            )
    detail = (err.problem or "unknown").strip()
    return Problem(
        "yaml_syntax",
        rel,
        line=line + offset,
        params={"detail": Msg("parts.yaml.unknown", {"detail": detail})},
    )


class _Builder:
    """Turns composed nodes into plain values, recording lines and raw scalar text."""

    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, rel: str, offset: int) -> None:
        self.loader = loader
        self.rel = rel
        self.offset = offset
        self.loaded = Loaded(data=None, line_offset=offset)
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def build(self, node: Node, path: PathKey) -> Any:
        if id(node) in self.seen:  # the same node twice means an alias: refuse, never expand
            self.problems.append(
                Problem("yaml_alias", self.rel, line=node.start_mark.line + 1 + self.offset)
            )
            return ALIAS
        self.seen.add(id(node))
        self.loaded.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: ScalarNode, path: PathKey) -> Any:
        self.loaded.raw[path] = node.value
        if node.tag.startswith("tag:yaml.org,2002:") is False:
            self.problems.append(
                Problem(
                    "yaml_tag",
                    self.rel,
                    line=node.start_mark.line + 1 + self.offset,
                    params={"detail": node.tag},
                )
            )
            return node.value
        if node.tag == _STR:
            return node.value  # what construct_object gives for a string, without its detour
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return node.value  # e.g. 2025-02-30: kept as text, the date check reports it

    def _mapping(self, node: MappingNode, path: PathKey) -> dict:
        out: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line = key_node.start_mark.line + 1 + self.offset
                self.problems.append(
                    Problem("not_a_mapping", self.rel, line=line, params={"got": "daftar/list"})
                )
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in out:
                self.problems.append(
                    Problem(
                        "yaml_duplicate_key",
                        self.rel,
                        line=line + self.offset,
                        field=field_name((*path, key)),
                        params={"first_line": first_lines[key] + self.offset},
                    )
                )
                continue
            first_lines[key] = line
            self.loaded.lines[(*path, key)] = line
            out[key] = self.build(value_node, (*path, key))
        return out


# Nesting deeper than any content file needs (a service is 5 levels deep) is refused before the
# values are built: 5,000 levels of `[` or of indentation gave a RecursionError, and libyaml
# itself stops at 1,000 with an error the pure-Python parser would then recurse on.
MAX_DEPTH = 32
_DEEP_INDENT = re.compile(r"^[ \t]{40,}\S", re.M)
# Block sequences (and complex keys) can nest on one line: `- - - x`. Three such indicators in a
# row are rare enough to be counted exactly; a mapping cannot nest on one line.
_MANY_INDICATORS = re.compile(r"[-?][ \t]+[-?][ \t]+[-?](?:[ \t]|$)", re.M)


def _too_deep(text: str, rel: str, offset: int) -> Problem | None:
    """A Problem if the text nests collections more than MAX_DEPTH deep. A quick look at the
    text rules out almost every file; only a file that could be deep has its events counted
    (libyaml's event parser keeps no Python stack, whatever the depth)."""
    if (
        text.count("[") + text.count("{") <= MAX_DEPTH
        and not (("\t" in text or " " * 40 in text) and _DEEP_INDENT.search(text))
        and not _MANY_INDICATORS.search(text)
    ):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BASE_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 + offset
                    return Problem("yaml_too_deep", rel, line=line, params={"limit": MAX_DEPTH})
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error before any deep nesting: reported by the parse below
    return None


# What YAML does not allow in a file at all (YAML 1.1 printable characters; tab, line breaks and
# everything else are fine): NUL and other control characters, lone surrogates, U+FFFE/FFFF.
_NOT_YAML_TEXT = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def load_yaml_text(
    text: str, rel: str, line_offset: int = 0
) -> tuple[Loaded | None, list[Problem]]:
    """Parse YAML text into a `Loaded`; on failure return None and the problems, never raise."""
    hidden = _NOT_YAML_TEXT.search(text)
    if hidden is not None:  # PyYAML refuses these before it parses anything, with no line
        line = text.count("\n", 0, hidden.start()) + 1 + line_offset
        code = f"U+{ord(hidden.group()):04X}"
        return None, [Problem("file_control_character", rel, line=line, params={"character": code})]
    deep = _too_deep(text, rel, line_offset)
    if deep is not None:
        return None, [deep]
    try:
        return _load_yaml_text(text, rel, line_offset)
    except RecursionError:  # pragma: no cover - _too_deep refuses such a text first
        return None, [
            Problem("yaml_too_deep", rel, line=1 + line_offset, params={"limit": MAX_DEPTH})
        ]


def _load_yaml_text(text: str, rel: str, line_offset: int) -> tuple[Loaded | None, list[Problem]]:
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        # libyaml words its errors differently: the pure-Python parser reports them to editors.
        loader.dispose()
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            return None, [_syntax_problem(err, rel, text, line_offset)]
        except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks nearly every error
            detail = str(err).splitlines()[0]
            params = {"detail": detail}
            return None, [Problem("yaml_syntax", rel, line=1 + line_offset, params=params)]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem("yaml_empty", rel, line=1 + line_offset)]
    builder = _Builder(loader, rel, line_offset)
    builder.loaded.data = builder.build(node, ())
    return builder.loaded, builder.problems


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}  # (plain text, implicit) -> resolved tag


class _FastLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """libyaml (PyYAML's C parser) composes the same nodes with the same line marks, many times
    faster; the tag of a plain scalar depends only on its text, so it is remembered (field names
    and values such as `voice` or `senin` come back thousands of times in a big directory)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        key = (value, tuple(implicit))
        tag = _TAGS.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_TAGS) < 50_000:
                _TAGS[key] = tag
        return tag


_FAST_LOADER = _FastLoader


def load_yaml_file(
    path: Path, rel: str, data: bytes | None = None, inside: Path | None = None
) -> tuple[Loaded | None, list[Problem]]:
    """Read and parse one content file (or its bytes, `data`); every failure is a Problem.
    No symbolic link under `inside` (default: the file's folder) is followed."""
    text, problems = read_text(path, rel, data, inside)
    if text is None:
        return None, problems
    return load_yaml_text(text, rel)


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)


def split_front_matter(text: str, rel: str) -> tuple[Loaded | None, str, list[Problem]]:
    """Split a Markdown page into its front matter (parsed, with real file lines) and body."""
    if not text.startswith("---"):
        return None, text, [Problem("front_matter_missing", rel, line=1)]
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, [Problem("front_matter_unclosed", rel, line=1)]
    loaded, problems = load_yaml_text(match.group(1), rel, line_offset=1)
    return loaded, text[match.end() :].lstrip("\r\n"), problems


def quoted(text: object) -> str:
    """`text` as a double-quoted YAML scalar that reads back as the same text (a colon, a quote
    or a `#` in a name cannot break the file): the one quoting rule for the front matter render
    writes and the site.yml `ruangaman init` writes. One-line text only (they hold no break)."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'
