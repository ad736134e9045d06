"""CSV as Indonesian spreadsheets export it: UTF-8 (with a BOM) or Windows-1252, comma or semicolon."""

from __future__ import annotations

import csv
import io

from spbe.scoring.errors import LevelsFileError, Problem


def read_csv_rows(data: bytes) -> tuple[list[list[str]], str]:
    """The rows of a CSV file and its delimiter (";" means a decimal comma is in use).

    A file the csv module cannot parse raises LevelsFileError with the reason.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if ";" in first else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter)), delimiter
    except csv.Error as exc:
        raise LevelsFileError([Problem("file_malformed", {"reason": str(exc)})]) from None
