"""Translation freshness: THE rule that says whether a translation still translates its source.

A translation records which version of its main-language source it translates, as a *mark*: the
first `model.MARK_LENGTH` hexadecimal digits of the sha256 of the source's text, normalised.

- A page (`docs/<name>.<lang>.md`, lang not the main language) carries it in its front matter,
  `translated_from: "3f2a9c1b"`; its source is `docs/<name>.<main>.md`, and what is hashed is
  the source's `title`, `summary` and body (the Markdown after the front matter), each with
  its whitespace normalised, joined by a line break. The other front matter (topics, dates,
  sources) is not hashed: `check` holds topics and dates equal in both languages, and a source
  is a citation, rarely translated.
- A two-language field of a YAML file (`description: {id: …, en: …, en_from: "3f2a9c1b"}`)
  carries it beside its text, as `<lang>_from`; its source is the main-language text.

Normalised: every run of spaces, tabs and line breaks counts as one space, and the text's ends
are trimmed, so an edit of whitespace only (re-wrapping a paragraph, trailing spaces, a blank
line more or less) leaves the mark unchanged; any other change of a character changes it.

A translation is `CURRENT` when its mark is its source's, `STALE` when it differs (the source
changed after the translation was marked), `UNMARKED` when it has none: the report lists the
last two, the pages tell readers only of `STALE` (an unmarked translation is not known to be
old; saying so on every page of a site that never used marks would be a false alarm).

The report (`editor.report`), the staged pages (`build.staging`), the data pages
(`render.context`) and the `ruangaman translated` command all read this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ruangaman import model
from ruangaman.load.yamlfile import FRONT_MATTER
from ruangaman.model import MARK_LENGTH
from ruangaman.model import MARK_SUFFIX as FIELD_MARK_SUFFIX

CURRENT, STALE, UNMARKED = "current", "stale", "unmarked"
PAGE_MARK_KEY = "translated_from"


def normalised(text: str) -> str:
    """Text with every run of whitespace one space, trimmed: what a mark is made of."""
    return " ".join(str(text).split())


def text_mark(*parts: str) -> str:
    """The mark of a source made of `parts` (a field's text; a page's title, summary, body)."""
    joined = "\n".join(normalised(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:MARK_LENGTH]


def page_mark(page: Any) -> str:
    """The mark of a main-language page (`load.discover.Page`): its title, summary and body."""
    meta = page.meta or {}
    return text_mark(str(meta.get("title") or ""), str(meta.get("summary") or ""), page.body)


def state(recorded: str | None, current: str) -> str:
    if not recorded:
        return UNMARKED
    return CURRENT if recorded == current else STALE


@dataclass(frozen=True)
class PageTranslation:
    """A page in a language other than the main one, and where its mark stands."""

    page: Any  # the translation (`load.discover.Page`)
    source: Any  # the main-language page it translates
    recorded: str | None  # its `translated_from:`, or None
    current: str  # the source's mark now

    @property
    def state(self) -> str:
        return state(self.recorded, self.current)


def page_translations(pages: Iterable[Any], languages: tuple[str, ...]) -> list[PageTranslation]:
    """Every translated page of a site (`languages`: main first), in file order."""
    pages = tuple(pages)
    main = languages[0]
    sources = {p.name: p for p in pages if p.lang == main}
    out = []
    for page in pages:
        source = sources.get(page.name)
        if page.lang == main or page.lang not in languages[1:] or source is None:
            continue
        recorded = (page.meta or {}).get(PAGE_MARK_KEY)
        out.append(PageTranslation(page, source, recorded or None, page_mark(source)))
    return out


def field_mark_key(lang: str) -> str:
    return f"{lang}{FIELD_MARK_SUFFIX}"


def field_state(value: Any, lang: str, main: str) -> str | None:
    """Where the `lang` text of a two-language value stands (None: it has no such text, or
    `lang` is the main language)."""
    if not isinstance(value, Mapping) or lang == main or lang not in value or main not in value:
        return None
    return state(value.get(field_mark_key(lang)), text_mark(value[main]))


def texts(value: Mapping[str, Any]) -> dict[str, Any]:
    """A two-language value without its marks: `{id, en}` as readers and open data see it."""
    return {k: v for k, v in value.items() if not k.endswith(FIELD_MARK_SUFFIX)}


@dataclass(frozen=True)
class FieldTranslation:
    """The text in one language of a two-language field of a record, and where its mark stands."""

    field: str  # as messages name it: `description`, `phones[0].description`
    lang: str
    recorded: str | None
    current: str
    path: tuple = ()  # its keys and indexes in the file: ("phones", 0, "description")

    @property
    def state(self) -> str:
        return state(self.recorded, self.current)


def split_marks(
    data: Mapping[str, Any], spec: model.Field, languages: tuple[str, ...]
) -> tuple[dict[str, Any], tuple[FieldTranslation, ...]]:
    """A record's checked data without the marks of its two-language fields (what pages and
    open data read), and every translated text of those fields with its mark."""
    found: list[FieldTranslation] = []
    main = languages[0]

    def walk(value: Any, field: model.Field, where: str, path: tuple) -> Any:  # noqa: ANN401
        if field.kind == model.LOCALIZED and isinstance(value, Mapping):
            if main in value:
                for lang in languages[1:]:
                    if lang in value:
                        recorded = value.get(field_mark_key(lang))
                        current = text_mark(value[main])
                        found.append(FieldTranslation(where, lang, recorded, current, path))
            return texts(value)
        if field.kind == model.OBJECT and isinstance(value, Mapping):
            return {
                k: (walk(v, child, f"{where}.{k}" if where else k, (*path, k)) if child else v)
                for k, v in value.items()
                for child in (field.child(k),)
            }
        if field.kind == model.LIST and field.item is not None and isinstance(value, list):
            return [walk(v, field.item, f"{where}[{i}]", (*path, i)) for i, v in enumerate(value)]
        return value

    return walk(data, spec, "", ()), tuple(found)


def with_notice(source_text: str, notice: str) -> str:
    """A page's file with `notice` (our markup) put first in its body, front matter kept."""
    match = FRONT_MATTER.match(source_text)
    front, body = (match.group(0), source_text[match.end() :]) if match else ("", source_text)
    return f"{front}\n\n{notice}\n\n{body.lstrip()}"
