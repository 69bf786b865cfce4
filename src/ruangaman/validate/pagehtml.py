"""What the HTML of a page written in docs/ may contain, checked on the HTML the build makes.

Editors write guides and pages in Markdown, and Markdown lets raw HTML through (and `attr_list`
lets `{ onclick=... }` add any attribute). So the check is on the *rendered* HTML, never on the
source text: each page is rendered with exactly the build's Markdown extensions, then read

1. by Python's HTML parser, element by element, against the allow-list below, which gives the
   editor a message naming the element, attribute or address (and the line: the shortest part
   of the page that still shows the problem is found by rendering ever shorter beginnings), and
2. by nh3 (the Ammonia sanitiser, html5ever's browser-grade parser) with the same allow-list:
   whatever it would remove, or parses differently from step 1, is refused too.

The build publishes nh3's output for these pages (`mkdocs_plugin.on_page_content`), after the
same check on the HTML MkDocs made: a page the allow-list would change is never published.

Rendering is bounded: a page larger than `MAX_PAGE_BYTES`, nested deeper than the limits, or
with more `[` in one block than `MAX_BRACKETS` is refused before rendering (Python-Markdown
takes minutes or overflows its stack on those), and every render runs in a worker process that
is stopped after `RENDER_SECONDS`.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import astuple, dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote

import nh3

from ruangaman.load.shape import EMAIL_RE
from ruangaman.load.yamlfile import FRONT_MATTER
from ruangaman.paths import address  # one rule for how a browser reads an address
from ruangaman.problems import Problem
from ruangaman.session import BuildSession
from ruangaman.text import FALLBACK_CLASSES, Interface, Msg

# The build's Markdown, exactly: `mkdocsconfig` refuses a mkdocs.yml that says otherwise.
EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")
# (the inner dict is compared with mkdocs.yml as loaded: `mkdocsconfig.exactly`)
EXTENSION_CONFIGS: Mapping[str, dict[str, Any]] = MappingProxyType({"toc": {"permalink": False}})

# --- the allow-list ----------------------------------------------------------------------------
# What Markdown makes (paragraphs, headings, lists, emphasis, code, quotes, rules, tables,
# links, images) and a few elements a well-written guide may need in raw HTML: <details> and
# <summary> for a question that opens, <abbr> for an abbreviation, <sup>/<sub>, <figure> with
# a caption, <dl> for terms, <span>/<div> with `lang` for a passage in another language.
# Not allowed, on purpose: scripts, styles, frames, forms and buttons, <object>/<embed>,
# <svg>/<math>, <base>, <meta>, <link>, <template>, <noscript>; and <audio>/<video>: a sound
# that plays on its own can give away a reader who hides the visit.
TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "span",
        "ul", "ol", "li", "dl", "dt", "dd",
        "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "cite", "q", "code", "kbd", "pre",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "a", "img", "figure", "figcaption", "details", "summary",
    }
)  # fmt: skip
GLOBAL_ATTRIBUTES = frozenset({"id", "lang", "dir", "title"})
ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType({
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    # The tables extension aligns columns with style="text-align: ...;" (and nothing else).
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "ol": frozenset({"start", "reversed"}),
    "details": frozenset({"open"}),
    # The notice staging puts on a page shown in the other language.
    "p": frozenset({"class", "role"}),
})  # fmt: skip
CLASSES = MappingProxyType({"p": frozenset(FALLBACK_CLASSES)})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
# Ids the theme and the site's scripts use: a page's own id must not take their place.
RESERVED_ID_PREFIXES = ("__", "ra-", "ra_", "md-", "md_", "pagefind")

_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,99}\Z")
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}\Z")
_NUMBER = re.compile(r"[0-9]{1,4}\Z")
_START = re.compile(r"-?[0-9]{1,6}\Z")
_ALIGN = re.compile(r"text-align: (left|right|center);\Z")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")

# What each attribute's value must be (the message `page_html_value` names the attribute).
VALUES: Mapping[str, Callable[[str], bool]] = MappingProxyType({
    "id": lambda v: bool(_ID.match(v)) and not v.lower().startswith(RESERVED_ID_PREFIXES),
    "lang": lambda v: bool(_LANG.match(v)),
    "dir": lambda v: v in ("ltr", "rtl", "auto"),
    "title": lambda v: len(v) <= 300,
    "alt": lambda v: len(v) <= 300,
    "width": lambda v: bool(_NUMBER.match(v)),
    "height": lambda v: bool(_NUMBER.match(v)),
    "colspan": lambda v: bool(_NUMBER.match(v)),
    "rowspan": lambda v: bool(_NUMBER.match(v)),
    "start": lambda v: bool(_START.match(v)),
    "scope": lambda v: v in ("row", "col", "rowgroup", "colgroup"),
    "reversed": lambda v: v in ("", "reversed"),
    "open": lambda v: v in ("", "open"),
    "style": lambda v: bool(_ALIGN.match(v)),  # only a table column's alignment
    "role": lambda v: v == "note",
    "class": lambda v: False,  # checked per element against CLASSES
})  # fmt: skip


def scheme_of(value: str) -> str | None:
    match = _SCHEME.match(address(value))
    return match.group(1).lower() if match else None


def link_ok(value: str) -> bool:
    """http(s), mailto, tel, sms, or an address on this site. A mailto: link holds one plain
    address and nothing else (`?bcc=`/`?body=`, a second address or headers would copy a
    reader's mail to someone else or write it for them)."""
    scheme = scheme_of(value)
    if scheme == "mailto":
        return bool(EMAIL_RE.match(unquote(address(value))[len("mailto:") :]))
    return scheme is None or scheme in LINK_SCHEMES


def image_ok(value: str) -> bool:
    """Only from this site: a relative path, never another host (`//host`, `/\\host`), never
    http(s) and never data: (a request to another site tells it every reader's address)."""
    seen = address(value).replace("\\", "/")
    return bool(seen) and scheme_of(seen) is None and not seen.startswith("//")


@dataclass(frozen=True)
class Finding:
    """One thing in a page's HTML outside the allow-list. `key` is the same however often the
    page is rendered, so the shortest beginning of the page that still shows it can be found."""

    code: str
    tag: str = ""
    attr: str = ""
    value: str = ""

    def params(self) -> dict[str, str]:
        return {"tag": self.tag, "attr": self.attr, "value": _short(self.value)}


def _short(text: str, limit: int = 80) -> str:
    text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attribute_finding(tag: str, attr: str, value: str | None) -> Finding | None:
    """What is wrong with one attribute of an allowed element, or None."""
    value = value or ""
    if attr not in GLOBAL_ATTRIBUTES and attr not in ATTRIBUTES.get(tag, ()):
        return Finding("page_html_attribute", tag, attr, value)
    if attr == "href":
        return None if link_ok(value) else Finding("bad_link", tag, attr, value)
    if attr == "src":
        return None if image_ok(value) else Finding("page_image_elsewhere", tag, attr, value)
    if attr == "class":
        tokens = value.split()
        if tokens and set(tokens) <= CLASSES.get(tag, frozenset()):
            return None
        return Finding("page_html_value", tag, attr, value)
    allowed = VALUES.get(attr)
    if allowed is not None and not allowed(value):
        return Finding("page_html_value", tag, attr, value)
    return None


# Elements that may be left open in HTML (their end is implied): not counted as nesting.
_IMPLIED_END = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "caption"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "param", "keygen"}
)  # fmt: skip
MAX_HTML_DEPTH = 64  # html5ever slows down by the square of the depth (100,000: 6 minutes)


