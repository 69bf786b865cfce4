"""The only MkDocs-aware module: at the start of every build, validate, render and stage the pages.

Listed first under `plugins:` in mkdocs.yml, so plain `mkdocs build` and `mkdocs serve` work:
on_config validates content (stopping the build with the editor-facing report on errors),
renders the data pages, stages them with docs/ into `.staging/docs`, and points MkDocs there.
It also builds the navigation from the pages (service pages stay out of it: a page in the nav
is rendered into every page), names the site in each language from content/site.yml, gives the
theme what every page shows (`config.extra["ruangaman"]`: pinned hotlines, the Quick exit
address, interface text) and, once every language is built, writes the service pages and
posters from their frames (see `frames`), the sitemap, the Pagefind search index and the host
files.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import time
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from ruangaman.build.frames import CONTENT_MARK, FrameError, Plan, plan_frames, write_framed
from ruangaman.build.staging import STAGING, stage
from ruangaman.build.theme_data import theme_data
from ruangaman.build.workdirs import unsafe_work_folders
from ruangaman.finish.hostfiles import injected_code, write_host_files
from ruangaman.finish.search import SearchIndexError, index_site, start_indexing, stop_indexing
from ruangaman.finish.sitemap import write_sitemap
from ruangaman.load.discover import GUIDES_DIR, Content, reuse_unchanged_files
from ruangaman.paths import SiteUrls
from ruangaman.problems import Problem, Report, format_problem
from ruangaman.render import RenderedPage, render_pages
from ruangaman.render.assets import build_outputs, write_outputs
from ruangaman.session import BuildSession
from ruangaman.text import strings
from ruangaman.validate import check_project
from ruangaman.validate.mkdocsconfig import check_mkdocs_file, languages_problem
from ruangaman.validate.pagehtml import MAX_HTML_DEPTH, RENDER_SECONDS, examine_html

log = logging.getLogger("mkdocs.plugins.ruangaman")


# `ruangaman build` validates before it starts MkDocs; it leaves the result here (by project
# root) so the build does not validate everything a second time.
PRECHECKED: dict[Path, tuple] = {}


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
        self._staged: tuple[str, list, dict] | None = None
        self._not_found: dict[str, str] = {}
        self._rendered: set[str] = set()  # the staged data pages (stubs) and frames
        self._command = "build"
        self._indexing: subprocess.Popen | None = None
        self._dirty = False
        self._frames: Plan | None = None  # the data pages: staged, or written from frames
        self.session = BuildSession.one_shot()
        self._outputs: dict[str, bytes] = {}  # files that are not pages, written after the build
        self._urls = SiteUrls(("id",))  # the site's URL policy, set from content in on_config
        self._started = 0.0  # when this build began writing pages (checked after it)

    def on_shutdown(self) -> None:
        stop_indexing(self._indexing)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command
        self._dirty = dirty
        if command == "serve":
            reuse_unchanged_files()
            self.session = BuildSession.preview()

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
        lang = os.environ.get("RUANGAMAN_LANG", self.config.messages)
        refused = check_mkdocs_file(Path(config.config_file_path))
        if refused:  # the file MkDocs was started with, which `check` may not have seen
            raise PluginError("\n" + "\n".join(format_problem(p, lang) for p in refused))
        # Before anything is staged or MkDocs empties the site folder (right after this hook).
        unsafe = unsafe_work_folders(root, Path(config.site_dir))
        if unsafe:
            raise PluginError("\n" + "\n".join(format_problem(p, lang) for p in unsafe))
        checked = PRECHECKED.pop(root.resolve(), None)
        content, site, report = checked or check_project(root)
        if report.failed(self.config.strict) or site is None:
            raise PluginError("\n" + report.format(lang))
        _check_languages(config, content, lang)
        for problem in report.warnings:
            log.warning(format_problem(problem, lang))
        staged = root / STAGING
        processes = 2 if _can_fork(self._command, len(content.services)) else 1
        pages = render_pages(site, processes, self.session)
        self._urls = site.urls
        slugs = {service.slug for service in content.services}
        frames = os.environ.get("RUANGAMAN_NO_FRAMES") != "1"
        self._frames = plan_frames(pages, slugs, content.languages, use_frames=frames)
        rendered = {**self._frames.staged}
        rendered.update((rel, frame.text) for rel, frame in self._frames.frames.items())
        self._rendered = set(rendered)
        self._outputs = build_outputs(site)
        changed = stage(content, rendered, staged)
        log.debug("ruangaman: staged %d changed file(s) in %s", len(changed), staged)
        config.docs_dir = str(staged)
        config.watch = list(config.watch or []) + [str(root / "content"), str(root / "docs")]
        if not config.nav:
            config.nav = build_nav(content)
        self._name_site(config, content)
        config.extra["ruangaman"] = theme_data(site)
        if self._dirty:
            # Every page shows the navigation and the hotline strip: when either changed, every
            # page is built again. Otherwise the pages in the navigation are read again anyway,
            # so that it shows their titles (a dirty build knows only the pages it reads).
            shown_before = self._staged[2] if self._staged else None
            if any(rel not in self._rendered for rel in changed) or (
                shown_before is not None and shown_before != config.extra["ruangaman"]
            ):
                _touch_all(staged)
            else:
                _touch_nav(staged, config.nav, content.languages)
        self._staged = (config.docs_dir, config.nav, config.extra["ruangaman"])
        return config

    def on_pre_build(self, config) -> None:  # noqa: ANN001
        if not _i18n_nested(config):
            self._started = time.time()

    def on_page_content(self, html, page, config, files):  # noqa: ANN001, ANN201
        # Every page is read before the first is written: its title, shown in the navigation
        # of every page, is escaped here, once for all of them.
        escape_page_title(page)
        uri = page.file.src_uri
        plan = self._frames
        made: RenderedPage | None = plan.pages.get(uri) if plan else None
        if made is not None:  # a data page: its stub's (empty) Markdown gives way to its HTML
            page.toc = get_toc(_toc_tokens(made.toc))
            return made.html
        frame = plan.frames.get(uri) if plan else None
        if frame is not None:  # the content goes in when the framed pages are written
            page.toc = get_toc(_toc_tokens(frame.toc))
            return CONTENT_MARK
        return self._allowed_html(html, uri)

    def _allowed_html(self, html: str, src_uri: str) -> str:
        """A page written in docs/ (or staged from one for the other language) is published as
        nh3 gives it, and only when the allow-list changes nothing: `check` refuses the same."""
        findings, clean = examine_html(html)
        if clean is None:
            lang = os.environ.get("RUANGAMAN_LANG", self.config.messages)
            shown = "\n".join(
                format_problem(Problem(f.code, f"docs/{src_uri}", params=_params(f)), lang)
                for f in findings
            )
            raise PluginError("\n" + shown)
        return clean

    @event_priority(-150)  # after mkdocs-static-i18n has set this language's site name
    def on_env(self, env, config, files):  # noqa: ANN001, ANN201
        config.site_name = as_html(config.site_name)
        return env

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has translated section titles
    def on_nav(self, nav, config, files):  # noqa: ANN001, ANN201
        escape_nav_titles(nav.items)
        return nav

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
        write_outputs(Path(config.site_dir), self._outputs)
        if self._frames is not None:  # None only if on_config stopped the build
            try:
                write_framed(Path(config.site_dir), self._frames, self._urls)
            except FrameError as err:
                raise PluginError(f"ruangaman: {err}") from err
        self._write_not_found(config)
        self._refuse_injected_code(config)
        write_sitemap(Path(config.site_dir), self._urls)
        if self._command == "serve":
            # The preview does not wait for the search index: on a large site indexing every
            # page again takes longer than the rebuild. Search follows a few seconds later.
            stop_indexing(self._indexing)
            self._indexing = start_indexing(Path(config.site_dir), self._urls)
            return
        try:
            index_site(Path(config.site_dir), self._urls)
        except SearchIndexError as err:
            raise PluginError(f"Pagefind (search index): {err}") from err
        write_host_files(Path(config.site_dir))

    def _refuse_injected_code(self, config) -> None:  # noqa: ANN001
        """Stop the build if a written page holds inline code the project did not write.

        The Content Security Policy allows none, so a browser would not run it; but it got into
        a page through content, and the page is not published: it is removed, and the editor is
        told which page and what. A preview (`serve`) reads only the pages this rebuild wrote.
        """
        site = Path(config.site_dir)
        since = self._started - 2 if self._command == "serve" and self._started else None
        found = injected_code(site, since)
        if not found:
            return
        pages = list(dict.fromkeys(i.page for i in found))
        for page in pages:
            (site / page).unlink(missing_ok=True)
        shown = [i for i in found if i.page in pages[:SHOWN_PAGES]]
        report = Report(
            [Problem("page_has_code", i.page, i.line, params={"what": i.what}) for i in shown]
        )
        if len(pages) > SHOWN_PAGES:
            more = len(pages) - SHOWN_PAGES
            report.add(Problem("page_has_code_more", pages[SHOWN_PAGES], params={"n": more}))
        lang = os.environ.get("RUANGAMAN_LANG", self.config.messages)
        raise PluginError("\n" + report.format(lang))

    def _write_not_found(self, config) -> None:  # noqa: ANN001
        if not self._not_found:
            return
        site = Path(config.site_dir)
        for lang, html in self._not_found.items():
            target = Path(self._urls.folder(site, lang)) / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")

    def _name_site(self, config, content: Content) -> None:  # noqa: ANN001
        """Site name and the guides section title per language, passed to mkdocs-static-i18n."""
        names = {lang: as_html(name) for lang, name in content.site.get("name", {}).items()}
        main = content.languages[0]
        # A plain str here (mkdocs-static-i18n overrides only a setting of type str); made
        # escaped text in on_env, before any page is written.
        config.site_name = str(content.site.get("name", {}).get(main) or config.site_name)
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return
        section = strings(main)["nav_guides"]
        for language in i18n.config.languages:
            if not language.site_name:
                language.site_name = names.get(language.locale) or names.get(main)
            language.site_name = as_html(language.site_name)
            if language.locale != main:
                translations = dict(language.nav_translations or {})
                translations.setdefault(section, strings(language.locale)["nav_guides"])
                language.nav_translations = translations


def _check_languages(config, content: Content, lang: str) -> None:  # noqa: ANN001
    """Stop the build unless mkdocs-static-i18n, as MkDocs configured it, builds exactly the
    site's languages with the main one as its default (`check` compares the project's
    mkdocs.yml; this is the file MkDocs was started with)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    where = content.site_loaded.line(("languages",)) if content.site_loaded else None
    differ = languages_problem(
        i18n.build_languages, i18n.default_language, content.languages, where
    )
    if differ is not None:
        raise PluginError("\n" + format_problem(differ, lang))


