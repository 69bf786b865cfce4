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
both ways and compares every file). Nothing here knows about MkDocs: a frame is just HTML.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import escape

from ruangaman.paths import SiteUrls
from ruangaman.render import Heading, page_html
from ruangaman.session import BuildSession, Memo

# The marks are new in every process: content is written before the build starts, so no name,
# title or hotline shown in a frame's header, navigation or strip can hold them (a guide titled
# with a fixed mark would put a second content mark into every frame's navigation). Letters,
# digits, dashes and underscores only: escaping leaves them as they are.
_NONCE = secrets.token_hex(8)
TITLE_MARK = f"RA-FRAME-TITLE-{_NONCE}"
CONTENT_MARK = f"RA-FRAME-CONTENT-{_NONCE}"
# An underscore can never start a service's slug (structure.SLUG_RE): "ra_frame_<nonce>_0_"
FRAME_SLUG = f"ra_frame_{_NONCE}_{{}}_"
# The kinds of page written from frames: `layanan/<slug>` and `cetak/layanan/<slug>`.
KINDS = ("layanan", "cetak/layanan")
_TITLE_LINE = re.compile(r"^title: (.*)\n", re.M)


@dataclass
class FramedPage:
    """A page written from a frame: where it goes, its title, its table of contents and HTML."""

    kind: str
    slug: str
    lang: str
    title: str
    html: str
    frame: str = ""  # the frame's slug, e.g. "ra_frame_<nonce>_0_"


@dataclass
class Frame:
    """One frame page to build with the theme: its staged file and its table of contents."""

    kind: str
    slug: str
    lang: str
    text: str  # the staged Markdown file: front matter with the title mark, content mark
    headings: list[Heading] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.slug}"


@dataclass
class Plan:
    """What to stage (ordinary pages and frames) and what to write from the frames afterwards."""

    staged: dict[str, str]
    frames: dict[str, Frame]  # staged file ("layanan/ra_frame_<nonce>_0_.id.md") -> frame
    framed: list[FramedPage]


def plan_frames(
    pages: dict[str, str],
    slugs: set[str],
    languages: list[str],
    session: BuildSession | None = None,
) -> Plan:
    """Split rendered pages (`"layanan/x.id.md" -> text`) into pages to stage and framed pages.

    A service page or poster is framed when its body is plain data HTML (`render.page_html`
    can make it without Markdown) and its front matter holds a one-line title; anything else
    is staged and built as before. Frames are made for every language, so the theme's
    language links find the same address in each. In a preview (`serve`), pages whose text is
    the same as in the last build are not taken apart again (`session.frame_splits`).
    """
    splits = session.frame_splits if session is not None else None
    staged: dict[str, str] = {}
    framed: list[FramedPage] = []
    keys: dict[tuple[str, str], dict[tuple, int]] = {}  # (kind, lang) -> frame key -> number
    heads: dict[tuple[str, str, int], tuple[str, list[Heading]]] = {}
    for rel, text in pages.items():
        page = _split(rel, text, slugs, splits)
        if page is None:
            staged[rel] = text
            continue
        kind, slug, lang, title, html, front_rest, headings = page
        found = FramedPage(kind, slug, lang, title, html)
        known = keys.setdefault((found.kind, found.lang), {})
        key = (front_rest, tuple((h.level, h.id, h.text) for h in headings))
        number = known.setdefault(key, len(known))
        heads[(found.kind, found.lang, number)] = (front_rest, headings)
        found.frame = FRAME_SLUG.format(number)
        framed.append(found)
    any_of_kind = {kind: value for (kind, _, _), value in heads.items()}
    frames: dict[str, Frame] = {}
    for kind in KINDS:
        count = max((len(keys.get((kind, lang), {})) for lang in languages), default=0)
        for number in range(count):
            slug = FRAME_SLUG.format(number)
            for lang in languages:
                # A language with fewer tables of contents still gets the frame (never used):
                # the theme's language links need the address to exist in every language.
                front_rest, headings = heads.get((kind, lang, number)) or any_of_kind[kind]
                text = f"---\ntitle: {TITLE_MARK}\n{front_rest}---\n\n{CONTENT_MARK}\n"
                frames[f"{kind}/{slug}.{lang}.md"] = Frame(kind, slug, lang, text, headings)
    return Plan(staged, frames, framed)


def _split(rel: str, text: str, slugs: set[str], splits: Memo | None) -> tuple | None:
    """`_framed_page`, from the session's memo when the page's text is unchanged. The memo is
    keyed on Python's hash of the text (kept with the string: nothing to compute for a page
    the renderer gave unchanged) and the text itself is compared before a value is reused, so
    a hash collision can only cost a split, never give a wrong page."""
    if splits is None or not splits.enabled:
        return _framed_page(rel, text, slugs)
    key_digest = hash(text).to_bytes(8, "big", signed=True)
    kept = splits.get(rel, key_digest, lambda: (text, _framed_page(rel, text, slugs)))
    if kept[0] != text:
        splits.forget(rel)
        kept = splits.get(rel, key_digest, lambda: (text, _framed_page(rel, text, slugs)))
    return kept[1]


def _framed_page(rel: str, text: str, slugs: set[str]) -> tuple | None:
    """(kind, slug, lang, title, html, front matter without the title, headings) or None."""
    stem, _, ext = rel.rpartition(".")
    name, _, lang = stem.rpartition(".")
    kind, _, slug = name.rpartition("/")
    if ext != "md" or kind not in KINDS or slug not in slugs or not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    front, body = text[4 : end + 1], text[end + 5 :]
    match = _TITLE_LINE.search(front)
    if match is None:
        return None
    title = _title(match.group(1))
    converted = page_html(body)
    if not isinstance(title, str) or converted is None:
        return None
    front_rest = front[: match.start()] + front[match.end() :]
    html, headings = converted
    return kind, slug, lang, title, html, front_rest, headings


_QUOTED = re.compile(r'"((?:[^"\\\n]|\\["\\])*)"')


def _title(value: str) -> object:
    """The title as YAML reads it; quickly for the quoting `render` writes (`"a \\"b\\""`)."""
    quoted = _QUOTED.fullmatch(value)
    if quoted is not None:
        return re.sub(r"\\(.)", r"\1", quoted.group(1))
    return yaml.safe_load(value)


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
    written = 0
    targets: set[str] = set()
    done = session.framed
    languages = {frame.lang for frame in plan.frames.values()}
    folders = {lang: urls.folder(site, lang) for lang in languages}
    for page in plan.framed:
        frame = frame_html[(page.kind, page.lang, page.frame)]
        # Plain strings, not Paths: this loop runs for every service page and poster.
        target = f"{folders[page.lang]}{page.kind}/{page.slug}/index.html"
        targets.add(target)
        made_from = (frame, page.html)
        if done.remember and done.same_as_made(target, made_from):
            continue
        html = fill(frame, page)
        written += done.write(target, html.encode("utf-8"), made_from=made_from)
    gone = done.remove_unlisted(site, targets)
    frame_pages = [page_path(site, urls, f.lang, f.name) for f in plan.frames.values()]
    for path in [*map(Path, gone), *frame_pages]:
        path.unlink(missing_ok=True)
        try:
            os.rmdir(path.parent)
        except OSError:
            pass
    return written
