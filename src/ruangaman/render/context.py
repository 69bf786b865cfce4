"""What one page is rendered with: the Jinja environment, the page's context and its output.

A data page is rendered once, straight to the HTML the theme puts in its content area, with
its table of contents: a `RenderedPage`. The templates (`templates/pages/*.html.j2`) write HTML;
a heading that belongs in the table of contents is written with `heading(text)`, which gives it
the same `id` Python-Markdown's `toc` extension gives a `## text` heading (the addresses people
already share, like `layanan/x/#kontak`, stay the same). Nothing here knows about MkDocs or
Markdown: the build hands the HTML and the headings to the theme.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

import jinja2
from markupsafe import Markup, escape

from ruangaman.model import in_language
from ruangaman.paths import SiteUrls
from ruangaman.session import digest
from ruangaman.text import notice_markup, stale_markup


@dataclass(frozen=True)
class Heading:
    """One heading of a page's table of contents; `text` is HTML (escaped once)."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedPage:
    """A data page in one language, rendered: its content HTML, table of contents and title.

    `title` is plain text (the theme escapes it where it prints it); `search` is False for the
    printables, which repeat other pages and stay out of the search index. `description` is
    what search results and link previews show (plain text, `preview.plain_description`; ""
    gives the site's tagline), `structured` the page's schema.org JSON-LD (`preview.json_ld`,
    "" for none)."""

    name: str
    lang: str
    title: str
    html: str
    toc: tuple[Heading, ...] = ()
    search: bool = True
    description: str = ""
    structured: str = ""


def environment(templates: bytes | None = None) -> jinja2.Environment:
    """The templates' environment for the template files as they are now (`templates`: their
    `templates_digest()`, when the caller has it): autoescaped HTML; a line holding only a
    block tag leaves nothing behind.

    A template is read and compiled once per environment, and an environment is made for one
    digest of the template files: a template edited while `serve` runs gives a new digest,
    so a new environment that reads it again. (Jinja's own `auto_reload` asked the file system
    for the template's time at every `get_template`, and every page imports its components:
    ~60,000 such look-ups per 2,000 services.)"""
    return _environment(templates_digest() if templates is None else templates)


# `{% from 'components/clock.html.j2' import clock with context %}` on a line of its own.
_COMPONENT_IMPORT = re.compile(
    r"^\{% from '(components/(\w+)\.html\.j2)' import (\w+) with context %\}\n", re.M
)


