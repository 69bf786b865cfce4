"""The text tables: every language has every entry with the same placeholders, every entry is
used, the plurals and dates come out as the site writes them, and no text for people is kept in
a table anywhere else in the package (the rule of `ruangaman.text`)."""

from __future__ import annotations

import ast
import datetime as dt
import re

import pytest
from conftest import ROOT

from ruangaman import text
from ruangaman.problems import Problem, format_problem
from ruangaman.text import Given, Msg, long_date, placeholders, plural, plural_form, t, table

SRC = ROOT / "src" / "ruangaman"
TEXT_DIR = SRC / "text"


def _plural_keys(domain: str, lang: str) -> dict[str, set[str]]:
    """A plural entry (a mapping of nothing but plural forms) -> its forms."""
    children: dict[str, set[str]] = {}
    for key in table(domain, lang):
        head, _, last = key.rpartition(".")
        children.setdefault(head, set()).add(last)
    return {
        head: forms
        for head, forms in children.items()
        if head and forms <= set(text.PLURAL_FORMS) and "other" in forms
    }


def _entries(domain: str, lang: str) -> dict[str, list[str]]:
    """key -> its texts; a plural entry's forms (`service_count.one`, `.other`) under one key."""
    plurals = _plural_keys(domain, lang)
    out: dict[str, list[str]] = {}
    for key, value in table(domain, lang).items():
        head = key.rpartition(".")[0]
        out.setdefault(head if head in plurals else key, []).append(value)
    return out


@pytest.mark.parametrize("domain", text.DOMAINS)
def test_every_language_has_every_entry_with_the_same_placeholders(domain):
    tables = {lang: _entries(domain, lang) for lang in text.LANGUAGES}
    first, *others = text.LANGUAGES
    for lang in others:
        assert set(tables[lang]) == set(tables[first]), (domain, lang)
        for key, texts in tables[first].items():
            mine = set().union(*(placeholders(x) for x in texts))
            theirs = set().union(*(placeholders(x) for x in tables[lang][key]))
            assert mine == theirs, (domain, key, lang)


@pytest.mark.parametrize("domain", text.DOMAINS)
@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_plural_entries_have_the_forms_of_the_language_and_no_other(domain, lang):
    # Babel: Indonesian has only `other`; English `one` (1) and `other` (0, 2, ...).
    used = {plural_form(lang, n) for n in range(0, 200)}
    for key, forms in _plural_keys(domain, lang).items():
        assert forms <= used, (key, lang, forms - used)
    for key, forms in _plural_keys(domain, "en").items():
        assert "one" in forms, key  # English says "1 service", never "1 services"


def test_plurals_follow_babels_rules():
    assert plural("interface", "service_count", "en", 1) == "1 service"
    assert plural("interface", "service_count", "en", 0) == "0 services"
    assert plural("interface", "service_count", "en", 21) == "21 services"
    assert plural("interface", "service_count", "id", 1) == "1 layanan"
    assert plural("interface", "filter_shown", "en", 1) == "1 service shown"
    assert plural("interface", "filter_shown", "id", 3) == "3 layanan ditampilkan"


def test_long_dates_are_written_as_the_site_always_wrote_them():
    assert long_date(dt.date(2026, 12, 2), "id") == "2 Desember 2026"
    assert long_date(dt.date(2026, 12, 2), "en") == "2 December 2026"
    months_id = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
    months_en = "January February March April May June July August September October November "
    months = zip((months_id + "Desember").split(), (months_en + "December").split(), strict=True)
    for month, (name_id, name_en) in enumerate(months, 1):
        assert long_date(dt.date(2025, month, 9), "id") == f"9 {name_id} 2025"
        assert long_date(dt.date(2025, month, 9), "en") == f"9 {name_en} 2025"


def test_a_problem_carries_a_message_and_is_put_into_words_where_it_is_told():
    problem = Problem(
        "bad_choice",
        "content/services/a.yml",
        line=3,
        field="status",
        params={
            "value": "aktif",
            "choices": "active",
            "suggestion": Msg("parts.did_you_mean", {"value": "active"}),
        },
    )
    assert "Maksud Anda `active`? Pilih salah satu: active." in format_problem(problem, "id")
    assert "Did you mean `active`? Choose one of: active." in format_problem(problem, "en")
    titled = Problem("empty", "a.yml", params={"title": Given("nama", "name"), "example": "x"})
    assert "(nama)" in titled.fix("id") and "(name)" in titled.fix("en")


