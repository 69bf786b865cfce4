"""The only MkDocs-aware module: at the start of every build, validate, render and stage the pages.

Listed first under `plugins:` in mkdocs.yml, so plain `mkdocs build` and `mkdocs serve` work:
on_config validates content (stopping the build with the editor-facing report on errors),
renders the data pages, stages them with docs/ into `.staging/docs`, and points MkDocs there.
It also gives MkDocs the navigation and the site's names (`nav`), the theme what every page
shows (`config.extra["ruangaman"]`: pinned hotlines, the Quick exit address, interface text)
and, once every language is built, writes the service pages and posters from their frames
(see `frames`), the sitemap, the Pagefind search index and the host files.

Everything that outlives a build is on `self.session` (a `BuildSession`): `ruangaman build`
and `ruangaman serve` attach theirs before MkDocs starts (`build/__init__.py`); plain `mkdocs
build`/`mkdocs serve` get one made in `on_startup` from this plugin's own config. MkDocs keeps
a plugin that has `on_startup` for every rebuild of `serve` (the same instance: pinned by
tests/test_serve_is_a_fresh_build.py), so the preview's session lives as long as the preview.
What one build carries from hook to hook (all its languages) is on `self.build`, made anew by
each build's first `on_config`. The upstream workarounds are in `workarounds`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from ruangaman.build import workarounds
from ruangaman.build.compact import compact_page, marked_content
from ruangaman.build.frames import (
    CONTENT_MARK,
    DESCRIPTION_MARK,
    STRUCTURED_MARK,
    FrameError,
    Plan,
    plan_frames,
    write_framed,
)
from ruangaman.build.heads import Heads
from ruangaman.build.nav import (
    as_html,
    build_nav,
    escape_nav_titles,
    escape_page_title,
    name_site,
    nav_for_page,
)
from ruangaman.build.staging import STAGING, shown_in_main_language, stage
from ruangaman.build.theme_data import theme_data
from ruangaman.build.workdirs import unsafe_work_folders
from ruangaman.finish.background import BackgroundIndex
from ruangaman.finish.hostfiles import injected_code, write_host_files
from ruangaman.finish.search import SearchIndexError, index_site
from ruangaman.finish.sitemap import write_sitemap
from ruangaman.finish.stylesheet import (
    Tokens,
    link_to,
    listed_in,
    relink_pages,
    selected_hooks,
    site_stylesheets_of,
    start_tags,
    without_unstyled_hooks,
)
from ruangaman.load.discover import Content
from ruangaman.paths import SiteUrls
from ruangaman.problems import Problem, Report, format_problem
from ruangaman.render import RenderedPage, guide_endings, render_pages
from ruangaman.render.assets import (
    ASSETS,
    DIRECTORY_SCRIPT,
    PLAN_SCRIPT,
    build_outputs,
    own_stylesheet,
    page_scripts,
    write_outputs,
)
from ruangaman.render.preview import ld_script, plain_description
from ruangaman.session import BuildOptions, BuildSession, digest
from ruangaman.validate import check_project
from ruangaman.validate.mkdocsconfig import check_mkdocs_file, languages_problem
from ruangaman.validate.pagehtml import MAX_HTML_DEPTH, RENDER_SECONDS, examine_html
from ruangaman.validate.site import Site

log = logging.getLogger("mkdocs.plugins.ruangaman")

SHOWN_PAGES = 10  # pages with inline code listed one by one; the rest are counted
FORK_FROM_SERVICES = 400  # below this, starting a process costs more than it saves


class RuangAmanConfig(Config):
    messages = config_options.Choice(("id", "en"), default="id")
    strict = config_options.Type(bool, default=False)


@dataclass
class ThisBuild:
    """What one build (every language of it) carries from hook to hook."""

    docs_dir: str
    nav: list
    extra: dict
    urls: SiteUrls  # the site's URL policy: languages (main first) and address
    rendered: set[str]  # staged files that are data pages (made by render)
    outputs: dict[str, bytes]  # files that are not pages, written after the build
    frames: Plan  # each data page's HTML, and the service pages and posters made from frames
    heads: Heads  # what each page's head tells search engines and link previews
    endings: dict[str, str] = field(default_factory=dict)  # a guide's file -> its sources' HTML
    not_found: workarounds.NotFoundPages = field(default_factory=workarounds.NotFoundPages)
    started: float = 0.0  # when this build began writing pages (checked after it)
    # What the 404 pages are made of, and each page the theme wrote -> its start tags (for the
    # site's stylesheet).
    tokens: Tokens = field(default_factory=Tokens)
    written: dict[str, frozenset[str]] = field(default_factory=dict)


class RuangAmanPlugin(BasePlugin[RuangAmanConfig]):
    def __init__(self) -> None:
        super().__init__()
        workarounds.three_letter_languages()  # before MkDocs checks the i18n plugin's config
        self.session: BuildSession | None = None  # attached by build/__init__, or on_startup's
        self._own_session = False  # made here (plain `mkdocs`): closed here
        self._for_one_build = False  # made by `_session` for one build without on_startup
        self.build: ThisBuild | None = None

    # --- the session -------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        if self.session is None:  # plain `mkdocs build` / `mkdocs serve`
            self.session = self._new_session(command, dirty)
            self._own_session = True

    def on_shutdown(self) -> None:
        if self._own_session and self.session is not None:
            self.session.close()
            self.session = None
            self._own_session = False

    def _new_session(self, command: str, dirty: bool = False) -> BuildSession:
        options = BuildOptions.from_environment(
            command, strict=self.config.strict, dirty=dirty, configured=self.config.messages
        )
        return BuildSession(options, persistent=command == "serve")

    def _session(self) -> BuildSession:
        """The session of this build: attached, made in on_startup, or (MkDocs' `build()`
        called without `on_startup`) a one-shot one for this build, closed when it ends."""
        if self.session is None:
            self.session = self._new_session("build")
            self._own_session = self._for_one_build = True
        return self.session

    def on_build_error(self, error: Exception) -> None:
        self._build_ended()

    def on_serve(self, server, config, builder):  # noqa: ANN001, ANN201 - MkDocs' signature
        """A failed rebuild shows its error in the browser (`preview_errors`)."""
        from ruangaman.build.preview_errors import show_errors

        self.preview_errors = show_errors(server, self.messages)
        return server

    @property
    def messages(self) -> str:
        return self.session.options.messages if self.session else self.config.messages

    # --- before the pages --------------------------------------------------------------------
    @event_priority(100)  # before mkdocs-static-i18n reads docs_dir and the languages
    def on_config(self, config):  # noqa: ANN001, ANN201 - MkDocs' own signature
        if workarounds.i18n_nested(config) and self.build is not None:
            # The other languages' builds reuse what the first one validated and staged.
            config.docs_dir = self.build.docs_dir
            config.nav = config.nav or self.build.nav
            config.extra["ruangaman"] = self.build.extra
            return config
        session = self._session()
        root = Path(config.config_file_path).parent
        self._refuse_work_folders(config, root)
        content, site = self._checked(root, session)
        _check_languages(config, content, self.messages)
        self.build = self._prepare(config, root, content, site, session)
        if session.options.dirty:
            workarounds.i18n_builds_dirty(config)
        return config

    def _refuse_work_folders(self, config, root: Path) -> None:  # noqa: ANN001
        refused = check_mkdocs_file(Path(config.config_file_path))
        if refused:  # the file MkDocs was started with, which `check` may not have seen
            raise PluginError("\n" + "\n".join(format_problem(p, self.messages) for p in refused))
        # Before anything is staged or MkDocs empties the site folder (right after this hook).
        unsafe = unsafe_work_folders(root, Path(config.site_dir))
        if unsafe:
            raise PluginError("\n" + "\n".join(format_problem(p, self.messages) for p in unsafe))

    def _checked(self, root: Path, session: BuildSession) -> tuple:
        """What `ruangaman build` validated just before (`session.validated`), else a check."""
        handed, session.validated = session.validated, None
        if handed is not None and Path(handed[0].root).resolve() == root.resolve():
            content, site, report = handed
        else:
            content, site, report = check_project(root, session=session)
        if report.failed(self.config.strict or session.options.strict) or site is None:
            raise PluginError("\n" + report.format(self.messages))
        for problem in report.warnings:
            log.warning(format_problem(problem, self.messages))
        return content, site

    def _prepare(self, config, root: Path, content: Content, site: Site, session) -> ThisBuild:  # noqa: ANN001
        """Render, frame and stage the pages; give MkDocs the staged folder, nav and names."""
        options = session.options
        processes = options.processes_for(len(content.services), FORK_FROM_SERVICES)
        pages = render_pages(site, processes, session=session)
        slugs = {service.slug for service in content.services}
        frames = plan_frames(pages, slugs, content.languages, use_frames=options.frames)
        rendered = {**frames.staged}
        rendered.update((rel, frame.text) for rel, frame in frames.frames.items())
        outputs = build_outputs(site, session)
        staged = root / STAGING
        changed = stage(content, rendered, staged, session.staged)
        log.debug("ruangaman: staged %d changed file(s) in %s", len(changed), staged)
        config.docs_dir = str(staged)
        config.watch = list(config.watch or []) + [str(root / "content"), str(root / "docs")]
        if not config.nav:
            config.nav = build_nav(content)
        name_site(config, content)
        config.extra["ruangaman"] = theme_data(site)
        # What every page shows (navigation, strip, names, everything site.yml gives): when it
        # changed, a dirty build must build every page again.
        shown = digest(repr(config.nav), repr(config.extra["ruangaman"]), repr(content.site))
        if options.dirty:
            if session.shown_on_every_page not in (None, shown) or any(
                rel not in rendered for rel in changed
            ):
                workarounds.touch_all(staged)
            else:
                # The pages in the navigation are read again anyway, so that it shows their
                # titles (a dirty build knows only the pages it reads).
                workarounds.touch_nav(staged, config.nav, content.languages)
        session.shown_on_every_page = shown
        return ThisBuild(
            docs_dir=config.docs_dir,
            nav=config.nav,
            extra=config.extra["ruangaman"],
            urls=site.urls,
            rendered=set(rendered),
            outputs=outputs,
            frames=frames,
            heads=Heads(site.urls, dict(site.settings), shown_in_main_language(content)),
            endings=guide_endings(site),
        )

    def on_files(self, files, config):  # noqa: ANN001, ANN201 - MkDocs' own signature
        return workarounds.without_unused_theme_files(files, config)

    def on_pre_build(self, config) -> None:  # noqa: ANN001
        if not workarounds.i18n_nested(config) and self.build is not None:
            self.build.started = time.time()

    # --- each page ---------------------------------------------------------------------------
    def on_page_content(self, html, page, config, files):  # noqa: ANN001, ANN201
        # Every page is read before the first is written: its title, shown in the navigation
        # of every page, is escaped here, once for all of them.
        escape_page_title(page)
        uri = page.file.src_uri
        plan = self.build.frames if self.build is not None else None
        made: RenderedPage | None = plan.pages.get(uri) if plan else None
        if made is not None:  # a data page: its stub's (empty) Markdown gives way to its HTML
            page.toc = get_toc(_toc_tokens(made.toc))
            return marked_content(made.html)
        frame = plan.frames.get(uri) if plan else None
        if frame is not None:  # the content goes in when the framed pages are written
            page.toc = get_toc(_toc_tokens(frame.toc))
            return marked_content(CONTENT_MARK)
        # A guide ends with its sources and review date: made by render from the front matter,
        # appended after the allow-list check (it is our markup, not the guide's).
        ending = self.build.endings.get(uri, "") if self.build is not None else ""
        # The content is marked, so that `compact_page` leaves it as it is.
        return marked_content(self._allowed_html(html, uri) + ending)

    def _allowed_html(self, html: str, src_uri: str) -> str:
        """A page written in docs/ (or staged from one for the other language) is published as
        nh3 gives it, and only when the allow-list changes nothing: `check` refuses the same."""
        findings, clean = examine_html(html)
        if clean is None:
            shown = "\n".join(
                format_problem(Problem(f.code, f"docs/{src_uri}", params=_params(f)), self.messages)
                for f in findings
            )
            raise PluginError("\n" + shown)
        return clean

    @event_priority(-150)  # after mkdocs-static-i18n has set this language's site name
    def on_env(self, env, config, files):  # noqa: ANN001, ANN201
        config.site_name = as_html(config.site_name)
        if self.build is None:
            return env
        languages = list(self.build.urls.languages)
        return workarounds.material_language_fallback(env, languages, languages[0])

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has translated section titles
    def on_nav(self, nav, config, files):  # noqa: ANN001, ANN201
        escape_nav_titles(nav.items)
        return nav

    def on_page_context(self, context, page, config, nav):  # noqa: ANN001, ANN201
        if self.build is not None:
            workarounds.relative_language_links(config, self.build.urls)
            context["ra_head"] = self._head(page, config, self.build)
            context["ra_scripts"] = self._scripts(page, config, self.build)
        if context.get("nav") is not None:
            context["nav"] = nav_for_page(context["nav"])
        return context

    def _scripts(self, page, config, build: ThisBuild) -> list:  # noqa: ANN001
        """The scripts a page loads: mkdocs.yml's, the directory's only on a page with
        something it works on (a frame is a service page or a poster: it has), and the safety
        plan's on the safety plan (`render.assets.page_scripts`)."""
        framed = page.file.src_uri in build.frames.frames
        needed = page_scripts(page.content or "")
        scripts = [
            s
            for s in config.extra_javascript
            if str(getattr(s, "path", s)) != DIRECTORY_SCRIPT or framed or needed[DIRECTORY_SCRIPT]
        ]
        if needed[PLAN_SCRIPT]:
            plan = config_options.ExtraScriptValue(PLAN_SCRIPT)
            plan.defer = True
            scripts.append(plan)
        return scripts

    def _head(self, page, config, build: ThisBuild):  # noqa: ANN001, ANN202
        """The page's description, versions, previews and structured data (`heads`): a data
        page's from render, a frame's as marks (`frames.fill`), a page of docs/ from its
        `summary` (a guide's is required), else the site's tagline."""
        lang = workarounds.current_language(config)
        uri = page.file.src_uri
        name = uri.removesuffix(f".{lang}.md")
        title = config.site_name if name == "index" else page.title
        made = build.frames.pages.get(uri)
        if made is not None:
            return build.heads.for_page(
                lang, name, title, made.description, ld_script(made.structured)
            )
        if uri in build.frames.frames:
            return build.heads.for_page(lang, name, title, DESCRIPTION_MARK, STRUCTURED_MARK)
        summary = (page.meta or {}).get("summary") if isinstance(page.meta, dict) else None
        return build.heads.for_page(lang, name, title, plain_description(summary))

    def on_template_context(self, context, template_name, config):  # noqa: ANN001, ANN201
        """A 404 page links and loads from the site's root path (`SiteUrls.root_path`)."""
        if template_name == "404.html" and self.build is not None:
            lang = workarounds.current_language(config)
            context["ra_head"] = self.build.heads.not_found(lang)
            return self.build.not_found.context(context, config, self.build.urls, lang)
        return context

    def on_post_template(self, output_content, template_name, config):  # noqa: ANN001, ANN201
        """Keep each language's 404 page: mkdocs-static-i18n writes them all to one file."""
        if template_name == "404.html":
            output_content = workarounds.valid_toggles(output_content)
            output_content = compact_page(workarounds.without_script_only_parts(output_content))
            if self.build is not None:
                self.build.tokens.add_page(output_content)
                lang = workarounds.current_language(config)
                self.build.not_found.keep(lang, output_content, config)
        return output_content

    def on_post_page(self, output, page, config):  # noqa: ANN001, ANN201
        output = compact_page(
            workarounds.without_script_only_parts(workarounds.valid_toggles(output))
        )
        if self.build is not None:
            path = str(Path(config.site_dir) / page.file.dest_uri)
            self.build.written[path] = start_tags(output)
        return output

    # --- after every language ----------------------------------------------------------------
    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config) -> None:  # noqa: ANN001
        if workarounds.i18n_nested(config) or self.build is None:
            return
        try:
            self._finish(config, self._session(), self.build, Path(config.site_dir))
        finally:
            self._build_ended()

    def _build_ended(self) -> None:
        """What one build carried is dropped (the plugin instance outlives it, under `serve`
        and in a test run); a session made for this build alone is closed."""
        self.build = None
        if self._for_one_build and self.session is not None:
            self.session.close()
            self.session = None
            self._own_session = self._for_one_build = False

    def _finish(self, config, session: BuildSession, build: ThisBuild, site: Path) -> None:  # noqa: ANN001
        """Every language is built: the site's stylesheet, the files from frames and outputs,
        then `finish`."""
        self._stylesheet(site, build, session)
        write_outputs(site, build.outputs, session)
        try:
            write_framed(site, build.frames, build.urls, session)
        except FrameError as err:
            raise PluginError(f"ruangaman: {err}") from err
        build.not_found.write(site, build.urls)
        self._refuse_injected_code(site, session)
        write_sitemap(site, build.urls, build.heads.not_versions)
        if session.options.command == "serve":
            # The preview does not wait for the search index: on a large site indexing every
            # page again takes longer than the rebuild. Search follows a few seconds later.
            if session.indexing is None:
                session.indexing = BackgroundIndex()
            session.indexing.start(site, build.urls)
            return
        try:
            index_site(site, build.urls)
        except SearchIndexError as err:
            raise PluginError(f"Pagefind (search index): {err}") from err
        write_host_files(site, build.urls.root_path)

    def _stylesheet(self, site: Path, build: ThisBuild, session: BuildSession) -> None:
        """The site's stylesheets (`finish.stylesheet`), from what every page is made of: the
        pages the theme wrote (frames included; under `serve` those of earlier rebuilds too,
        `session.theme_pages`), the content of the framed pages and the 404 pages. The pages
        the theme wrote (all of them when the sheets' names changed), the 404 pages and the
        service worker's list link them by their hashed names."""
        # A one-shot session builds once; a preview's rebuilds all write into one folder.
        known = session.theme_pages if session.persistent else {}
        known.update(build.written)
        for gone in [p for p in known if not (Path(p).is_file() and Path(p).is_relative_to(site))]:
            del known[gone]
        tokens = build.tokens
        for tags in known.values():
            tokens.add_start_tags(tags)
        for page in build.frames.framed:
            tokens.add_page(page.html)
        tokens.add_scripts([build.outputs[name].decode("utf-8") for name in ASSETS])
        sheets = site_stylesheets_of(site, own_stylesheet(), tokens)
        names = tuple(sheet.name for sheet in sheets)
        pages = known if names != session.stylesheets else build.written
        relink_pages(sheets, [Path(path) for path in pages if path in known])
        session.stylesheets = names
        for sheet in sheets:
            build.outputs[sheet.name] = sheet.text.encode("utf-8")
        worker = build.outputs["sw.js"].decode("utf-8")
        build.outputs["sw.js"] = listed_in(worker, sheets).encode("utf-8")
        pages = build.not_found.pages
        pages.update(
            (lang, without_unstyled_hooks(link_to(html, sheets), selected_hooks(sheets)))
            for lang, html in pages.items()
        )

    def _refuse_injected_code(self, site: Path, session: BuildSession) -> None:
        """Stop the build if a written page holds inline code the project did not write.

        The Content Security Policy allows none, so a browser would not run it; but it got into
        a page through content, and the page is not published: it is removed, and the editor is
        told which page and what. A preview (`serve`) reads only the pages this rebuild wrote.
        """
        started = self.build.started if self.build else 0.0
        since = started - 2 if session.options.command == "serve" and started else None
        found = injected_code(site, since, session.options)
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
        raise PluginError("\n" + report.format(self.messages))


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


def _toc_tokens(headings: list) -> list[dict]:
    """A page's `##` headings as MkDocs' table of contents reads them."""
    return [
        {"level": h.level, "id": h.id, "name": h.text, "html": h.text, "children": []}
        for h in headings
    ]
