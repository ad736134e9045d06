"""The planner is exact: checked against an independent MILP solver (HiGHS via SciPy)."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from spbe.scoring import Framework, ScoringError, all_frameworks, get_framework, read_levels_path, score
from spbe.scoring.planner import Limits, Plan, default_step_cost, plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# ---- an independent formulation ---------------------------------------------------------


def options_of(framework: Framework, levels: dict[str, Decimal], limits: dict[str, Limits]) -> list[tuple]:
    """(indicator, to_level, cost, gain as Fraction of index-sum, level steps) for every possible raise."""
    rows = []
    for indicator in framework.indicators:
        current = levels[indicator.code]
        limit = limits.get(indicator.code, Limits())
        cap = limit.max_level if limit.max_level is not None else min(int(current) + 2, framework.values.maximum)
        cost = Decimal(0)
        for level in range(int(current) + 1, cap + 1):
            cost += limit.step_costs.get(level, default_step_cost(level))
            gain = (Fraction(level) - Fraction(current)) * indicator.weight
            rows.append((indicator.code, level, cost, gain, level - int(current)))
    return rows


def milp_optimum(framework: Framework, levels: dict[str, Decimal], limits: dict[str, Limits], target: Decimal):
    """Lexicographic optimum (cost, touched, steps) by three MILP solves; None if infeasible."""
    rows = options_of(framework, levels, limits)
    before = sum((Fraction(levels[i.code]) * i.weight for i in framework.indicators), Fraction(0))
    need = max(Fraction(0), 100 * Fraction(target) - Fraction(1, 2) - before)  # rounded index >= target
    scale = 1
    for row in rows:
        scale = np.lcm(scale, row[3].denominator)
    scale = int(np.lcm(scale, need.denominator))
    gains = np.array([int(row[3] * scale) for row in rows], dtype=float)
    costs = np.array([float(row[2]) for row in rows])
    n = len(rows)
    if n == 0:
        return (0.0, 0, 0) if need == 0 else None
    codes = sorted({row[0] for row in rows})
    one_per = np.array([[1.0 if row[0] == code else 0.0 for row in rows] for code in codes])
    constraints = [LinearConstraint(one_per, 0, 1), LinearConstraint(gains, float(need * scale), np.inf)]
    integrality = np.ones(n)
    bounds = Bounds(0, 1)
    first = milp(costs, constraints=constraints, integrality=integrality, bounds=bounds)
    if first.status != 0:
        return None
    best_cost = round(first.fun, 6)
    touched = np.ones(n)
    second = milp(
        touched,
        constraints=[*constraints, LinearConstraint(costs, -np.inf, best_cost + 1e-7)],
        integrality=integrality,
        bounds=bounds,
    )
    best_touched = round(second.fun)
    steps = np.array([float(row[4]) for row in rows])
    third = milp(
        steps,
        constraints=[
            *constraints,
            LinearConstraint(costs, -np.inf, best_cost + 1e-7),
            LinearConstraint(touched, -np.inf, best_touched + 1e-7),
        ],
        integrality=integrality,
        bounds=bounds,
    )
    return best_cost, best_touched, round(third.fun)


def random_case(rng: random.Random) -> tuple[Framework, dict[str, Decimal], dict[str, Limits], Decimal]:
    framework = rng.choice(all_frameworks())
    rule = framework.values
    levels = {}
    for indicator in framework.indicators:
        units = rng.randint(rule.minimum * rule.scale, (rule.minimum + 3) * rule.scale)
        levels[indicator.code] = Decimal(units).scaleb(-rule.decimals)
    limits: dict[str, Limits] = {}
    for indicator in framework.indicators:
        roll = rng.random()
        current = levels[indicator.code]
        if roll < 0.15:
            limits[indicator.code] = Limits(max_level=int(current) if current == int(current) else None)
        elif roll < 0.5:
            costs = {k: Decimal(rng.randint(0, 8)) for k in range(2, 6) if rng.random() < 0.7}
            cap = rng.randint(int(current), rule.maximum) if current == int(current) else None
            limits[indicator.code] = Limits(max_level=cap, step_costs=costs)
    index = score(framework, levels).index_rounded
    target = min(Decimal(rule.maximum), index + Decimal(rng.randint(-10, 160)) / 100)
    return framework, levels, limits, max(target, Decimal(rule.minimum))


def check_against_milp(result: Plan, framework: Framework, levels, limits, target: Decimal) -> None:
    expected = milp_optimum(framework, levels, limits, target)
    chosen = (float(result.cost), len(result.steps), sum(s.level_steps for s in result.steps))
    if expected is None:
        assert not result.reachable
        assert result.index_after < target
    else:
        assert result.reachable
        assert chosen == pytest.approx(expected)
        assert result.index_after >= target


@pytest.mark.parametrize("seed", range(60))
def test_planner_matches_the_milp_optimum(seed: int) -> None:
    rng = random.Random(seed)
    framework, levels, limits, target = random_case(rng)
    result = plan(framework, levels, target, limits)
    check_against_milp(result, framework, levels, limits, target)
    after = dict(levels)
    for step in result.steps:
        assert step.to_level > step.from_value
        after[step.indicator] = Decimal(step.to_level)
    assert score(framework, after).index_rounded == result.index_after


def test_unreachable_target_gives_the_highest_reachable_index_at_least_cost() -> None:
    framework = get_framework("permenpanrb-59-2020")
    levels = {i.code: Decimal(1) for i in framework.indicators}
    result = plan(framework, levels, Decimal("4.50"))
    assert not result.reachable
    assert result.index_after == Decimal("3.00")  # everything two levels up, the default cap
    assert len(result.steps) == 47 and result.cost == 47 * (1 + 2)
    # the cheapest way to that highest index: MILP agrees
    assert milp_optimum(framework, levels, {}, result.index_after) == pytest.approx((141, 47, 94))


def test_locked_indicators_are_never_raised() -> None:
    framework = get_framework("permenpanrb-59-2020")
    levels = read_levels_path(EXAMPLES / "sukamaju-2022.csv", framework)
    locked = {code: Limits(max_level=int(levels[code])) for code in ("11", "12", "45")}
    result = plan(framework, levels, Decimal("3.50"), locked)
    assert not {"11", "12", "45"} & {s.indicator for s in result.steps}
    check_against_milp(result, framework, levels, locked, Decimal("3.50"))


def test_rounding_at_the_target_boundary_counts_3_495_as_3_50() -> None:
    framework = get_framework("permenpanrb-59-2020")
    digits = "33434344434334443334443344344343334434433433344"  # exactly 3.495
    levels = {i.code: Decimal(d) for i, d in zip(framework.indicators, digits, strict=True)}
    assert score(framework, levels).index == Fraction("3.495")
    lowered = dict(levels)
    lowered["1"] = levels["1"] - 1  # 3.482 exact: rounds to 3.48
    result = plan(
        framework,
        lowered,
        Decimal("3.50"),
        {code: Limits(max_level=int(v)) for code, v in lowered.items() if code != "1"},
    )
    assert result.reachable and [s.indicator for s in result.steps] == ["1"]
    assert result.index_after == Decimal("3.50")


def test_fractional_values_step_to_the_next_whole_level() -> None:
    framework = get_framework("permenpanrb-8-2026")
    levels = {i.code: Decimal("1.26") for i in framework.indicators}
    result = plan(framework, levels, Decimal("1.50"))
    assert result.steps
    assert all(step.from_value == Decimal("1.26") and step.to_level in (2, 3) for step in result.steps)
    assert all(step.level_steps == step.to_level - 1 for step in result.steps)  # 1.26 -> 2 is the first step
    check_against_milp(result, framework, levels, {}, Decimal("1.50"))


def test_sukamaju_2_75_to_3_50() -> None:
    framework = get_framework("permenpanrb-59-2020")
    levels = read_levels_path(EXAMPLES / "sukamaju-2022.csv", framework)
    result = plan(framework, levels, Decimal("3.50"))
    assert (result.index_before, result.index_after, result.reachable) == (Decimal("2.75"), Decimal("3.50"), True)
    check_against_milp(result, framework, levels, {}, Decimal("3.50"))


def test_a_target_already_met_needs_nothing() -> None:
    framework = get_framework("permenpanrb-59-2020")
    levels = read_levels_path(EXAMPLES / "sukamaju-2022.csv", framework)
    result = plan(framework, levels, Decimal("2.60"))
    assert result.steps == () and result.cost == 0 and result.reachable


@pytest.mark.parametrize(
    ("target", "limits", "message"),
    [
        (Decimal("5.01"), {}, "target 5.01"),
        (Decimal("3.505"), {}, "target 3.505"),
        (Decimal("3.5"), {"1": Limits(max_level=6)}, "indicator 1: the highest level 6"),
        (Decimal("3.5"), {"11": Limits(max_level=1)}, "indicator 11: the highest level 1"),
        (Decimal("3.5"), {"1": Limits(step_costs={4: Decimal(-1)})}, "indicator 1: the cost of the step into level 4"),
    ],
)
def test_bad_planning_input_is_named(target: Decimal, limits: dict[str, Limits], message: str) -> None:
    framework = get_framework("permenpanrb-59-2020")
    levels = read_levels_path(EXAMPLES / "sukamaju-2022.csv", framework)
    with pytest.raises(ScoringError) as caught:
        plan(framework, levels, target, limits)
    assert message in caught.value.message("en")
