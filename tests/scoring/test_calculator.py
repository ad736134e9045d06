"""The index engine: exact, half-up at presentation, and complete or nothing."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe.scoring import Framework, ScoringError, all_frameworks, read_levels_path, score
from spbe.scoring.numbers import round_half_up

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def levels_from_digits(framework: Framework, digits: str) -> dict[str, int]:
    assert len(digits) == len(framework.indicators)
    return {indicator.code: int(d) for indicator, d in zip(framework.indicators, digits, strict=True)}


def allowed_value(framework: Framework) -> st.SearchStrategy[Decimal]:
    rule = framework.values
    return st.integers(rule.minimum * rule.scale, rule.maximum * rule.scale).map(
        lambda units: Decimal(units).scaleb(-rule.decimals)
    )


@st.composite
def assessments(draw: st.DrawFn) -> tuple[Framework, dict[str, Decimal]]:
    framework = draw(st.sampled_from(all_frameworks()))
    values = {i.code: draw(allowed_value(framework)) for i in framework.indicators}
    return framework, values


def reference_index(framework: Framework, levels: dict[str, Decimal]) -> Fraction:
    """The ministry's formula written the slow, obvious way, with Fractions."""
    total = sum((Fraction(levels[i.code]) * i.weight for i in framework.indicators), Fraction(0))
    return total / 100


# ---- published-style rounding ------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "exact", "shown", "predicate"),
    [
        # sum(level x weight) is exactly 263.5: half-up gives 2.64 (banker's rounding would give 2.64 too,
        # float formatting of 2.635 gives 2.63)
        ("33333323434323333222323432232233233233223222323", "2.635", "2.64", "Baik"),
        # exactly 2.675: float(2.675) is 2.67499..., which rounds the wrong way
        ("33333224432332223224333223332323322333223333422", "2.675", "2.68", "Baik"),
        # exactly 3.495 rounds to 3.50, and the predicate is read from the rounded figure
        ("33434344434334443334443344344343334434433433344", "3.495", "3.50", "Sangat Baik"),
        # exactly 2.595 rounds to 2.60, the lowest figure of Baik
        ("22323223333333223332322322232333333323233323222", "2.595", "2.60", "Baik"),
    ],
)
def test_half_up_rounding_at_the_boundary(f59: Framework, digits: str, exact: str, shown: str, predicate: str) -> None:
    result = score(f59, levels_from_digits(f59, digits))
    assert result.index == Fraction(exact)
    assert str(result.index_rounded) == shown
    assert result.predicate.name == predicate


def test_aspect_index_is_rounded_half_up(f59: Framework) -> None:
    levels = {i.code: 3 for i in f59.indicators}
    # A5 has 8 indicators of equal weight: levels summing to 21 give exactly 2.625
    for code, level in zip(["21", "22", "23", "24", "25", "26", "27", "28"], [3, 3, 3, 3, 3, 2, 2, 2], strict=True):
        levels[code] = level
    a5 = next(a for a in score(f59, levels).aspects if a.code == "A5")
    assert a5.index == Fraction("2.625")
    assert str(a5.index_rounded) == "2.63"


def test_the_sukamaju_2022_example_scores_2_75(f59: Framework) -> None:
    result = score(f59, read_levels_path(EXAMPLES / "sukamaju-2022.csv", f59))
    assert str(result.index_rounded) == "2.75"
    assert result.predicate.name == "Baik"
    assert {d.code: str(d.index_rounded) for d in result.domains} == {
        "D1": "3.00",
        "D2": "2.50",
        "D3": "2.09",
        "D4": "3.05",
    }


def test_fractional_values_under_8_2026(f26: Framework) -> None:
    levels = {i.code: Decimal(1) for i in f26.indicators}
    levels["20"] = Decimal("1.1")  # weight 15: adds 1.5 to the weighted sum of 100
    result = score(f26, levels)
    assert result.index == Fraction("1.015")
    assert str(result.index_rounded) == "1.02"
    assert result.predicate.name == "Kurang"
    assert result.domains == ()


# ---- properties ----------------------------------------------------------------------------


@given(framework=st.sampled_from(all_frameworks()), data=st.data())
def test_every_indicator_at_level_k_gives_k_everywhere(framework: Framework, data: st.DataObject) -> None:
    k = data.draw(st.integers(framework.values.minimum, framework.values.maximum))
    result = score(framework, {i.code: k for i in framework.indicators})
    assert result.index == k
    assert all(group.index == k for group in (*result.aspects, *result.domains))