# --- every entry is used, and every key the code names exists ----------------------------------


def _sources() -> str:
    # text/ itself is left out (its tables name every key), except the notice it makes
    files = [p for p in SRC.rglob("*.py") if TEXT_DIR not in p.parents]
    files.append(TEXT_DIR / "__init__.py")
    files += list((SRC / "render" / "templates").rglob("*.j2"))  # pages/, components/
    files += list((ROOT / "overrides").rglob("*.html"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def _named(source: str) -> tuple[set[str], tuple[str, ...]]:
    """Every quoted word or dotted key in the code (`"check.line"`, `'nav_guides'`), and every
    prefix a key is made from (`f"report.{key}"`, `'phone_' ~ kind`)."""
    literals = set(re.findall(r"[\"']([\w.]+)[\"']", source))
    literals |= set(re.findall(r"\bt\.(\w+)", source))
    # A section read through `Words(domain, section, lang)`: its entries as `words["key"]`.
    for section in re.findall(r"\bWords\(\s*\"\w+\",\s*\"(\w+)\"", source):
        literals |= {f"{section}.{key}" for key in re.findall(r"words\[[\"'](\w+)[\"']\]", source)}
    prefixes = re.findall(r"f[\"']([\w.]+)\{", source)
    prefixes += re.findall(r"[\"']([\w.]+)[\"']\s*~", source)
    return literals, tuple(prefixes)


def _used(domain: str, key: str, literals: set[str], prefixes: tuple[str, ...]) -> bool:
    if key in literals or key.startswith(prefixes):
        return True
    # A problem's code is named where the problem is found (`Problem("file_too_big", ...)`);
    # a template takes a whole part of the interface (`t["days"][day]`).
    return domain in ("problems", "interface") and key.split(".")[0] in literals


def test_every_key_the_code_names_is_in_the_tables():
    source = _sources()
    calls = re.findall(r"\b(?:t|plural|template)\(\s*[\"'](\w+)[\"'],\s*[\"']([\w.]+)[\"']", source)
    calls += [("problems", key) for key in re.findall(r"\bMsg\(\s*\"([\w.]+)\"", source)]
    calls += [
        ("interface", key)
        for key in re.findall(r"\bplural\(\"(\w+)\"", source)
        if key not in text.DOMAINS  # templates: plural("service_count", n)
    ]
    assert len(calls) > 40, "the scan found too few keys"
    for domain, key in calls:
        assert key in _entries(domain, text.LANGUAGES[0]), f"{key} is not in text/{domain}/"


def test_every_problem_code_is_in_the_tables():
    source = _sources()
    codes = set(re.findall(r"\bProblem\(\s*\"(\w+)\"", source))
    codes |= set(re.findall(r"\.problem\(\s*\"(\w+)\"", source))
    assert len(codes) > 50
    assert codes <= set(text.problem_codes()), codes - set(text.problem_codes())


def test_no_entry_is_left_unused():
    literals, prefixes = _named(_sources())
    unused = [
        f"{domain}: {key}"
        for domain in text.DOMAINS
        for key in _entries(domain, text.LANGUAGES[0])
        if not _used(domain, key, literals, prefixes)
    ]
    assert not unused, "entries no code uses:\n" + "\n".join(sorted(unused))


# --- no text table for people outside text/ -----------------------------------------------------


def _is_language(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value in text.LANGUAGES


def text_tables_in(source: str) -> list[str]:
    """Where a module keeps text for people itself: a module-level table named *WORDS* or keyed
    by language (`{"id": ..., "en": ...}`, at any depth of its value), or an inline
    `"..." if lang == "id" else "..."`."""
    found = []
    tree = ast.parse(source)
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        if not targets or node.value is None:
            continue
        name = targets[0]
        if "WORDS" in name.upper():
            found.append(f"{name} (line {node.lineno})")
            continue
        for inner in ast.walk(node.value):
            if isinstance(inner, ast.Dict) and sum(map(_is_language, inner.keys)) >= 2:
                found.append(f"{name} (line {node.lineno}): a table keyed by language")
                break
    for node in ast.walk(tree):
        if isinstance(node, ast.IfExp) and isinstance(node.test, ast.Compare):
            compared = [node.test.left, *node.test.comparators]
            texts = [node.body, node.orelse]
            if any(map(_is_language, compared)) and all(
                isinstance(x, (ast.Constant, ast.JoinedStr)) and not _is_language(x) for x in texts
            ):
                found.append(f"line {node.lineno}: text chosen by `if lang == ...`")
    return found


def test_the_scan_finds_a_text_table():
    assert text_tables_in('WORDS = {"id": {"a": "b"}}')
    assert text_tables_in('HINTS = {"x": {"id": "satu", "en": "one"}}')
    assert text_tables_in('def f(lang):\n    return "satu" if lang == "id" else "one"\n')
    assert not text_tables_in('LANGS = ("id", "en")\nSIZES = {"id": 1}\n')


# The content model writes each field's meaning and example beside the field, in both languages
# (`Field.title(lang)`): the schema, the guide, the spreadsheet columns and the messages are made
# from it, so that text has one place already.
MODEL = "model/__init__.py"


@pytest.mark.parametrize(
    "path",
    sorted(
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if TEXT_DIR not in p.parents and p.relative_to(SRC).as_posix() != MODEL
    ),
)
def test_no_text_for_people_is_kept_outside_text(path):
    found = text_tables_in((SRC / path).read_text(encoding="utf-8"))
    assert not found, f"{path}: move this text into src/ruangaman/text/: {found}"


def test_the_tables_are_yaml_files_one_per_language_per_domain():
    files = sorted(p.relative_to(TEXT_DIR).as_posix() for p in TEXT_DIR.rglob("*.yml"))
    assert files == sorted(f"{d}/{lang}.yml" for d in text.DOMAINS for lang in text.LANGUAGES)
    assert not [p for p in TEXT_DIR.rglob("*.py") if p.name != "__init__.py"]


def test_t_refuses_a_missing_entry_and_a_missing_parameter():
    with pytest.raises(KeyError):
        t("commands", "no.such.entry", "id")
    with pytest.raises(KeyError):
        t("commands", "build.no_config", "en")  # {root} not given


def test_the_conversion_tool_carries_an_appended_message_over(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("text_tables", ROOT / "tools" / "text_tables.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for lang in text.LANGUAGES:
        (tmp_path / "problems").mkdir(exist_ok=True)
        source = TEXT_DIR / "problems" / f"{lang}.yml"
        (tmp_path / "problems" / f"{lang}.yml").write_text(source.read_text("utf-8"), "utf-8")
    monkeypatch.setattr(tool, "TEXT", tmp_path)
    old = tmp_path / "problems.py"
    old.write_text(
        "MESSAGES: dict = {\n"
        '    "file_not_utf8": {"id": ("x", "y"), "en": ("x", "y")},\n'
        '    "hotline_pinned_inactive": {\n'
        '        "id": ("Hotline `{value}` disematkan.", "{suggestion_id}Hapus."),\n'
        '        "en": ("Hotline `{value}` is pinned.", "{suggestion_en}Remove it."),\n'
        "    },\n"
        "}\n",
        encoding="utf-8",
    )
    assert tool.append(old) == ["hotline_pinned_inactive"]
    import yaml

    table_en = yaml.safe_load((tmp_path / "problems" / "en.yml").read_text("utf-8"))
    assert table_en["hotline_pinned_inactive"] == {
        "what": "Hotline `{value}` is pinned.",
        "fix": "{suggestion}Remove it.",
    }
    assert table_en["file_not_utf8"]["what"].startswith("This file is not saved as UTF-8")


def test_the_packaged_interface_languages_are_the_models():
    """`model.LANGUAGES` (what a site has when it names none) is exactly the languages the
    package has an interface table for, Indonesian first."""
    from ruangaman import model
    from ruangaman.text import packaged_languages

    assert packaged_languages() == model.LANGUAGES
