"""Every place the build works around what MkDocs, Material or mkdocs-static-i18n do.

Each is for a frozen upstream (versions pinned in pyproject.toml) and names what it works
around, so that it can go when upstream changes; the plugin's hooks only call these.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import sys
import types
from pathlib import Path

from ruangaman.paths import SiteUrls

# --- Material: autocomplete on its checkbox toggles -------------------------------------------

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)


def valid_toggles(html: str) -> str:
    """Material's base.html (not a block) puts autocomplete="off" on its checkbox toggles, where
    HTML does not allow it: drop the attribute so every page passes the Nu HTML Checker."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)


# --- MkDocs: every static file of the theme is published -------------------------------------

# What MkDocs copies from Material that no page loads: overrides/main.html drops Material's
# scripts (blocks `config` and `scripts`), so its bundle, lunr and its languages, and the search
# worker go; a source map is read only by a browser's developer tools. What stays of the theme
# is what the pages link to: the favicon (its stylesheets are read by finish/stylesheet.py, which
# writes the site's own and takes them out).
UNUSED_THEME_FILES = ("assets/javascripts/*", "*.map")


def without_unused_theme_files(files, config):  # noqa: ANN001, ANN201 - MkDocs' Files, config
    """MkDocs adds every static file of the theme to the build (`Files.add_files_from_theme`,
    called before `on_files`) and copies each into the site: Material's JavaScript, lunr with
    every language and the source maps, 2.3 MB that no page loads. They are taken out of the
    build's files here, so neither `build` nor `serve` writes them; a file of docs/ or of the
    overrides folder is never taken out. tests/test_published_files.py lists every published
    file no page or entry point references."""
    own = config.theme.custom_dir
    theme = {os.path.normpath(d) for d in config.theme.dirs if d != own}
    for file in list(files):
        if file.src_dir is None or os.path.normpath(file.src_dir) not in theme:
            continue
        if any(fnmatch.fnmatchcase(file.src_uri, pattern) for pattern in UNUSED_THEME_FILES):
            files.remove(file)
    return files


# --- Material: the parts of its page that only its JavaScript uses ----------------------------

_SCRIPT_ONLY_PARTS = re.compile(
    r'<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"[^>]*>\s*'
    r'|<div class="md-dialog" data-md-component="dialog">\s*'
    r'<div class="md-dialog__inner md-typeset"></div>\s*</div>\s*'
)


def without_script_only_parts(html: str) -> str:
    """Material's base.html (not a block) writes its search's checkbox and an empty dialog box
    into every page, for its JavaScript, which the site does not ship (its search is
    Pagefind's): no label or script uses them. Without them the site's stylesheet leaves out
    their rules too (issue 16: the first view in 14 KB)."""
    return _SCRIPT_ONLY_PARTS.sub("", html)


# --- mkdocs-static-i18n: the other languages' builds and the dirty flag -----------------------


