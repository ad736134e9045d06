"""The index as the ministry computes it, in exact integer arithmetic.

Per group (aspect, domain): sum(value x weight) / sum(weights of the group).
Overall: sum(value x weight) / 100. Weights are scaled once per framework to
integers (by the least common multiple of their denominators) and values to
integer units (by 10**decimals), so scoring only multiplies and adds integers.
Rounding (half-up, 2 decimals) happens only when a figure is presented.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from math import lcm
from typing import cast

from spbe.scoring.errors import Problem, ScoringError, framework_name
from spbe.scoring.model import Aspect, Domain, Framework, PredicateBand
from spbe.scoring.numbers import hundredths_half_up, hundredths_to_decimal

LevelValue = int | Decimal | Fraction
_NOT_EXACT = (bool, float)


@dataclass(frozen=True)
class _Engine:
    """A framework compiled to integers for fast exact scoring."""

    framework: Framework
    codes: frozenset[str]
    items: tuple[tuple[str, int, int], ...]  # (indicator code, integer weight, aspect position)
    allowed: Mapping[LevelValue, int]  # allowed value -> integer units
    aspect_weights: tuple[int, ...]  # integer weight per aspect
    aspect_domain: tuple[int, ...]  # domain position per aspect (-1 without domains)
    domain_weights: tuple[int, ...]
    value_scale: int
    total_denominator: int  # value_scale x weight scale x 100
    predicate_floors: tuple[tuple[int, PredicateBand], ...]  # (hundredths, band), highest first


@cache
def _engine(framework: Framework) -> _Engine:
    weight_scale = lcm(*(indicator.weight.denominator for indicator in framework.indicators))
    aspect_position = {aspect.code: n for n, aspect in enumerate(framework.aspects)}
    domain_position = {domain.code: n for n, domain in enumerate(framework.domains)}
    items = tuple(
        (
            indicator.code,
            int(indicator.weight * weight_scale),
            aspect_position[indicator.aspect_code],
        )
        for indicator in framework.indicators
    )
    aspect_weights = tuple(
        sum(weight for _, weight, position in items if position == n) for n in range(len(framework.aspects))
    )
    aspect_domain = tuple(
        domain_position[aspect.domain_code] if aspect.domain_code else -1 for aspect in framework.aspects
    )
    domain_weights = tuple(
        sum(w for a, w in enumerate(aspect_weights) if aspect_domain[a] == d) for d in range(len(framework.domains))
    )
    return _Engine(
        framework=framework,
        codes=frozenset(code for code, _, _ in items),
        items=items,
        # Equal numbers hash alike, so int, Decimal and Fraction keys all find their entry.
        allowed=cast(Mapping[LevelValue, int], framework.values.allowed_values()),
        aspect_weights=aspect_weights,
        aspect_domain=aspect_domain,
        domain_weights=domain_weights,
        value_scale=framework.values.scale,
        total_denominator=framework.values.scale * weight_scale * 100,
        predicate_floors=tuple((int(band.minimum * 100), band) for band in framework.predicates),
    )


@dataclass(frozen=True)
class GroupScore:
    """The index of one aspect or domain, exact, with its display rounding."""

    code: str
    name: str
    name_en: str
    weight: Fraction
    domain_code: str | None
    index: Fraction

    @property
    def index_rounded(self) -> Decimal:
        return hundredths_to_decimal(hundredths_half_up(self.index.numerator, self.index.denominator))

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


class ScoreResult:
    """The result of scoring one set of levels.

    Only integer sums are kept; exact fractions, rounded figures and per-group
    objects are derived when asked for, which keeps bulk scoring fast.
    """

    __slots__ = ("_aspect_sums", "_engine")

    def __init__(self, engine: _Engine, aspect_sums: Sequence[int | Fraction]) -> None:
        self._engine = engine
        self._aspect_sums = aspect_sums

    @property
    def framework(self) -> Framework:
        return self._engine.framework

    @property
    def index(self) -> Fraction:
        """The exact overall index."""
        return Fraction(sum(self._aspect_sums), self._engine.total_denominator)

    @property
    def index_hundredths(self) -> int:
        total = sum(self._aspect_sums)
        if isinstance(total, int):
            return hundredths_half_up(total, self._engine.total_denominator)
        exact = self.index  # exact values (7/6) make the sums fractions
        return hundredths_half_up(exact.numerator, exact.denominator)

    @property
    def index_rounded(self) -> Decimal:
        """The overall index rounded half-up to 2 decimals, as published."""
        return hundredths_to_decimal(self.index_hundredths)

    @property
    def predicate(self) -> PredicateBand:
        """The band read from the rounded index (lower bounds inclusive)."""
        hundredths = self.index_hundredths
        for floor, band in self._engine.predicate_floors:
            if hundredths >= floor:
                return band
        return self._engine.predicate_floors[-1][1]

    @property
    def aspects(self) -> tuple[GroupScore, ...]:
        engine = self._engine
        return tuple(
            _group(aspect, aspect.domain_code, total, engine.value_scale * weight)
            for aspect, total, weight in zip(
                engine.framework.aspects, self._aspect_sums, engine.aspect_weights, strict=True
            )
        )

    @property
    def domains(self) -> tuple[GroupScore, ...]:
        engine = self._engine
        scores = []
        for position, domain in enumerate(engine.framework.domains):
            total = sum(value for a, value in enumerate(self._aspect_sums) if engine.aspect_domain[a] == position)
            scores.append(_group(domain, None, total, engine.value_scale * engine.domain_weights[position]))
        return tuple(scores)


def _group(group: Aspect | Domain, domain_code: str | None, total: int | Fraction, denominator: int) -> GroupScore:
    return GroupScore(
        code=group.code,
        name=group.name,
        name_en=group.name_en,
        weight=group.weight,
        domain_code=domain_code,
        index=Fraction(total, denominator),
    )


def score(framework: Framework, levels: Mapping[str, LevelValue]) -> ScoreResult:
    """Score a complete set of levels, or raise ScoringError naming every problem.

    ``levels`` maps each indicator code to an ``int``, ``Decimal`` or ``Fraction``
    the framework allows. Binary floats are refused: they are not exact.
    """
    engine = _engine(framework)
    if levels.keys() == engine.codes:
        allowed = engine.allowed
        sums = [0] * len(engine.aspect_weights)
        try:
            for code, weight, aspect in engine.items:
                value = levels[code]
                if value.__class__ in _NOT_EXACT:
                    break
                sums[aspect] += allowed[value] * weight
            else:
                return ScoreResult(engine, sums)
        except (KeyError, TypeError):
            pass
        if framework.values.exact:
            exact = _exact_sums(engine, levels)
            if exact is not None:
                return ScoreResult(engine, exact)
    raise ScoringError(find_problems(framework, levels))


def _exact_sums(engine: _Engine, levels: Mapping[str, LevelValue]) -> list[int | Fraction] | None:
    """The aspect sums for a framework that keeps values exact (7/6); ``None`` if one is refused."""
    rule = engine.framework.values
    sums: list[int | Fraction] = [0] * len(engine.aspect_weights)
    for code, weight, aspect in engine.items:
        value = levels[code]
        if not rule.allows(value):
            return None
        sums[aspect] += rule.units(value) * weight
    return sums


def find_problems(framework: Framework, levels: Mapping[str, object]) -> list[Problem]:
    """Every reason ``levels`` cannot be scored, in indicator order (empty when fine)."""
    engine = _engine(framework)
    problems = []
    missing = [code for code, _, _ in engine.items if code not in levels]
    if missing:
        problems.append(Problem("missing_indicators", {"codes": ", ".join(missing)}))
    unknown = sorted(code for code in levels if code not in engine.codes)
    if unknown:
        problems.append(
            Problem(
                "unknown_indicators", {"framework": framework_name(framework), "codes": ", ".join(map(str, unknown))}
            )
        )
    rule = framework.values
    for code, _, _ in engine.items:
        if code in levels and not rule.allows(levels[code]):
            problems.append(Problem("value_not_allowed", {"code": code, "value": levels[code], "rule": rule.problem()}))
    return problems
