"""`ruangaman translated FILE…` / `--all`: mark a translation as translating its source as it is.

A translated page (`docs/<name>.<lang>.md`, lang not the main language) gets the line
`translated_from: "<mark>"` in its front matter, the mark of its main-language page now
(`validate.freshness.page_mark`): the line is replaced where it is, or added as the last line
of the front matter. Nothing else of the file changes, byte for byte: it is a text edit, never
a YAML re-dump. Before writing, the edited front matter is read back and must hold exactly the
old values plus the mark; on any doubt nothing is written.

A service or hotline file (`content/services/x.yml`) gets `en_from: "<mark>"` in each of its
two-language texts whose translation is not marked current (`set_field_marks`, located by
PyYAML's node marks, comments and layout kept), checked by the real validator in a scratch
copy of `content/` as `verify` does.

`--all` marks every translated page that has no mark yet: for a site that starts using marks, once
someone has compared each translation with its source. A translation whose source changed
(stale) is marked only when named, one by one, after it was brought up to date: `--all` never
hides that a translation is old.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ruangaman.editor.edits import write_atomically
from ruangaman.editor.verify import checked
from ruangaman.load.discover import load_content, load_pages
from ruangaman.load.yamlfile import FRONT_MATTER, read_text
from ruangaman.problems import ERROR, Problem, Report
from ruangaman.validate import check_project
from ruangaman.validate.dates import site_today
from ruangaman.validate.freshness import (
    CURRENT,
    PAGE_MARK_KEY,
    STALE,
    UNMARKED,
    PageTranslation,
    field_mark_key,
    page_translations,
)

# The mark's line in a front matter: `translated_from: "3f2a9c1b"`, at the top level, the value
# plain or quoted on that line (a comment after it is kept).
_MARK_LINE = re.compile(rf"^{PAGE_MARK_KEY}[ \t]*:[ \t]*(\"[^\"\r\n]*\"|'[^'\r\n]*'|[^\s#]*)", re.M)


class EditRefused(Exception):
    """The front matter is not one `set_page_mark` can edit safely as text."""


@dataclass
class Marked:
    """What `translated` did: problems (errors: that file was not written) and what was marked,
    as (file, mark, state before: stale, unmarked or current)."""

    report: Report = field(default_factory=Report)
    written: list[tuple[str, str, str]] = field(default_factory=list)


def set_page_mark(text: str, mark: str) -> str:
    """The page's text with `translated_from: "<mark>"` in its front matter, all else kept."""
    match = FRONT_MATTER.match(text)
    if match is None:
        raise EditRefused
    inner_start, inner_end = match.span(1)
    inner = text[inner_start:inner_end]
    found = list(_MARK_LINE.finditer(inner))
    if len(found) > 1:
        raise EditRefused
    value = f'"{mark}"'
    if found:
        start, end = found[0].span(1)
        new_inner = inner[:start] + value + inner[end:]
    else:
        newline = "\r\n" if "\r\n" in text else "\n"
        if inner and not inner.endswith("\n"):
            raise EditRefused
        new_inner = f"{inner}{PAGE_MARK_KEY}: {value}{newline}"
    new = text[:inner_start] + new_inner + text[inner_end:]
    try:
        old_data = yaml.safe_load(inner) or {}
        new_data = yaml.safe_load(new_inner) or {}
    except yaml.YAMLError as error:
        raise EditRefused from error
    if not isinstance(old_data, dict) or new_data != {**old_data, PAGE_MARK_KEY: mark}:
        raise EditRefused
    return new


# --- two-language fields of a service or hotline ------------------------------------------------


def _node_at(root: yaml.Node, path: tuple) -> yaml.Node | None:
    node = root
    for key in path:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key] if key < len(node.value) else None
        else:
            return None
        if node is None:
            return None
    return node