@given(case=assessments())
def test_engine_equals_the_plain_formula(case: tuple[Framework, dict[str, Decimal]]) -> None:
    framework, levels = case
    result = score(framework, levels)
    assert result.index == reference_index(framework, levels)
    assert result.index_rounded == round_half_up(reference_index(framework, levels))
    for aspect, spec in zip(result.aspects, framework.aspects, strict=True):
        expected = sum((Fraction(levels[i.code]) * i.weight for i in spec.indicators), Fraction(0)) / spec.weight
        assert aspect.index == expected


@given(case=assessments(), data=st.data())
def test_raising_one_level_never_lowers_any_index(
    case: tuple[Framework, dict[str, Decimal]], data: st.DataObject
) -> None:
    framework, levels = case
    code = data.draw(st.sampled_from([i.code for i in framework.indicators]))
    step = Decimal(1).scaleb(-framework.values.decimals)
    if levels[code] + step > framework.values.maximum:
        return
    before = score(framework, levels)
    after = score(framework, {**levels, code: levels[code] + step})
    assert after.index > before.index
    assert after.index_rounded >= before.index_rounded
    for old, new in zip(before.aspects, after.aspects, strict=True):
        assert new.index >= old.index
    for old, new in zip(before.domains, after.domains, strict=True):
        assert new.index >= old.index


@given(case=assessments())
def test_results_stay_within_the_value_range(case: tuple[Framework, dict[str, Decimal]]) -> None:
    framework, levels = case
    result = score(framework, levels)
    low, high = framework.values.minimum, framework.values.maximum
    for value in (result.index, *(g.index for g in (*result.aspects, *result.domains))):
        assert low <= value <= high
    assert low <= result.index_rounded <= high
    bands = [band.name for band in framework.predicates]
    assert result.predicate.name in bands


@settings(max_examples=200)
@given(case=assessments())
def test_weighted_domains_recompose_the_index(case: tuple[Framework, dict[str, Decimal]]) -> None:
    framework, levels = case
    result = score(framework, levels)
    groups = result.domains or result.aspects
    assert sum((g.index * g.weight for g in groups), Fraction(0)) / 100 == result.index


# ---- refusals ------------------------------------------------------------------------------


def test_errors_name_every_offending_code(f59: Framework) -> None:
    levels: dict[str, object] = {i.code: 3 for i in f59.indicators}
    del levels["5"], levels["40"]
    levels["12"] = 6
    levels["13"] = Decimal("4.5")
    levels["99"] = 1
    with pytest.raises(ScoringError) as caught:
        score(f59, levels)  # type: ignore[arg-type]
    message = caught.value.message("id")
    assert "5, 40" in message
    assert "99" in message
    assert "indikator 12: nilai 6" in message
    assert "indikator 13: nilai 4.5" in message
    assert len(caught.value.problems) == 4


@pytest.mark.parametrize("bad", [1.0, True, "3", None, Decimal("3.001")])
def test_inexact_or_untyped_values_are_refused(f59: Framework, bad: object) -> None:
    levels: dict[str, object] = {i.code: 3 for i in f59.indicators}
    levels["7"] = bad
    with pytest.raises(ScoringError, match="indicator 7"):
        score(f59, levels)  # type: ignore[arg-type]


def test_level_zero_only_where_the_framework_allows_it(f18: Framework, f59: Framework) -> None:
    assert score(f18, {i.code: 0 for i in f18.indicators}).index == 0
    assert score(f18, {i.code: 0 for i in f18.indicators}).predicate.name == "Kurang"
    with pytest.raises(ScoringError):
        score(f59, {i.code: 0 for i in f59.indicators})


def test_8_2026_keeps_three_decimals_exactly(f26: Framework) -> None:
    levels = {i.code: Decimal("1.25") for i in f26.indicators}
    levels["3"] = Decimal("1.255")  # indicator 3 weighs 5: 1.25 + 0.005 x 5/100
    assert score(f26, levels).index == Fraction("1.25025")


def test_8_2026_refuses_a_value_above_five(f26: Framework) -> None:
    levels = {i.code: Decimal("1.25") for i in f26.indicators}
    levels["3"] = Decimal("5.001")
    with pytest.raises(ScoringError, match=r"indicator 3: value 5\.001"):
        score(f26, levels)
