"""Write the many look-alike data pages from a frame instead of building each one with the theme.

A directory has two pages per service and language (the service page and its poster), which
makes them nearly all the pages of a large site (31,200 of 32,362 at 7,800 services). The theme
wraps every one of them in the same page: the same header, hotline strip, navigation (service
pages are not in it) and footer. Only four things differ between two service pages of one
language: the title, the address (in the language links), the table of contents and the content.

So the build gives the theme one *frame* page per kind, language and table of contents, with
marks where the title and the content go and a slug that stands for the page's own, and this
module writes every service page from its frame by filling in the marks. The pages are the same,
byte for byte, as the theme would make them one by one (`tests/test_frames.py` builds a site
both ways and compares every file). The title, the table of contents and the content come
from render's `RenderedPage` as they are: nothing is parsed. Nothing here knows about MkDocs:
a frame is just HTML.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ruangaman.load.yamlfile import quoted
from ruangaman.paths import SiteUrls
from ruangaman.render import Heading, PageKey, RenderedPage
from ruangaman.render.preview import ld_script
from ruangaman.session import BuildSession, fork_map

# The marks are new in every process: content is written before the build starts, so no name,
# title or hotline shown in a frame's header, navigation or strip can hold them (a guide titled
# with a fixed mark would put a second content mark into every frame's navigation). Letters,
# digits, dashes and underscores only: escaping leaves them as they are.
_NONCE = secrets.token_hex(8)
TITLE_MARK = f"RA-FRAME-TITLE-{_NONCE}"
CONTENT_MARK = f"RA-FRAME-CONTENT-{_NONCE}"
# In the head (`heads`): the page's description and its structured data block (or nothing).
DESCRIPTION_MARK = f"RA-FRAME-DESCRIPTION-{_NONCE}"
STRUCTURED_MARK = f"RA-FRAME-STRUCTURED-{_NONCE}"
# An underscore can never start a service's slug (structure.SLUG_RE): "ra_frame_<nonce>_0_"
FRAME_SLUG = f"ra_frame_{_NONCE}_{{}}_"
# The kinds of page written from frames: `layanan/<slug>` and `cetak/layanan/<slug>`.
KINDS = ("layanan", "cetak/layanan")
# From this many framed pages a one-shot build writes them in two processes (a national
# directory has 31,200; filling and writing them took ~8 s of one core).
FORK_FROM = 2000


@dataclass
class FramedPage:
    """A page written from a frame: where it goes, its title, its table of contents and HTML."""

    kind: str
    slug: str
    lang: str
    title: str
    html: str
    frame: str = ""  # the frame's slug, e.g. "ra_frame_<nonce>_0_"
    description: str = ""  # plain text (`RenderedPage.description`)
    structured: str = ""  # JSON-LD (`RenderedPage.structured`)


@dataclass
class Frame:
    """One frame page to build with the theme: its staged file and its table of contents."""

    kind: str
    slug: str
    lang: str
    text: str  # the staged stub: front matter with the title mark
    toc: tuple[Heading, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.slug}"


@dataclass
class Plan:
    """What to stage (a stub per data page the theme builds, and the frames), the HTML the
    theme gets for each staged page, and what to write from the frames afterwards."""

    staged: dict[str, str]  # staged file ("layanan/index.id.md") -> its stub
    pages: dict[str, RenderedPage]  # staged file -> the page whose HTML and toc the theme gets
    frames: dict[str, Frame]  # staged file ("layanan/ra_frame_<nonce>_0_.id.md") -> frame
    framed: list[FramedPage]


def staged_name(key: PageKey) -> str:
    """The file mkdocs-static-i18n reads a page of a language from: `layanan/x.en.md`."""
    lang, name = key
    return f"{name}.{lang}.md"


def front_matter(title: str, search: bool, made_from: str = "") -> str:
    """A staged file that is front matter only: mkdocs-static-i18n needs a real file per page
    and language, and the plugin hands the theme the page's HTML (`Plan.pages`)."""
    lines = ["---", f"title: {title}"]
    if not search:
        lines += ["search:", "  exclude: true  # printables repeat other pages: not searched"]
    if made_from:
        lines.append(f"# the page's HTML is made by ruangaman ({made_from})")
    return "\n".join([*lines, "---", ""])


def stub(page: RenderedPage) -> str:
    """The staged file of a data page. It names a digest of the page's HTML and headings, so
    the file changes whenever the page does and a dirty rebuild (`serve`) builds it again."""
    made = hashlib.sha256(page.html.encode("utf-8"))
    for heading in page.toc:
        made.update(f"\0{heading.level}\0{heading.id}\0{heading.text}".encode())
    # The title quoted (`load.yamlfile.quoted`), so a colon or a quote in a name cannot break
    # the page; it is escaped for HTML once, where it reaches the theme (`escape_page_title`).
    return front_matter(quoted(page.title), page.search, f"sha256 {made.hexdigest()[:16]}")


