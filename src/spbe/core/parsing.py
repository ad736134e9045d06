"""Small, strict parsers for what people type into query strings, forms and spreadsheets."""

from __future__ import annotations


def whole_number(text: str | None, *, minimum: int, maximum: int) -> int | None:
    """An ASCII whole number within [minimum, maximum], else None ("²" or "1e9" are not numbers here)."""
    if not text:
        return None
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 12:
        return None
    value = int(cleaned)
    return value if minimum <= value <= maximum else None


def normalise_text(text: str) -> str:
    """One form for text from browsers (CRLF), spreadsheets (CR) and files: LF line ends, no outer blanks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
