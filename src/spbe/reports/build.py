"""Gather everything a report shows into ``ReportData``, with a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import override

from spbe.evaluation.figures import IndexFigure, assessment_figures
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment, AssessmentState
from spbe.evaluation.scores import LiveScore, live_score
from spbe.evaluation.selectors import actions_of, answers_for_totals, current_plan
from spbe.reports.data import (
    FigureLine,
    IndicatorLine,
    PlanSection,
    PlanStepLine,
    ReportData,
    ScoreLine,
    TrendPoint,
)
from spbe.scoring import Framework, ScoreResult
from spbe.scoring.numbers import display_decimal


def _complete(live: LiveScore | None) -> ScoreResult | None:
    """A figure for the report only when every indicator has a level; no provisional floors in print."""
    return live.result if live is not None and live.complete else None


def report_data_for(assessment: Assessment, language: str) -> ReportData:
    """The report of one assessment in ``language`` ("id" or "en")."""
    with override(language):
        return _build(assessment, language)


def _build(assessment: Assessment, lang: str) -> ReportData:
    framework = assessment_framework(assessment)
    answers = list(
        answers_for_totals(assessment).prefetch_related("evidence", "units")  # titles and unit names for the table
    )
    figures = assessment_figures(framework, answers, state=assessment.state)
    self_result, verified_result = figures.self_index.result, figures.verified_index.result
    final = figures.final and verified_result is not None
    headline = figures.headline.result

    def indices(result: ScoreResult | None, domains: bool) -> dict[str, Decimal]:
        if result is None:
            return {}
        return {g.code: g.index_rounded for g in (result.domains if domains else result.aspects)}

    def lines(specs: list[tuple[str, str, Fraction, str | None]], domains: bool) -> list[ScoreLine]:
        mine, checked = indices(self_result, domains), indices(verified_result, domains)
        return [
            ScoreLine(code, name, display_decimal(weight), mine.get(code), checked.get(code), domain_code)
            for code, name, weight, domain_code in specs
        ]

    agency = assessment.agency
    return ReportData(
        language=lang,
        agency=agency.name,
        agency_kind=str(agency.get_kind_display()),
        province=agency.province,
        year=assessment.year,
        framework_id=framework.id,
        framework_title=framework.label(lang),
        state=str(assessment.get_state_display()),
        generated_at=timezone.now().astimezone(agency.zone),
        zone_label=agency.zone_label,
        index=headline.index_rounded if headline else None,
        predicate=headline.predicate.label(lang) if headline else None,
        index_is_verified=final,
        self_index=self_result.index_rounded if self_result else None,
        verified_index=verified_result.index_rounded if verified_result else None,
        domains=lines([(d.code, d.label(lang), d.weight, None) for d in framework.domains], True),
        aspects=lines([(a.code, a.label(lang), a.weight, a.domain_code) for a in framework.aspects], False),
        indicators=[_indicator_line(framework, answer, lang) for answer in answers],
        level_maximum=framework.values.maximum,
        plan=_plan_section(assessment, framework, lang),
        trend=_trend(assessment, lang),
        external_pending=sum(1 for answer in answers if answer.external_pending),
        headline=_figure_line(figures.headline),
        self_figure=_figure_line(figures.self_index),
        verified_figure=_figure_line(figures.verified_index),
    )


def _figure_line(figure: IndexFigure) -> FigureLine:
    return FigureLine(label=figure.label, index=figure.index, note=figure.note)


def _indicator_line(framework: Framework, answer: Answer, lang: str) -> IndicatorLine:
    indicator = framework.indicator(answer.code)
    return IndicatorLine(
        code=answer.code,
        name=indicator.label(lang) if indicator else answer.code,
        aspect_code=answer.aspect_code,
        weight=display_decimal(indicator.weight) if indicator else Decimal(0),
        self_level=answer.self_level,
        verified_level=answer.verified_level,
        justification=answer.justification,
        evidence=[evidence.title for evidence in answer.evidence.all()],
        units=[str(unit) for unit in answer.units.all()],
        external_pending=answer.external_pending,
    )


def _plan_section(assessment: Assessment, framework: Framework, lang: str) -> PlanSection | None:
    plan = current_plan(assessment)
    if plan is None:
        return None
    names = {i.code: i.label(lang) for i in framework.indicators}
    return PlanSection(
        target=plan.target,
        reachable=plan.reachable,
        index_before=plan.index_before,
        index_after=plan.index_after,
        cost=plan.total_cost,
        steps=[
            PlanStepLine(
                code=action.code,
                name=names.get(action.code, action.code),
                from_level=action.from_level,
                to_level=action.to_level,
                cost=action.cost,
                unit=str(action.unit) if action.unit else "",
                due_date=action.due_date,
                status=str(action.get_status_display()),
            )
            for action in actions_of(plan)
        ],
    )


def _trend(assessment: Assessment, lang: str) -> list[TrendPoint]:
    """Earlier final results of this agency, and this assessment (verified when final, else self-assessed)."""
    points = []
    years = (
        Assessment.objects.filter(agency_id=assessment.agency_id, year__lt=assessment.year, state=AssessmentState.FINAL)
        | Assessment.objects.filter(pk=assessment.pk)
    ).order_by("year")
    for other in years:
        framework = assessment_framework(other)
        answers = list(
            Answer.objects.filter(assessment=other).only("code", "self_level", "verified_level", "external_pending")
        )
        final = other.state == AssessmentState.FINAL
        result = _complete(live_score(framework, answers, verified=final))
        if result is None:
            continue
        points.append(
            TrendPoint(
                year=other.year,
                framework_id=other.framework_id,
                framework_title=framework.label(lang),
                index=result.index_rounded,
                predicate=result.predicate.label(lang),
                final=final,
            )
        )
    return points
