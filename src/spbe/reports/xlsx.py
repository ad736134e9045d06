"""The assessment report as an Excel workbook (XlsxWriter), with native Excel charts.

Every figure is a number cell (two-decimal format) and every text is written with
``write_string``, so nothing a person typed can become a formula. The layout is
fixed so that people, and the tests, can rely on where things are; rows and columns
below are 1-based as Excel shows them.

Summary sheet ("Ringkasan" / "Summary"):
    A1 title; A3:B9 facts (B3 agency, B4 kind, B5 province, B6 year as a number,
    B7 framework, B8 state, B9 generated at); B11 index, C11 its basis (verified or
    self-assessment, with the provisional note); B12 predicate; B13 self-assessment index, B14 verified
    index, each labelled in C with its provisional note.
    Each table has its caption in column A of the row above its header.
    Domains: header in row 16 (A code, B name, C weight, D self, E verified), one row
    per domain from row 17. Aspects: header in row ``aspect_header_row(data)``, same
    columns plus F domain code, one row per aspect below it. Charts start in column H:
    the radar (domains, or aspects when there are none) beside its table, the bar
    chart of aspects beside the aspect table (column P when the radar is there too).
Indicators sheet ("Indikator" / "Indicators"): header in row 1 (A code, B aspect,
    C indicator, D weight, E self level, F verified level, G justification, H evidence,
    I units, and J "external value pending" or empty when any indicator waits for one), one
    row per indicator from row 2; frozen header and an autofilter. D11 (summary) says how many
    pending external values the index includes.
Action plan sheet ("Rencana Aksi" / "Action plan"), only with a plan: B3 target,
    B4 reachable (text), B5 index before, B6 index after, B7 total cost; steps header
    in row 9, steps from row 10.
Trend sheet ("Tren" / "Trend"), only with more than one year: header in row 1
    (A year, B framework, C index, D predicate, E basis), years from row 2, line chart at G2.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import xlsxwriter
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spbe.reports.data import ReportData, ScoreLine

SHEET_NAMES = {
    "id": {"summary": "Ringkasan", "indicators": "Indikator", "plan": "Rencana Aksi", "trend": "Tren"},
    "en": {"summary": "Summary", "indicators": "Indicators", "plan": "Action plan", "trend": "Trend"},
}
INDEX_ROW = 11
PREDICATE_ROW = 12
SELF_INDEX_ROW = 13
VERIFIED_INDEX_ROW = 14
DOMAIN_HEADER_ROW = 16
RADAR_ROWS = 21  # the radar's height in rows, so the aspect table starts below it
PLAN_HEADER_ROW = 9
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
ACCENT = "#0B5CAD"
AMBER = "#C77700"


def sheet_names(language: str) -> dict[str, str]:
    """The sheet names for a report language (English for a language without its own)."""
    return SHEET_NAMES.get(language, SHEET_NAMES["en"])


def aspect_header_row(data: ReportData) -> int:
    """The 1-based row of the aspect table's header on the summary sheet."""
    if not data.domains:
        return DOMAIN_HEADER_ROW
    return DOMAIN_HEADER_ROW + max(len(data.domains) + 2, RADAR_ROWS)