class _Reader(html.parser.HTMLParser):
    """Every start tag, attribute and piece of text of a page, as Python's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.starts: list[tuple[str, tuple]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.starts.append((tag, tuple(sorted((k, v or "") for k, v in attrs))))
        if _SCHEME.match(tag):  # <vbscript:x>: an autolink Markdown leaves as a tag
            self.findings.append(Finding("bad_link", value=tag))
        elif tag not in TAGS:
            self.findings.append(Finding("page_html_element", tag))
        else:
            for attr, value in attrs:
                found = attribute_finding(tag, attr, value)
                if found:
                    self.findings.append(found)
        if tag not in _VOID and tag not in _IMPLIED_END:
            self.open.append(tag)
            self.depth = max(self.depth, len(self.open))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if self.open and self.open[-1] == tag and tag not in _VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.findings.append(Finding("page_html_comment", "!--", value=data[:40]))

    def handle_decl(self, decl: str) -> None:
        self.findings.append(Finding("page_html_element", "!" + decl.split(" ")[0][:20]))

    def unknown_decl(self, data: str) -> None:
        self.findings.append(Finding("page_html_element", "!" + data[:20]))

    def handle_pi(self, data: str) -> None:
        self.findings.append(Finding("page_html_element", "?" + data[:20]))


def _read(text: str) -> _Reader:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader


def _nh3_filter(removed: list[Finding]) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attr: str, value: str) -> str | None:
        found = attribute_finding(tag, attr, value)
        if found is not None:
            removed.append(found)
            return None
        return value

    return keep


def sanitise(text: str, removed: list[Finding] | None = None) -> str:
    """nh3 with the allow-list: what the build publishes for a page."""
    return nh3.clean(
        text,
        tags=set(TAGS),
        clean_content_tags=set(),  # every other element goes, its text stays (and is compared)
        attributes={tag: set(attrs - {"class"}) for tag, attrs in ATTRIBUTES.items()}
        | {"*": set(GLOBAL_ATTRIBUTES)},
        attribute_filter=_nh3_filter([] if removed is None else removed),
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        strip_comments=True,
        link_rel=None,
        url_schemes=set(LINK_SCHEMES),
    )


_SPACE = re.compile(r"\s+")


def examine_html(text: str) -> tuple[list[Finding], str | None]:
    """Everything in `text` outside the allow-list, and (when nothing is) nh3's output."""
    reader = _read(text)
    findings = list(dict.fromkeys(reader.findings))
    if reader.depth > MAX_HTML_DEPTH:
        return [*findings, Finding("page_too_deep", value=str(reader.depth))], None
    removed: list[Finding] = []
    clean = sanitise(text, removed)
    findings += [f for f in dict.fromkeys(removed) if f not in findings]
    if findings:
        return findings, None
    # Defence in depth: html5ever read the page as Python's parser did, and removed nothing.
    after = _read(clean)
    before_text = _SPACE.sub("", "".join(reader.text))
    after_text = _SPACE.sub("", "".join(after.text))
    missing = _missing(reader.starts, after.starts)
    if missing or before_text != after_text:
        what = f"<{missing[0][0]}>" if missing else _short(_difference(before_text, after_text))
        return [Finding("page_html_changed", value=what)], None
    return [], clean


