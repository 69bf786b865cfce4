"""Build stage: validate, then hand the staged pages to MkDocs, reporting like the validator does.

This is the one place that drives MkDocs as a library; the ruangaman MkDocs plugin (listed in
mkdocs.yml) does the render and stage work inside the build, so plain `mkdocs build` gives the
same site as `ruangaman build`.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from ruangaman.problems import Report
from ruangaman.text import t
from ruangaman.validate import check_project


def _quiet_mkdocs() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for name in ("mkdocs", "mkdocs.plugins", "mkdocs_static_i18n"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not logging.getLogger("mkdocs").handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logging.getLogger("mkdocs").addHandler(handler)


def run_mkdocs_build(
    root: Path, site_dir: Path | None = None, lang: str = "id", checked: tuple | None = None
) -> Path:
    """Run the real MkDocs build of the project at `root`; return the site folder.

    `checked` is what `check_project(root)` returned, when the caller has just validated.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ruangaman.build import plugin as mkdocs_plugin

    _quiet_mkdocs()
    if checked is not None:
        mkdocs_plugin.PRECHECKED[root.resolve()] = checked
    os.environ["RUANGAMAN_LANG"] = lang
    # Not resolved: a site folder that is a link must be seen as one (workdirs).
    overrides = {"site_dir": os.path.abspath(site_dir)} if site_dir else {}
    config = load_config(str(root / "mkdocs.yml"), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def build_site(
    root: Path, lang: str = "id", strict: bool = False, site_dir: Path | None = None
) -> int:
    """Validate, then build; print the report or one line of success. Returns the exit code."""
    from mkdocs.exceptions import MkDocsException

    if not (root / "mkdocs.yml").is_file():
        print(t("commands", "build.no_config", lang, root=root), file=sys.stderr)
        return 1
    checked = check_project(root)
    report = checked[2]
    if report.failed(strict):
        print(report.format(lang), file=sys.stderr)
        return 1
    if report.warnings:
        print(Report(problems=report.warnings).format(lang).rsplit("\n\n", 1)[0], file=sys.stderr)
    started = time.monotonic()
    try:
        site = run_mkdocs_build(root, site_dir, lang, checked)
    except (MkDocsException, OSError) as err:
        print(t("commands", "build.failed", lang, detail=str(err).strip()), file=sys.stderr)
        return 1
    pages = sum(1 for _ in site.rglob("*.html"))
    try:
        shown = site.relative_to(Path.cwd())
    except ValueError:
        shown = site
    print(
        t(
            "commands",
            "build.built",
            lang,
            site=f"{shown}/",
            pages=pages,
            seconds=time.monotonic() - started,
        )
    )
    return 0


def serve_site(root: Path, lang: str = "id", addr: str = "127.0.0.1:8000") -> int:
    """Live preview: MkDocs' own server, rebuilding when content/ or docs/ change."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    if not (root / "mkdocs.yml").is_file():
        print(t("commands", "build.no_config", lang, root=root), file=sys.stderr)
        return 1
    from ruangaman.load.discover import reuse_unchanged_files

    # The preview keeps checked files in memory from this first check on: its first build and
    # every rebuild check again only the files that changed.
    reuse_unchanged_files()
    _, _, report = check_project(root)
    if report.failed():
        print(report.format(lang), file=sys.stderr)
        return 1
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["RUANGAMAN_LANG"] = lang
    # Dirty rebuilds: MkDocs rebuilds only the pages whose staged file changed (staging writes
    # only those). mkdocs-static-i18n builds its other languages dirty only when it sees the
    # command-line flag, so it gets it too.
    if "--dirty" not in sys.argv:
        sys.argv.append("--dirty")
    # ...and MkDocs' warning about dirty builds is for MkDocs users, not for editors.
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: "'dirty' build" not in record.getMessage()
    )
    try:
        serve(
            config_file=str(root / "mkdocs.yml"),
            dev_addr=addr,
            livereload=True,
            build_type="dirty",
        )
    except MkDocsException as err:
        print(t("commands", "build.failed", lang, detail=str(err).strip()), file=sys.stderr)
        return 1
    return 0
