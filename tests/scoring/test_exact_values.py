"""Indeks Pemdi (8/2026) keeps an assessor's value exactly as given: 1.265, 7/6; never below 1."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from spbe.scoring import Framework, LevelsFileError, ScoringError, read_levels, score
from spbe.scoring.numbers import exact_level_text, exact_level_value, parse_level_text


def pemdi_csv(f26: Framework, values: dict[str, str], default: str = "1") -> bytes:
    rows = ["indicator;level"] + [f"{i.code};{values.get(i.code, default)}" for i in f26.indicators]
    return ("\n".join(rows) + "\n").encode()


def test_an_aspect_scored_with_7_6_reproduces_the_exact_fraction(f26: Framework) -> None:
    a5 = [i.code for i in f26.indicators if i.aspect_code == "A5"]
    levels = read_levels(pemdi_csv(f26, dict.fromkeys(a5, "7/6")), f26)
    assert levels[a5[0]] == Fraction(7, 6)
    result = score(f26, levels)
    aspect = next(a for a in result.aspects if a.code == "A5")
    assert aspect.index == Fraction(7, 6)  # exact, not 1.17 nor 1.1666...
    assert str(aspect.index_rounded) == "1.17"
    # Aspect A5 weighs 10 of 100, the rest stays at 1: 1 + (7/6 - 1) x 10/100 = 61/60.
    assert result.index == Fraction(61, 60)
    assert str(result.index_rounded) == "1.02"


def test_more_than_two_decimals_are_kept(f26: Framework) -> None:
    levels = read_levels(pemdi_csv(f26, {"20": "1,265"}), f26)
    assert levels["20"] == Decimal("1.265")
    # Indicator 20 weighs 15: 1 + 0.265 x 15/100 = 1.03975.
    assert score(f26, levels).index == Fraction("1.03975")


def test_a_value_below_one_is_refused_naming_the_indicator_and_range(f26: Framework) -> None:
    with pytest.raises(LevelsFileError) as caught:
        read_levels(pemdi_csv(f26, {"3": "0,9"}), f26)
    message = caught.value.message("en")
    assert "indicator 3" in message and "0,9" in message and "from 1 to 5" in message
    assert "di bawah 1" in caught.value.message("id")
    with pytest.raises(ScoringError):
        score(f26, {i.code: (Decimal("0.9") if i.code == "3" else 1) for i in f26.indicators})


def test_a_fraction_over_zero_is_refused_with_a_message(f26: Framework) -> None:
    with pytest.raises(LevelsFileError) as caught:
        read_levels(pemdi_csv(f26, {"4": "7/0"}), f26)
    assert "row 5: indicator 4: the fraction 7/0 divides by zero" in caught.value.message("en")


def test_whole_level_frameworks_still_refuse_fractions_and_decimals(f59: Framework) -> None:
    rows = "indicator,level\n" + "".join(f"{i.code},{'7/6' if n == 0 else '3'}\n" for n, i in enumerate(f59.indicators))
    with pytest.raises(LevelsFileError):
        read_levels(rows.encode(), f59)
    with pytest.raises(ScoringError):
        score(f59, {i.code: Fraction(7, 2) if n == 0 else 3 for n, i in enumerate(f59.indicators)})


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("3", "3"), ("1,265", "1.265"), ("1.50", "1.5"), ("7/6", "7/6"), ("14/12", "7/6"), ("5/4", "1.25")],
)
def test_one_number_has_one_text(typed: str, canonical: str) -> None:
    value = parse_level_text(typed, decimal_comma=True)
    assert value is not None
    assert exact_level_text(value) == canonical
    assert Fraction(exact_level_value(canonical)) == Fraction(value)