class _TemplateLoader(jinja2.PackageLoader):
    """The package's templates, where a page's import of a component `with context` is the
    component's own text: its macro is defined in the page, which is what such an import
    gives (the macro sees the page's values, `t`, `text`, `heading`...), without making the
    component's module again for every page (seven imports per service page, ~50,000 modules
    per 2,000 services). A component's text writes nothing outside its macro; a component
    imported twice (`service_list` imports `service_item`) is defined once. The pages are the
    same bytes as with the imports (benchmarks/README.md, "Issue 16: render and validation");
    a template error is reported at the line of the page as the environment compiled it."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        if template.startswith("pages/"):
            source = self._with_components(environment, source, set())
        return source, filename, uptodate

    def _with_components(self, environment: jinja2.Environment, source: str, done: set) -> str:
        def component(match: re.Match) -> str:
            name, stem, macro = match.groups()
            if macro != stem:  # not the one macro a component file defines: imported as it is
                return match.group(0)
            if name in done:
                return ""
            done.add(name)
            text = super(_TemplateLoader, self).get_source(environment, name)[0]
            return self._with_components(environment, text, done)

        return _COMPONENT_IMPORT.sub(component, source)


# What `getattr` finds on a plain dict or a read-only view of one (a record's checked data):
# the attributes of its type (neither has any of its own).
_MAPPING_ATTRIBUTES = MappingProxyType(
    {kind: frozenset(dir(kind)) for kind in (dict, MappingProxyType)}
)


class _Environment(jinja2.Environment):
    """Jinja's environment, with `t.contact` and `d.name` (~100 per service page, most
    of them on a dict or a record's read-only data) answered without the AttributeError
    Jinja's `getattr` raises and catches first: for a plain dict (or mappingproxy),
    `getattr(obj, name)` succeeds exactly when `name` is an attribute of its type, so those
    names go to Jinja's rule as before, every other name is looked up as a key with the same
    fallback (undefined) Jinja gives."""

    def getattr(self, obj: object, attribute: str) -> object:
        names = _MAPPING_ATTRIBUTES.get(type(obj))
        if names is not None and attribute not in names:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@lru_cache(maxsize=2)  # the templates now; in a long preview, the ones before an edit
def _environment(templates: bytes) -> jinja2.Environment:  # noqa: ARG001 - the cache's key
    return _Environment(
        loader=_TemplateLoader("ruangaman.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )


def templates_digest() -> bytes:
    """A digest of every template file (path and bytes): part of every page's memo digest."""
    found: list[tuple[str, bytes]] = []
    stack = [(resources.files("ruangaman.render").joinpath("templates"), "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".j2"):
                found.append((prefix + entry.name, entry.read_bytes()))
    return digest(*(part for name, data in sorted(found) for part in (name, data)))


# --- heading ids, as Python-Markdown's toc extension makes them ------------------------------
# The same rules as markdown.extensions.toc.slugify and unique (checked against them in
# tests/test_scale.py), written out so that render needs no Markdown: accents folded to ASCII,
# anything but word characters, spaces and hyphens dropped, runs of spaces and hyphens made
# one hyphen; a repeated id gets "_1", "_2", ... (an id already ending in "_<n>" counts on).
_NOT_SLUG = re.compile(r"[^\w\s-]")
_SLUG_GAPS = re.compile(r"[-\s]+")
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")


def heading_slug(text: str) -> str:
    """`Kontak & jam` -> `kontak-jam`: the `id` of a heading with this (plain) text."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("", value).strip().lower()
    return _SLUG_GAPS.sub("-", value)


def unique_id(anchor: str, used: set[str]) -> str:
    """`anchor`, or the first of `anchor_1`, `anchor_2`, ... not in `used`; added to `used`."""
    if anchor in used or not anchor:
        counted = _COUNTED.match(anchor)
        base, count = (counted.group(1), int(counted.group(2))) if counted else (anchor, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        anchor = f"{base}_{count}"
    used.add(anchor)
    return anchor


@dataclass
class PageContext:
    """What one page in one language needs; records whether any text fell back to Indonesian,
    and the headings the page's table of contents lists."""

    lang: str
    name: str
    urls: SiteUrls = SiteUrls(("id",))  # the site's URL policy (languages, address)
    fallback_used: bool = False
    # Some text it shows translates an Indonesian text that changed since (`Record.stale_in`).
    stale_used: bool = False
    headings: list[Heading] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set, repr=False)

    def text(self, value: dict | str | None) -> Markup:
        """Localised text in the page's language, or Indonesian marked with `lang="id"`."""
        if not value:
            return Markup("")
        if isinstance(value, str):
            value = {"id": value}
        if self.lang in value:
            return escape(value[self.lang])
        self.fallback_used = True
        fallback = "id" if "id" in value else next(iter(value))
        # Markup.format escapes both values: only the <span> itself is markup.
        return Markup('<span lang="{}">{}</span>').format(fallback, value[fallback])

    def plain(self, value: dict | str | None) -> str:
        return in_language(value, self.lang)

    def heading(self, text: str, level: int = 2) -> Markup:
        """`<h2 id="kontak">Kontak</h2>`, listed in the page's table of contents.

        `text` is plain text (escaped here) or Markup; its id is made from the text a reader
        sees, unique on the page, as the toc extension makes it for a Markdown heading."""
        inner = escape(text)
        shown = text.striptags() if isinstance(text, Markup) else text
        anchor = unique_id(heading_slug(shown), self._ids)
        self.headings.append(Heading(level, anchor, str(escape(shown))))
        # The id holds only ASCII letters, digits, "_" and "-": nothing to escape.
        return Markup(f'<h{int(level)} id="{anchor}">{inner}</h{int(level)}>')

    # Every address is the site's URL policy's (`paths.SiteUrls`), seen from this page.
    def url(self, to_name: str) -> str:
        return self.urls.link(self.name, to_name)

    def asset(self, path: str) -> str:
        """A link to a file at the site root (`api/services.json`), from this page."""
        return self.urls.asset(self.lang, self.name, path)

    def site_path(self, to_name: str) -> str:
        """A page's path from the site root in this language: `en/layanan/x/`."""
        return self.urls.site_path(self.lang, to_name)

    def absolute(self, to_name: str) -> str | None:
        """The full address of a page in this language, when the site's address is known."""
        return self.urls.absolute(self.lang, to_name)


def render_page(
    template: str, ctx: PageContext, values: dict, env: jinja2.Environment | None = None
) -> RenderedPage:
    """Render one page template. The template sets `title` (plain text: `plain()`, never
    `text()`), `search = false` on a page kept out of the search index, and may set
    `description` (plain text, cut by `describe()`) and `structured` (JSON-LD). When any text
    fell back to Indonesian, the page starts with the fallback notice (`text.notice_markup`,
    the one rule for its markup; its words the page's interface text, `values["t"]`)."""
    module = (env or environment()).get_template(template).make_module(values)
    # Each line of a template ends with a line break; the HTML ends with its last element.
    body = str(module).strip("\n")
    if ctx.fallback_used:
        body = f"{notice_markup(values['t']['fallback_notice'])}\n\n{body}"
    if ctx.stale_used:  # with a link to the page in the main language
        source = ctx.urls.asset(ctx.lang, ctx.name, ctx.urls.site_path(ctx.urls.main, ctx.name))
        body = f"{stale_markup(values['t'], source, whole_page=False)}\n\n{body}"
    return RenderedPage(
        name=ctx.name,
        lang=ctx.lang,
        title=str(module.title),
        html=body,
        toc=tuple(ctx.headings),
        search=getattr(module, "search", True) is not False,
        description=str(getattr(module, "description", "") or ""),
        structured=str(getattr(module, "structured", "") or ""),
    )


def render_component(
    name: str, values: dict, *args: object, env: jinja2.Environment | None = None
) -> Markup:
    """One component (`templates/components/<name>.html.j2`, one macro of that name) called
    with `args`, in a page's context `values`: what tests/components render from examples."""
    module = (env or environment()).get_template(f"components/{name}.html.j2").make_module(values)
    return Markup(getattr(module, name)(*args))
