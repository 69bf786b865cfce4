"""The only MkDocs-aware module: at the start of every build, validate, render and stage the pages.

Listed first under `plugins:` in mkdocs.yml, so plain `mkdocs build` and `mkdocs serve` work:
on_config validates content (stopping the build with the editor-facing report on errors),
renders the data pages, stages them with docs/ into `.staging/docs`, and points MkDocs there.
It also builds the navigation from the pages (service pages stay out of it: a page in the nav
is rendered into every page), names the site in each language from content/site.yml, gives the
theme what every page shows (`config.extra["ruangaman"]`: pinned hotlines, the Quick exit
address, interface text) and, once every language is built, writes the Pagefind search index.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ruangaman.content import GUIDES_DIR, Content
from ruangaman.hostfiles import write_host_files
from ruangaman.locales import strings
from ruangaman.outputs import build_outputs
from ruangaman.problems import format_problem
from ruangaman.render import render_pages
from ruangaman.search import SearchIndexError, index_site
from ruangaman.staging import STAGING, stage
from ruangaman.theme_data import theme_data
from ruangaman.validate import check_project

log = logging.getLogger("mkdocs.plugins.ruangaman")


class RuangAmanConfig(Config):
    messages = config_options.Choice(("id", "en"), default="id")
    strict = config_options.Type(bool, default=False)


def build_nav(content: Content) -> list:
    """Home, the guides (by Indonesian title), the directory, the hotlines, the other pages."""
    main = content.languages[0]
    pages = {p.name: p for p in content.pages if p.lang == main}
    guides = sorted(
        (p for p in pages.values() if p.is_guide), key=lambda p: p.meta.get("title", p.name)
    )
    nav: list = []
    if "index" in pages:
        nav.append("index.md")
    section = [f"{GUIDES_DIR}/index.md"] if f"{GUIDES_DIR}/index" in pages else []
    section += [f"{p.name}.md" for p in guides]
    if section:
        nav.append({strings(main)["nav_guides"]: section})
    nav += ["layanan/index.md", "hotline.md"]
    taken = {"index", f"{GUIDES_DIR}/index"}
    nav += [
        f"{name}.md"
        for name in sorted(pages)
        if name not in taken and not pages[name].is_guide and "/" not in name
    ]
    return nav


_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)


def valid_toggles(html: str) -> str:
    """Material's base.html (not a block) puts autocomplete="off" on its checkbox toggles, where
    HTML does not allow it: drop the attribute so every page passes the Nu HTML Checker."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)


def _i18n_nested(config) -> bool:  # noqa: ANN001
    """True while mkdocs-static-i18n re-runs the build for another language."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def _current_language(config) -> str:  # noqa: ANN001
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme.get("language") or "id"


class RuangAmanPlugin(BasePlugin[RuangAmanConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._staged: tuple[str, list] | None = None
        self._not_found: dict[str, str] = {}

    @event_priority(100)  # before mkdocs-static-i18n reads docs_dir and the languages
    def on_config(self, config):  # noqa: ANN001, ANN201 - MkDocs' own signature
        if _i18n_nested(config) and self._staged:
            # The other languages' builds reuse what the first one validated and staged.
            config.docs_dir, nav, extra = self._staged
            config.nav = config.nav or nav
            config.extra["ruangaman"] = extra
            return config
        self._not_found = {}
        root = Path(config.config_file_path).parent
        content, region, report = check_project(root)
        lang = os.environ.get("RUANGAMAN_LANG", self.config.messages)
        if report.failed(self.config.strict) or region is None:
            raise PluginError("\n" + report.format(lang))
        for problem in report.warnings:
            log.warning(format_problem(problem, lang))
        staged = root / STAGING
        planned = {**render_pages(content, region), **build_outputs(content, region)}
        changed = stage(content, planned, staged)
        log.debug("ruangaman: staged %d changed file(s) in %s", len(changed), staged)
        config.docs_dir = str(staged)
        config.watch = list(config.watch or []) + [str(root / "content"), str(root / "docs")]
        if not config.nav:
            config.nav = build_nav(content)
        self._name_site(config, content)
        config.extra["ruangaman"] = theme_data(content)
        self._staged = (config.docs_dir, config.nav, config.extra["ruangaman"])
        return config

    def on_post_template(self, output_content, template_name, config):  # noqa: ANN001, ANN201
        """Keep each language's 404 page: mkdocs-static-i18n writes them all to one file."""
        if template_name == "404.html":
            output_content = valid_toggles(output_content)
            self._not_found[_current_language(config)] = output_content
        return output_content

    def on_post_page(self, output, page, config):  # noqa: ANN001, ANN201
        return valid_toggles(output)

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config) -> None:  # noqa: ANN001
        if _i18n_nested(config):
            return
        self._write_not_found(config)
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as err:
            raise PluginError(f"Pagefind (search index): {err}") from err
        # Last: the Content Security Policy hashes the inline code of the finished pages and
        # allows WebAssembly only when the search index ships it.
        write_host_files(Path(config.site_dir))

    def _write_not_found(self, config) -> None:  # noqa: ANN001
        if not self._not_found:
            return
        i18n = config.plugins.get("i18n")
        default = getattr(i18n, "default_language", None) or "id"
        site = Path(config.site_dir)
        for lang, html in self._not_found.items():
            target = site / "404.html" if lang == default else site / lang / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")

    def _name_site(self, config, content: Content) -> None:  # noqa: ANN001
        """Site name and the guides section title per language, passed to mkdocs-static-i18n."""
        names = content.site.get("name", {})
        main = content.languages[0]
        config.site_name = names.get(main, config.site_name)
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return
        section = strings(main)["nav_guides"]
        for language in i18n.config.languages:
            if not language.site_name:
                language.site_name = names.get(language.locale) or names.get(main)
            if language.locale != main:
                translations = dict(language.nav_translations or {})
                translations.setdefault(section, strings(language.locale)["nav_guides"])
                language.nav_translations = translations