def i18n_builds_dirty(config) -> bool:  # noqa: ANN001
    """Make mkdocs-static-i18n build its other languages dirty, as MkDocs builds the first.

    mkdocs-static-i18n 1.3.1 builds every other language from its `on_post_build`, and builds
    it dirty only when it finds "--dirty" in `sys.argv` (mkdocs_static_i18n/plugin.py:265): a
    preview started by `ruangaman serve` (MkDocs' `serve(build_type="dirty")`) would build
    every English page again after each edit. Instead of writing into `sys.argv`, this build's
    event list gets a copy of that one hook whose module-level `sys` is a view holding the
    argument: the upstream code runs unchanged, nothing of the process is written, and the
    next build (a new config, a new event list) is as MkDocs made it. Returns False when the
    hook is not the one this was written for (upstream changed: every language still builds,
    not dirty; tests/test_serve_is_a_fresh_build.py notices)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return False
    original = getattr(type(i18n), "on_post_build", None)
    events = config.plugins.events.get("post_build", [])
    for i, method in enumerate(events):
        if getattr(method, "__self__", None) is not i18n or method.__func__ is not original:
            continue
        if "sys" not in original.__code__.co_names:
            return False
        view = types.SimpleNamespace(argv=[*sys.argv, "--dirty"])
        copy = types.FunctionType(
            original.__code__,
            {**original.__globals__, "sys": view},
            original.__name__,
            original.__defaults__,
            original.__closure__,
        )
        copy.__kwdefaults__ = original.__kwdefaults__
        copy.__dict__.update(original.__dict__)  # its event priority
        bound = types.MethodType(copy, i18n)
        events[i] = bound
        origins = getattr(config.plugins, "_event_origins", None)
        if isinstance(origins, dict):
            origins[bound] = origins.get(method, "i18n")
        return True
    return False


def quiet_dirty_warning() -> None:
    """MkDocs warns about every dirty build ("A 'dirty' build is being performed ..."): that
    is for MkDocs users, not for editors, whose preview builds dirty by design. The filter is
    added once to MkDocs' logger."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def i18n_nested(config) -> bool:  # noqa: ANN001
    """True while mkdocs-static-i18n re-runs the build for another language (it runs the
    whole build, every plugin hook included, once per language)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def current_language(config) -> str:  # noqa: ANN001
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme.get("language") or "id"


# --- MkDocs' dirty build: which pages it reads again -----------------------------------------


def touch_nav(folder: Path, nav: list, languages: list[str]) -> None:
    """Make a dirty build read the pages of the navigation again: MkDocs' dirty build reads
    only the pages whose source is newer than their output, and the navigation of every page
    it writes shows the titles of the pages in it (a page it did not read has none)."""
    for name in _nav_files(nav):
        for lang in languages:
            path = folder / f"{name.removesuffix('.md')}.{lang}.md"
            if path.is_file():
                os.utime(path)


def _nav_files(nav: list | dict | str) -> list[str]:
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    items = nav.values() if isinstance(nav, dict) else nav
    return [name for item in items for name in _nav_files(item)]


def touch_all(folder: Path) -> None:
    """Make a dirty build (`ruangaman serve`) rebuild every page, not only the changed ones:
    MkDocs knows only files, not that every page shows the navigation and the hotline strip."""
    for path in folder.rglob("*.md"):
        os.utime(path)


# --- mkdocs-static-i18n: one 404 page per language -----------------------------------------


class NotFoundPages:
    """mkdocs-static-i18n builds the 404 page once per language, each time to the same file
    (site/404.html): the last language built wins. Each language's is kept here as the theme
    renders it, and written to its own folder once every language is built.

    MkDocs renders 404.html with links from the path of its `site_url` (mkdocs#77, #1598),
    which the project leaves unset (the site's address is `url:` in content/site.yml, and pages
    link relatively): every link and asset of a 404 page began at the domain's root, broken
    under a sub-path (a GitHub project site). `context` makes them begin at
    `SiteUrls.root_path` (the `url` filter joins `base_url`), and points the language links
    (Material's `<link rel="alternate">` and language menu read `config.extra.alternate`, which
    mkdocs-static-i18n leaves as the last page built had them) at each language's home until
    `keep` gives them back. overrides/404.html reads `ra_not_found`."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.alternate: list | None = None  # config.extra.alternate while a 404 page renders

    def context(self, context: dict, config, urls: SiteUrls, lang: str) -> dict:  # noqa: ANN001
        context["base_url"] = urls.root_path
        context["ra_not_found"] = {
            "home": urls.root_link(lang),
            "directory": urls.root_link(lang, "layanan/index"),
            "hotlines": urls.root_link(lang, "hotline"),
        }
        # mkdocs-static-i18n writes them as an attribute of `extra` (`extra.alternate = …`),
        # beside the item MkDocs loaded; Jinja reads the attribute first.
        extra = config.extra
        self.alternate = [vars(extra).get("alternate"), extra.get("alternate")]
        shown = getattr(extra, "alternate", None) or extra.get("alternate") or []
        homes = [
            {**alt, "link": urls.root_link(alt["lang"])}
            for alt in shown
            if alt.get("lang") in urls.languages
        ]
        extra.alternate = homes
        extra["alternate"] = homes
        return context

    def keep(self, lang: str, html: str, config=None) -> None:  # noqa: ANN001
        self.pages[lang] = html
        if config is not None and self.alternate is not None:
            attribute, item = self.alternate
            if attribute is None:
                del config.extra.alternate
            else:
                config.extra.alternate = attribute
            config.extra["alternate"] = item
            self.alternate = None

    def write(self, site: Path, urls: SiteUrls) -> None:
        """Each language's 404 page in its own folder (the main language's at the site root)."""
        for lang, html in self.pages.items():
            target = Path(urls.folder(site, lang)) / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")


# --- mkdocs-static-i18n: a home page's language links from the domain's root ------------------


def relative_language_links(config, urls: SiteUrls) -> None:  # noqa: ANN001
    """On a language's home page mkdocs-static-i18n 1.3.1 keeps its configured language links
    (mkdocs_static_i18n/reconfigure.py:426-431), made from the path of `site_url`, which the
    project leaves unset: `/` and `/en/`, from the domain's root, broken under a sub-path (a
    GitHub project site). Each one becomes its language's home from the site's root (`en/`),
    which the theme's `url` filter turns into a link relative to the page, as on every other
    page. Called for every page, after mkdocs-static-i18n has set this page's links."""
    extra = config.extra
    both = (vars(extra).get("alternate"), extra.get("alternate"))
    for links in {id(x): x for x in both}.values():
        for alt in links or ():
            if str(alt.get("link", "")).startswith("/") and alt.get("lang") in urls.languages:
                alt["link"] = urls.site_path(alt["lang"], "index")


# --- Material: a warning about MkDocs 2.0 for MkDocs users ------------------------------------


def no_mkdocs_2_warning() -> None:
    """Material 9.7 prints a notice about MkDocs 2.0 when its templates are first imported,
    unless NO_MKDOCS_2_WARNING is set (material/templates/__init__.py:38): it is for MkDocs
    users, so it is set (when unset) before MkDocs loads the theme."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def quiet_mkdocs() -> None:
    """Keep MkDocs' and the plugins' chatter out of an editor's terminal during a build: the
    MkDocs 2.0 notice and the INFO lines go; warnings and errors stay, on stderr."""
    no_mkdocs_2_warning()
    for name in ("mkdocs", "mkdocs.plugins", "mkdocs_static_i18n"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not logging.getLogger("mkdocs").handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logging.getLogger("mkdocs").addHandler(handler)


# --- mkdocs-static-i18n and Material: languages with a three-letter code ------------------------


I18N_LOCALE = r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)"  # the plugin's own


def three_letter_languages() -> None:
    """mkdocs-static-i18n refuses a locale that is not ISO 639-1 (`config.RE_LOCALE`: two
    letters), but most of Indonesia's languages have only a three-letter ISO 639-3 code (`bjn`
    Banjar, `ijn` Ngaju). Its check is widened to accept those too, before MkDocs validates the
    plugin's configuration (our plugin is created first: it must come first in mkdocs.yml);
    everything else it does with a locale (suffix file names, alternates) takes any string.
    Idempotent; a later release of the plugin with another pattern is left alone."""
    import re

    from mkdocs_static_i18n import config as i18n_config

    if i18n_config.RE_LOCALE.pattern == I18N_LOCALE:
        i18n_config.RE_LOCALE = re.compile(I18N_LOCALE + r"|(^[a-z]{3}$)")


def material_language_fallback(env, languages: list[str], main: str):  # noqa: ANN001, ANN201
    """Material imports `partials/languages/<theme.language>.html` for its few own words (the
    i18n plugin sets theme.language to each locale) and fails on a language it has no file for.
    For such a language the main language's file stands in: every word readers see comes from
    our interface text (`text.Interface`) and falls back to the main language too."""
    from jinja2 import ChoiceLoader, DictLoader

    missing = {}
    for lang in languages:
        name = f"partials/languages/{lang}.html"
        try:
            env.loader.get_source(env, name)
        except Exception:  # noqa: BLE001 - jinja2.TemplateNotFound, by whatever loader
            source = env.loader.get_source(env, f"partials/languages/{main}.html")[0]
            # the page's own language in <html lang>, the main language's words otherwise
            missing[name] = source.replace(f'"language": "{main}"', f'"language": "{lang}"', 1)
    if missing:
        env.loader = ChoiceLoader([env.loader, DictLoader(missing)])
    return env