def plan_frames(
    pages: Mapping[PageKey, RenderedPage],
    slugs: set[str],
    languages: list[str],
    use_frames: bool = True,
) -> Plan:
    """Sort rendered pages into pages to stage and framed pages.

    Every service page and poster is framed (with `use_frames`), the others get a stub each.
    Frames are made for every language, so the theme's language links find the same address
    in each. Nothing is parsed: the title, the table of contents and the HTML come from the
    rendered page as they are.
    """
    staged: dict[str, str] = {}
    html: dict[str, RenderedPage] = {}
    framed: list[FramedPage] = []
    keys: dict[tuple[str, str], dict[tuple, int]] = {}  # (kind, lang) -> frame key -> number
    heads: dict[tuple[str, str, int], RenderedPage] = {}
    for key, page in pages.items():
        kind, _, slug = page.name.rpartition("/")
        if not use_frames or kind not in KINDS or slug not in slugs:
            rel = staged_name(key)
            staged[rel] = stub(page)
            html[rel] = page
            continue
        known = keys.setdefault((kind, page.lang), {})
        number = known.setdefault((page.search, page.toc), len(known))
        heads.setdefault((kind, page.lang, number), page)
        framed.append(
            FramedPage(
                kind,
                slug,
                page.lang,
                page.title,
                page.html,
                FRAME_SLUG.format(number),
                page.description,
                page.structured,
            )
        )
    any_of_kind = {kind: value for (kind, _, _), value in heads.items()}
    frames: dict[str, Frame] = {}
    for kind in KINDS:
        count = max((len(keys.get((kind, lang), {})) for lang in languages), default=0)
        for number in range(count):
            slug = FRAME_SLUG.format(number)
            for lang in languages:
                # A language with fewer tables of contents still gets the frame (never used):
                # the theme's language links need the address to exist in every language.
                model = heads.get((kind, lang, number)) or any_of_kind[kind]
                text = front_matter(TITLE_MARK, model.search)
                frames[staged_name((lang, f"{kind}/{slug}"))] = Frame(
                    kind, slug, lang, text, model.toc
                )
    return Plan(staged, html, frames, framed)


def fill(frame_html: str, page: FramedPage) -> str:
    """The page as the theme would have written it: the frame with its marks filled in.

    The theme prints a page's title escaped once (the plugin hands it HTML-escaped text), in
    text and in attributes alike, so the title goes in escaped the same way."""
    head, mark, tail = frame_html.partition(CONTENT_MARK)
    if not mark or CONTENT_MARK in tail:
        raise FrameError(
            f"the frame {page.frame} holds its content mark {'twice' if mark else 'nowhere'}"
        )
    title = str(escape(page.title))
    head = head.replace(page.frame, page.slug).replace(TITLE_MARK, title)
    tail = tail.replace(page.frame, page.slug).replace(TITLE_MARK, title)
    # The head's description and structured data, as `heads.Heads.for_page` writes them.
    head = head.replace(DESCRIPTION_MARK, str(escape(page.description)))
    head = head.replace(STRUCTURED_MARK, ld_script(page.structured))
    return head + page.html + tail


class FrameError(Exception):
    """A frame the theme made does not have the marks this module fills in."""


def page_path(site: Path, urls: SiteUrls, lang: str, name: str) -> Path:
    """Where a page (`layanan/x`) of a language is written under the site folder."""
    return site / urls.page_file(lang, name)


def write_framed(site: Path, plan: Plan, urls: SiteUrls, session: BuildSession) -> int:
    """Read the frames the theme wrote, write every framed page from them, remove the frames.

    Returns how many pages were written (a page written before with the same text is skipped).
    A page this session wrote into `site` before and that is no longer planned (`serve`: its
    service was deleted or renamed) is removed. A preview remembers what each page was made
    from (its frame and its content: `session.framed`): a page whose frame and content are the
    same as last time is not filled in again (an edit to another service).
    """
    frame_html: dict[tuple[str, str, str], str] = {}
    for frame in plan.frames.values():
        path = page_path(site, urls, frame.lang, frame.name)
        try:
            frame_html[(frame.kind, frame.lang, frame.slug)] = path.read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise FrameError(f"the theme did not write the frame {frame.name} ({path})") from err
    done = session.framed
    languages = {frame.lang for frame in plan.frames.values()}
    folders = {lang: urls.folder(site, lang) for lang in languages}

    def target_of(page: FramedPage) -> str:
        # Plain strings, not Paths: this runs for every service page and poster.
        return f"{folders[page.lang]}{page.kind}/{page.slug}/index.html"

    def write_part(pages: list[FramedPage]) -> int:
        written = 0
        for page in pages:
            frame = frame_html[(page.kind, page.lang, page.frame)]
            target = target_of(page)
            made_from = (frame, page.html, page.description, page.structured)
            if done.remember and done.same_as_made(target, made_from):
                continue
            written += done.write(target, fill(frame, page).encode("utf-8"), made_from=made_from)
        return written

    # A session that remembers what it wrote (`serve`) writes here, where it keeps the record;
    # a one-shot build keeps nothing, so a big one fills and writes its pages in two processes.
    processes = 1 if done.remember else session.options.processes_for(len(plan.framed), FORK_FROM)
    parts = [plan.framed[i::processes] for i in range(processes)]
    written = sum(fork_map(write_part, parts))
    targets = {target_of(page) for page in plan.framed}
    gone = done.remove_unlisted(site, targets)
    frame_pages = [page_path(site, urls, f.lang, f.name) for f in plan.frames.values()]
    for path in [*map(Path, gone), *frame_pages]:
        path.unlink(missing_ok=True)
        try:
            os.rmdir(path.parent)
        except OSError:
            pass
    return written
