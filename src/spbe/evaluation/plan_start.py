"""Where a plan starts: the best level known for each indicator, and where that level came from.

For every indicator, in this order: the level the external assessors verified; else the level the
agency gave itself; else the level verified last year (the agency's latest earlier final assessment
of the same framework); else, when last year was evaluated under the framework before (59/2020 for
8/2026), the level our crosswalk estimates from last year's verified levels, rounded down to
hundredths and labelled an estimate; else the framework's lowest value. A draft with unanswered indicators can
therefore always be planned, and the planner says where each starting level came from.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment, AssessmentState
from spbe.scoring.crosswalk import crosswalk_between, estimate_from

VERIFIED = "verified"
SELF = "self"
LAST_YEAR = "last_year"
ESTIMATE = "estimate"
LOWEST = "lowest"

SOURCE_LABELS = {
    VERIFIED: _("verified"),
    SELF: _("self-assessed"),
    LAST_YEAR: _("verified last year"),
    ESTIMATE: _("estimated from last year's verified levels through the crosswalk (not official)"),
    LOWEST: _("no level yet: the lowest"),
}


@dataclass(frozen=True)
class StartingLevels:
    levels: dict[str, Decimal]
    sources: dict[str, str]  # code -> VERIFIED, SELF, LAST_YEAR, ESTIMATE or LOWEST
    previous: Assessment | None  # last year's final assessment, when it was consulted

    @property
    def basis(self) -> str:
        """What the plan rests on, as stored on an adopted plan: one source, or "mixed"."""
        found = set(self.sources.values())
        return found.pop() if len(found) == 1 else "mixed"

    def counts(self) -> list[tuple[str, str, int]]:
        """(source, label, how many indicators) for the legend, in the order of preference."""
        counted = Counter(self.sources.values())
        return [(source, str(label), counted[source]) for source, label in SOURCE_LABELS.items() if counted[source]]

    def label(self, code: str) -> str:
        return str(SOURCE_LABELS[self.sources[code]])


def previous_final(assessment: Assessment) -> Assessment | None:
    """The agency's latest final assessment of the same framework before this one's year."""
    return (
        Assessment.objects.filter(
            agency_id=assessment.agency_id,
            framework_id=assessment.framework_id,
            state=AssessmentState.FINAL,
            year__lt=assessment.year,
        )
        .order_by("-year")
        .first()
    )


def starting_levels(assessment: Assessment, answers: list[Answer]) -> StartingLevels:
    """The best known level of every indicator of ``answers`` (all answers of ``assessment``)."""
    floor = Decimal(assessment_framework(assessment).values.minimum)
    levels: dict[str, Decimal] = {}
    sources: dict[str, str] = {}
    unknown: list[str] = []
    for answer in answers:
        if answer.verified_level is not None:
            levels[answer.code], sources[answer.code] = answer.verified_level, VERIFIED
        elif answer.self_level is not None:
            levels[answer.code], sources[answer.code] = answer.self_level, SELF
        else:
            unknown.append(answer.code)
    previous = previous_final(assessment) if unknown else None
    earlier: dict[str, Decimal] = {}
    if previous is not None:
        rows = Answer.objects.filter(assessment=previous, code__in=unknown, verified_level__isnull=False)
        earlier = {code: level for code, level in rows.values_list("code", "verified_level") if level is not None}
    estimated = _estimated(assessment) if unknown and previous is None else {}
    for code in unknown:
        if code in earlier:
            levels[code], sources[code] = earlier[code], LAST_YEAR
        elif code in estimated and estimated[code] > floor:
            levels[code], sources[code] = estimated[code], ESTIMATE
        else:
            levels[code], sources[code] = floor, LOWEST
    return StartingLevels(levels, sources, previous)


def _estimated(assessment: Assessment) -> dict[str, Decimal]:
    """Levels estimated through a crosswalk from the latest earlier final under another framework."""
    for source in Assessment.objects.filter(
        agency_id=assessment.agency_id, state=AssessmentState.FINAL, year__lt=assessment.year
    ).order_by("-year")[:3]:
        crosswalk = crosswalk_between(source.framework_id, assessment.framework_id)
        if crosswalk is None:
            continue
        verified = dict(source.answers.values_list("code", "verified_level"))
        estimate = estimate_from(crosswalk, verified)
        # Rounded down to hundredths: a plan never starts above what the estimate supports.
        return {code: Decimal(math.floor(level * 100)) / 100 for code, level in estimate.levels().items()}
    return {}
