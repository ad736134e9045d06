"""Reading levels files the way agencies export them, with row-precise errors."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from spbe.scoring import Framework, LevelsFileError, levels_from_form, read_levels, score


def csv_bytes(framework: Framework, value: str = "3", sep: str = ",", header: str = "indicator,level") -> bytes:
    rows = [header.replace(",", sep)] + [f"{i.code}{sep}{value}" for i in framework.indicators]
    return ("\n".join(rows) + "\n").encode()


def xlsx_bytes(rows: list[tuple[object, ...]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    workbook.create_sheet("Catatan").append(["this second sheet is ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_comma_csv(f59: Framework) -> None:
    levels = read_levels(csv_bytes(f59), f59)
    assert score(f59, levels).index == 3


def test_semicolon_csv_with_decimal_comma_and_bom(f26: Framework) -> None:
    data = "\ufeffindikator;nilai\r\n" + "".join(f"{i.code};1,26\r\n" for i in f26.indicators)
    levels = read_levels(data.encode("utf-8"), f26)
    assert set(levels.values()) == {Decimal("1.26")}
    assert str(score(f26, levels).index_rounded) == "1.26"


def test_blank_rows_and_padding_cells_are_ignored(f59: Framework) -> None:
    text = "indicator;level;;\n\n" + "".join(f"{i.code};4;;\n" for i in f59.indicators) + ";;\n"
    assert score(f59, read_levels(text.encode(), f59)).index == 4


def test_xlsx_first_sheet_with_numeric_cells(f26: Framework) -> None:
    rows: list[tuple[object, ...]] = [("indicator", "level")]
    rows += [(int(i.code), 1.26 if i.code == "3" else 2) for i in f26.indicators]
    levels = read_levels(xlsx_bytes(rows), f26)
    assert levels["3"] == Decimal("1.26") and levels["1"] == 2


def test_xlsx_text_cell_with_decimal_comma(f26: Framework) -> None:
    rows: list[tuple[object, ...]] = [("Indicator", "Level")] + [(i.code, "1,5") for i in f26.indicators]
    assert set(read_levels(xlsx_bytes(rows), f26).values()) == {Decimal("1.5")}


def test_xlsx_errors_name_the_row(f59: Framework) -> None:
    rows: list[tuple[object, ...]] = [("indicator", "level")] + [(i.code, 3) for i in f59.indicators]
    rows[12] = ("12", 7)
    with pytest.raises(LevelsFileError) as caught:
        read_levels(xlsx_bytes(rows), f59)
    assert caught.value.message("id") == (
        "baris 13: indikator 12: nilai 7 tidak diizinkan; gunakan bilangan bulat 1 sampai 5"
    )


def test_a_broken_xlsx_is_reported_not_crashed(f59: Framework) -> None:
    with pytest.raises(LevelsFileError, match=r"not a valid \.xlsx"):
        read_levels(b"PK\x03\x04 this is not really a zip", f59)


def replace_row(data: bytes, row: int, new: str) -> bytes:
    lines = data.decode().splitlines()
    lines[row - 1] = new
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("row", "line", "message"),
    [
        (3, "2,4,5", "row 3: 3 columns found, expected 2"),
        (3, "2;4,5", "row 3: indicator 2: value 4,5 is not allowed; use a whole number from 1 to 5"),
        (4, "3,x", "row 4: indicator 3: value x is not a number"),
        (4, "3,6", "row 4: indicator 3: value 6 is not allowed"),
        (4, "3,", "row 4: indicator 3: the value is empty"),
        (5, "2,3", "row 5: indicator 2 was already given in row 3"),
        (5, "48,3", "row 5: indicator code 48 is unknown in SPBE Index - PermenPANRB Regulation 59 of 2020"),
    ],
)
def test_row_errors(f59: Framework, row: int, line: str, message: str) -> None:
    data = csv_bytes(f59)
    if ";" in line:
        data = csv_bytes(f59, sep=";")
    data = replace_row(data, row, line)
    with pytest.raises(LevelsFileError) as caught:
        read_levels(data, f59)
    assert caught.value.message("en").startswith(message)


def test_all_row_problems_are_reported_together(f59: Framework) -> None:
    data = replace_row(replace_row(csv_bytes(f59), 3, "2,x"), 9, "8,0")
    with pytest.raises(LevelsFileError) as caught:
        read_levels(data, f59)
    assert [p.row for p in caught.value.problems] == [3, 9]


def test_wrong_header(f59: Framework) -> None:
    with pytest.raises(LevelsFileError) as caught:
        read_levels(csv_bytes(f59, header="kode,skor"), f59)
    assert caught.value.message("id") == "baris 1: kepala kolom harus indicator dan level, ditemukan: kode, skor"


def test_missing_indicators_are_listed(f59: Framework) -> None:
    lines = csv_bytes(f59).decode().splitlines()
    data = "\n".join(line for line in lines if line.split(",")[0] not in {"7", "31"})
    with pytest.raises(LevelsFileError) as caught:
        read_levels(data.encode(), f59)
    assert caught.value.message("en") == "indicators without a value: 7, 31"


def test_empty_and_oversized_files(f59: Framework) -> None:
    with pytest.raises(LevelsFileError, match="empty"):
        read_levels(b"\n\n", f59)
    with pytest.raises(LevelsFileError, match="too large"):
        read_levels(b"x" * 1_000_001, f59)


def test_cp1252_export_still_reads(f59: Framework) -> None:
    data = "indicator;level\n" + "".join(f"{i.code};2\n" for i in f59.indicators)
    data += "catatan é;\n"  # a stray note in a Windows-1252 file
    with pytest.raises(LevelsFileError, match="catatan"):
        read_levels(data.encode("cp1252"), f59)


def test_form_values_use_the_same_rules(f26: Framework) -> None:
    values = {i.code: "2" for i in f26.indicators}
    values["4"] = "1,75"
    values["9"] = "abc"
    del values["12"]
    with pytest.raises(LevelsFileError) as caught:
        levels_from_form(values, f26)
    assert caught.value.messages("en") == [
        "indicator 9: value abc is not a number",
        "indicator 12: the value is empty",
    ]


def test_a_file_over_the_limit_names_the_limit_not_a_misleading_size(f59: Framework) -> None:
    # the web page reads at most one byte past the limit, so the size it saw is not the file's size
    with pytest.raises(LevelsFileError) as caught:
        read_levels(b"indicator,level\n" + b"1,3\n" * 300_000, f59)
    assert caught.value.message("id").startswith("berkas terlalu besar: batasnya 1000000 bita")
    assert "1200016" not in caught.value.message("en")
