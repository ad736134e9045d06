"""The evaluation worksheet (Lembar Kerja Evaluasi, LKE) as an Excel file.

Export: one row per indicator with its answer, evidence and verification. A hidden
row of column keys lets the file be read back even after people re-order or translate
the visible headers; a hidden sheet carries a signed proof of the assessment and export
it came from (``worksheet_identity``). Import reads levels and justifications back, with
the limits of ``spbe.scoring.spreadsheet``; ``services/worksheet.py`` decides what may change.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import xlsxwriter
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl.utils.escape import unescape

from spbe.core.parsing import normalise_text
from spbe.evaluation.models import Answer, Assessment, LevelValue, Stage, level_text
from spbe.evaluation.worksheet_identity import WorksheetIdentity, sign_identity, verify_identity
from spbe.scoring import Framework
from spbe.scoring.errors import SpreadsheetError
from spbe.scoring.numbers import ZeroDenominatorError, display_decimal, parse_level_text
from spbe.scoring.spreadsheet import open_workbook

SHEET = "LKE"
META_SHEET = "spbe-meta"
KEYS = [
    "code",
    "domain",
    "aspect",
    "indicator",
    "weight",
    "self_level",
    "justification",
    "evidence",
    "verified_level",
    "notes",
    "version",
]
KEY_ROW = 4  # 1-based, hidden
HEADER_ROW = 5
FIRST_DATA_ROW = 6
MAX_BYTES = 5 * 1024 * 1024


def _headers() -> list[str]:
    return [
        _("No."),
        _("Domain"),
        _("Aspect"),
        _("Indicator"),
        _("Weight"),
        _("Self level"),
        _("Justification"),
        _("Evidence"),
        _("Verified level"),
        _("Assessor notes"),
        _("Version (do not change)"),
    ]


def build_worksheet(
    assessment: Assessment,
    framework: Framework,
    answers: list[Answer],
    lang: str,
    exported_at: datetime,
    export_id: str,
) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format(
        {
            "bold": True,
            "bg_color": "#0B5CAD",
            "font_color": "#FFFFFF",
            "text_wrap": True,
            "valign": "top",
            "border": 1,
        }
    )
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    number = book.add_format({"num_format": "0.##", "valign": "top", "border": 1})
    editable = book.add_format({"num_format": "0.##", "valign": "top", "border": 1, "bg_color": "#FFF4DC"})
    editable_text = book.add_format({"text_wrap": True, "valign": "top", "border": 1, "bg_color": "#FFF4DC"})
    sheet = book.add_worksheet(SHEET)
    sheet.write_string(
        0,
        0,
        _("Evaluation worksheet (LKE) - %(agency)s %(year)s")
        % {"agency": assessment.agency.name, "year": assessment.year},
        title,
    )
    sheet.write_string(1, 0, f"{framework.label(lang)} · {assessment.get_state_display()}")
    sheet.write_string(
        2,
        0,
        _("Exported %(when)s. Fill in the yellow columns and import the file back; other columns are ignored.")
        % {"when": exported_at.strftime("%Y-%m-%d %H:%M %Z")},
    )
    for column, key in enumerate(KEYS):
        sheet.write_string(KEY_ROW - 1, column, key)
    sheet.set_row(KEY_ROW - 1, None, None, {"hidden": True})
    for column, text in enumerate(_headers()):
        sheet.write_string(HEADER_ROW - 1, column, text, head)
    aspects = {a.code: a for a in framework.aspects}
    domains = {d.code: d for d in framework.domains}
    for offset, answer in enumerate(answers):
        row = FIRST_DATA_ROW - 1 + offset
        indicator = framework.indicator(answer.code)
        assert indicator is not None
        domain = domains.get(answer.domain_code)
        notes = " | ".join(f"{Stage(r.stage).label}: {r.notes}" for r in answer.stage_reviews.all() if r.notes)
        sheet.write_string(row, 0, answer.code, wrap)
        sheet.write_string(row, 1, f"{domain.code} {domain.label(lang)}" if domain else "", wrap)
        aspect = aspects[answer.aspect_code]
        sheet.write_string(row, 2, f"{aspect.code} {aspect.label(lang)}", wrap)
        sheet.write_string(row, 3, indicator.label(lang), wrap)
        sheet.write_number(row, 4, float(display_decimal(indicator.weight)), number)
        _write_level(sheet, row, 5, answer.self_level, editable)
        sheet.write_string(row, 6, answer.justification, editable_text)
        sheet.write_string(row, 7, "; ".join(e.title for e in answer.evidence.all()), wrap)
        _write_level(sheet, row, 8, answer.verified_level, number)
        sheet.write_string(row, 9, notes, wrap)
        sheet.write_number(row, 10, answer.version, number)
    last = FIRST_DATA_ROW - 1 + max(len(answers) - 1, 0)
    rule = framework.values
    validation: dict[str, object] = {
        "validate": "decimal" if rule.decimals else "integer",
        "criteria": "between",
        "minimum": rule.minimum,
        "maximum": rule.maximum,
        "error_title": _("Level not allowed"),
        "error_message": _("Enter a level from %(lo)s to %(hi)s.") % {"lo": rule.minimum, "hi": rule.maximum},
    }
    if not rule.exact:  # a spreadsheet cannot check a fraction typed as 7/6
        sheet.data_validation(FIRST_DATA_ROW - 1, 5, last, 5, validation)
    for column, width in enumerate([7, 22, 26, 48, 8, 10, 50, 30, 10, 36, 10]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(HEADER_ROW, 1)
    sheet.autofilter(HEADER_ROW - 1, 0, last, len(KEYS) - 1)
    meta = book.add_worksheet(META_SHEET)
    meta.write_string(0, 0, "assessment")
    meta.write_number(0, 1, assessment.pk)
    meta.write_string(1, 0, "framework")
    meta.write_string(1, 1, assessment.framework_id)
    meta.write_string(2, 0, "exported_at")
    meta.write_string(2, 1, exported_at.isoformat())
    meta.write_string(3, 0, "export")
    meta.write_string(3, 1, export_id)
    identity = WorksheetIdentity(
        assessment_id=assessment.pk,
        export_id=export_id,
        exported_at=exported_at.isoformat(),
        baseline={answer.code: answer.version for answer in answers},
    )
    meta.write_string(4, 0, "proof")
    meta.write_string(4, 1, sign_identity(identity))
    meta.hide()
    book.close()
    return buffer.getvalue()


@dataclass(frozen=True)
class WorksheetRow:
    row: int
    code: str
    level: Decimal | Fraction | None
    justification: str
    version: int | None


@dataclass(frozen=True)
class ParsedWorksheet:
    identity: WorksheetIdentity | None  # None: the proof is missing, altered or not ours
    rows: list[WorksheetRow]
    problems: list[str]


def read_worksheet(data: bytes) -> ParsedWorksheet:
    """Read rows back; problems name the row as Excel shows it. Raises ValueError for a file
    that is not one of our worksheets at all, or one larger than ``spreadsheet`` allows."""
    if len(data) > MAX_BYTES:
        raise ValueError(_("The file is too large for a worksheet (at most 5 MB)."))
    if not data:
        raise ValueError(_("The file is empty (0 bytes); choose the worksheet exported from this assessment."))
    if not data.startswith(b"PK"):
        raise ValueError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with open_workbook(data) as book:
            if SHEET not in book.worksheet_names:
                raise ValueError(
                    _("The workbook has no sheet named %(sheet)s; export the worksheet again.") % {"sheet": SHEET}
                )
            proof = None
            if META_SHEET in book.worksheet_names:
                for key, value in _pairs(book.rows(META_SHEET, max_row=10)):
                    if key == "proof":
                        proof = value
            all_rows = list(book.rows(SHEET))
    except SpreadsheetError as exc:
        if any(problem.key == "file_not_xlsx" for problem in exc.problems):
            raise ValueError(_("The file is not an Excel workbook (.xlsx).")) from None
        raise ValueError(exc.message((get_language() or "id")[:2])) from None
    identity = verify_identity(proof)
    if len(all_rows) < KEY_ROW or not all_rows[KEY_ROW - 1]:
        raise ValueError(_("This is not a worksheet exported by SPBE Suite; export it again from the assessment."))
    columns = {str(key).strip(): index for index, key in enumerate(all_rows[KEY_ROW - 1]) if key}
    missing = [key for key in ("code", "self_level", "justification", "version") if key not in columns]
    if missing:
        raise ValueError(_("Columns are missing from the worksheet: %(keys)s.") % {"keys": ", ".join(missing)})
    rows: list[WorksheetRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(all_rows[FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):

        def cell(key: str, cells: tuple[object, ...] = cells) -> object:
            index = columns[key]
            return cells[index] if index < len(cells) else None

        code = _text(cell("code"))
        if not code:
            continue
        if code in seen:
            problems.append(
                _("row %(row)s: indicator %(code)s already appears in row %(first)s")
                % {"row": number, "code": code, "first": seen[code]}
            )
            continue
        seen[code] = number
        level, level_problem = _level(cell("self_level"))
        if level_problem:
            problems.append(
                _("row %(row)s: indicator %(code)s: %(problem)s")
                % {"row": number, "code": code, "problem": level_problem}
            )
            continue
        justification = normalise_text(unescape(_text(cell("justification"))))
        rows.append(WorksheetRow(number, code, level, justification, _whole(cell("version"))))
    return ParsedWorksheet(identity, rows, problems)


def _pairs(rows: Iterable[tuple[object, ...]]) -> list[tuple[object, object]]:
    """(key, value) from the first two cells of each row of the identity sheet."""
    return [((*row, None, None)[0], (*row, None, None)[1]) for row in rows]


def _whole(value: object) -> int | None:
    """A whole number from a cell, or None (for text, NaN, infinity or fractions)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        return None
    return int(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _write_level(sheet: Any, row: int, column: int, value: LevelValue | None, style: Any) -> None:
    """A level as a number when a spreadsheet number holds it exactly, else as its exact text ("7/6")."""
    if value is None:
        sheet.write_blank(row, column, None, style)
        return
    as_float = float(value)
    if Fraction(Decimal(repr(as_float))) == Fraction(value):
        sheet.write_number(row, column, as_float, style)
    else:
        sheet.write_string(row, column, level_text(value) or "", style)


def _level(value: object) -> tuple[Decimal | Fraction | None, str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        return None, _("the level %(value)s is not a number") % {"value": value}
    if isinstance(value, int):
        return Decimal(value), ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, _("the level %(value)s is not a number") % {"value": value}
        return Decimal(repr(value)), ""
    try:
        parsed = parse_level_text(str(value), decimal_comma=True)
    except ZeroDenominatorError:
        return None, _("the fraction %(value)s divides by zero; write it as e.g. 7/6") % {"value": value}
    if parsed is None:
        return None, _("the level %(value)s is not a number") % {"value": value}
    return parsed, ""
