"""Read an uploaded .xlsx without letting it decide how much memory and time we spend.

A workbook is a zip of XML parts, and both layers can lie: a 200 KB file may unpack
to gigabytes, and a sheet may declare ``<dimension ref="A1:XFD1048576"/>`` or place one
cell in column XFD so that a reader pads every row to 16,384 cells. So before openpyxl
sees the file, ``open_workbook``:

1. checks the zip: the number of parts and their declared sizes, then unpacks every part
   once in small chunks, counting the bytes really produced (a part that unpacks to more
   than it declares, or past the limit, is refused);
2. streams every XML part (with defusedxml, so entity tricks are refused) and counts rows,
   columns and cells the way openpyxl will number them, refusing past the limits;

and only then opens the workbook in openpyxl's streaming (read-only) mode, ignoring the
declared dimension. Every refusal is a ``SpreadsheetError`` whose message names the limit.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from spbe.scoring.errors import Problem, SpreadsheetError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW = _MAIN + "row"
_CELL = _MAIN + "c"
_SHARED_STRING = _MAIN + "si"
_COLUMN_LETTERS = re.compile(r"^\$?([A-Za-z]{1,3})\$?[0-9]+$")
_CHUNK = 64 * 1024

Row = tuple[object, ...]


@dataclass(frozen=True)
class SheetLimits:
    """How big an uploaded workbook may be; generous for real files, small for attacks."""

    max_rows: int = 5_000
    max_columns: int = 50
    max_cells: int = 100_000
    max_unpacked_bytes: int = 20_000_000
    max_parts: int = 500
    max_elements: int = 500_000  # all XML elements: styles and other parts are read in full


DEFAULT_LIMITS = SheetLimits()


class SafeWorkbook:
    """An openpyxl read-only workbook whose sheets were measured before they are read."""

    def __init__(self, book: Workbook, limits: SheetLimits) -> None:
        self._book = book
        self._limits = limits

    @property
    def sheet_names(self) -> list[str]:
        """Every sheet, including chart sheets (which hold no rows)."""
        return list(self._book.sheetnames)

    @property
    def worksheet_names(self) -> list[str]:
        """Only the sheets that hold rows."""
        return [sheet.title for sheet in self._book.worksheets]

    def rows(self, name: str | None = None, *, max_row: int | None = None) -> Iterator[Row]:
        """The rows of sheet ``name`` (default: the first worksheet) as tuples of values.

        Raises SpreadsheetError if the sheet is missing or is a chart sheet.
        """
        if name is None:
            names = self.worksheet_names
            if not names:
                raise SpreadsheetError([Problem("xlsx_no_worksheet")])
            name = names[0]
        if name not in self._book.sheetnames:
            raise SpreadsheetError([Problem("xlsx_sheet_missing", {"sheet": name})])
        if name not in self.worksheet_names:
            raise SpreadsheetError([Problem("xlsx_not_a_worksheet", {"sheet": name})])
        sheet = self._book[name]
        sheet.reset_dimensions()  # never trust <dimension ref=...>
        try:
            # the columns were measured, so no row is padded past the limit
            for row in sheet.iter_rows(max_row=max_row, max_col=None, values_only=True):
                yield tuple(row)
        except (ParseError, ValueError, OverflowError, KeyError, IndexError, TypeError, zipfile.BadZipFile, OSError):
            raise SpreadsheetError([Problem("file_not_xlsx")]) from None


@contextmanager
def open_workbook(data: bytes, limits: SheetLimits = DEFAULT_LIMITS) -> Iterator[SafeWorkbook]:
    """Measure ``data`` against ``limits`` and open it for streaming; see the module docstring."""
    from openpyxl import load_workbook  # imported here: only spreadsheet input needs it

    if not data:
        raise SpreadsheetError([Problem("upload_empty")])
    measure_workbook(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, ParseError, IndexError, AttributeError):
        raise SpreadsheetError([Problem("file_not_xlsx")]) from None
    try:
        yield SafeWorkbook(book, limits)
    finally:
        book.close()


def measure_workbook(data: bytes, limits: SheetLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook that unpacks, or whose sheets grow, beyond ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise SpreadsheetError([Problem("file_not_xlsx")]) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_parts:
            raise SpreadsheetError([Problem("xlsx_too_many_parts", {"limit": limits.max_parts})])
        if sum(member.file_size for member in members) > limits.max_unpacked_bytes:
            raise _too_large(limits)
        budget = _Budget(limits)
        for member in members:
            if member.is_dir():
                continue
            try:
                with archive.open(member) as stream:
                    counted = _CountingReader(stream, budget, member.file_size)
                    _count_cells(counted, budget)
                    counted.drain()
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
                raise SpreadsheetError([Problem("file_not_xlsx")]) from None


class _Budget:
    """What the whole workbook has used so far, against its limits."""

    def __init__(self, limits: SheetLimits) -> None:
        self.limits = limits
        self.unpacked = 0
        self.cells = 0
        self.elements = 0


class _CountingReader:
    """A file-like view of one zip part that stops once it unpacks past what is allowed."""

    def __init__(self, stream: IO[bytes], budget: _Budget, declared: int) -> None:
        self._stream = stream
        self._budget = budget
        self._declared = declared
        self._total = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(_CHUNK if size is None or size < 0 or size > _CHUNK else size)
        self._total += len(chunk)
        self._budget.unpacked += len(chunk)
        if self._total > self._declared:
            raise SpreadsheetError([Problem("file_not_xlsx")])  # unpacks to more than the zip says
        if self._budget.unpacked > self._budget.limits.max_unpacked_bytes:
            raise _too_large(self._budget.limits)
        return chunk

    def drain(self) -> None:
        while self.read(_CHUNK):
            pass


def _count_cells(stream: _CountingReader, budget: _Budget) -> None:
    """Count the cells of one XML part as openpyxl numbers rows and columns.

    Parts that are not XML (images) end the count quietly: whatever openpyxl reads of them
    before failing was counted here too.
    """
    limits = budget.limits
    row = 0
    column = 0
    try:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "end":
                element.clear()
                continue
            budget.elements += 1
            if budget.elements > limits.max_elements:
                raise SpreadsheetError([Problem("xlsx_too_complex", {"limit": limits.max_elements})])
            tag = element.tag
            if tag == _ROW:
                row = _row_number(element.get("r"), row)
                column = 0
                if row > limits.max_rows:
                    raise SpreadsheetError([Problem("xlsx_too_many_rows", {"limit": limits.max_rows})])
            elif tag in (_CELL, _SHARED_STRING):
                budget.cells += 1
                if budget.cells > limits.max_cells:
                    raise SpreadsheetError([Problem("xlsx_too_many_cells", {"limit": limits.max_cells})])
                if tag == _CELL:
                    column = _column_number(element.get("r"), column)
                    if column > limits.max_columns:
                        raise SpreadsheetError([Problem("xlsx_too_many_columns", {"limit": limits.max_columns})])
    except SpreadsheetError:
        raise
    except (ParseError, DefusedXmlException, UnicodeDecodeError, ValueError):
        return


def _row_number(text: str | None, previous: int) -> int:
    if text is None:
        return previous + 1
    try:
        number = float(text.strip())
    except ValueError:
        raise SpreadsheetError([Problem("file_not_xlsx")]) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise SpreadsheetError([Problem("file_not_xlsx")])
    return int(number)


def _column_number(reference: str | None, previous: int) -> int:
    if not reference:
        return previous + 1
    match = _COLUMN_LETTERS.match(reference.strip())
    if match is None:
        raise SpreadsheetError([Problem("file_not_xlsx")])
    number = 0
    for letter in match.group(1).upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _too_large(limits: SheetLimits) -> SpreadsheetError:
    return SpreadsheetError([Problem("xlsx_unpacked_too_large", {"limit": _megabytes(limits.max_unpacked_bytes)})])


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"
