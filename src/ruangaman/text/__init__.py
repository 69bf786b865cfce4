"""Everything a person reads, one YAML table per language per domain, and the one way to use them.

    text/problems/{id,en}.yml    the validator's messages (`code.what`, `code.fix`) and their
                                 parts (`parts.did_you_mean`, `parts.kind.date`, ...)
    text/interface/{id,en}.yml   what readers see on the site (templates, theme)
    text/commands/{id,en}.yml    what the editors' commands print (one section per command)

`t(domain, key, lang, **params)` fills one entry; `plural(domain, key, lang, n)` picks the
entry's `one`/`other`... form through Babel's plural rules for the language (Indonesian has only
`other`); `long_date(day, lang)` writes a date the way the site does ("2 Desember 2026").

A parameter may itself be a message not yet in any language (`Msg`): a problem found while
checking says *which* suggestion it has (`Msg("parts.did_you_mean", {"value": "hotline"})`), and
the words are chosen only when the problem is told, in the language it is told in.

The tables are read once per process (`functools.cache`): they are packaged files, so a table is
a pure function of its name. `tests/test_text_tables.py` checks that every key and placeholder is
in every language, and that no text table for people is kept anywhere else in the package.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml
from markupsafe import escape

from ruangaman.model import LANGUAGES

__all__ = (
    "DOMAINS",
    "LANGUAGES",
    "Given",
    "LanguageName",
    "Msg",
    "Words",
    "fill",
    "long_date",
    "placeholders",
    "plural",
    "plural_form",
    "problem_codes",
    "strings",
    "t",
    "table",
    "template",
)

DOMAINS = ("problems", "interface", "commands")
# The forms a plural entry may have (CLDR's categories); `other` is the one every language has.
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
# Day, month name, year in both languages: Babel's `long` format for `id`, while its `long`
# for `en` is "December 2, 2026"; the site has always written "2 December 2026".
DATE_PATTERN = "d MMMM y"


@dataclass(frozen=True)
class Msg:
    """A message not yet put into words: a key of a table and its parameters (which may be
    messages too). It becomes text in a language only where it is shown (`Msg.text(lang)`)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    domain: str = "problems"

    def text(self, lang: str) -> str:
        return t(self.domain, self.key, lang, **self.params)


