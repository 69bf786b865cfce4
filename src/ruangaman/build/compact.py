"""The theme's indentation out of every page (issue 16): Material's templates indent their
markup and leave the blank lines of their template tags, a tenth of a page gzipped.

In the theme's part of a page, a run of spaces, tabs and line breaks that holds a line break
becomes one line break. A browser shows such a run as one space (or a line break where white
space is kept by lines, `pre-line`), so nothing a reader sees changes; `<pre>`, `<textarea>`,
`<script>` and `<style>` are left as they are, since their white space is their content. The
page's content (between the marks the plugin puts around it in `on_page_content`) is left as
it was made: a framed page's content is filled into a compacted frame, and gives the same bytes
as the theme's page (`tests/test_frames.py`), without reading the content of 31,000 pages
again.
"""

from __future__ import annotations

import re
import secrets

_NONCE = secrets.token_hex(8)
CONTENT_START = f"<!--ra-content-{_NONCE}-->"
CONTENT_END = f"<!--/ra-content-{_NONCE}-->"
_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\f\n]*")


def marked_content(html: str) -> str:
    """A page's content between the marks `compact_page` keeps it by."""
    return f"{CONTENT_START}{html}{CONTENT_END}"


def compact_page(page: str) -> str:
    """A page the theme wrote, its own part compacted and the content (if marked) as it was."""
    before, start, rest = page.partition(CONTENT_START)
    if not start:
        return compact_html(page)
    content, end, after = rest.partition(CONTENT_END)
    return compact_html(before) + content + compact_html(after)


def compact_html(html: str) -> str:
    """`html` with every white-space run that holds a line break made one line break, outside
    the elements whose white space is content."""
    parts = _KEPT.split(html)
    # split() gives text, then for each kept element its whole text and its tag name.
    out = []
    for i in range(0, len(parts), 3):
        out.append(_LINE_BREAK_RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