def render_xlsx(data: ReportData) -> bytes:
    """The report as .xlsx bytes, in ``data.language``."""
    with translation.override(data.language):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(
            buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        book.set_properties(
            {
                "title": _("SPBE assessment report") + f" {data.year} - {data.agency}",
                "author": data.agency,
                "comments": "SPBE Suite",
                "created": _utc_naive(data.generated_at),
            }
        )
        styles = _Styles(book)
        names = sheet_names(data.language)
        has_verified = any(line.verified_index is not None for line in [*data.domains, *data.aspects])
        has_figures = has_verified or any(line.self_index is not None for line in [*data.domains, *data.aspects])
        _summary(book, book.add_worksheet(names["summary"]), data, styles, has_verified, has_figures)
        _indicators(book.add_worksheet(names["indicators"]), data, styles)
        if data.plan is not None:
            _plan(book.add_worksheet(names["plan"]), data, styles)
        if len(data.trend) > 1:
            _trend(book, book.add_worksheet(names["trend"]), data, styles)
        for sheet in book.worksheets():
            _print_setup(sheet, data)
        book.close()
        return buffer.getvalue()


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes in a wrapped column ``width`` characters wide."""
    return sum(max(1, -(-len(part) // max(width - 2, 1))) for part in text.split("\n")) if text else 1


def _print_setup(sheet: Any, data: ReportData) -> None:
    """Printed or saved as PDF, every sheet is A4 landscape, one page wide, with a footer."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if sheet.name in _REPEAT_FIRST_ROW:
        sheet.repeat_rows(0)
    agency = data.agency.replace("&", "&&")  # a lone "&" starts a footer control code
    sheet.set_footer(f"&L{agency} {data.year}&R&P / &N")


_REPEAT_FIRST_ROW = {"Indikator", "Indicators"}


class _Styles:
    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14, "font_color": ACCENT})
        self.label = book.add_format({"bold": True, "valign": "top"})
        self.text = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1, "border_color": "#D9DEE5"})
        self.head = book.add_format(
            {"bold": True, "bg_color": ACCENT, "font_color": "#FFFFFF", "text_wrap": True, "valign": "top", "border": 1}
        )
        self.number = book.add_format({"num_format": "0.00", "valign": "top", "border": 1, "border_color": "#D9DEE5"})
        self.big = book.add_format({"num_format": "0.00", "bold": True, "font_size": 16, "align": "left"})
        self.figure = book.add_format({"num_format": "0.00", "align": "left"})
        self.cost = book.add_format({"num_format": "#,##0.00", "valign": "top", "border": 1, "border_color": "#D9DEE5"})
        self.cost_plain = book.add_format({"num_format": "#,##0.00", "align": "left"})
        self.year = book.add_format({"num_format": "0", "align": "left", "valign": "top"})
        self.year_cell = book.add_format({"num_format": "0", "valign": "top", "border": 1, "border_color": "#D9DEE5"})
        self.date = book.add_format(
            {"num_format": "yyyy-mm-dd", "valign": "top", "border": 1, "border_color": "#D9DEE5"}
        )
        self.muted = book.add_format({"font_color": "#5B6776", "italic": True})


def _summary(book: Any, sheet: Any, data: ReportData, styles: _Styles, has_verified: bool, has_figures: bool) -> None:
    """Facts, headline figures and the score tables; charts only when there are figures to draw."""
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, 5, 12)
    sheet.write_string(0, 0, _("SPBE assessment report"), styles.title)
    facts: list[tuple[str, str | int]] = [
        (_("Agency"), data.agency),
        (_("Kind"), data.agency_kind),
        (_("Province"), data.province),
        (_("Year"), data.year),
        (_("Framework"), data.framework_title),
        (_("State"), data.state),
        (_("Generated"), _when(data.generated_at, data.zone_label)),
    ]
    for offset, (label, value) in enumerate(facts):
        row = 2 + offset
        sheet.write_string(row, 0, label, styles.label)
        if isinstance(value, int):
            sheet.write_number(row, 1, value, styles.year)
        else:
            sheet.write_string(row, 1, value, styles.text)
    sheet.write_string(INDEX_ROW - 1, 0, _("Index"), styles.label)
    _number(sheet, INDEX_ROW - 1, 1, data.index, styles.big)
    basis = _("Verified") if data.index_is_verified else _("Self-assessment, not yet verified")
    if data.headline is not None:  # the same label and provisional note as every page (spbe.evaluation.figures)
        basis = f"{data.headline.label} ({data.headline.note})" if data.headline.note else data.headline.label
    sheet.write_string(INDEX_ROW - 1, 2, basis, styles.muted)
    if data.external_pending:
        sheet.write_string(INDEX_ROW - 1, 3, _pending_note(data.external_pending), styles.muted)
    sheet.write_string(PREDICATE_ROW - 1, 0, _("Predicate"), styles.label)
    sheet.write_string(PREDICATE_ROW - 1, 1, data.predicate or "", styles.label)
    sheet.write_string(SELF_INDEX_ROW - 1, 0, _("Self-assessment"), styles.label)
    _number(sheet, SELF_INDEX_ROW - 1, 1, data.self_index, styles.figure)
    sheet.write_string(VERIFIED_INDEX_ROW - 1, 0, _("Verified"), styles.label)
    _number(sheet, VERIFIED_INDEX_ROW - 1, 1, data.verified_index, styles.figure)
    for row, figure in ((SELF_INDEX_ROW, data.self_figure), (VERIFIED_INDEX_ROW, data.verified_figure)):
        if figure is not None:
            text = f"{figure.label} ({figure.note})" if figure.note else figure.label
            sheet.write_string(row - 1, 2, text, styles.muted)

    names = sheet_names(data.language)["summary"]
    maximum = data.level_maximum
    if data.domains:
        sheet.write_string(DOMAIN_HEADER_ROW - 2, 0, _("Index per domain"), styles.label)
        first = _score_table(sheet, DOMAIN_HEADER_ROW, _("Domain"), data.domains, styles, with_domain=False)
        if has_figures:
            radar = _radar(book, names, first, len(data.domains), _("Index per domain"), maximum, has_verified)
            sheet.insert_chart(DOMAIN_HEADER_ROW - 1, 7, radar)
    header = aspect_header_row(data)
    if data.aspects:
        sheet.write_string(header - 2, 0, _("Index per aspect"), styles.label)
        first = _score_table(sheet, header, _("Aspect"), data.aspects, styles, with_domain=bool(data.domains))
        if has_figures:
            bars_column = 7
            if not data.domains:  # the aspects' radar stands in for the domains', the bars go to its right
                radar = _radar(book, names, first, len(data.aspects), _("Index per aspect"), maximum, has_verified)
                sheet.insert_chart(header - 1, 7, radar)
                bars_column = 15
            bars = _bars(book, names, first, len(data.aspects), maximum, has_verified)
            sheet.insert_chart(header - 1, bars_column, bars)
    sheet.activate()


