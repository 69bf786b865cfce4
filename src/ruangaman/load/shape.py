"""Check a loaded YAML value against a field tree from `model`, and return it normalised.

Only the shape and the form of each value are checked here (required, unknown keys, types, dates,
times, links, choices): a pure function of the file's text. What needs other files (kecamatan,
taxonomy, phone rules) or today's date (`validate.dates`) is checked in `validate`.
Every problem is collected; nothing stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import uuid
from typing import Any

from ruangaman import model
from ruangaman.load.projectfiles import shown
from ruangaman.load.yamlfile import ALIAS, Loaded, PathKey, field_name
from ruangaman.model import Field
from ruangaman.problems import ERROR, Problem
from ruangaman.text import LANGUAGE_RE, Given, Msg

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$|^24:00$")
# A plain address and nothing else: no `?bcc=`, `%40`, `,` or `&` that would make a mailto: link
# copy the mail to someone else, no quoted or commented forms, no spaces or control characters.
EMAIL_RE = re.compile(
    r"^(?=.{6,254}\Z)(?=[^@]{1,64}@)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\Z"
)
URL_RE = re.compile(r"^https?://[a-z0-9.-]+\.[a-z]{2,}(:\d+)?(/\S*)?$", re.I)
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MARK_RE = re.compile(f"^[0-9a-f]{{{model.MARK_LENGTH}}}$")

# The kinds a wrong value is told in its own words ("must hold a date ..."); any other kind of
# field is first of all text (`text/problems/*.yml`, `parts.kind.*`).
SHAPED_KINDS = frozenset(
    {model.TEXT, model.LOCALIZED, model.BOOL, model.INT, model.NUMBER, model.DATE, model.LIST}
    | {model.OBJECT}
)


def suggestion(value: str, choices: list[str], synonyms: dict[str, str] | None = None) -> dict:
    """The 'did you mean' sentence as a message (`{"suggestion": Msg}`), or an empty one."""
    guess = (synonyms or {}).get(value.lower())
    if guess not in choices:
        matches = difflib.get_close_matches(value, choices, 1, 0.6)
        if not matches:
            lowered = {c.lower(): c for c in choices}
            matches = difflib.get_close_matches(value.lower(), list(lowered), 1, 0.6)
            matches = [lowered[m] for m in matches]
        guess = matches[0] if matches else None
    if not guess:
        return {"suggestion": ""}
    return {"suggestion": Msg("parts.did_you_mean", {"value": guess})}


def perhaps(names: list[str]) -> Msg | str:
    """'Perhaps you mean: A, B.' as a message (for a suggestion parameter), or nothing."""
    return Msg("parts.perhaps_you_mean", {"names": ", ".join(names)}) if names else ""


def example_text(value: Any) -> str:
    """An example value as it would be written in YAML, on one line."""
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {example_text(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(example_text(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Checker:
    """Walks one file's values, collecting problems with their line and field."""

    def __init__(self, rel: str, loaded: Loaded, kind: str | None = None) -> None:
        self.rel = rel
        self.loaded = loaded
        self.kind = kind  # "service" or "hotline" for a record file: its id can be suggested
        self.problems: list[Problem] = []

    def problem(self, code: str, path: PathKey, severity: str = ERROR, **params: Any) -> None:
        self.problems.append(
            Problem(
                code,
                self.rel,
                line=self.loaded.line(path),
                field=field_name(path) or None,
                params=params,
                severity=severity,
            )
        )

    def wrong_type(self, spec: Field, path: PathKey) -> None:
        kind = spec.kind if spec.kind in SHAPED_KINDS else model.TEXT
        self.problem(
            "wrong_type",
            path,
            expected=Msg(f"parts.kind.{kind}"),
            example=example_text(spec.example),
        )

    def text(self, value: Any, path: PathKey) -> str | None:
        """The text as written in the file: `0811…` and `16:00` stay exactly as typed."""
        if isinstance(value, dict | list):
            return None
        if value is None:
            return ""
        raw = self.loaded.raw.get(tuple(path))
        return (raw if raw is not None else str(value)).strip()

    def check(self, value: Any, spec: Field, path: PathKey = ()) -> Any:
        """Return the normalised value, or None where it is unusable (a problem is recorded)."""
        if value is ALIAS:
            return None
        handler = getattr(self, f"_{spec.kind}", self._text)
        return handler(value, spec, path)

    # --- kinds ---------------------------------------------------------------------------------
    def _object(self, value: Any, spec: Field, path: PathKey) -> dict | None:
        if not isinstance(value, dict):
            if value is None:
                self.problem("empty", path, **_titles(spec))
            else:
                self.wrong_type(spec, path)
            return None
        allowed = [f.name for f in spec.fields]
        out: dict[str, Any] = {}
        for key, item in value.items():
            child = spec.child(key)
            if child is None:
                self.problem(
                    "unknown_key",
                    (*path, key),
                    allowed=", ".join(allowed),
                    **suggestion(key, allowed, model.SYNONYMS),
                )
                continue
            checked = self.check(item, child, (*path, key))
            if checked is not None:
                out[key] = checked
        for child in spec.fields:
            if child.required and child.name not in value:
                self.problem("missing", (*path, child.name), key=child.name, **_titles(child))
        return out

    def _list(self, value: Any, spec: Field, path: PathKey) -> list | None:
        if value is None:
            self.problem("empty", path, **_titles(spec))
            return None
        if not isinstance(value, list):
            self.wrong_type(spec, path)
            return None
        if spec.max_items is not None and len(value) > spec.max_items:
            # a log of 100,000 attempts must not be walked, kept and rendered
            self.problem("too_many", path, count=len(value), maximum=spec.max_items)
            return None
        out = []
        seen: set[str] = set()
        for i, item in enumerate(value):
            if spec.ranges and spec.item is not None and isinstance(item, str) and "-" in item:
                checked_items = model.choice_range(item, spec.item.choices)
                if checked_items is None:
                    self.problem("bad_range", (*path, i), value=item)
                    continue
            else:
                checked_items = [self.check(item, spec.item, (*path, i))]
            for checked in checked_items:
                if checked is None:
                    continue
                if isinstance(checked, str):
                    if checked in seen:
                        self.problem("duplicate_item", (*path, i), value=checked)
                        continue
                    seen.add(checked)
                out.append(checked)
        if len(value) < spec.min_items:
            self.problem(
                "too_few", path, minimum=spec.min_items, example=example_text(spec.example)
            )
        return out

    def _text(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self.text(value, path)
        if text is None:
            self.wrong_type(spec, path)
            return None
        if not text:
            self.problem("empty", path, **_titles(spec))
            return None
        if spec.limit and len(text) > spec.limit:
            self.problem("too_long", path, length=len(text), limit=spec.limit)
            return None  # a 240 KB short name must not reach every page
        # Nearly every value is printable ASCII (or, in a description, that and line breaks),
        # which holds none of the refused characters: only the others are searched.
        plain = text.isascii() and (
            text.replace("\n", "").isprintable() if spec.multiline else text.isprintable()
        )
        bad = None if plain else _refused(spec).search(text)
        if bad is not None:
            before = text[: bad.start()]
            self.problem(
                "text_multiline_characters" if spec.multiline else "text_one_line_characters",
                path,
                character=f"U+{ord(bad.group(0)):04X}",
                position=bad.start() + 1,
                before=shown(before[-20:]),
            )
            return None
        return text

    def _localized(self, value: Any, spec: Field, path: PathKey) -> dict | None:
        if not isinstance(value, dict):
            text = self._text(value, spec, path)
            return {"id": text} if text else None
        out = {}
        # Only a service's or a hotline's texts carry marks: validate takes them out of the
        # record's view (`validate.freshness.split_marks`) before any page or open data reads it.
        marking = self.kind in model.MARKED_KINDS
        for lang, item in value.items():
            if marking and is_mark_key(lang):  # `en_from`: the mark of the text `en` translates
                mark = self._translation_mark(item, spec, (*path, lang))
                if mark:
                    out[lang] = mark
                continue
            # Any language code: which ones the site has is checked by validate
            # (`validate.languages`), where the site's languages are known.
            if not isinstance(lang, str) or not LANGUAGE_RE.match(lang):
                self.problem(
                    "unknown_key",
                    (*path, str(lang)),
                    allowed="id, en",
                    **suggestion(str(lang), list(model.LANGUAGES)),
                )
                continue
            text = self._text(item, spec, (*path, lang))
            if text:
                out[lang] = text
        if "id" not in value:
            self.problem("missing", (*path, "id"), key="id", **_titles(spec))
        return out or None

    def _bool(self, value: Any, spec: Field, path: PathKey) -> bool | None:
        if isinstance(value, bool):
            return value
        self.wrong_type(spec, path)
        return None

    def _int(self, value: Any, spec: Field, path: PathKey) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.wrong_type(spec, path)
        return None

    def _number(self, value: Any, spec: Field, path: PathKey) -> float | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.wrong_type(spec, path)
        return None

    def _date(self, value: Any, spec: Field, path: PathKey) -> dt.date | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            text = self.text(value, path) or ""
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                self.problem("bad_date", path, value=text)
                return None
        return value  # a date still to come is refused by `validate.dates`, which knows today

    def _time(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self.text(value, path)
        if text is None or not TIME_RE.match(text):
            self.problem("bad_time", path, value=text if text is not None else value)
            return None
        hours, minutes = text.split(":")
        return f"{int(hours):02d}:{minutes}"

    def _choice(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self.text(value, path)
        if text is None:
            self.wrong_type(spec, path)
            return None
        if text in spec.choices:
            return text
        if text.lower() in spec.choices:
            return text.lower()
        self.problem(
            "bad_choice",
            path,
            value=text,
            choices=", ".join(spec.choices),
            **suggestion(text, list(spec.choices)),
        )
        return None

    def _email(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self._text(value, spec, path)
        if text and not EMAIL_RE.match(text):
            self.problem("bad_email", path, value=text)
            return None
        return text

    def _url(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self._text(value, spec, path)
        if text and not URL_RE.match(text):
            self.problem("bad_url", path, value=text)
            return None
        return text

    def _uuid(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self._text(value, spec, path)
        if not text:
            return text
        try:
            return str(uuid.UUID(text))
        except ValueError:
            slug = self.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            suggested = model.fallback_id(self.kind or spec.name, slug)
            self.problem("bad_id", path, value=text, suggested_id=suggested)
            return None

    def _language(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self._text(value, spec, path)
        if text and not LANGUAGE_RE.match(text):
            self.problem("bad_language", path, value=text)
            return None
        return text

    def _translation_mark(self, value: Any, spec: Field, path: PathKey) -> str | None:
        # As written: an unquoted `12345678` (a number to YAML) is a mark all the same.
        text = self._text(value, spec, path)
        if text and not MARK_RE.fullmatch(text):
            self.problem("bad_translation_mark", path, value=shown(text[:20]), file=self.rel)
            return None
        return text

    def _slug(self, value: Any, spec: Field, path: PathKey) -> str | None:
        text = self._text(value, spec, path)
        if text and not SLUG_RE.match(text):
            self.problem("bad_slug", path, value=text, reserved="-")
            return None
        return text


# Compiled once: the two character rules are constants of the model.
_REFUSED_ONE_LINE = re.compile(f"[{model.ONE_LINE_REFUSED}]")
_REFUSED_MULTILINE = re.compile(f"[{model.MULTILINE_REFUSED}]")


def _refused(spec: Field) -> re.Pattern:
    """The characters a text value of `spec` may not hold (`Field.characters`)."""
    return _REFUSED_MULTILINE if spec.multiline else _REFUSED_ONE_LINE


def _titles(spec: Field) -> dict:
    return {"title": Given(spec.title_id, spec.title_en), "example": example_text(spec.example)}


def is_mark_key(key: object) -> bool:
    """`en_from`, `ms_from`: the key of a translation's mark in a two-language value."""
    return (
        isinstance(key, str)
        and key.endswith(model.MARK_SUFFIX)
        and bool(LANGUAGE_RE.match(key[: -len(model.MARK_SUFFIX)]))
        and key[: -len(model.MARK_SUFFIX)] != model.LANGUAGES[0]
    )