def _params(finding) -> dict:  # noqa: ANN001
    return {
        **finding.params(),
        "note": "",
        "seconds": int(RENDER_SECONDS),
        "limit": MAX_HTML_DEPTH,
    }


# --- what the theme prints raw -----------------------------------------------------------------
# Material's Jinja does not autoescape: it prints `config.site_name`, `page.title`,
# `page.meta.title` and the titles in the navigation as they are (and sometimes with `| e`).
# Every one of those values is handed to it as HTML-escaped text marked safe (`Markup`): printed
# raw it is escaped once, and `| e` leaves it as it is, so "Anak & Perempuan" shows "&", never
# "&amp;amp;". Our own overrides print every value with `| e`, which is right for both.


def as_html(value: object) -> Markup | None:
    """`value` as text escaped once for HTML (a `Markup` is already escaped: kept as it is)."""
    if value is None:
        return None
    return escape(value if isinstance(value, str) else str(value))


def escape_page_title(page) -> None:  # noqa: ANN001
    """A page's title (front matter, the navigation or its first heading), escaped once."""
    meta = page.meta if isinstance(page.meta, dict) else {}
    for key in ("title", "description", "author", "subtitle"):
        if key in meta and meta[key] is not None:
            meta[key] = as_html(meta[key])
    given = "title" in vars(page) or "title" in meta  # from the navigation or front matter
    title = page.title
    if title is None or isinstance(title, Markup):
        return
    if not given and title == getattr(page, "_title_from_render", None):
        # The text of the page's first heading, as Markdown rendered it: HTML already (tags
        # stripped, entities kept), escaped once by Markdown.
        page.title = Markup(title)
    else:
        page.title = as_html(title)