def _missing(before: list, after: list) -> list:
    left = list(after)
    out = []
    for start in before:
        if start in left:
            left.remove(start)
        else:
            out.append(start)
    return out


def _difference(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[max(0, i - 10) : i + 30]


def render_markdown(text: str) -> str:
    import markdown

    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return md.convert(text)


# --- refused before rendering ------------------------------------------------------------------
MAX_PAGE_BYTES = 100 * 1024  # the longest shipped guide is 5 KB
MAX_CONTAINER_DEPTH = 16  # quotes and lists inside each other, on one line
MAX_SOURCE_HTML_DEPTH = 32  # <div markdown> inside each other
MAX_BRACKETS = 400  # `[` in one block: Python-Markdown's time grows with their square
RENDER_SECONDS = 5.0
LOCATE_SECONDS = 10.0
START_SECONDS = 120.0  # starting the worker (Python, Markdown, nh3) on a very busy machine
MAX_LOCATED = 10

_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))")


def container_depth(line: str) -> int:
    """How deep a line nests quotes and lists: markers at its start, and 4 columns of indent."""
    depth, pos = 0, 0
    columns = 0
    for ch in line:
        if ch == " ":
            columns += 1
        elif ch == "\t":
            columns += 4 - columns % 4
        else:
            break
    while True:
        match = _CONTAINER.match(line, pos)
        if not match or match.end() == pos:
            break
        depth += 1
        pos = match.end()
    return depth + columns // 4


