"""Numbers and CSV text read the same way everywhere: ASCII digits, any line ending, UTF-16,
our own words for a damaged file, and error lists that stay short."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spbe.scoring import Framework, LevelsFileError, levels_from_form, read_levels
from spbe.scoring.costs_file import read_costs
from spbe.scoring.numbers import parse_decimal_text


def levels_csv(framework: Framework, value: str = "3", newline: str = "\n") -> str:
    return newline.join(["indicator,level"] + [f"{i.code},{value}" for i in framework.indicators]) + newline


@pytest.mark.parametrize("text", ["١", "３", "١,٢٦", "3.٥", "²", "1_000"])
def test_only_ascii_digits_are_numbers(text: str) -> None:
    assert parse_decimal_text(text, decimal_comma=True) is None


@given(st.text(max_size=40))
def test_a_parsed_number_was_written_in_ascii_digits(text: str) -> None:
    value = parse_decimal_text(text, decimal_comma=True)
    if value is not None:
        assert text.strip().lstrip("+-").replace(",", "").replace(".", "").isascii()
        assert value == Decimal(text.strip().replace(",", "."))


def test_ascii_numbers_still_parse() -> None:
    assert parse_decimal_text(" 1,26 ", decimal_comma=True) == Decimal("1.26")
    assert parse_decimal_text("+3", decimal_comma=False) == Decimal(3)


@pytest.mark.parametrize("text", ["9" * 16, "1." + "5" * 11, "9" * 5000])
def test_over_long_numbers_are_refused_not_overflowed(text: str) -> None:
    assert parse_decimal_text(text, decimal_comma=True) is None


def test_arabic_indic_digits_are_refused_in_files_and_forms_alike(f59: Framework) -> None:
    data = levels_csv(f59).replace("\n3,3\n", "\n3,٣\n")
    with pytest.raises(LevelsFileError, match="row 4: indicator 3: value ٣ is not a number"):
        read_levels(data.encode(), f59)
    values = {i.code: "3" for i in f59.indicators} | {"3": "３"}
    with pytest.raises(LevelsFileError, match="indicator 3: value ３ is not a number"):
        levels_from_form(values, f59)


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_every_line_ending_reads(f59: Framework, newline: str) -> None:
    levels = read_levels(levels_csv(f59, newline=newline).encode(), f59)
    assert len(levels) == len(f59.indicators) and set(levels.values()) == {Decimal(3)}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_with_a_bom_reads(f59: Framework, encoding: str) -> None:
    data = levels_csv(f59, newline="\r\n").replace(",", ";")
    encoded = data.encode(encoding) if encoding == "utf-16" else ("\ufeff" + data).encode(encoding)
    levels = read_levels(encoded, f59)
    assert len(levels) == len(f59.indicators)


def test_a_damaged_csv_is_explained_in_our_words(f59: Framework) -> None:
    data = "indicator,level\n1," + "x" * 200_000 + "\n"
    with pytest.raises(LevelsFileError) as caught:
        read_levels(data.encode(), f59)
    assert caught.value.message("id").startswith("berkas tidak dapat dibaca: CSV rusak di baris 2")
    assert "field" not in caught.value.message("id")  # not the csv module's English


def test_half_a_million_bad_rows_give_a_short_message(f59: Framework) -> None:
    data = "indicator,level\n" + "x\n" * 499_000
    assert len(data) < 1_000_000
    with pytest.raises(LevelsFileError) as caught:
        read_levels(data.encode(), f59)
    messages = caught.value.messages("en")
    assert (
        len(messages) == 21
        and messages[0] == "row 2: indicator code x is unknown in SPBE Index - PermenPANRB Regulation 59 of 2020"
    )
    assert messages[-1] == "... and 498,981 more rows"
    assert caught.value.messages("id")[-1] == "... dan 498.981 baris lainnya"
    assert len(caught.value.message("en")) < 5_000


@pytest.mark.parametrize(
    ("cell", "column"),
    [("123456789012345678901234567", "cost_2"), ("9" * 5000, "max_level")],
)
def test_over_long_numbers_in_a_costs_file_are_named(f59: Framework, cell: str, column: str) -> None:
    header = ["indicator", "max_level", "cost_2", "cost_3", "cost_4", "cost_5"]
    row = ["11", "", "", "", "", ""]
    row[header.index(column)] = cell
    data = (",".join(header) + "\n" + ",".join(row) + "\n").encode()
    with pytest.raises(LevelsFileError) as caught:
        read_costs(data, f59)
    message = caught.value.message("en")
    assert message.startswith("row 2: indicator 11: the number ") and "is too long; at most 15 digits" in message
    assert len(message) < 200
