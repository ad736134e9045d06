"""A spreadsheet cannot make the server spend more memory or time than its limits allow.

The hostile files of issue 7 are written by hand (tests/hostile_files.py); each is refused
with a message naming the limit, while Python's peak allocation stays small.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest
from tests.hostile_files import (
    chartsheet_named,
    declared_dimension_bomb,
    far_column_bomb,
    lying_zip_member,
    one_cell_rows,
    sheet_xml,
    workbook,
    zip_bomb,
)

from spbe.scoring import Framework, LevelsFileError, read_levels

PEAK_LIMIT = 40_000_000  # bytes; today's reader pads each row to 16,384 cells


def refusal_and_peak(read: Callable[[], object]) -> tuple[LevelsFileError, int]:
    tracemalloc.start()
    try:
        with pytest.raises(LevelsFileError) as caught:
            read()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, peak


def test_declared_dimension_and_40000_rows_are_refused_in_bounded_memory(f59: Framework) -> None:
    data = declared_dimension_bomb(40_000)
    assert len(data) < 250_000  # the 210 KB file of the report
    error, peak = refusal_and_peak(lambda: read_levels(data, f59))
    assert error.message("en") == "a sheet has more than 5000 rows; delete empty or unneeded rows"
    assert error.message("id").startswith("sebuah sheet memiliki lebih dari 5000 baris")
    assert peak < PEAK_LIMIT


def test_one_cell_in_the_last_column_is_refused_in_bounded_memory(f59: Framework) -> None:
    error, peak = refusal_and_peak(lambda: read_levels(far_column_bomb(40_000), f59))
    assert "more than 50 columns" in error.message("en")
    assert peak < PEAK_LIMIT


def test_a_part_unpacking_beyond_the_limit_is_refused(f59: Framework) -> None:
    data = zip_bomb(30)
    assert len(data) < 100_000
    error, peak = refusal_and_peak(lambda: read_levels(data, f59))
    assert "more than 20 MB" in error.message("en") and "lebih dari 20 MB" in error.message("id")
    assert peak < PEAK_LIMIT


def test_a_part_larger_than_its_zip_header_says_is_refused(f59: Framework) -> None:
    error, _peak = refusal_and_peak(lambda: read_levels(lying_zip_member(), f59))
    assert "not a valid .xlsx" in error.message("en")


def test_the_cell_limit_counts_every_sheet() -> None:
    from spbe.scoring.errors import SpreadsheetError
    from spbe.scoring.spreadsheet import SheetLimits, measure_workbook

    sheets = [(f"S{n}", sheet_xml(one_cell_rows(40), dimension="A1")) for n in range(3)]
    with pytest.raises(SpreadsheetError, match="more than 100 cells"):
        measure_workbook(workbook(sheets), SheetLimits(max_cells=100))
    measure_workbook(workbook(sheets), SheetLimits(max_cells=120))  # exactly at the limit is fine


def test_rows_are_numbered_as_the_sheet_numbers_them() -> None:
    from spbe.scoring.errors import SpreadsheetError
    from spbe.scoring.spreadsheet import measure_workbook

    # one row, but numbered 6000: a reader would yield 5,999 empty rows before it
    late = workbook([("S", sheet_xml('<row r="6000"><c r="A6000"><v>1</v></c></row>', dimension="A1"))])
    with pytest.raises(SpreadsheetError, match="more than 5000 rows"):
        measure_workbook(late)


def test_a_workbook_of_only_a_chart_sheet_says_so(f59: Framework) -> None:
    data = chartsheet_named("Grafik")
    book_without_data = _drop_first_sheet(data)
    with pytest.raises(LevelsFileError, match="no data sheet"):
        read_levels(book_without_data, f59)


def test_an_empty_upload_says_it_is_empty(f59: Framework) -> None:
    with pytest.raises(LevelsFileError) as caught:
        read_levels(b"", f59)
    assert caught.value.message("id") == "berkas kosong (0 bita); pilih berkas yang berisi data"


def _drop_first_sheet(data: bytes) -> bytes:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    del book[book.sheetnames[0]]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
