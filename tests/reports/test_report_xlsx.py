"""The Excel report: the same figures, in documented cells, with native charts."""

from __future__ import annotations

import datetime

import pytest
from tests.reports.report_samples import (
    FORMULA,
    book_of,
    chart_kinds,
    sheet_named,
)

from spbe.reports.data import (
    ReportData,
)
from spbe.reports.xlsx import (
    DOMAIN_HEADER_ROW,
    INDEX_ROW,
    PREDICATE_ROW,
    SELF_INDEX_ROW,
    VERIFIED_INDEX_ROW,
    aspect_header_row,
    sheet_names,
)

# --- workbook -----------------------------------------------------------------------------


def test_workbook_holds_the_figures_where_documented(full_id: ReportData) -> None:
    book = book_of(full_id)
    names = sheet_names("id")
    assert book.sheetnames == ["Ringkasan", "Indikator", "Rencana Aksi", "Tren"]
    summary = sheet_named(book, names["summary"])
    assert summary["B3"].value == "Kabupaten Sukamaju"
    assert summary["B6"].value == 2025
    assert summary[f"B{INDEX_ROW}"].value == pytest.approx(2.75)
    assert summary[f"B{INDEX_ROW}"].number_format == "0.00"
    assert summary[f"B{PREDICATE_ROW}"].value == "Baik"
    assert summary[f"B{SELF_INDEX_ROW}"].value == pytest.approx(float(full_id.self_index or 0))
    assert summary[f"B{VERIFIED_INDEX_ROW}"].value == pytest.approx(2.75)
    for offset, domain in enumerate(full_id.domains, start=DOMAIN_HEADER_ROW + 1):
        assert summary[f"A{offset}"].value == domain.code
        assert summary[f"B{offset}"].value == domain.name
        assert summary[f"D{offset}"].value == pytest.approx(float(domain.self_index or 0))
        assert summary[f"E{offset}"].value == pytest.approx(float(domain.verified_index or 0))
        assert isinstance(summary[f"E{offset}"].value, (int, float))  # a number, not text
    header = aspect_header_row(full_id)
    assert header == 37
    for offset, aspect in enumerate(full_id.aspects, start=header + 1):
        assert summary[f"A{offset}"].value == aspect.code
        assert summary[f"D{offset}"].value == pytest.approx(float(aspect.self_index or 0))
        assert summary[f"E{offset}"].value == pytest.approx(float(aspect.verified_index or 0))
        assert summary[f"F{offset}"].value == aspect.domain_code
    assert chart_kinds(summary) == ["BarChart", "RadarChart"]


def test_workbook_indicatorsheet_named(full_id: ReportData) -> None:
    sheet = sheet_named(book_of(full_id), "Indikator")
    assert sheet.max_row == 1 + 47
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:I48"
    assert [sheet.cell(row, 1).value for row in range(2, 49)] == [str(n) for n in range(1, 48)]
    assert sheet["E3"].value == 4 and sheet["F3"].value == 2 + 1  # indicator 2: self 4, verified 3
    formula_cell = sheet["G6"]  # indicator 5's justification
    assert formula_cell.value == FORMULA
    assert formula_cell.data_type == "s"
    assert "Notulen rapat reviu 7" in sheet["H8"].value and "Lampiran 5" in sheet["H8"].value


def test_workbook_plan_and_trend_sheets(full_id: ReportData) -> None:
    book = book_of(full_id)
    plan = sheet_named(book, "Rencana Aksi")
    assert plan["B3"].value == pytest.approx(3.0)
    assert plan["B7"].value == pytest.approx(3750006.5)
    assert plan["A10"].value == "3" and plan["E11"].value == pytest.approx(1250000)
    assert plan["G10"].value == datetime.datetime(2026, 3, 31)
    assert plan["G13"].value is None
    trend = sheet_named(book, "Tren")
    assert [trend.cell(row, 1).value for row in (2, 3, 4)] == [2023, 2024, 2025]
    assert trend["C4"].value == pytest.approx(2.75)
    assert chart_kinds(trend) == ["LineChart"]


def test_workbook_in_english_and_without_domains(full_en: ReportData, pemdi: ReportData) -> None:
    assert book_of(full_en).sheetnames == ["Summary", "Indicators", "Action plan", "Trend"]
    book = book_of(pemdi)
    assert book.sheetnames == ["Ringkasan", "Indikator"]
    summary = sheet_named(book, "Ringkasan")
    header = aspect_header_row(pemdi)
    assert header == DOMAIN_HEADER_ROW
    assert summary[f"D{header + 1}"].value == pytest.approx(float(pemdi.aspects[0].self_index or 0))
    assert summary[f"E{header + 1}"].value is None
    assert summary[f"B{VERIFIED_INDEX_ROW}"].value is None
    assert chart_kinds(summary) == ["BarChart", "RadarChart"]
    indicators = sheet_named(book, "Indikator")
    assert indicators.max_row == 21
    assert indicators["E2"].value == pytest.approx(1.26)