def _score_table(
    sheet: Any, header_row: int, name_label: str, lines: Sequence[ScoreLine], styles: _Styles, *, with_domain: bool
) -> int:
    """Write a header and one row per line; return the 1-based row of the first line."""
    headers = [_("Code"), name_label, _("Weight"), _("Self-assessment"), _("Verified")]
    if with_domain:
        headers.append(_("Domain"))
    for column, text in enumerate(headers):
        sheet.write_string(header_row - 1, column, text, styles.head)
    sheet.set_row(header_row - 1, 30)  # "Penilaian mandiri" wraps onto two lines
    for offset, line in enumerate(lines):
        row = header_row + offset  # 0-based row of the line
        sheet.write_string(row, 0, line.code, styles.wrap)
        sheet.write_string(row, 1, line.name, styles.wrap)
        _number(sheet, row, 2, line.weight, styles.number)
        _number(sheet, row, 3, line.self_index, styles.number)
        _number(sheet, row, 4, line.verified_index, styles.number)
        if with_domain:
            sheet.write_string(row, 5, line.domain_code or "", styles.wrap)
    return header_row + 1


def _series(sheet_name: str, first: int, count: int, has_verified: bool) -> list[tuple[str, str, str, str]]:
    """(name cell, categories, values, colour) per series, as absolute references."""
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    last = first + count - 1
    categories = f"={quoted}!$B${first}:$B${last}"
    found = [
        (f"={quoted}!$D${first - 1}", categories, f"={quoted}!$D${first}:$D${last}", AMBER if has_verified else ACCENT)
    ]
    if has_verified:
        found.append((f"={quoted}!$E${first - 1}", categories, f"={quoted}!$E${first}:$E${last}", ACCENT))
    return found


def _radar(book: Any, sheet_name: str, first: int, count: int, title: str, maximum: int, has_verified: bool) -> Any:
    chart = book.add_chart({"type": "radar", "subtype": "with_markers"})
    for name, categories, values, colour in _series(sheet_name, first, count, has_verified):
        chart.add_series(
            {
                "name": name,
                "categories": categories,
                "values": values,
                "line": {"color": colour, "width": 2},
                "marker": {"type": "circle", "size": 5, "fill": {"color": colour}, "border": {"color": colour}},
            }
        )
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_y_axis({"min": 0, "max": maximum, "major_unit": 1, "num_format": "0", "num_font": {"size": 9}})
    chart.set_x_axis({"num_font": {"size": 9}})
    chart.set_legend({"position": "bottom", "font": {"size": 9}})
    chart.set_size({"width": 500, "height": 400})
    return chart