def escape_nav_titles(items: list) -> None:
    """Sections' and links' titles in the navigation, escaped once (pages: on_page_content)."""
    for item in items:
        if not getattr(item, "is_page", False) and getattr(item, "title", None) is not None:
            item.title = as_html(item.title)
        escape_nav_titles(getattr(item, "children", None) or [])


def _toc_tokens(headings: tuple) -> list[dict]:
    """A page's headings (`render.Heading`) as MkDocs' table of contents reads them."""
    return [
        {"level": h.level, "id": h.id, "name": h.text, "html": h.text, "children": []}
        for h in headings
    ]


def _touch_nav(folder: Path, nav: list, languages: list[str]) -> None:
    """Make a dirty build read the pages of the navigation again (their titles are in it)."""
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


def _touch_all(folder: Path) -> None:
    """Make a dirty build (`ruangaman serve`) rebuild every page, not only the changed ones."""
    for path in folder.rglob("*.md"):
        os.utime(path)


SHOWN_PAGES = 10  # pages with inline code listed one by one; the rest are counted

FORK_FROM_SERVICES = 400  # below this, starting a process costs more than it saves


def _can_fork(command: str, services: int) -> bool:
    """Only for `build` (never inside `serve`'s threads), with two cores and enough pages."""
    return (
        command == "build"
        and services >= FORK_FROM_SERVICES
        and hasattr(os, "fork")
        and len(os.sched_getaffinity(0)) > 1
        and os.environ.get("RUANGAMAN_ONE_PROCESS") != "1"
    )
