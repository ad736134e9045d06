"""Turn core objects into plain data for templates, in the active language."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spbe.scoring import Framework, ScoreResult
from spbe.scoring.model import Indicator
from spbe.scoring.numbers import display_decimal


@dataclass
class CriterionRow:
    level: int
    level_name: str
    text: str


@dataclass
class IndicatorRow:
    code: str
    name: str
    weight: Decimal
    criteria: list[CriterionRow]
    entered: str = ""


@dataclass
class AspectRow:
    code: str
    name: str
    weight: Decimal
    indicators: list[IndicatorRow]


@dataclass
class DomainRow:
    code: str | None
    name: str
    weight: Decimal
    aspects: list[AspectRow] = field(default_factory=list)


def framework_tree(framework: Framework, lang: str, entered: dict[str, str] | None = None) -> list[DomainRow]:
    """Domains (or one nameless group when the framework has none) down to criteria."""
    entered = entered or {}

    def aspect_row(aspect_code: str) -> AspectRow:
        aspect = next(a for a in framework.aspects if a.code == aspect_code)
        return AspectRow(
            code=aspect.code,
            name=aspect.label(lang),
            weight=display_decimal(aspect.weight),
            indicators=[_indicator_row(framework, i, lang, entered.get(i.code, "")) for i in aspect.indicators],
        )

    if not framework.domains:
        return [
            DomainRow(
                code=None,
                name="",
                weight=Decimal(100),
                aspects=[aspect_row(a.code) for a in framework.aspects],
            )
        ]
    return [
        DomainRow(
            code=domain.code,
            name=domain.label(lang),
            weight=display_decimal(domain.weight),
            aspects=[aspect_row(a.code) for a in domain.aspects],
        )
        for domain in framework.domains
    ]


def _indicator_row(framework: Framework, indicator: Indicator, lang: str, entered: str) -> IndicatorRow:
    criteria = [
        CriterionRow(level.value, level.name_en if lang == "en" else level.name, indicator.criterion(level.value, lang))
        for level in framework.levels
        if indicator.criterion(level.value, lang)
    ]
    return IndicatorRow(
        code=indicator.code,
        name=indicator.label(lang),
        weight=display_decimal(indicator.weight),
        criteria=criteria,
        entered=entered,
    )


@dataclass
class ScoreRow:
    code: str
    name: str
    weight: Decimal
    index: Decimal
    percent: str  # bar width, of the framework's highest value
    is_domain: bool


@dataclass
class ResultView:
    index: Decimal
    predicate: str
    percent: str
    rows: list[ScoreRow]


def result_view(result: ScoreResult, lang: str) -> ResultView:
    maximum = result.framework.values.maximum

    def percent(value: Decimal) -> str:
        return format(min(Decimal(100), value * 100 / maximum).quantize(Decimal("0.1")), "f")

    rows: list[ScoreRow] = []
    aspects = result.aspects
    for domain in result.domains:
        rows.append(
            ScoreRow(
                domain.code,
                domain.label(lang),
                display_decimal(domain.weight),
                domain.index_rounded,
                percent(domain.index_rounded),
                True,
            )
        )
        rows.extend(
            ScoreRow(a.code, a.label(lang), display_decimal(a.weight), a.index_rounded, percent(a.index_rounded), False)
            for a in aspects
            if a.domain_code == domain.code
        )
    if not result.domains:
        rows = [
            ScoreRow(a.code, a.label(lang), display_decimal(a.weight), a.index_rounded, percent(a.index_rounded), False)
            for a in aspects
        ]
    return ResultView(
        index=result.index_rounded,
        predicate=result.predicate.label(lang),
        percent=percent(result.index_rounded),
        rows=rows,
    )