def _bars(book: Any, sheet_name: str, first: int, count: int, maximum: int, has_verified: bool) -> Any:
    chart = book.add_chart({"type": "bar"})
    for name, categories, values, colour in _series(sheet_name, first, count, has_verified):
        chart.add_series(
            {
                "name": name,
                "categories": categories,
                "values": values,
                "fill": {"color": colour},
                "border": {"none": True},
                "data_labels": {"value": True, "num_format": "0.00", "font": {"size": 9}},
                "gap": 60,
            }
        )
    chart.set_title({"name": _("Index per aspect"), "name_font": {"size": 12}})
    chart.set_x_axis(
        {
            "min": 0,
            "max": maximum,
            "major_unit": 1,
            "num_format": "0",
            "num_font": {"size": 9},
            "major_gridlines": {"visible": True},
        }
    )
    chart.set_y_axis({"reverse": True, "num_font": {"size": 9}})
    chart.set_legend({"position": "bottom", "font": {"size": 9}})
    chart.set_size({"width": 560, "height": max(320, 60 + count * (44 if has_verified else 28))})
    return chart


def _indicators(sheet: Any, data: ReportData, styles: _Styles) -> None:
    headers = [
        _("Code"),
        _("Aspect"),
        _("Indicator"),
        _("Weight"),
        _("Self level"),
        _("Verified level"),
        _("Justification"),
        _("Evidence"),
        _("Unit"),
    ]
    pending = any(line.external_pending for line in data.indicators)
    if pending:
        headers.append(_("External value pending"))
    for column, text in enumerate(headers):
        sheet.write_string(0, column, text, styles.head)
    widths = [8, 8, 48, 9, 10, 11, 70, 40, 24, 16]
    sheet.set_row(0, 30)
    for offset, line in enumerate(data.indicators):
        row = 1 + offset
        # LibreOffice does not grow rows for wrapped text on its own: size them from the longest cell
        lines = max(
            _lines(line.name, widths[2]),
            _lines(line.justification[:MAX_CELL_TEXT], widths[6]),
            len(line.evidence) or 1,
            _lines(", ".join(line.units), widths[8]),
        )
        sheet.set_row(row, 15 * min(lines, 20))
        sheet.write_string(row, 0, line.code, styles.wrap)
        sheet.write_string(row, 1, line.aspect_code, styles.wrap)
        sheet.write_string(row, 2, line.name, styles.wrap)
        _number(sheet, row, 3, line.weight, styles.number)
        _number(sheet, row, 4, line.self_level, styles.number)
        _number(sheet, row, 5, line.verified_level, styles.number)
        sheet.write_string(row, 6, line.justification[:MAX_CELL_TEXT], styles.wrap)
        sheet.write_string(row, 7, "\n".join(line.evidence)[:MAX_CELL_TEXT], styles.wrap)
        sheet.write_string(row, 8, ", ".join(line.units), styles.wrap)
        if pending:
            sheet.write_string(row, 9, _("External value pending") if line.external_pending else "", styles.wrap)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(data.indicators), 1), len(headers) - 1)


