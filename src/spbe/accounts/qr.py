"""The QR code of an authenticator key, as inline SVG (drawn here by segno, nothing fetched)."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str) -> SafeString:
    svg = segno.make(text, error="m").svg_inline(scale=5, svgclass="qr", lineclass="qr-line")
    # segno writes the markup itself; the text is encoded as QR modules, never copied into it.
    return mark_safe(svg)
