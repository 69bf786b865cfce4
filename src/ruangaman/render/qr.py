"""QR codes for printed posters: an SVG drawn at build time with segno, no request to anyone."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(address: str, title: str = "") -> Markup:
    """An inline SVG QR code that opens `address` (error correction M survives a crease)."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=4, border=4, title=title or None, svgclass="ra-qr", lineclass=None)
    return Markup(
        svg
    )  # segno writes the SVG and escapes `title` itself (tested: test_trust_everywhere)
