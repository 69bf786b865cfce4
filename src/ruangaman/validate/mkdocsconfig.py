"""mkdocs.yml is code: a pull request may change it, so `check` allows only what the project sets.

MkDocs runs `hooks:` as Python, loads any plugin or Markdown extension it names
(`pymdownx.snippets` includes any file, such as /proc/self/environ), reads `docs_dir` and
`theme.custom_dir` from anywhere, adds `extra_javascript`/`extra_css` from any origin, and
`!ENV` puts an environment variable (a publishing password) into the site. So every key and
value of mkdocs.yml is checked against the small policy below, the project's own settings, with
a located message naming the key. The rendered Markdown is therefore always rendered with the
project's own extensions (`pagehtml.EXTENSIONS`).

`ruangaman check`, `build` and `publish` check before MkDocs reads the file; the plugin checks
the file MkDocs was started with again (plain `mkdocs build`: MkDocs imports hooks and
extensions while it reads its configuration, before any plugin runs, so use `ruangaman build`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ruangaman.load.yamlfile import field_name, load_yaml_file
from ruangaman.problems import Problem
from ruangaman.validate.pagehtml import EXTENSION_CONFIGS, EXTENSIONS

REL = "mkdocs.yml"
Spec = Any  # a dict (mapping of keys to specs), a Rule, or a list spec `[item_spec]`


class Rule:
    """One allowed value: `test(value)` is True for it; `shown` says what is allowed."""

    def __init__(self, test: Callable[[Any], bool], shown: str) -> None:
        self.test = test
        self.shown = shown


def one_of(*values: Any) -> Rule:
    return Rule(
        lambda v: any(type(v) is type(x) and v == x for x in values),
        ", ".join(_show(v) for v in values),
    )


def text(pattern: str = r".{1,200}") -> Rule:
    compiled = re.compile(pattern + r"\Z", re.S)
    return Rule(lambda v: isinstance(v, str) and bool(compiled.match(v)), "text")


def exactly(value: Any) -> Rule:
    return Rule(lambda v: v == value and _same_types(v, value), _show(value))


def _same_types(a: Any, b: Any) -> bool:
    if isinstance(b, dict):
        return isinstance(a, dict) and all(_same_types(a[k], b[k]) for k in b)
    if isinstance(b, list):
        return isinstance(a, list) and all(_same_types(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return str(value)
    return str(value)


BOOL = one_of(True, False)
COLOR = text(r"[a-z]+(?: [a-z]+)?")
MARKDOWN_EXTENSIONS = [
    {name: EXTENSION_CONFIGS[name]} if name in EXTENSION_CONFIGS else name for name in EXTENSIONS
]
I18N = {
    "docs_structure": one_of("suffix"),
    "fallback_to_default": one_of(True),
    "reconfigure_material": one_of(True),
    "reconfigure_search": one_of(False),
    "languages": [
        {
            "locale": text(r"[a-z]{2,3}"),
            "name": text(r"[^<>&\"'`]{1,40}"),
            "default": BOOL,
            "build": BOOL,
        }
    ],
}
RUANGAMAN = {"messages": one_of("id", "en"), "strict": BOOL}
POLICY: dict[str, Spec] = {
    "site_name": text(r"[^<>&\"'`\n]{1,100}"),
    "docs_dir": one_of("docs"),
    "site_dir": one_of("site"),
    "use_directory_urls": one_of(True),
    "strict": BOOL,
    "theme": {
        "name": one_of("material"),
        "custom_dir": one_of("overrides"),
        "language": one_of("id", "en"),
        "font": one_of(False),
        "features": exactly([]),
        "palette": {
            "scheme": one_of("default", "slate"),
            "primary": COLOR,
            "accent": COLOR,
        },
        "icon": {"logo": text(r"material/[a-z0-9-]{1,60}")},
    },
    "markdown_extensions": exactly(MARKDOWN_EXTENSIONS),
    "plugins": "plugins",  # checked by _check_plugins
    "extra_css": exactly(["assets/ruangaman.css"]),
    "extra_javascript": exactly(
        [
            {"path": "assets/ruangaman.js", "defer": True},
            {"path": "assets/ruangaman-directory.js", "defer": True},
        ]
    ),
    "extra": {"generator": one_of(False)},
    "not_in_nav": text(r"[A-Za-z0-9_*/.\-\n ]{0,2000}"),
}


def check_mkdocs_file(path: Path, rel: str = REL) -> list[Problem]:
    """Every setting of the mkdocs.yml at `path` outside the policy (nothing if there is no
    file: MkDocs then refuses to build by itself)."""
    if path.is_symlink():  # it could point at a secret, which a message would then quote
        return [Problem("file_symlink", rel)]
    if not path.is_file():
        return []
    loaded, problems = load_yaml_file(path, rel)
    if loaded is None or problems:
        return problems
    found: list[Problem] = []

    def problem(code: str, where: tuple, **params: Any) -> None:
        found.append(
            Problem(code, rel, line=loaded.line(where), field=field_name(where), params=params)
        )

    def check(value: Any, spec: Spec, where: tuple) -> None:
        if spec == "plugins":
            _check_plugins(value, where, check, problem)
        elif isinstance(spec, dict):
            if not isinstance(value, dict):
                problem("mkdocs_value", where, value=_short(value), allowed=", ".join(spec))
                return
            for key, item in value.items():
                if key not in spec:
                    problem("mkdocs_setting", (*where, key), allowed=", ".join(spec))
                else:
                    check(item, spec[key], (*where, key))
        elif isinstance(spec, list):
            if not isinstance(value, list):
                problem("mkdocs_value", where, value=_short(value), allowed="[...]")
                return
            for i, item in enumerate(value):
                check(item, spec[0], (*where, i))
        elif not spec.test(value):
            problem("mkdocs_value", where, value=_short(value), allowed=spec.shown)

    check(loaded.data, POLICY, ())
    return found


def _check_plugins(value: Any, where: tuple, check: Callable, problem: Callable) -> None:
    """`ruangaman` first (its options written or not), then `i18n` with the project's options."""
    allowed = "ruangaman, i18n"
    if not isinstance(value, list) or len(value) != 2:
        problem("mkdocs_value", where, value=_short(value), allowed=f"[{allowed}]")
        return
    first, second = value
    if isinstance(first, dict) and list(first) == ["ruangaman"]:
        check(first["ruangaman"] or {}, RUANGAMAN, (*where, 0, "ruangaman"))
    elif first != "ruangaman":
        problem("mkdocs_value", (*where, 0), value=_short(first), allowed="ruangaman")
    if isinstance(second, dict) and list(second) == ["i18n"]:
        check(second["i18n"], I18N, (*where, 1, "i18n"))
    else:
        problem("mkdocs_value", (*where, 1), value=_short(second), allowed="i18n")