def _plan(sheet: Any, data: ReportData, styles: _Styles) -> None:
    plan = data.plan
    assert plan is not None
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 7, 14)
    sheet.write_string(0, 0, _("Action plan"), styles.title)
    reachable = _("The target can be reached.") if plan.reachable else _("The target cannot be reached.")
    sheet.write_string(2, 0, _("Target"), styles.label)
    _number(sheet, 2, 1, plan.target, styles.figure)
    sheet.write_string(3, 0, _("Status"), styles.label)
    sheet.write_string(3, 1, reachable, styles.text)
    sheet.write_string(4, 0, _("Index before"), styles.label)
    _number(sheet, 4, 1, plan.index_before, styles.figure)
    sheet.write_string(5, 0, _("Index after"), styles.label)
    _number(sheet, 5, 1, plan.index_after, styles.figure)
    sheet.write_string(6, 0, _("Total cost"), styles.label)
    _number(sheet, 6, 1, plan.cost, styles.cost_plain)
    headers = [
        _("Code"),
        _("Indicator"),
        _("From level"),
        _("To level"),
        _("Cost"),
        _("Unit"),
        _("Due date"),
        _("Status"),
    ]
    for column, text in enumerate(headers):
        sheet.write_string(PLAN_HEADER_ROW - 1, column, text, styles.head)
    for offset, step in enumerate(plan.steps):
        row = PLAN_HEADER_ROW + offset
        sheet.write_string(row, 0, step.code, styles.wrap)
        sheet.write_string(row, 1, step.name, styles.wrap)
        _number(sheet, row, 2, step.from_level, styles.number)
        sheet.write_number(row, 3, step.to_level, styles.number)
        _number(sheet, row, 4, step.cost, styles.cost)
        sheet.write_string(row, 5, step.unit, styles.wrap)
        if step.due_date is not None:
            sheet.write_datetime(row, 6, datetime.datetime.combine(step.due_date, datetime.time()), styles.date)
        else:
            sheet.write_blank(row, 6, None, styles.date)
        sheet.write_string(row, 7, step.status, styles.wrap)
    sheet.freeze_panes(PLAN_HEADER_ROW, 0)


def _trend(book: Any, sheet: Any, data: ReportData, styles: _Styles) -> None:
    headers = [_("Year"), _("Framework"), _("Index"), _("Predicate"), _("Basis")]
    for column, text in enumerate(headers):
        sheet.write_string(0, column, text, styles.head)
    for offset, point in enumerate(data.trend):
        row = 1 + offset
        sheet.write_number(row, 0, point.year, styles.year_cell)
        sheet.write_string(row, 1, point.framework_title or point.framework_id, styles.wrap)
        _number(sheet, row, 2, point.index, styles.number)
        sheet.write_string(row, 3, point.predicate, styles.wrap)
        sheet.write_string(row, 4, _("Verified") if point.final else _("Self-assessment"), styles.wrap)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 2, 9)
    sheet.set_column(3, 4, 18)
    quoted = "'" + sheet_names(data.language)["trend"].replace("'", "''") + "'"
    last = len(data.trend) + 1
    chart = book.add_chart({"type": "line"})
    chart.add_series(
        {
            "name": f"={quoted}!$C$1",
            "categories": f"={quoted}!$A$2:$A${last}",
            "values": f"={quoted}!$C$2:$C${last}",
            "line": {"color": ACCENT, "width": 2.25},
            "marker": {"type": "circle", "size": 6, "fill": {"color": ACCENT}, "border": {"color": ACCENT}},
            "data_labels": {"value": True, "num_format": "0.00", "position": "above", "font": {"size": 9}},
        }
    )
    chart.set_title({"name": _("Index over the years"), "name_font": {"size": 12}})
    chart.set_y_axis({"min": 0, "max": data.level_maximum, "major_unit": 1, "num_format": "0", "num_font": {"size": 9}})
    chart.set_x_axis({"num_font": {"size": 9}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 480, "height": 300})
    sheet.insert_chart(1, 6, chart)


def _pending_note(count: int) -> str:
    return ngettext(
        "Includes a pending external value: %(n)s indicator waits for another national index and counts as 1.00.",
        "Includes pending external values: %(n)s indicators wait for another national index and count as 1.00.",
        count,
    ) % {"n": count}


def _number(sheet: Any, row: int, column: int, value: Decimal | Fraction | None, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, column, None, style)
    else:
        sheet.write_number(row, column, float(value), style)


def _when(moment: datetime.datetime, zone_label: str) -> str:
    """The moment in its own zone, e.g. 30 November 2026, 14.05 WITA."""
    day = formats.date_format(moment, "j F Y")
    time = formats.time_format(moment, "TIME_FORMAT")
    return f"{day}, {time} {zone_label}".strip()


def _utc_naive(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)
