"""The cheapest plan from today's levels to a target index - exact, not greedy.

Each indicator may be raised one whole level at a time up to its cap; the step
into level k has a cost. We look for the set of raises whose total cost is
minimal such that the index, rounded half-up to 2 decimals as published, reaches
the target. Ties are broken by fewer indicators touched, then fewer level steps.

Method: a multiple-choice knapsack solved exactly by dynamic programming over
Pareto-optimal partial plans. Indicators are taken one by one; a partial plan is
(cost, indicators touched, level steps, gain), gains capped at what the target
needs. A partial plan is dropped when another one is no worse in the
lexicographic (cost, touched, steps) order and gains at least as much: adding
the same raises to both keeps that relation, so nothing optimal is ever lost.
All arithmetic is in integers (weights, values and costs scaled).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from spbe.scoring.calculator import LevelValue, score
from spbe.scoring.errors import Problem, ScoringError
from spbe.scoring.model import Framework

COST_SCALE = 100  # costs may have two decimals
MAX_STEP_COST = Decimal(10_000_000)  # per step; keeps a whole plan's total within 12 stored digits


def default_step_cost(level: int) -> Decimal:
    """The step into level k costs k - 1 units unless the user says otherwise."""
    return Decimal(level - 1)


@dataclass(frozen=True)
class Limits:
    """What may be done for one indicator this cycle.

    ``max_level`` None means the default (two whole levels above today, at most the
    framework's maximum); equal to the current level locks the indicator.
    ``step_costs`` maps a level k to the cost of the step into k; missing levels use
    ``default_step_cost``.
    """

    max_level: int | None = None
    step_costs: Mapping[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    indicator: str
    from_value: Decimal
    to_level: int
    cost: Decimal
    level_steps: int


@dataclass(frozen=True)
class Plan:
    framework_id: str
    target: Decimal
    reachable: bool
    index_before: Decimal
    index_after: Decimal
    cost: Decimal
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class _Option:
    to_level: int
    cost: int  # scaled by COST_SCALE
    gain: int  # in index-sum units
    level_steps: int


def plan(
    framework: Framework,
    levels: Mapping[str, LevelValue],
    target: Decimal,
    limits: Mapping[str, Limits] | None = None,
) -> Plan:
    """The cheapest plan to reach ``target`` (or, if it cannot be reached, the highest reachable index)."""
    limits = limits or {}
    before = score(framework, levels)  # validates the levels
    values = {code: _decimal(value) for code, value in levels.items()}
    rule = framework.values
    _check_target(framework, target)
    scale = rule.scale
    weight_scale = math.lcm(*(i.weight.denominator for i in framework.indicators))
    denominator = scale * weight_scale * 100
    current_total = sum(int(values[i.code] * scale) * int(i.weight * weight_scale) for i in framework.indicators)
    groups = _options(framework, values, limits, weight_scale)
    # rounded half-up >= target  <=>  total >= denominator * (2 * target_hundredths - 1) / 200
    target_hundredths = int(target * 100)
    need_total = -(-denominator * (2 * target_hundredths - 1) // 200)
    need = max(0, need_total - current_total)
    best_possible = sum(max((o.gain for o in options), default=0) for _, options in groups)
    reachable = need <= best_possible
    chosen = _solve(groups, need if reachable else best_possible)
    steps = tuple(
        Step(
            indicator=code,
            from_value=values[code],
            to_level=option.to_level,
            cost=Decimal(option.cost) / COST_SCALE,
            level_steps=option.level_steps,
        )
        for code, option in chosen
    )
    after_levels = dict(values)
    for step in steps:
        after_levels[step.indicator] = Decimal(step.to_level)
    after = score(framework, after_levels)
    return Plan(
        framework_id=framework.id,
        target=target,
        reachable=reachable,
        index_before=before.index_rounded,
        index_after=after.index_rounded,
        cost=_plain(sum((s.cost for s in steps), Decimal(0))),
        steps=steps,
    )


def _plain(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _check_target(framework: Framework, target: Decimal) -> None:
    rule = framework.values
    if not (rule.minimum <= target <= rule.maximum) or target != target.quantize(Decimal("0.01")):
        raise ScoringError(
            [Problem("target_not_allowed", {"target": target, "minimum": rule.minimum, "maximum": rule.maximum})]
        )


def _decimal(value: LevelValue) -> Decimal:
    """Levels were validated by ``score``: a Fraction here always has a short decimal form."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


def _options(
    framework: Framework, levels: Mapping[str, Decimal], limits: Mapping[str, Limits], weight_scale: int
) -> list[tuple[str, list[_Option]]]:
    rule = framework.values
    problems: list[Problem] = []
    groups: list[tuple[str, list[_Option]]] = []
    for indicator in framework.indicators:
        current = levels[indicator.code]
        floor = int(current)  # values are non-negative
        limit = limits.get(indicator.code, Limits())
        cap = limit.max_level if limit.max_level is not None else min(floor + 2, rule.maximum)
        if cap > rule.maximum or cap < current:
            problems.append(
                Problem(
                    "max_level_not_allowed",
                    {"code": indicator.code, "max_level": cap, "current": current, "maximum": rule.maximum},
                )
            )
            continue
        weight = int(indicator.weight * weight_scale)
        options: list[_Option] = []
        cost = 0
        for level in range(floor + 1, cap + 1):
            step_cost = limit.step_costs.get(level, default_step_cost(level))
            if step_cost < 0:
                problems.append(Problem("negative_cost", {"code": indicator.code, "level": level}))
                break
            if step_cost > MAX_STEP_COST:
                problems.append(
                    Problem("cost_too_large", {"code": indicator.code, "level": level, "maximum": MAX_STEP_COST})
                )
                break
            cost += int(step_cost * COST_SCALE)
            gain = int((Decimal(level) - current) * rule.scale) * weight
            options.append(_Option(level, cost, gain, level - floor))
        groups.append((indicator.code, options))
    if problems:
        raise ScoringError(problems)
    return groups


_Back = tuple[str, _Option, "_Back"] | None


def _solve(groups: list[tuple[str, list[_Option]]], need: int) -> list[tuple[str, _Option]]:
    """Minimal (cost, touched, steps) choice of at most one option per group with gain >= need."""
    # state: (cost, touched, level_steps, gain, back); kept sorted by the key, gains strictly rising
    states: list[tuple[int, int, int, int, _Back]] = [(0, 0, 0, 0, None)]
    for code, options in groups:
        if not options:
            continue
        candidates = list(states)
        for option in options:
            candidates.extend(
                (c + option.cost, t + 1, s + option.level_steps, min(g + option.gain, need), (code, option, back))
                for c, t, s, g, back in states
            )
        candidates.sort(key=lambda state: (state[0], state[1], state[2], -state[3]))
        states = []
        best_gain = -1
        for state in candidates:
            if state[3] > best_gain:
                states.append(state)
                best_gain = state[3]
                if best_gain == need:
                    break  # anything later costs more and gains no more
    final = next(state for state in states if state[3] >= need)
    chosen: list[tuple[str, _Option]] = []
    back = final[4]
    while back is not None:
        code, option, back = back
        chosen.append((code, option))
    order = {code: n for n, (code, _) in enumerate(groups)}
    return sorted(chosen, key=lambda item: order[item[0]])