def precheck(body: str) -> tuple[str, int | None, dict] | None:
    """(code, line within body (1-based), params) of the first thing that cannot be rendered
    within bounds, or None."""
    size = len(body.encode("utf-8"))
    if size > MAX_PAGE_BYTES:
        return "page_too_big", None, {"size": size // 1024, "limit": MAX_PAGE_BYTES // 1024}
    lines = body.split("\n")
    brackets, block_start = 0, 1
    for number, line in enumerate(lines, 1):
        if not line.strip():
            brackets, block_start = 0, number + 1
            continue
        if container_depth(line) > MAX_CONTAINER_DEPTH:
            return "page_too_deep", number, {"limit": MAX_CONTAINER_DEPTH}
        brackets += line.count("[")
        if brackets > MAX_BRACKETS:
            return "page_too_many_brackets", block_start, {"limit": MAX_BRACKETS}
    depth, line = _source_html_depth(body)
    if depth > MAX_SOURCE_HTML_DEPTH:
        return "page_too_deep", line, {"limit": MAX_SOURCE_HTML_DEPTH}
    return None


class _Depth(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.deepest = (0, None)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID or tag in _IMPLIED_END:
            return
        self.open.append(tag)
        if len(self.open) > self.deepest[0]:
            self.deepest = (len(self.open), self.getpos()[0])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def _source_html_depth(body: str) -> tuple[int, int | None]:
    reader = _Depth()
    reader.feed(body)
    reader.close()
    return reader.deepest


# --- rendering in a worker process with a deadline ---------------------------------------------
@dataclass
class Job:
    """One page to render: `head` + the first n `lines` of the body + `tail` (a page shown in
    the other language is wrapped by staging; see `fallback_page`)."""

    lines: list[str]
    head: str = ""
    tail: str = ""

    def text(self, n: int | None = None) -> str:
        return self.head + "".join(self.lines if n is None else self.lines[:n]) + self.tail


def _findings_of(job: Job, n: int | None = None) -> list[Finding]:
    try:
        return examine_html(render_markdown(job.text(n)))[0]
    except RecursionError:
        return [Finding("page_too_deep", value="")]


def _locate(job: Job, finding: Finding) -> int | None:
    """The first line of the body whose beginning, up to it, shows `finding` when rendered."""
    low, high = 1, len(job.lines)
    if finding not in _findings_of(job, high):
        return None
    while low < high:
        middle = (low + high) // 2
        if finding in _findings_of(job, middle):
            high = middle
        else:
            low = middle + 1
    return low


def serve_stdio() -> None:  # pragma: no cover - runs in the worker process
    """The worker: one JSON job a line on stdin, two JSON answers a line on stdout."""
    try:
        import resource

        limit = 2 * 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    out = sys.stdout
    import markdown  # noqa: F401 - loaded before saying ready, so no page's time pays for it

    out.write(json.dumps("ready") + "\n")
    out.flush()
    for line in sys.stdin:
        asked = json.loads(line)
        job = Job(asked["lines"], asked["head"], asked["tail"])
        try:
            findings = _findings_of(job)
        except MemoryError:
            findings = [Finding("page_too_slow")]
        out.write(json.dumps([astuple(f) for f in findings]) + "\n")
        out.flush()
        lines = [_locate(job, f) for f in findings[:MAX_LOCATED]]
        out.write(json.dumps(lines) + "\n")
        out.flush()


class _Worker:
    """One long-lived Python process that renders pages (started with the same interpreter,
    not forked: safe from `serve`'s threads, and it never runs the caller's main script);
    stopped and started again after a page that does not finish in time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.buffer = b""
        self.ready = False

    def _start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from ruangaman.validate.pagehtml import serve_stdio; serve_stdio()",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.buffer = b""
        self.ready = False

    def warm(self) -> None:
        """Start the worker now, without waiting for it: it loads while the caller works."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.stop()
                self._start()

    def close(self) -> None:
        """Stop the worker for good (`BuildSession.close`)."""
        with self.lock:
            self.stop()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
        self.process = None

    def _answer(self, seconds: float) -> Any:
        """The next line the worker writes, as JSON; None when it takes longer than `seconds`."""
        assert self.process is not None and self.process.stdout is not None
        deadline = time.monotonic() + seconds
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def run(self, job: Job) -> tuple[list[Finding], list[int | None]]:
        """The page's findings and their lines (None where not found in time)."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.stop()
                self._start()
            assert self.process is not None and self.process.stdin is not None
            try:
                # A page's deadline starts once the worker is ready: a slow start (a busy
                # machine) must never make a good page look too slow to render.
                if not self.ready:
                    if self._answer(START_SECONDS) != "ready":
                        self.stop()
                        return [Finding("page_too_slow")], [None]
                    self.ready = True
                asked = {"lines": job.lines, "head": job.head, "tail": job.tail}
                self.process.stdin.write(json.dumps(asked).encode() + b"\n")
                self.process.stdin.flush()
                found = self._answer(RENDER_SECONDS)
                if found is None:
                    self.stop()
                    return [Finding("page_too_slow")], [None]
                findings = [Finding(*f) for f in found]
                lines = self._answer(LOCATE_SECONDS)
                if lines is None:
                    self.stop()
                    lines = []
            except (EOFError, OSError, ValueError):
                self.stop()
                return [Finding("page_too_slow")], [None]
            return findings, lines + [None] * (len(findings) - len(lines))


def page_worker(session: BuildSession) -> _Worker:
    """The session's page renderer, made the first time it is asked for (not started: `warm`
    starts it, `run` does when it must). `session.close()` stops it."""
    if session.page_worker is None:
        session.page_worker = _Worker()
    return session.page_worker


def examine_page(
    rel: str,
    body: str,
    body_line: int,
    head: str = "",
    tail: str = "",
    note: str = "",
    *,
    worker: _Worker,
) -> list[Problem]:
    """Every problem of one page's rendered HTML (`body` as MkDocs renders it, after the front
    matter; `head`/`tail` wrap it as staging does), located in the file `rel`. `worker` renders
    it (`page_worker(session)`)."""
    early = precheck(body)
    if early is not None:
        code, line, params = early
        where = None if line is None else body_line + line - 1
        return [Problem(code, rel, line=where, params=params)]
    job = Job(body.splitlines(keepends=True), head, tail)
    findings, lines = worker.run(job)
    problems = []
    for finding, line in zip(findings, lines + [None] * len(findings), strict=False):
        params = finding.params()
        if finding.code in ("page_too_slow", "page_too_deep"):
            params = {"seconds": int(RENDER_SECONDS), "limit": MAX_HTML_DEPTH}
        params["note"] = Msg("parts.in_fallback_page") if note == "fallback" else ""
        where = None if line is None else body_line + line - 1
        problems.append(Problem(finding.code, rel, line=where, params=params))
    return problems


_BODY = "\x00ra-body\x00"


def fallback_page(
    source_text: str, from_lang: str, to_lang: str, interface: Interface | None = None
) -> str:
    """The page in `from_lang`, staged for `to_lang` with a notice and the right `lang`.

    Here, not in `build.staging` which stages it, because the check examines exactly this
    page (`examine_fallback`), and validate may not import build."""
    match = FRONT_MATTER.match(source_text)
    front, body = (match.group(0), source_text[match.end() :]) if match else ("", source_text)
    notice = (interface or Interface.packaged()).fallback_notice(to_lang, whole_page=True)
    return f'{front}\n\n{notice}\n\n<div lang="{from_lang}" markdown>\n\n{body.strip()}\n\n</div>\n'


def fallback_wrapping(main: str, other: str, interface: Interface | None = None) -> tuple[str, str]:
    """What staging puts before and after a page's body to show it in `other` (the Markdown
    MkDocs renders, after the front matter)."""
    made = fallback_page("---\n---\n" + _BODY, main, other, interface)
    head, tail = made.split(_BODY)
    return head.removeprefix("---\n---"), tail


def examine_fallback(
    page: Any, main: str, other: str, *, worker: _Worker, interface: Interface | None = None
) -> list[Problem]:
    """The page staging makes of `page` for `other` (it has no version of its own there)."""
    head, tail = fallback_wrapping(main, other, interface)
    body = page.body.strip()
    skipped = page.body[: len(page.body) - len(page.body.lstrip())].count("\n")
    return examine_page(
        page.rel, body, page.body_line + skipped, head, tail, note="fallback", worker=worker
    )
