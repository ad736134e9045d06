"""Read levels from what people actually have: CSV (comma or semicolon) or XLSX.

A file has a header row ``indicator,level`` and one row per indicator. Indonesian
spreadsheet exports separate columns with semicolons and then write decimals
with a comma ("1,26"), which is accepted. Every problem is reported with its
row number as a spreadsheet shows it (the header is row 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from spbe.scoring.csv_text import read_csv_rows
from spbe.scoring.errors import LevelsFileError, Problem, ProblemList, SpbeInputError, framework_name
from spbe.scoring.model import Framework
from spbe.scoring.numbers import ZeroDenominatorError, parse_decimal_text, parse_level_text
from spbe.scoring.spreadsheet import open_workbook

MAX_FILE_BYTES = 1_000_000
INDICATOR_HEADERS = {"indicator", "indikator"}
LEVEL_HEADERS = {"level", "nilai"}
_XLSX_SIGNATURE = b"PK\x03\x04"
_INTEGER_CODE = re.compile(r"^0*([0-9]+)$")

Cell = object
Row = tuple[Cell, ...]


def read_levels_path(path: str | Path, framework: Framework) -> dict[str, Decimal | Fraction]:
    """Read a levels file from disk; see ``read_levels``."""
    file_path = Path(path)
    if not file_path.is_file():
        raise LevelsFileError([Problem("file_missing", {"path": str(path)})])
    try:
        data = file_path.read_bytes()
    except OSError as exc:
        raise LevelsFileError([Problem("file_unreadable", {"path": str(path), "reason": exc.strerror})]) from None
    return read_levels(data, framework)


def read_levels(data: bytes, framework: Framework) -> dict[str, Decimal | Fraction]:
    """Turn the bytes of a CSV or XLSX levels file into a complete levels mapping.

    The format is recognised from the content, not the file name. Raises
    LevelsFileError naming every offending row (and every indicator left out).
    """
    if len(data) > MAX_FILE_BYTES:
        raise LevelsFileError([Problem("file_too_large", {"size": len(data), "limit": MAX_FILE_BYTES})])
    if not data:
        raise LevelsFileError([Problem("upload_empty")])
    if data.startswith(_XLSX_SIGNATURE):
        rows: Iterable[Row] = _xlsx_rows(data)
        decimal_comma = True  # a text cell typed in an Indonesian spreadsheet
    else:
        csv_rows, delimiter = read_csv_rows(data)
        rows = (tuple(row) for row in csv_rows)
        decimal_comma = delimiter == ";"
    return _levels_from_rows(rows, framework, decimal_comma=decimal_comma)


def file_indicator_codes(data: bytes) -> list[str]:
    """The indicator codes of a levels file's rows, to tell which framework it is for.

    Empty when the file cannot be read or has no proper header; ``read_levels`` then
    reports what is wrong with it.
    """
    if not data or len(data) > MAX_FILE_BYTES:
        return []
    try:
        if data.startswith(_XLSX_SIGNATURE):
            rows: list[Row] = list(_xlsx_rows(data))
        else:
            rows = [tuple(row) for row in read_csv_rows(data)[0]]
    except SpbeInputError:
        return []
    codes: list[str] = []
    header_seen = False
    for row in rows:
        cells = _trim(row)
        if not cells:
            continue
        if not header_seen:
            header_seen = True
            if str(cells[0]).strip().lower() not in INDICATOR_HEADERS:
                return []
            continue
        code = _code_text(cells[0])
        if code:
            codes.append(code)
    return codes


def levels_from_form(values: Mapping[str, str], framework: Framework) -> dict[str, Decimal | Fraction]:
    """Read levels typed into a web form (one text per indicator code)."""
    header: Row = ("indicator", "level")
    rows = [header] + [(code, values.get(code, "")) for code in (i.code for i in framework.indicators)]
    return _levels_from_rows(rows, framework, decimal_comma=True, number_rows=False)


def _levels_from_rows(
    rows: Iterable[Row], framework: Framework, *, decimal_comma: bool, number_rows: bool = True
) -> dict[str, Decimal | Fraction]:
    problems = ProblemList()
    levels: dict[str, Decimal | Fraction] = {}
    first_row: dict[str, int] = {}
    iterator = iter(rows)
    header_seen = False
    for row_number, row in enumerate(iterator, start=1):
        cells = _trim(row)
        if not cells:
            continue
        where = row_number if number_rows else None
        if not header_seen:
            header_seen = True
            names = [str(cell).strip().lower() for cell in cells]
            if len(names) != 2 or names[0] not in INDICATOR_HEADERS or names[1] not in LEVEL_HEADERS:
                found = ", ".join(str(cell) for cell in cells)
                raise LevelsFileError([Problem("bad_header", {"found": found}, row=row_number)])
            continue
        problem, code, value = _read_row(cells, framework, decimal_comma)
        if problem is None and code in first_row:
            problem = Problem("duplicate_indicator", {"code": code, "first_row": first_row[code]})
        if problem is not None:
            problems.append(Problem(problem.key, problem.params, row=where))
            if code and code not in first_row:
                first_row[code] = row_number
            continue
        assert code is not None and value is not None
        first_row[code] = row_number
        levels[code] = value
    if not header_seen:
        raise LevelsFileError([Problem("file_empty")])
    missing = [i.code for i in framework.indicators if i.code not in first_row]
    if missing:
        problems.append(Problem("missing_indicators", {"codes": ", ".join(missing)}))
    if problems:
        raise LevelsFileError(problems)
    return levels


def _read_row(
    cells: list[Cell], framework: Framework, decimal_comma: bool
) -> tuple[Problem | None, str | None, Decimal | Fraction | None]:
    code = _code_text(cells[0])
    if len(cells) > 2:
        return Problem("too_many_columns", {"count": len(cells)}), code or None, None
    if not code:
        return Problem("empty_indicator"), None, None
    if framework.indicator(code) is None:
        return Problem("unknown_indicator_row", {"code": code, "framework": framework_name(framework)}), code, None
    raw = cells[1] if len(cells) > 1 else None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Problem("empty_value", {"code": code}), code, None
    shown = str(raw).strip()
    try:
        value = _number(raw, decimal_comma, exact=framework.values.exact)
    except ZeroDenominatorError:
        return Problem("zero_denominator", {"code": code, "value": shown}), code, None
    if value is None:
        return Problem("not_a_number", {"code": code, "value": shown}), code, None
    if not framework.values.allows(value):
        rule = framework.values.problem()
        return Problem("value_not_allowed", {"code": code, "value": shown, "rule": rule}), code, None
    return None, code, value


def _number(raw: Cell, decimal_comma: bool, *, exact: bool = False) -> Decimal | Fraction | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        # A spreadsheet number: its shortest repr is what the person typed.
        return Decimal(repr(raw)) if raw == raw and abs(raw) != float("inf") else None
    if isinstance(raw, str):
        if exact:  # a framework that keeps values exact also takes fractions ("7/6")
            return parse_level_text(raw, decimal_comma=decimal_comma)
        return parse_decimal_text(raw, decimal_comma=decimal_comma)
    return None


def _code_text(cell: Cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip() if cell is not None else ""
    match = _INTEGER_CODE.match(text)
    return match.group(1) if match else text


def _trim(row: Row) -> list[Cell]:
    """Drop empty trailing cells (spreadsheets pad rows) and treat blank rows as empty."""
    cells = list(row)
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    return cells


def _xlsx_rows(data: bytes) -> Iterator[Row]:
    """The first worksheet's rows, read with the limits of ``spreadsheet.open_workbook``."""
    with open_workbook(data) as book:
        yield from book.rows()
