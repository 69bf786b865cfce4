"""The "shown in Indonesian" notice: its text and its markup, defined once.

Two places show it: render, on a data page where some text fell back to the main language,
and staging, on a whole page that has no version in the reader's language (`pagehtml` checks
that page as staging makes it). Both take the notice from here, so readers see one notice.
"""

from __future__ import annotations

from markupsafe import escape

from ruangaman.text import strings

# The classes the notice carries (the page checker allows exactly these on a <p>).
FALLBACK_CLASSES = ("ra-notice", "ra-notice--fallback")


def fallback_notice(lang: str, whole_page: bool = False) -> str:
    """The notice in `lang`: for a page shown whole in another language, or for parts of it."""
    text = strings(lang)["page_fallback_notice" if whole_page else "fallback_notice"]
    return f'<p class="{" ".join(FALLBACK_CLASSES)}" role="note">{escape(text)}</p>'
