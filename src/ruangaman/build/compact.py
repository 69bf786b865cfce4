"""The theme's indentation out of every page (issue 16): Material's templates indent their
markup and leave the blank lines of their template tags, a tenth of a page gzipped.

A run of white space that holds a line break becomes one line break. A browser shows such a run
as one space (or a line break where white space is kept by lines, `pre-line`), so nothing a
reader sees changes; `<pre>`, `<textarea>`, `<script>` and `<style>` are left as they are, since
their white space is their content. A framed page's content is compacted alone and stripped,
which gives the bytes the theme's page gives (`tests/test_frames.py` compares them).
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


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
