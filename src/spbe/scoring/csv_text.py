"""CSV as Indonesian spreadsheets export it.

Encodings: UTF-8 (with or without a BOM), UTF-16 with its BOM (Excel's "Unicode text"),
else Windows-1252. Line endings: CRLF, LF or a lone CR (old Mac exports). Columns: comma
or semicolon. The csv module's own (English) messages never reach a user: a damaged file
is reported in our words with its row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from spbe.scoring.errors import LevelsFileError, Problem


def decode_csv_bytes(data: bytes) -> str:
    """The text of a CSV file, guessing its encoding from the BOM (see the module docstring)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise LevelsFileError([Problem("csv_malformed", {"row": 1})]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_rows(data: bytes) -> tuple[Iterator[list[str]], str]:
    """The rows of a CSV file, read one at a time, and its delimiter (";" means a decimal
    comma is in use).

    A file the csv module cannot parse raises LevelsFileError naming the row, while the
    rows are read.
    """
    text = decode_csv_bytes(data)
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    delimiter = ";" if ";" in first else ","
    return _rows(text, delimiter), delimiter


def _rows(text: str, delimiter: str) -> Iterator[list[str]]:
    # newline="" lets the csv module see every line ending itself, a lone CR included
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error:
        raise LevelsFileError([Problem("csv_malformed", {"row": max(reader.line_num, 1)})]) from None
