"""Plain data for the indicator list and the indicator page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from spbe.evaluation.models import Answer, Evidence, LevelValue, Stage, StageReview, level_text
from spbe.scoring import Framework
from spbe.scoring.numbers import display_decimal


@dataclass
class IndicatorRow:
    answer: Answer
    name: str
    unit_names: list[str]
    evidence_count: int
    overdue: bool


def indicator_rows(framework: Framework, answers: list[Answer], lang: str) -> list[IndicatorRow]:
    today = timezone.localdate()
    rows = []
    for answer in answers:
        indicator = framework.indicator(answer.code)
        rows.append(
            IndicatorRow(
                answer=answer,
                name=indicator.label(lang) if indicator else answer.code,
                unit_names=[str(unit) for unit in answer.units.all()],
                evidence_count=len(answer.evidence.all()),
                overdue=bool(answer.due_date and answer.due_date < today and answer.self_level is None),
            )
        )
    return rows


@dataclass
class LevelOption:
    value: int
    name: str
    criterion: str
    selected: bool


@dataclass
class StageRow:
    stage: str
    label: str
    review: StageReview | None
    level_text: str = ""  # the exact value for the input, so saving unchanged keeps 7/6 as 7/6


@dataclass
class IndicatorPage:
    name: str
    aspect: str
    domain: str
    weight: Decimal
    options: list[LevelOption]
    level_text: str
    stages: list[StageRow]
    evidence: list[Evidence] = field(default_factory=list)
    due_date: datetime.date | None = None
    external: str = ""  # the national index the value comes from, when it does


def indicator_page(framework: Framework, answer: Answer, lang: str) -> IndicatorPage:
    indicator = framework.indicator(answer.code)
    assert indicator is not None
    aspect = next(a for a in framework.aspects if a.code == answer.aspect_code)
    domain = next((d for d in framework.domains if d.code == answer.domain_code), None)
    current = answer.self_level
    options = [
        LevelOption(
            value=level.value,
            name=level.name_en if lang == "en" else level.name,
            criterion=indicator.criterion(level.value, lang),
            selected=current is not None and current == level.value,
        )
        for level in framework.levels
        if level.value >= 1 or framework.values.minimum == 0
    ]
    reviews = {review.stage: review for review in answer.stage_reviews.all()}
    return IndicatorPage(
        name=indicator.label(lang),
        aspect=f"{aspect.code} {aspect.label(lang)}",
        domain=f"{domain.code} {domain.label(lang)}" if domain else "",
        weight=display_decimal(indicator.weight),
        options=options,
        level_text=_level_text(current, lang),
        stages=[_stage_row(stage, reviews.get(stage.value), lang) for stage in Stage],
        evidence=list(answer.evidence.all()),
        due_date=answer.due_date,
        external=indicator.external_label(lang),
    )


def _stage_row(stage: Stage, review: StageReview | None, lang: str) -> StageRow:
    return StageRow(stage.value, str(stage.label), review, _level_text(review.level if review else None, lang))


def _level_text(value: LevelValue | None, lang: str) -> str:
    """The exact value as typed back into a form ("1,265", "7/6")."""
    text = level_text(value)
    if text is None:
        return ""
    return text.replace(".", ",") if lang == "id" else text