def _short(value: Any) -> str:
    shown = _show(value).replace("\n", " ")
    return shown if len(shown) <= 80 else shown[:79] + "…"


# --- the site's languages: one source ------------------------------------------------------------
# content/site.yml `languages` says which languages the site has (the first is the main one, at
# the site root); mkdocs-static-i18n builds the languages of its own `languages:` in mkdocs.yml.
# They are not derived one from the other: the plugin validates its configuration while MkDocs
# reads mkdocs.yml, before any plugin runs, and a plain `mkdocs build` must do what the file says.
# So the build checks they agree and stops, located and with the fix, when they do not.
SITE_YML = "content/site.yml"


def i18n_languages(mkdocs: Any) -> tuple[list[str], str | None] | None:
    """(the locales the i18n plugin builds, in its order; its default language) from the data of
    mkdocs.yml, or None when it has no i18n plugin (the policy refuses that by itself)."""
    plugins = mkdocs.get("plugins") if isinstance(mkdocs, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            listed = plugin["i18n"].get("languages")
            entries = [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
            built = [e.get("locale") for e in entries if e.get("build", True) is True]
            default = next((e.get("locale") for e in entries if e.get("default") is True), None)
            return [str(b) for b in built], None if default is None else str(default)
    return None


def languages_problem(
    built: Sequence[str], default: str | None, languages: Sequence[str], line: int | None
) -> Problem | None:
    """The problem when the i18n plugin does not build exactly the site's languages with the
    first one as its default (`line`: of `languages` in content/site.yml), else None."""
    if sorted(built) == sorted(languages) and default == languages[0]:
        return None
    suggested = [default] if default in built else []
    suggested += [lang for lang in built if lang != default]
    return Problem(
        "site_languages_i18n",
        SITE_YML,
        line=line,
        field="languages",
        params={
            "languages": ", ".join(languages),
            "main": languages[0],
            "built": ", ".join(built) or "-",
            "default": default or "-",
            "suggested": ", ".join(suggested),
        },
    )


def check_languages(path: Path, languages: Sequence[str], line: int | None) -> list[Problem]:
    """The mkdocs.yml at `path` against the site's languages (nothing when the file has no i18n
    plugin or cannot be read: `check_mkdocs_file` reports that)."""
    if path.is_symlink() or not path.is_file():
        return []
    loaded, problems = load_yaml_file(path, REL)
    found = None if loaded is None or problems else i18n_languages(loaded.data)
    if found is None:
        return []
    problem = languages_problem(*found, languages, line)
    return [] if problem is None else [problem]
