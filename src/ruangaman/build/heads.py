"""Each page's head for search engines and link previews (`render.preview.head_tags`): the
description, the canonical address, the page's versions in the site's languages, the Open Graph
and Twitter tags, and its structured data.

A page's versions are the languages it is written in: a page of docs/ shown in the main
language on another language's side (`staging.shown_in_main_language`, with the notice) is no
translation, so neither it nor its original lists it, and its canonical address is the
original's. Every data page exists in every language. With the site's address (`url:` in
content/site.yml) the addresses are absolute; without it they are relative to the page, and
there is no canonical address and no `og:url` (both need a full address).

The theme prints what `for_page` gives (overrides/main.html, `ra_head`); a frame
(`frames`) gets marks for a service page's description and structured data, which
`frames.fill` replaces with the page's own, escaped the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ruangaman.model import in_language
from ruangaman.paths import SiteUrls
from ruangaman.render.preview import Preview, head_tags, plain_description


class Heads:
    """What every page's head says, for one build: the URL policy, the site's names and
    taglines per language, and the pages shown in the main language."""

    def __init__(
        self, urls: SiteUrls, settings: dict, shown_in_main: Iterable[tuple[str, str]]
    ) -> None:
        self.urls = urls
        self.names = {lang: in_language(settings.get("name"), lang) for lang in urls.languages}
        self.taglines = {
            lang: plain_description(in_language(settings.get("tagline"), lang))
            for lang in urls.languages
        }
        self.shown_in_main = frozenset((lang, name) for name, lang in shown_in_main)
        # The same pages by their address from the site root, for the sitemap.
        self.not_versions = frozenset(
            urls.site_path(lang, name) for lang, name in self.shown_in_main
        )

    def versions(self, lang: str, name: str) -> tuple[tuple[str, str], ...]:
        """The page's versions, `(language, address)`, as seen from the page itself."""
        urls = self.urls
        out = []
        for other in urls.languages:
            if (other, name) in self.shown_in_main:
                continue
            absolute = urls.absolute(other, name)
            out.append((other, absolute or urls.between(lang, name, other, name)))
        return tuple(out)

    def for_page(
        self, lang: str, name: str, title: str, description: str, structured: str = ""
    ) -> Markup:
        """The head tags of page `name` in `lang`: `title` as the theme prints it (escaped
        `Markup`), `description` plain text ("" for the site's tagline), `structured` the
        data block (`preview.ld_script`) or a frame's mark for it."""
        urls = self.urls
        elsewhere = (lang, name) in self.shown_in_main
        shown_in = urls.main if elsewhere else lang
        preview = Preview(
            title=title,
            description=description or self.taglines[lang],
            site_name=self.names[lang],
            lang=shown_in,
            versions=self.versions(lang, name),
            canonical=urls.absolute(shown_in, name),
            structured=structured,
        )
        return head_tags(preview)

    def not_found(self, lang: str) -> Markup:
        """A 404 page's head: the site's tagline, no versions, not to be indexed."""
        preview = Preview(
            title=self.names[lang],
            description=self.taglines[lang],
            site_name=self.names[lang],
            lang=lang,
            robots="noindex",
        )
        return head_tags(preview)
