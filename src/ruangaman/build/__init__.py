"""Build stage: validate, then hand the staged pages to MkDocs, reporting like the validator does.

This is the one place that drives MkDocs as a library; the ruangaman MkDocs plugin (listed in
mkdocs.yml) does the render and stage work inside the build, so plain `mkdocs build` gives the
same site as `ruangaman build`.

Every command makes one `BuildSession` and puts it on the plugin instance before MkDocs
builds (`_attach`): `ruangaman build` a one-shot one, `ruangaman serve` a persistent one for
the preview's life. MkDocs keeps a plugin that has `on_startup` in a cache of the whole
process (`mkdocs/config/config_options.py`, `Plugins.plugin_cache`, MkDocs 1.6), so the
instance of a config loaded here is the one `serve` uses for every rebuild: the session goes
there, not into the environment or a module (tests/test_serve_is_a_fresh_build.py pins it).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ruangaman.build import workarounds
from ruangaman.problems import Report
from ruangaman.session import BuildSession
from ruangaman.text import t
from ruangaman.validate import check_project


def _attach(config, session: BuildSession):  # noqa: ANN001, ANN202
    """Put `session` on the ruangaman plugin instance of `config` (and return the instance)."""
    plugin = config.plugins["ruangaman"]
    plugin.session = session
    return plugin


def run_mkdocs_build(
    root: Path,
    site_dir: Path | None = None,
    lang: str = "id",
    checked: tuple | None = None,
    session: BuildSession | None = None,
) -> Path:
    """Run the real MkDocs build of the project at `root`; return the site folder.

    `checked` is what `check_project(root)` returned, when the caller has just validated.
    Without `session`, the build makes a one-shot one (messages in `lang`) and closes it.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    workarounds.quiet_mkdocs()
    own = session is None
    session = session or BuildSession.one_shot("build", messages=lang)
    if checked is not None:
        session.validated = checked
    # Not resolved: a site folder that is a link must be seen as one (workdirs).
    overrides = {"site_dir": os.path.abspath(site_dir)} if site_dir else {}
    config = load_config(str(root / "mkdocs.yml"), **overrides)
    plugin = _attach(config, session)
    config.plugins.on_startup(command=session.options.command, dirty=session.options.dirty)
    try:
        build(config, dirty=session.options.dirty)
    finally:
        config.plugins.on_shutdown()
        plugin.session = None
        if own:
            session.close()
    return Path(config.site_dir)


def build_site(
    root: Path, lang: str = "id", strict: bool = False, site_dir: Path | None = None
) -> int:
    """Validate, then build; print the report or one line of success. Returns the exit code."""
    from mkdocs.exceptions import MkDocsException

    if not (root / "mkdocs.yml").is_file():
        print(t("commands", "build.no_config", lang, root=root), file=sys.stderr)
        return 1
    session = BuildSession.one_shot("build", messages=lang, strict=strict)
    try:
        checked = check_project(root, session=session)
        report = checked[2]
        if report.failed(strict):
            print(report.format(lang), file=sys.stderr)
            return 1
        if report.warnings:
            shown = Report(problems=report.warnings).format(lang).rsplit("\n\n", 1)[0]
            print(shown, file=sys.stderr)
        started = time.monotonic()
        try:
            site = run_mkdocs_build(root, site_dir, lang, checked, session)
        except (MkDocsException, OSError) as err:
            print(t("commands", "build.failed", lang, detail=str(err).strip()), file=sys.stderr)
            return 1
    finally:
        session.close()
    pages = sum(1 for _ in site.rglob("*.html"))
    try:
        shown = site.relative_to(Path.cwd())
    except ValueError:
        shown = site
    seconds = time.monotonic() - started
    print(t("commands", "build.built", lang, site=f"{shown}/", pages=pages, seconds=seconds))
    return 0


def serve_site(root: Path, lang: str = "id", addr: str = "127.0.0.1:8000") -> int:
    """Live preview: MkDocs' own server, rebuilding when content/ or docs/ change."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    if not (root / "mkdocs.yml").is_file():
        print(t("commands", "build.no_config", lang, root=root), file=sys.stderr)
        return 1
    from mkdocs.config import load_config

    # The preview keeps what it checked of each file from this first check on: its first build
    # reuses this check, and every rebuild checks again only the files that changed.
    session = BuildSession.preview(messages=lang)
    try:
        checked = check_project(root, session=session)
        if checked[2].failed():
            print(checked[2].format(lang), file=sys.stderr)
            return 1
        session.validated = checked
        workarounds.no_mkdocs_2_warning()
        workarounds.quiet_dirty_warning()
        # The instance MkDocs' `serve` will use for its first build and every rebuild.
        plugin = _attach(load_config(str(root / "mkdocs.yml")), session)
        try:
            # Dirty rebuilds: MkDocs rebuilds only the pages whose staged file changed
            # (staging writes only those); mkdocs-static-i18n gets the flag through
            # `workarounds.i18n_builds_dirty`.
            serve(
                config_file=str(root / "mkdocs.yml"),
                dev_addr=addr,
                livereload=True,
                build_type="dirty",
            )
        except MkDocsException as err:
            print(t("commands", "build.failed", lang, detail=str(err).strip()), file=sys.stderr)
            return 1
        finally:
            plugin.session = None
    finally:
        session.close()
    return 0
