"""The navigation and the site's names, from the loaded content, for MkDocs and the i18n plugin.

Also the one rule for titles the theme prints raw: Material's Jinja does not autoescape; it
prints `config.site_name`, `page.title`, `page.meta.title` and the titles in the navigation as
they are (and sometimes with `| e`). Every one of those values is handed to it as HTML-escaped
text marked safe (`Markup`): printed raw it is escaped once, and `| e` leaves it as it is, so
"Anak & Perempuan" shows "&", never "&amp;amp;". Our own overrides print every value with
`| e`, which is right for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ruangaman.load.discover import GUIDES_DIR, Content
from ruangaman.load.projectfiles import SAFETY_PLAN_PAGE


def build_nav(content: Content) -> list:
    """Home, the guides (the safety plan first, then by Indonesian title), the directory, the
    hotlines, the other pages."""
    main = content.languages[0]
    pages = {p.name: p for p in content.pages if p.lang == main}
    guides = sorted(
        (p for p in pages.values() if p.is_guide), key=lambda p: p.meta.get("title", p.name)
    )
    nav: list = []
    if "index" in pages:
        nav.append("index.md")
    section = [f"{GUIDES_DIR}/index.md"] if f"{GUIDES_DIR}/index" in pages else []
    section += [f"{SAFETY_PLAN_PAGE}.md", *(f"{p.name}.md" for p in guides)]
    if section:
        nav.append({content.interface.strings(main)["nav_guides"]: section})
    nav += ["layanan/index.md", "hotline.md"]
    taken = {"index", f"{GUIDES_DIR}/index"}
    nav += [
        f"{name}.md"
        for name in sorted(pages)
        if name not in taken and not pages[name].is_guide and "/" not in name
    ]
    return nav


def name_site(config, content: Content) -> None:  # noqa: ANN001
    """Site name and the guides section title per language, passed to mkdocs-static-i18n."""
    names = {lang: as_html(name) for lang, name in content.site.get("name", {}).items()}
    main = content.languages[0]
    # A plain str here (mkdocs-static-i18n overrides only a setting of type str); made
    # escaped text in on_env, before any page is written.
    config.site_name = str(content.site.get("name", {}).get(main) or config.site_name)
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    section = content.interface.strings(main)["nav_guides"]
    for language in i18n.config.languages:
        if not language.site_name:
            language.site_name = names.get(language.locale) or names.get(main)
        language.site_name = as_html(language.site_name)
        if language.locale != main:
            translations = dict(language.nav_translations or {})
            words = content.interface.strings(language.locale)
            translations.setdefault(section, words["nav_guides"])
            language.nav_translations = translations


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


@dataclass(frozen=True)
class PageNav:
    """The navigation as one page shows it (the theme reads `items` and `homepage`)."""

    items: list
    homepage: object


def nav_for_page(nav) -> PageNav:  # noqa: ANN001 - MkDocs' Navigation
    """The navigation a page prints: a section the page is not in is one link to the section's
    own page (the guides' page lists every guide), so each page carries the guides' titles only
    where a reader is among them (they were 40 % of every page's HTML). A section without a
    page of its own stays whole. Called after MkDocs has marked the page and its section
    active."""
    return PageNav([_shown(item) for item in nav.items], nav.homepage)


def _shown(item):  # noqa: ANN001, ANN202
    children = getattr(item, "children", None)
    if not children or item.active:
        return item
    first = children[0]
    if getattr(first, "is_page", False) and first.is_index and not first.children:
        return first
    return item
