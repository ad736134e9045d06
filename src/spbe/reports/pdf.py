"""The assessment report as a PDF: a Django template printed by WeasyPrint.

Everything the template shows is prepared here as text in the report's language
(numbers with the language's decimal mark, dates with its month names, charts as
inline SVG), so the template only lays it out. The template and its stylesheet are
read from this app's folders by a private template engine: rendering needs no
INSTALLED_APPS entry, no static files and no network (only ``data:`` URLs load).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.template import Context, Engine
from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from spbe.reports.charts import bars_svg, radar_svg, trend_svg
from spbe.reports.data import IndicatorLine, PlanStepLine, ReportData, ScoreLine, TrendPoint
from spbe.scoring.numbers import round_half_up

APP_DIR = Path(__file__).resolve().parent
TEMPLATE = "reports/assessment_report.html"
STYLESHEET = APP_DIR / "static" / "reports" / "report.css"
JUSTIFICATION_CHARS = 200  # the workbook holds the full text
EVIDENCE_SHOWN = 5
EVIDENCE_CHARS = 60
DASH = "–"


def render_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes (A4 portrait), in ``data.language``."""
    document = HTML(string=report_html(data), base_url=None, url_fetcher=_offline_fetcher())
    pdf: bytes = document.write_pdf()
    return pdf


def report_html(data: ReportData) -> str:
    """The HTML that ``render_pdf`` prints, with its stylesheet inline (useful to debug the layout)."""
    with translation.override(data.language):
        context = _context(data)
        return _engine().get_template(TEMPLATE).render(Context(context, autoescape=True))


@functools.cache
def _engine() -> Engine:
    return Engine(
        dirs=[str(APP_DIR / "templates")],
        libraries={"i18n": "django.templatetags.i18n"},
        autoescape=True,
    )


@functools.cache
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _offline_fetcher() -> URLFetcher:
    """Load only inline ``data:`` URLs; anything else is refused, so no file or network is read."""
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


# --- what the template shows --------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    code: str
    name: str
    weight: str
    self_index: str
    verified_index: str
    group: str = ""  # the domain code of an aspect


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    units: str
    self_level: str
    verified_level: str
    lower: bool  # verified below self
    justification: str
    evidence: list[str]
    evidence_more: str
    external_pending: bool = False


@dataclass(frozen=True)
class IndicatorGroup:
    code: str
    name: str
    rows: list[IndicatorRow] = field(default_factory=list)


@dataclass(frozen=True)
class StepRow:
    code: str
    name: str
    from_level: str
    to_level: str
    cost: str
    unit: str
    due_date: str
    status: str


@dataclass(frozen=True)
class TrendRow:
    year: int
    framework: str
    index: str
    predicate: str
    status: str
    current: bool


def _context(data: ReportData) -> dict[str, object]:
    has_verified = any(line.verified_index is not None for line in [*data.domains, *data.aspects])
    # until every indicator has a level there is no figure to draw: a notice replaces the charts
    has_figures = has_verified or any(line.self_index is not None for line in [*data.domains, *data.aspects])
    series_names = [_("Self-assessment"), _("Verified")] if has_verified else [_("Self-assessment")]

    def series(lines: list[ScoreLine]) -> list[tuple[str, list[Decimal | None]]]:
        found = [(series_names[0], [line.self_index for line in lines])]
        if has_verified:
            found.append((series_names[1], [line.verified_index for line in lines]))
        return found

    domain_radar = aspect_radar = aspect_bars = trend_chart = ""
    if data.domains and has_figures:
        domain_radar = radar_svg(
            [line.name for line in data.domains],
            series(data.domains),
            data.level_maximum,
            title=_("Index per domain"),
            fmt=_index,
            radius=80,
            label_chars=18,
        )
    if not data.domains and data.aspects and has_figures:
        aspect_radar = radar_svg(
            [line.name for line in data.aspects],
            series(data.aspects),
            data.level_maximum,
            title=_("Index per aspect"),
            fmt=_index,
            radius=80,
            label_chars=22,
        )
    if data.aspects and has_figures:
        aspect_bars = bars_svg(
            [f"{line.code} {line.name}" for line in data.aspects],
            series(data.aspects),
            data.level_maximum,
            title=_("Index per aspect"),
            fmt=_index,
            width=490,
        )
    if len(data.trend) > 1:
        trend_chart = trend_svg(
            [(point.year, point.index) for point in data.trend],
            data.level_maximum,
            title=_("Index over the years"),
            fmt=_index,
            provisional={point.year for point in data.trend if not point.final},
            provisional_label=_("Self-assessment, not yet verified"),
            width=230,
        )
    return {
        "data": data,
        "lang": data.language,
        "stylesheet": mark_safe(_stylesheet()),  # our own file, not user input
        "page_rules": _page_rules(data),
        "generated": _when(data.generated_at, data.zone_label),
        "index": _index(data.index),
        "headline": data.headline,
        "self_figure": data.self_figure,
        "verified_figure": data.verified_figure,
        "self_index": _index(data.self_index),
        "verified_index": _index(data.verified_index),
        "predicate": data.predicate or DASH,
        "maximum": data.level_maximum,
        "has_verified": has_verified,
        "has_figures": has_figures,
        "domains": [_score_row(line) for line in data.domains],
        "aspects": [_score_row(line) for line in data.aspects],
        "domain_radar": mark_safe(domain_radar),  # charts escape every text they draw
        "aspect_radar": mark_safe(aspect_radar),
        "aspect_bars": mark_safe(aspect_bars),
        "indicator_groups": _indicator_groups(data),
        "indicator_count": len(data.indicators),
        "external_pending": data.external_pending,
        "answered_self": sum(1 for line in data.indicators if line.self_level is not None),
        "answered_verified": sum(1 for line in data.indicators if line.verified_level is not None),
        "plan": data.plan,
        "plan_target": _index(data.plan.target) if data.plan else "",
        "plan_before": _index(data.plan.index_before) if data.plan else "",
        "plan_after": _index(data.plan.index_after) if data.plan else "",
        "plan_cost": _amount(data.plan.cost) if data.plan else "",
        "plan_steps": [_step_row(step) for step in data.plan.steps] if data.plan else [],
        "trend": [_trend_row(point, data) for point in data.trend] if len(data.trend) > 1 else [],
        "trend_chart": mark_safe(trend_chart),
    }


