"""A level kept exactly as the assessor gave it: "3", "1.265" or "7/6" (ADR 0023).

Stored as its canonical text, so a value with more than two decimals or a fraction such as
7/6 (which no decimal column holds) survives a save unchanged. Read back as a ``Decimal``
with at least two places, as the decimal column gave before (Decimal("3.00")), or as a
``Fraction`` when the value is a fraction whose decimals never end.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from spbe.scoring.numbers import exact_level_text, exact_level_value, parse_level_text

LevelValue = Decimal | Fraction
LevelInput = Decimal | Fraction | int
_TWO_PLACES = Decimal("0.01")
MAX_LENGTH = 40  # a reduced fraction of two 15-digit numbers, or a decimal with 10 places


def level_value(value: LevelInput | str | None) -> LevelValue | None:
    """Any accepted level as the value the field gives back (Decimal("3.00"), Fraction(7, 6))."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_level_text(value, decimal_comma=False)
        if parsed is None:
            raise ValidationError(_("%(value)s is not a level.") % {"value": value}, code="invalid")
        value = parsed
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise ValidationError(_("%(value)s is not a level.") % {"value": value}, code="invalid")
    return _as_read(exact_level_value(exact_level_text(value)))


def _as_read(exact: LevelValue) -> LevelValue:
    """A decimal with fewer than two places gets two (Decimal("3.00")), as the decimal column gave."""
    if isinstance(exact, Decimal) and exact.as_tuple().exponent > -2:  # type: ignore[operator]
        return exact.quantize(_TWO_PLACES)
    return exact


def level_text(value: LevelInput | None) -> str | None:
    """A level as its canonical text, for storage and the audit trail ("3", "1.26", "7/6")."""
    if value is None:
        return None
    return exact_level_text(value)


class ExactLevelField(models.Field):  # type: ignore[type-arg]
    """A nullable level column holding the canonical exact text of the value."""

    description = _("Level (exact)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = MAX_LENGTH
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "CharField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> LevelValue | None:
        # The column only ever holds canonical text (written by ``get_prep_value``): read it directly.
        return None if value is None else _as_read(exact_level_value(value))

    def to_python(self, value: Any) -> LevelValue | None:
        return level_value(value)

    def get_prep_value(self, value: Any) -> str | None:
        return level_text(level_value(value))
