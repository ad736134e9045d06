"""Read a planning costs file: per indicator a highest level and the cost of each step.

Header: ``indicator,max_level,cost_2,cost_3,cost_4,cost_5`` (comma or semicolon separated;
with semicolons a decimal comma is accepted). An empty cell keeps the default; a
``max_level`` equal to the current level locks the indicator.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from spbe.scoring.csv_text import read_csv_rows
from spbe.scoring.errors import LevelsFileError, Problem, ProblemList, framework_name
from spbe.scoring.levels_file import MAX_FILE_BYTES
from spbe.scoring.model import Framework
from spbe.scoring.numbers import MAX_INTEGER_DIGITS, decimal_text_too_long, parse_decimal_text
from spbe.scoring.planner import Limits

HEADER = ["indicator", "max_level", "cost_2", "cost_3", "cost_4", "cost_5"]


def read_costs_path(path: str | Path, framework: Framework) -> dict[str, Limits]:
    file_path = Path(path)
    if not file_path.is_file():
        raise LevelsFileError([Problem("file_missing", {"path": str(path)})])
    try:
        data = file_path.read_bytes()
    except OSError as exc:
        raise LevelsFileError([Problem("file_unreadable", {"path": str(path), "reason": exc.strerror})]) from None
    return read_costs(data, framework)


def read_costs(data: bytes, framework: Framework) -> dict[str, Limits]:
    if len(data) > MAX_FILE_BYTES:
        raise LevelsFileError([Problem("file_too_large", {"size": len(data), "limit": MAX_FILE_BYTES})])
    rows, delimiter = read_csv_rows(data)
    problems = ProblemList()
    limits: dict[str, Limits] = {}
    seen: dict[str, int] = {}
    header_seen = False
    for number, raw in enumerate(rows, start=1):
        cells = [cell.strip() for cell in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if not header_seen:
            header_seen = True
            if [c.lower() for c in cells] != HEADER:
                raise LevelsFileError(
                    [Problem("bad_costs_header", {"expected": ",".join(HEADER), "found": ", ".join(cells)}, row=number)]
                )
            continue
        if len(cells) > len(HEADER):
            problems.append(Problem("too_many_columns", {"count": len(cells)}, row=number))
            continue
        cells += [""] * (len(HEADER) - len(cells))
        code = cells[0]
        if framework.indicator(code) is None:
            problems.append(
                Problem("unknown_indicator_row", {"code": code, "framework": framework_name(framework)}, row=number)
            )
            continue
        if code in seen:
            problems.append(Problem("duplicate_indicator", {"code": code, "first_row": seen[code]}, row=number))
            continue
        seen[code] = number
        long_cell = next((cell for cell in cells[1:] if decimal_text_too_long(cell)), None)
        if long_cell is not None:
            shown = long_cell if len(long_cell) <= 24 else long_cell[:20] + "..."
            problems.append(
                Problem("number_too_long", {"code": code, "value": shown, "digits": MAX_INTEGER_DIGITS}, row=number)
            )
            continue
        max_level: int | None = None
        if cells[1]:
            parsed = parse_decimal_text(cells[1], decimal_comma=delimiter == ";")
            if parsed is None or parsed != parsed.to_integral_value():
                problems.append(Problem("bad_max_level", {"code": code, "value": cells[1]}, row=number))
                continue
            max_level = int(parsed)
        costs: dict[int, Decimal] = {}
        bad = False
        for level, cell in zip(range(2, 6), cells[2:], strict=True):
            if not cell:
                continue
            value = parse_decimal_text(cell, decimal_comma=delimiter == ";")
            if value is None or value < 0 or value != value.quantize(Decimal("0.01")):
                problems.append(Problem("bad_cost", {"code": code, "level": level, "value": cell}, row=number))
                bad = True
                break
            costs[level] = value
        if not bad:
            limits[code] = Limits(max_level=max_level, step_costs=costs)
    if not header_seen:
        raise LevelsFileError([Problem("costs_file_empty", {"expected": ",".join(HEADER)})])
    if problems:
        raise LevelsFileError(problems)
    return limits
