"""QR codes for printed posters: an SVG drawn at build time with segno, no request to anyone."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(address: str, title: str = "") -> Markup:
    """An inline SVG QR code that opens `address` (error correction M survives a crease)."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=4, border=4, title=title or None, svgclass="ra-qr", lineclass=None)
    # A viewBox as well as its size, so the stylesheet's width (45 mm, 60 mm in print) scales the
    # drawing, not only the box around it.
    width, height = code.symbol_size(scale=4, border=4)
    svg = svg.replace("<svg ", f'<svg viewBox="0 0 {width} {height}" ', 1)
    return Markup(svg)  # segno writes the SVG and escapes `title` itself (test_trust_everywhere)
