"""The national (or provincial) overview: agencies ranked by index, with last year's movement.

An agency's figure for a year is its verified index when the assessment is final, else its
self-assessed index when every indicator has a level (marked provisional), else none.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment, AssessmentState
from spbe.evaluation.scores import live_score
from spbe.evaluation.selectors import assessments_visible_to
from spbe.organizations.models import Agency, User
from spbe.organizations.selectors import agencies_visible_to
from spbe.scoring import SpbeInputError, framework_for_year


@dataclass(frozen=True)
class YearFigure:
    index: Decimal
    predicate: str
    final: bool


@dataclass(frozen=True)
class OverviewRow:
    rank: int
    agency: Agency
    figure: YearFigure
    previous: YearFigure | None

    @property
    def movement(self) -> Decimal | None:
        return self.figure.index - self.previous.index if self.previous else None


@dataclass(frozen=True)
class Overview:
    year: int
    rows: list[OverviewRow]
    distribution: list[tuple[str, int]]  # predicate -> number of agencies, highest band first
    without_figure: list[Agency]


def _figures(assessments: list[Assessment], lang: str) -> dict[int, YearFigure]:
    """Agency id -> figure of every complete assessment, scored as its dashboard scores it (``live_score``)."""
    answers: dict[int, list[Answer]] = defaultdict(list)
    rows = Answer.objects.filter(assessment__in=assessments).only(
        "assessment_id", "code", "self_level", "verified_level", "external_pending"
    )
    for answer in rows:
        answers[answer.assessment_id].append(answer)
    figures = {}
    for assessment in assessments:
        final = assessment.state == AssessmentState.FINAL
        live = live_score(assessment_framework(assessment), answers.get(assessment.pk, []), verified=final)
        if live is None or not live.complete:
            continue
        figures[assessment.agency_id] = YearFigure(live.result.index_rounded, live.result.predicate.label(lang), final)
    return figures


def overview_for(user: User, *, year: int, kind: str = "", province: str = "", lang: str = "id") -> Overview:
    agencies = agencies_visible_to(user)
    if kind:
        agencies = agencies.filter(kind=kind)
    if province:
        agencies = agencies.filter(province=province)
    agency_list = list(agencies.order_by("name"))
    # through the same scoping as the assessment pages: an external assessor sees no drafts
    assessments = list(assessments_visible_to(user).filter(agency__in=agency_list, year__in=[year, year - 1]))
    # one assessment per agency and year: the newest framework if an agency has several
    latest: dict[tuple[int, int], Assessment] = {}
    for assessment in sorted(assessments, key=lambda a: a.framework_snapshot.get("years", {}).get("from", 0)):
        latest[(assessment.agency_id, assessment.year)] = assessment
    this_year = _figures([a for (_, y), a in latest.items() if y == year], lang)
    last_year = _figures([a for (_, y), a in latest.items() if y == year - 1], lang)
    ranked = sorted(
        (agency for agency in agency_list if agency.pk in this_year),
        key=lambda agency: (-this_year[agency.pk].index, agency.name),
    )
    rows: list[OverviewRow] = []
    for position, agency in enumerate(ranked, start=1):
        figure = this_year[agency.pk]
        # equal indices share a rank
        rank = rows[-1].rank if rows and rows[-1].figure.index == figure.index else position
        rows.append(OverviewRow(rank, agency, figure, last_year.get(agency.pk)))
    counts = Counter(row.figure.predicate for row in rows)
    try:
        bands = [band.label(lang) for band in framework_for_year(year).predicates]
    except SpbeInputError:
        bands = []
    bands += [name for name in counts if name not in bands]  # a band of an older framework, if any
    distribution = [(name, counts[name]) for name in bands]
    return Overview(
        year=year,
        rows=rows,
        distribution=distribution,
        without_figure=[agency for agency in agency_list if agency.pk not in this_year],
    )