@dataclass(frozen=True)
class Given:
    """Text that arrives already in both languages from where it is defined, not from a table:
    the meaning of a field is written beside the field in `model` (its `title_id`/`title_en`),
    because the schema, the guide and the spreadsheet columns are all made from the model."""

    id: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class LanguageName:
    """A language's name, told in the language of the message: `en` is "Inggris" in Indonesian
    and "English" in English (CLDR, through Babel); a code CLDR does not know is shown as is."""

    code: str

    def text(self, lang: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            name = Locale.parse(self.code).get_display_name(lang)
        except (UnknownLocaleError, ValueError):
            return self.code
        return name[:1].upper() + name[1:] if name else self.code


def _read(domain: str, lang: str) -> Any:
    path = resources.files("ruangaman.text").joinpath(domain, f"{lang}.yml")
    # libyaml's safe loader (the same values as yaml.safe_load, several times faster): the
    # tables are read by every command, ~1,700 entries in each language.
    return yaml.load(path.read_text("utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _flatten(table: Mapping, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@cache
def table(domain: str, lang: str) -> Mapping[str, str]:
    """One language's table of one domain, with nested keys joined by dots (`build.built`,
    `service_count.one`). Read-only: every caller shares it."""
    if domain not in DOMAINS:
        raise KeyError(f"no text domain {domain!r}")
    return MappingProxyType(_flatten(_read(domain, lang)))


def template(domain: str, key: str, lang: str) -> str:
    """The entry as written in the table, its placeholders not filled."""
    return table(domain, lang)[key]


class Words:
    """One section of a domain in one language, entries as written (not filled):
    `Words("commands", "guide", "en")["file"]` is the entry `guide.file`."""

    def __init__(self, domain: str, section: str, lang: str) -> None:
        self.domain, self.section, self.lang = domain, section, lang

    def __getitem__(self, key: str) -> str:
        return template(self.domain, f"{self.section}.{key}", self.lang)


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` in an entry."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def in_words(value: Any, lang: str) -> Any:
    """A parameter as it is shown in `lang`: a message (`Msg`, `Given`) becomes its text."""
    told = getattr(value, "text", None)
    return told(lang) if callable(told) else value


def fill(text: str, lang: str, params: Mapping[str, Any]) -> str:
    """An entry with its placeholders filled; messages among the parameters are told first."""
    return text.format(**{name: in_words(value, lang) for name, value in params.items()})


def t(domain: str, key: str, lang: str, **params: Any) -> str:
    """The entry `key` of `domain` in `lang`, filled with `params`."""
    return fill(template(domain, key, lang), lang, params)


@cache
def _plural_rule(lang: str):  # noqa: ANN202 - a babel.plural.PluralRule
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).plural_form
    except (UnknownLocaleError, ValueError):
        # A language CLDR does not describe (many of Indonesia's): the main language's rules.
        return Locale.parse(LANGUAGES[0]).plural_form


def plural_form(lang: str, n: int) -> str:
    """The CLDR plural category of `n` in `lang` (Babel): `one` or `other` in English, always
    `other` in Indonesian."""
    return _plural_rule(lang)(n)


def plural(domain: str, key: str, lang: str, n: int, **params: Any) -> str:
    """The form of plural entry `key` that fits `n` in `lang`, filled with `n` and `params`.
    A table may leave out a form the language's rule never picks; `other` is always there."""
    entries = table(domain, lang)
    chosen = entries.get(f"{key}.{plural_form(lang, n)}", entries[f"{key}.other"])
    return fill(chosen, lang, {"n": n, **params})


@cache
def _date_format(lang: str):  # noqa: ANN202 - a function date -> str
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        lang = LANGUAGES[0]  # no month names in CLDR: the main language's

    def fmt(day: dt.date) -> str:
        return format_date(day, DATE_PATTERN, locale=lang)

    return fmt


def long_date(day: dt.date, lang: str) -> str:
    """A date as the site writes it: "2 Desember 2026", "2 December 2026" (Babel's month names)."""
    return _date_format(lang)(day)


@cache
def strings(lang: str) -> dict[str, Any]:
    """The interface table of one language as written (nested), for templates:
    `strings("en")["call"]` -> "Call"; a plural entry is a mapping of its forms. A plain dict,
    because MkDocs and the i18n plugin deep-copy `config.extra`, where the theme finds it;
    shared by every caller, so never written into."""
    return _read("interface", lang)


def problem_codes() -> tuple[str, ...]:
    """Every problem code, in the order of the table (the editor guide lists them so)."""
    return tuple(code for code in _read_codes() if code != "parts")


@cache
def _read_codes() -> tuple[str, ...]:
    return tuple(_read("problems", LANGUAGES[0]))


# --- the "shown in Indonesian" notice: its words and its markup, defined once ------------------
# Two places show it: render, on a data page where some text fell back to the main language,
# and staging, on a whole page that has no version in the reader's language (`pagehtml` checks
# that page as staging makes it). Both take the notice from here, so readers see one notice.

# The classes the notice carries (the page checker allows exactly these on a <p>).
FALLBACK_CLASSES = ("ra-notice", "ra-notice--fallback")


def notice_markup(notice: str) -> str:
    """The notice's markup around its words (escaped): `Interface.fallback_notice`, and render
    with the page's own table."""
    return f'<p class="{" ".join(FALLBACK_CLASSES)}" role="note">{escape(notice)}</p>'


# --- the interface of a site: every language it has, the package's tables and its own ---------

# A language is named by its ISO 639 code: two letters (ms, jv, su) or three (bjn, ijn, bug).
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")


@cache
def packaged_languages() -> tuple[str, ...]:
    """The languages the package has an interface table for (`text/interface/<code>.yml`), the
    main language of every site first: the languages a site may name without a table of its
    own. Read from the package's files, so adding a table adds the language."""
    folder = resources.files("ruangaman.text").joinpath("interface")
    found = sorted(
        e.name[: -len(".yml")]
        for e in folder.iterdir()
        if e.name.endswith(".yml") and LANGUAGE_RE.match(e.name[: -len(".yml")])
    )
    main = LANGUAGES[0]
    return (main, *(code for code in found if code != main))


# Entries of the interface table that are not words to translate: the same in every language.
# (the day the safety plan's advice was reviewed; Open Graph's locale code of the language)
NOT_TRANSLATED = frozenset({"plan_reviewed_on", "og_locale"})


def translatable(table: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of a table a translation holds (without `NOT_TRANSLATED`)."""
    return {k: v for k, v in table.items() if k not in NOT_TRANSLATED}


def _merged(main: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """`own` over `main`, entry by entry: what a site's table has not translated yet stays in
    the main language (the check warns about each such entry)."""
    out: dict[str, Any] = {}
    for key, value in main.items():
        mine = own.get(key)
        if isinstance(value, Mapping):
            out[key] = _merged(value, mine if isinstance(mine, Mapping) else {})
        else:
            usable = isinstance(mine, str) and mine.strip() and key not in NOT_TRANSLATED
            out[key] = mine if usable else value
    return out


@dataclass(frozen=True)
class Interface:
    """What readers see in every language of one site: the package's table for a language it
    has one for, else the site's own (`content/interface/<code>.yml`, checked by validate) over
    the main language's, entry by entry. Every page, the theme, the posters and the notices
    take their words from here: the one place a language's interface text is chosen."""

    tables: Mapping[str, Mapping[str, Any]]  # language -> nested table, as `strings` gives
    flats: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # keys joined by dots

    @classmethod
    def packaged(cls, languages: tuple[str, ...] = ()) -> Interface:
        return cls.of(languages or packaged_languages(), {})

    @classmethod
    def of(cls, languages: Iterable[str], own: Mapping[str, Mapping[str, Any]]) -> Interface:
        """The interface of `languages`: `own` holds a site's tables for languages the package
        has none for (already checked; what is not usable in them left out)."""
        main = strings(LANGUAGES[0])
        tables: dict[str, Mapping[str, Any]] = {}
        for lang in languages:
            if lang in packaged_languages():
                tables[lang] = strings(lang)
            else:
                tables[lang] = MappingProxyType(_merged(main, own.get(lang) or {}))
        flats = {
            lang: table("interface", lang)
            if lang in packaged_languages()
            else MappingProxyType(_flatten(tables[lang]))
            for lang in tables
        }
        return cls(MappingProxyType(tables), MappingProxyType(flats))

    def strings(self, lang: str) -> Mapping[str, Any]:
        """The table of `lang` (nested), the main language's for one the site does not have."""
        return self.tables.get(lang) or strings(LANGUAGES[0])

    def flat(self, lang: str) -> Mapping[str, str]:
        """The table of `lang` with nested keys joined by dots (`service_count.other`), made
        once when the interface is (plurals ask for it on every page)."""
        return self.flats.get(lang) or table("interface", LANGUAGES[0])

    def plural(self, key: str, lang: str, n: int, **params: Any) -> str:
        entries = self.flat(lang)
        chosen = entries.get(f"{key}.{plural_form(lang, n)}", entries[f"{key}.other"])
        return fill(chosen, lang, {"n": n, **params})

    def fallback_notice(self, lang: str, whole_page: bool = False) -> str:
        """The notice in `lang`: for a page shown whole in another language, or for parts of it."""
        words = self.strings(lang)
        return notice_markup(
            words["page_fallback_notice"] if whole_page else words["fallback_notice"]
        )


def stale_notice(
    lang: str, href: str, whole_page: bool = True, interface: Interface | None = None
) -> str:
    """The notice that a translation in `lang` may be older than its source, with a link to
    the source (`href`, an address the build made): for a page translated whole, or for a data
    page some of whose fields are (`validate.freshness` says which). It carries the fallback
    notice's classes: one kind of notice for readers, one rule for the page checker."""
    return stale_markup((interface or Interface.packaged()).strings(lang), href, whole_page)


def stale_markup(words: Mapping[str, Any], href: str, whole_page: bool = True) -> str:
    """`stale_notice` from a language's interface table (`words`)."""
    notice = words["stale_translation_notice"] if whole_page else words["stale_fields_notice"]
    return (
        f'<p class="{" ".join(FALLBACK_CLASSES)}" role="note">{escape(notice)} '
        f'<a href="{escape(href)}">{escape(words["stale_translation_link"])}</a></p>'
    )
