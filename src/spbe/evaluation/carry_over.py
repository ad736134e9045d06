"""What a new assessment takes over from the agency's latest earlier one (reads only).

Same framework: an indicator takes over the units, justification and evidence of the same
code. 59/2020 -> 8/2026: through the crosswalk (``spbe.scoring.crosswalk``, not official), a
Pemdi indicator takes the union of the units and evidence of its mapped 59/2020 indicators
and their justifications one after another. Levels are never taken over; last year's verified
level (or, across frameworks, the crosswalk's estimate from it) is only shown beside the answer.
The writes are in ``services.carry_over``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from spbe.evaluation.models import Answer, Assessment, Evidence
from spbe.organizations.models import Agency
from spbe.scoring.crosswalk import Crosswalk, crosswalk_between, estimate_from
from spbe.scoring.model import Framework
from spbe.scoring.numbers import round_half_up


@dataclass
class CarryPlan:
    """For each new indicator code, the source answers it draws on, with what they hold."""

    source: Assessment
    crosswalk: Crosswalk | None  # None: the same framework, code by code
    sources_of: dict[str, list[Answer]]
    units_of: dict[str, set[int]] = field(default_factory=dict)
    justification_of: dict[str, str] = field(default_factory=dict)
    evidence_of: dict[str, list[Evidence]] = field(default_factory=dict)

    @property
    def assignments(self) -> int:
        """Indicator-unit pairs that will be assigned."""
        return sum(len(units) for units in self.units_of.values())

    @property
    def assigned_indicators(self) -> int:
        return sum(1 for units in self.units_of.values() if units)

    @property
    def justifications(self) -> int:
        return sum(1 for text in self.justification_of.values() if text)

    @property
    def evidence_items(self) -> int:
        return len({e.pk for items in self.evidence_of.values() for e in items})


def carry_over_source(agency: Agency, year: int, framework: Framework) -> Assessment | None:
    """The agency's latest assessment before ``year`` that can carry into ``framework``."""
    earlier = Assessment.objects.filter(agency=agency, year__lt=year).order_by("-year", "-pk")
    for assessment in earlier:
        if assessment.framework_id == framework.id or crosswalk_between(assessment.framework_id, framework.id):
            return assessment
    return None


def carry_over_plan(agency: Agency, year: int, framework: Framework) -> CarryPlan | None:
    """What starting ``year`` under ``framework`` would carry over, or None when there is no source."""
    source = carry_over_source(agency, year, framework)
    if source is None:
        return None
    crosswalk = None if source.framework_id == framework.id else crosswalk_between(source.framework_id, framework.id)
    answers = {
        a.code: a
        for a in Answer.objects.filter(assessment=source).prefetch_related("units", "evidence").order_by("position")
    }
    plan = CarryPlan(source=source, crosswalk=crosswalk, sources_of={})
    for indicator in framework.indicators:
        codes = crosswalk.sources_of(indicator.code) if crosswalk else (indicator.code,)
        mapped = [answers[c] for c in codes if c in answers]
        plan.sources_of[indicator.code] = mapped
        plan.units_of[indicator.code] = {u.pk for a in mapped for u in a.units.all()}
        plan.justification_of[indicator.code] = _joined(mapped, labelled=crosswalk is not None)
        seen: dict[int, Evidence] = {}
        for answer in mapped:
            for evidence in answer.evidence.all():
                seen.setdefault(evidence.pk, evidence)
        plan.evidence_of[indicator.code] = sorted(seen.values(), key=lambda e: e.pk)
    return plan


def _joined(answers: list[Answer], *, labelled: bool) -> str:
    texts = [(a.code, a.justification.strip()) for a in answers if a.justification.strip()]
    if not labelled:
        return texts[0][1] if texts else ""
    return "\n\n".join(f"[59/2020 #{code}] {text}" for code, text in texts)


@dataclass(frozen=True)
class LastYear:
    """Last year's verified level beside a new answer: information only, never its level."""

    year: int
    level: Decimal
    estimated: bool  # across frameworks: the crosswalk's estimate from last year's verified levels
    source_codes: tuple[str, ...]


def last_year_levels(assessment: Assessment) -> dict[str, LastYear]:
    """For each indicator of ``assessment``, the level verified in the assessment it was carried from."""
    source = assessment.carried_from
    if source is None:
        return {}
    verified: dict[str, Decimal] = {
        code: level
        for code, level in Answer.objects.filter(assessment=source).values_list("code", "verified_level")
        if level is not None
    }
    if not verified:
        return {}
    if source.framework_id == assessment.framework_id:
        return {code: LastYear(source.year, level, False, (code,)) for code, level in verified.items()}
    crosswalk = crosswalk_between(source.framework_id, assessment.framework_id)
    if crosswalk is None:
        return {}
    estimate = estimate_from(crosswalk, {code: Fraction(level) for code, level in verified.items()})
    return {
        row.code: LastYear(source.year, round_half_up(row.level), True, row.source_codes)
        for row in estimate.indicators
        if row.known_sources
    }