def set_field_marks(text: str, marks: list[tuple[tuple, str, str]]) -> str:
    """The file's text with each `(path, lang, mark)` written as `<lang>_from: "<mark>"` in the
    two-language value at `path`: the value of an existing `en_from` is replaced where it is,
    else a line is added after the `en` text (in `{id: …, en: …}`, `, en_from: "…"` after it).
    Nothing else of the file changes; read back, it must hold the old values plus the marks."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        old = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise EditRefused from error
    edits: list[tuple[int, int, str]] = []
    expected = old
    for path, lang, mark in marks:
        node = _node_at(root, path)
        if not isinstance(node, yaml.MappingNode):
            raise EditRefused
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        key = field_mark_key(lang)
        value = f'"{mark}"'
        if key in keys:
            written = keys[key][1]
            edits.append((written.start_mark.index, written.end_mark.index, value))
        elif lang in keys:
            name, shown = keys[lang]
            end = shown.end_mark.index
            if node.flow_style:
                edits.append((end, end, f", {key}: {value}"))
            else:
                if shown.end_mark.column != 0:  # the line the text ends on, to its end
                    newline = text.find("\n", end)
                    end = len(text) if newline < 0 else newline + 1
                line = f"{' ' * name.start_mark.column}{key}: {value}\n"
                edits.append((end, end, line if text[:end].endswith("\n") else "\n" + line))
        else:
            raise EditRefused
        target = expected
        for part in path:
            target = target[part]
        target[key] = mark
    new = text
    for start, end, insert in sorted(edits, reverse=True):
        new = new[:start] + insert + new[end:]
    try:
        if yaml.safe_load(new) != expected:
            raise EditRefused
    except yaml.YAMLError as error:
        raise EditRefused from error
    return new


def _mark_record(root: Path, rel: str, done: Marked) -> None:
    """Mark every translated text of one service or hotline that is not marked current."""
    today = site_today(root)
    _, site, report = check_project(root, today=today)
    views = (*site.services, *site.hotlines) if site is not None else ()
    record = next((v for v in views if v.rel == rel), None)
    errors = [p for p in report.errors if p.file == rel]
    if record is None or errors:
        done.report.extend(errors or [Problem("translated_not_found", rel, params={"value": rel})])
        return
    todo = [t for t in record.translations if t.state != CURRENT]
    path = root / rel
    text, found = read_text(path, rel, inside=root)
    if text is None:
        done.report.extend(found)
        return
    try:
        new = set_field_marks(text, [(t.path, t.lang, t.current) for t in todo])
    except EditRefused:
        done.report.add(Problem("translated_layout", rel, params={"value": rel}))
        return
    problems, _ = checked(root, rel, new, today, len(text.splitlines()))
    if any(p.severity == ERROR for p in problems):
        done.report.extend(problems)
        return
    if new != text:
        write_atomically(path, new)
    for t in todo:
        done.written.append((f"{rel} ({t.field}.{t.lang})", t.current, t.state))


def _relative(root: Path, given: str) -> str:
    path = Path(given)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(root.resolve())
        except ValueError:
            return given
    return path.as_posix().removeprefix("./")


def mark_translated(root: Path, files: list[str], every_unmarked: bool = False) -> Marked:
    """Mark each named translation (or, with `every_unmarked`, each one without a mark)."""
    done = Marked()
    content, problems = load_content(root)
    languages = tuple(content.languages)
    translations = {t.page.rel: t for t in page_translations(content.pages, languages)}
    broken = {p.file for p in problems if p.severity == ERROR}
    chosen: list[PageTranslation] = []
    for given in files:
        rel = _relative(root, given)
        item = translations.get(rel)
        if item is None and rel.startswith(("content/services/", "content/hotlines/")):
            _mark_record(root, rel, done)
            continue
        if item is None:
            main = languages[0]
            code = "translated_is_source" if rel.endswith(f".{main}.md") else "translated_not_found"
            done.report.add(Problem(code, rel, params={"value": rel}))
            continue
        chosen.append(item)
    if every_unmarked:
        chosen += [t for t in translations.values() if t.state == UNMARKED and t not in chosen]
    for item in chosen:
        rel, source = item.page.rel, item.source.rel
        if source in broken:
            # A title or summary the checker refused is not in the page as loaded: its mark
            # would not be the page's.
            done.report.add(Problem("translated_source_broken", rel, params={"source": source}))
            continue
        path = root / rel
        text, found = read_text(path, rel, inside=root)
        if text is None:
            done.report.extend(found)
            continue
        try:
            new = set_page_mark(text, item.current)
        except EditRefused:
            done.report.add(Problem("translated_layout", rel, params={"value": rel}))
            continue
        if new != text:
            write_atomically(path, new)
        done.written.append((rel, item.current, item.state))
    return done


def carry_marks(source: Path, dest: Path, languages: tuple[str, ...]) -> None:
    """After `ruangaman init` copied and localised the pages of `source` into `dest` (the
    same sentences taken out of every language): each translation current in `source` is
    marked as translating its localised source in `dest`; a stale or unmarked one stays so."""
    before = {
        t.page.rel: t.state
        for t in page_translations(load_pages(source)[0], languages)
        if t.page.rel.startswith("docs/panduan/")
    }
    for item in page_translations(load_pages(dest)[0], languages):
        if before.get(item.page.rel) == CURRENT:
            path = dest / item.page.rel
            text = path.read_text(encoding="utf-8")
            try:
                new = set_page_mark(text, item.current)
            except EditRefused:
                continue
            path.write_text(new, encoding="utf-8")


__all__ = ("STALE", "Marked", "carry_marks", "mark_translated", "set_page_mark")
