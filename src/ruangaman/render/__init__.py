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

from ruangaman.paths import page_url, relative_url
from ruangaman.render.context import Heading, PageContext, RenderedPage
from ruangaman.render.inventory import PageKey, Renderer
from ruangaman.session import BuildSession, fork_map
from ruangaman.validate.site import Site

__all__ = (
    "Heading",
    "PageContext",
    "guide_endings",
    "PageKey",
    "RenderedPage",
    "page_url",
    "relative_url",
    "render_pages",
)


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
    )
    if not forking:
        out = renderer.pages(languages)
    else:
        # One language per process (`session.fork_map`, the one fork helper): a child gets the
        # renderer through the fork itself, nothing is kept at module level.
        out = {}
        for part in fork_map(renderer.pages, [[lang] for lang in languages]):
            out.update(part)
    session.pages.keep_only(out)
    return out


def guide_endings(site: Site) -> dict[str, str]:
    """The end of every guide in every language: its sources and the day it was last reviewed
    (`components/guide_sources`), by the file the theme builds it from (`panduan/x.en.md`).
    The build appends it to the guide's checked HTML, so it is our markup, never the guide's.
    A guide without a version in a language (shown in the main one) ends with the main
    version's sources, in the words of the page's language."""
    renderer = Renderer(site)
    languages = list(site.languages)
    guides = {(p.name, p.lang): p for p in site.pages if p.is_guide}
    out: dict[str, str] = {}
    for (name, lang), page in guides.items():
        if lang != languages[0]:
            continue
        for shown_in in languages:
            meta = guides.get((name, shown_in), page).meta
            ending = renderer.component(
                "guide_sources", shown_in, name, meta.get("sources") or [], meta.get("reviewed_on")
            )
            out[f"{name}.{shown_in}.md"] = str(ending)
    return out