def _score_row(line: ScoreLine) -> ScoreRow:
    return ScoreRow(
        code=line.code,
        name=line.name,
        weight=_plain(line.weight),
        self_index=_index(line.self_index),
        verified_index=_index(line.verified_index),
        group=line.domain_code or "",
    )


def _indicator_groups(data: ReportData) -> list[IndicatorGroup]:
    """Indicators in their given order, with a heading row whenever the aspect changes."""
    names = {line.code: line.name for line in data.aspects}
    groups: list[IndicatorGroup] = []
    for line in data.indicators:
        if not groups or groups[-1].code != line.aspect_code:
            groups.append(IndicatorGroup(line.aspect_code, names.get(line.aspect_code, "")))
        groups[-1].rows.append(_indicator_row(line))
    return groups


def _indicator_row(line: IndicatorLine) -> IndicatorRow:
    shown = line.evidence[:EVIDENCE_SHOWN]
    more = len(line.evidence) - len(shown)
    lower = line.self_level is not None and line.verified_level is not None and line.verified_level < line.self_level
    return IndicatorRow(
        code=line.code,
        name=line.name,
        units=", ".join(line.units),
        self_level=_level(line.self_level),
        verified_level=_level(line.verified_level),
        lower=lower,
        justification=shorten(line.justification, JUSTIFICATION_CHARS),
        evidence=[shorten(title, EVIDENCE_CHARS) for title in shown],
        evidence_more=_("and %(count)s more") % {"count": more} if more > 0 else "",
        external_pending=line.external_pending,
    )


def _step_row(step: PlanStepLine) -> StepRow:
    return StepRow(
        code=step.code,
        name=step.name,
        from_level=_level(step.from_level),
        to_level=_level(Decimal(step.to_level)),
        cost=_amount(step.cost),
        unit=step.unit or DASH,
        due_date=formats.date_format(step.due_date, "j M Y") if step.due_date else DASH,
        status=step.status,
    )


def _trend_row(point: TrendPoint, data: ReportData) -> TrendRow:
    """A year of the trend; its framework is named only when it is not this report's (figures differ in kind)."""
    return TrendRow(
        year=point.year,
        framework=(point.framework_title or point.framework_id) if point.framework_id != data.framework_id else "",
        index=_index(point.index),
        predicate=point.predicate,
        status=_("Verified") if point.final else _("Self-assessment"),
        current=point.year == data.year,
    )


# --- text in the report's language ----------------------------------------------------


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace and cut at a word boundary before ``limit`` characters, ending in …"""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def _index(value: Decimal | None) -> str:
    """An index: always two decimals, in the active language's format (2,75 / 2.75)."""
    if value is None:
        return DASH
    return formats.number_format(value, decimal_pos=2, use_l10n=True)


def _level(value: Decimal | Fraction | None) -> str:
    """A level: whole levels without decimals (3), others with two, rounded half-up (1,26; 7/6 -> 1,17)."""
    if value is None:
        return DASH
    exact = Fraction(value)
    if exact.denominator == 1:
        return formats.number_format(Decimal(exact.numerator), decimal_pos=0, use_l10n=True)
    return formats.number_format(round_half_up(exact, 2), decimal_pos=2, use_l10n=True)


def _plain(value: Decimal) -> str:
    """A weight as written (16,5), without trailing zeros."""
    exact = Decimal(format(value.normalize(), "f"))
    return formats.number_format(exact, use_l10n=True)


def _amount(value: Decimal) -> str:
    """A cost with thousands grouped (1.250.000), decimals only when there are any."""
    places = 0 if value == value.to_integral_value() else 2
    return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def _when(moment: datetime.datetime, zone_label: str) -> str:
    """The moment in its own zone (no conversion), e.g. 30 November 2026, 14.05 WITA."""
    day = formats.date_format(moment, "j F Y")
    time = formats.time_format(moment, "TIME_FORMAT")
    return f"{day}, {time} {zone_label}".strip()


def _page_rules(data: ReportData) -> SafeString:
    """The running footer: agency and year on the left, "page x of y" on the right."""
    left = _css_string(_("%(agency)s · SPBE assessment %(year)s") % {"agency": data.agency, "year": data.year})
    pieces = re.split(r"(%\(page\)s|%\(pages\)s)", _("Page %(page)s of %(pages)s"))
    right = " ".join(
        "counter(page)" if piece == "%(page)s" else "counter(pages)" if piece == "%(pages)s" else _css_string(piece)
        for piece in pieces
        if piece
    )
    rules = f"@page {{ @bottom-left {{ content: {left}; }} @bottom-right {{ content: {right}; }} }}"
    return mark_safe(rules)  # every text is a CSS string with quotes, backslashes and "<" escaped


def _css_string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("<", "\\3c ")
        .replace(">", "\\3e ")
        .replace("\n", " ")
        .replace("\r", " ")
    )
    return f'"{escaped}"'
