"""What an assessment report shows, as plain data: renderers (PDF, XLSX) read only this.

Built by ``spbe.reports.build.report_data_for``; every figure is already rounded for
display (half-up, 2 decimals) except where noted, and every label is in the report's language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class ScoreLine:
    code: str
    name: str
    weight: Decimal
    self_index: Decimal | None  # None when not computable (no level at all)
    verified_index: Decimal | None
    domain_code: str | None = None  # for aspects


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    aspect_code: str
    weight: Decimal
    self_level: Decimal | Fraction | None  # exact, as the assessor gave it (7/6)
    verified_level: Decimal | Fraction | None
    justification: str
    evidence: list[str]  # titles
    units: list[str]
    external_pending: bool = False  # counted at 1.00 while another national index gives no value yet


@dataclass(frozen=True)
class PlanStepLine:
    code: str
    name: str
    from_level: Decimal
    to_level: int
    cost: Decimal
    unit: str
    due_date: datetime.date | None
    status: str  # already translated label


@dataclass(frozen=True)
class PlanSection:
    target: Decimal
    reachable: bool
    index_before: Decimal
    index_after: Decimal
    cost: Decimal
    steps: list[PlanStepLine]


@dataclass(frozen=True)
class TrendPoint:
    year: int
    framework_id: str
    index: Decimal
    predicate: str
    final: bool  # False: the figure is a self-assessment, not yet verified
    framework_title: str = ""  # shown to readers; the id only compares frameworks


@dataclass(frozen=True)
class FigureLine:
    """One labelled figure as ``spbe.evaluation.figures`` names it, in the report's language."""

    label: str  # "Self-assessment index" / "Verified index"
    index: Decimal | None
    note: str  # "provisional: 19 of 47 indicators have no value yet", or ""


@dataclass(frozen=True)
class ReportData:
    language: str  # "id" or "en"
    agency: str
    agency_kind: str
    province: str
    year: int
    framework_id: str
    framework_title: str
    state: str  # translated label
    generated_at: datetime.datetime  # aware, in the agency's zone
    zone_label: str  # WIB/WITA/WIT
    index: Decimal | None  # the headline: verified when final, else self (provisional while levels are missing)
    predicate: str | None
    index_is_verified: bool
    self_index: Decimal | None
    verified_index: Decimal | None
    domains: list[ScoreLine]  # empty when the framework has no domains
    aspects: list[ScoreLine]
    indicators: list[IndicatorLine]
    level_maximum: int  # the framework's highest value, for chart scales
    plan: PlanSection | None = None
    trend: list[TrendPoint] = field(default_factory=list)  # oldest first, includes this year
    external_pending: int = 0  # indicators the index counts at 1.00 while an external value is awaited
    headline: FigureLine | None = None  # the figure of ``index``, labelled; None in hand-built samples
    self_figure: FigureLine | None = None
    verified_figure: FigureLine | None = None
