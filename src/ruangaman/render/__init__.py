"""Render stage: turn validated content into the HTML of every data page, in every language.

Each page is rendered once, to a `RenderedPage`: the HTML of its content area, its table of
contents and its title (see `context`); `inventory` decides which pages a site has and what
each one lists. Nothing here knows about MkDocs or Markdown: the build stages a stub
`name.<lang>.md` per page (mkdocs-static-i18n drops pages that plugins create in memory) and
hands the theme this HTML, so the final build step can be swapped later.

Links inside the generated HTML are final relative URLs (MkDocs does not rewrite links inside raw
HTML), computed for directory URLs: page `layanan/x` is served at `layanan/x/`.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from multiprocessing.connection import Connection

from ruangaman.paths import page_url, relative_url
from ruangaman.render.context import Heading, PageContext, RenderedPage
from ruangaman.render.inventory import PageKey, Renderer
from ruangaman.session import BuildSession
from ruangaman.validate.site import Site

__all__ = [
    "Heading",
    "PageContext",
    "PageKey",
    "RenderedPage",
    "page_url",
    "relative_url",
    "render_pages",
]


def render_pages(
    site: Site, processes: int = 1, session: BuildSession | None = None
) -> dict[PageKey, RenderedPage]:
    """Render stage entry point: every data page of the validated site (`validate.site.Site`),
    in every site language, by (language, page name). Pages come from `session.pages` while
    what they are made from is unchanged (a one-shot session, the default, keeps nothing).

    With `processes` > 1 (a big one-shot build on a machine with several cores), the other
    languages are rendered in forked processes while this one renders the first; the pages
    are the same (tests/test_scale.py).
    """
    session = session or BuildSession.one_shot()
    renderer = Renderer(site, session)
    languages = list(site.languages)
    forking = (
        processes > 1
        and len(languages) > 1
        and not session.pages.enabled  # a memo must see every page it keeps
        and "fork" in mp.get_all_start_methods()
    )
    if not forking:
        out = renderer.pages(languages)
    else:
        out = _render_forked(renderer, languages, processes)
    session.pages.keep_only(out)
    return out


def _render_forked(
    renderer: Renderer, languages: list[str], processes: int
) -> dict[PageKey, RenderedPage]:
    """The first language here, the others in up to `processes - 1` forked children (each gets
    the renderer by the fork itself: nothing is kept at module level), merged in language
    order so the result is the one `renderer.pages(languages)` gives."""
    fork = mp.get_context("fork")
    others = languages[1:]
    count = min(processes - 1, len(others))
    shares = [others[i::count] for i in range(count)]
    children: list[tuple[mp.process.BaseProcess, Connection]] = []
    for share in shares:
        receive, send = fork.Pipe(duplex=False)
        child = fork.Process(target=_render_in_child, args=(renderer, share, send), daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    parts = {languages[0]: renderer.pages(languages[:1])}
    try:
        for _child, receive in children:
            ok, value = receive.recv()
            if not ok:
                raise RuntimeError(f"rendering in a second process failed:\n{value}")
            parts.update(value)
    finally:
        for child, receive in children:
            receive.close()
            child.join()
    out: dict[PageKey, RenderedPage] = {}
    for lang in languages:
        out.update(parts[lang])
    return out


def _render_in_child(
    renderer: Renderer, languages: list[str], send: Connection
) -> None:  # pragma: no cover - runs in a forked process
    try:
        result = {lang: renderer.pages([lang]) for lang in languages}
        send.send((True, result))
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent, as text
        send.send((False, traceback.format_exc()))
    finally:
        send.close()
