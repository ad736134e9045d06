"""Exact numbers: parsing weights and values, and half-up rounding for display."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

# ASCII digits only: Arabic-Indic or full-width digits are refused everywhere alike.
_DECIMAL_TEXT = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")
_FRACTION_TEXT = re.compile(r"^[0-9]+(?:\.[0-9]+)?/[0-9]+(?:\.[0-9]+)?$")
MAX_INTEGER_DIGITS = 15  # up to 999 trillion: any cost or level a person types, within Decimal's precision
MAX_FRACTION_DIGITS = 10


def parse_weight(text: object) -> Fraction:
    """Parse a weight written as an exact decimal ("2.75") or a fraction ("20/6").

    Raises ``ValueError`` for anything else, including binary floats, which
    would carry rounding error into the index.
    """
    if isinstance(text, (bool, float)):
        raise ValueError(f'weight {text!r} must be written as text, e.g. "2.75" or "20/6"')
    if isinstance(text, int):
        return Fraction(text)
    if not isinstance(text, str):
        raise ValueError(f"weight {text!r} is not a number")
    cleaned = text.strip()
    if _FRACTION_TEXT.match(cleaned):
        numerator, denominator = cleaned.split("/")
        if Fraction(denominator) == 0:
            raise ValueError(f"weight {text!r} divides by zero")
        return Fraction(numerator) / Fraction(denominator)
    if _DECIMAL_TEXT.match(cleaned) and "," not in cleaned:
        return Fraction(cleaned)
    raise ValueError(f"weight {text!r} is not an exact decimal or fraction")


def parse_decimal_text(text: str, *, decimal_comma: bool) -> Decimal | None:
    """Parse a level typed by a person; ``None`` when it is not a number.

    With ``decimal_comma`` a comma is read as the decimal separator, as in
    Indonesian spreadsheets ("1,26"); a point is always accepted. Only ASCII digits
    count, and at most ``MAX_INTEGER_DIGITS`` before and ``MAX_FRACTION_DIGITS`` after
    the separator (see ``decimal_text_too_long``), so exact arithmetic never overflows.
    """
    cleaned = text.strip()
    if not _DECIMAL_TEXT.match(cleaned) or decimal_text_too_long(cleaned):
        return None
    cleaned = cleaned.lstrip("+")
    if "," in cleaned:
        if not decimal_comma:
            return None
        cleaned = cleaned.replace(",", ".")
    return Decimal(cleaned)


_EXACT_FRACTION_TEXT = re.compile(r"^\s*\+?([0-9]{1,15})\s*/\s*([0-9]{1,15})\s*$")


class ZeroDenominatorError(ValueError):
    """A fraction typed with a zero denominator ("7/0")."""


def parse_level_text(text: str, *, decimal_comma: bool) -> Decimal | Fraction | None:
    """Parse a level that may be an exact fraction ("7/6") as well as a decimal ("1,265").

    Returns a ``Fraction`` for a fraction, a ``Decimal`` for a decimal and ``None`` when the
    text is neither; raises ``ZeroDenominatorError`` for a fraction such as "7/0".
    """
    match = _EXACT_FRACTION_TEXT.match(text)
    if match:
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if denominator == 0:
            raise ZeroDenominatorError(text.strip())
        return Fraction(numerator, denominator)
    return parse_decimal_text(text, decimal_comma=decimal_comma)


def exact_level_text(value: Decimal | Fraction | int) -> str:
    """The canonical text of an exact level: "3", "1.265", or a reduced fraction "7/6".

    A fraction whose decimal expansion ends is written as that decimal (5/4 -> "1.25"), so
    one number has one text whatever way it was typed.
    """
    exact = Fraction(value)
    if exact.denominator == 1:
        return str(exact.numerator)
    if _terminates(exact):
        decimal = (Decimal(exact.numerator) / Decimal(exact.denominator)).normalize()
        return format(decimal, "f")
    return f"{exact.numerator}/{exact.denominator}"


def exact_level_value(text: str) -> Decimal | Fraction:
    """Read a canonical level text back: a ``Decimal`` unless it is a fraction."""
    if "/" in text:
        numerator, denominator = text.split("/")
        return Fraction(int(numerator), int(denominator))
    return Decimal(text)


def decimal_text_too_long(text: str) -> bool:
    """True for a well-formed number with more digits than ``parse_decimal_text`` accepts."""
    cleaned = text.strip()
    if not _DECIMAL_TEXT.match(cleaned):
        return False
    whole, _sep, fraction = cleaned.lstrip("+-").replace(",", ".").partition(".")
    return len(whole.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS


def hundredths_half_up(numerator: int, denominator: int) -> int:
    """Round the non-negative ratio numerator/denominator to hundredths, half up.

    Returns an integer count of hundredths (2.635 -> 264).
    """
    if denominator <= 0 or numerator < 0:
        raise ValueError("only non-negative ratios with a positive denominator are rounded")
    return (200 * numerator + denominator) // (2 * denominator)


def round_half_up(value: Fraction | int, places: int = 2) -> Decimal:
    """Round an exact non-negative number half-up to ``places`` decimals, for display."""
    exact = Fraction(value)
    scale = 10**places
    scaled = exact * scale
    units = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(units).scaleb(-places)


def hundredths_to_decimal(units: int) -> Decimal:
    return Decimal(units).scaleb(-2)


def format_number(value: Fraction | Decimal | int) -> str:
    """Show an exact number without needless zeros ("2.5", "20/6" -> "3.333...")."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        decimal = Decimal(value.numerator) / Decimal(value.denominator)
        return format(decimal.normalize(), "f") if _terminates(value) else str(round_half_up(value, 4))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


def display_decimal(value: Fraction, places: int = 2) -> Decimal:
    """An exact Decimal when the number terminates (16.5), else rounded half-up (20/6 -> 3.33)."""
    if _terminates(value):
        return (Decimal(value.numerator) / Decimal(value.denominator)).normalize()
    return round_half_up(value, places)


def _terminates(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1
