"""The overview as an Excel workbook: the ranking and the distribution per predicate."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from spbe.reports.overview import Overview


def render_overview_xlsx(overview: Overview) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#0B5CAD", "font_color": "#FFFFFF", "border": 1})
    number = book.add_format({"num_format": "0.00", "border": 1})
    signed = book.add_format({"num_format": "+0.00;-0.00;0.00", "border": 1})
    text = book.add_format({"border": 1})
    sheet = book.add_worksheet(_("Ranking")[:31])
    sheet.write_string(
        0, 0, _("SPBE index ranking %(year)s") % {"year": overview.year}, book.add_format({"bold": True})
    )
    headers = [
        _("Rank"),
        _("Agency"),
        _("Kind"),
        _("Province"),
        _("Index"),
        _("Predicate"),
        _("Verified"),
        _("Index %(year)s") % {"year": overview.year - 1},
        _("Movement"),
    ]
    for column, title in enumerate(headers):
        sheet.write_string(2, column, title, head)
    for offset, row in enumerate(overview.rows, start=3):
        sheet.write_number(offset, 0, row.rank, text)
        sheet.write_string(offset, 1, row.agency.name, text)
        sheet.write_string(offset, 2, str(row.agency.get_kind_display()), text)
        sheet.write_string(offset, 3, row.agency.province, text)
        sheet.write_number(offset, 4, float(row.figure.index), number)
        sheet.write_string(offset, 5, row.figure.predicate, text)
        sheet.write_string(offset, 6, _("yes") if row.figure.final else _("no (self-assessment)"), text)
        if row.previous is not None and row.movement is not None:
            sheet.write_number(offset, 7, float(row.previous.index), number)
            sheet.write_number(offset, 8, float(row.movement), signed)
        else:
            sheet.write_blank(offset, 7, None, text)
            sheet.write_blank(offset, 8, None, text)
    for column, width in enumerate([8, 40, 22, 20, 9, 14, 22, 12, 11]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(3, 2)
    if overview.rows:
        sheet.autofilter(2, 0, 2 + len(overview.rows), len(headers) - 1)
    spread = book.add_worksheet(_("Distribution")[:31])
    spread.write_string(0, 0, _("Predicate"), head)
    spread.write_string(0, 1, _("Agencies"), head)
    for offset, (predicate, count) in enumerate(overview.distribution, start=1):
        spread.write_string(offset, 0, predicate, text)
        spread.write_number(offset, 1, count, text)
    spread.set_column(0, 0, 18)
    if overview.distribution:
        chart = book.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": _("Agencies"),
                "categories": [spread.name, 1, 0, len(overview.distribution), 0],
                "values": [spread.name, 1, 1, len(overview.distribution), 1],
                "data_labels": {"value": True},
            }
        )
        chart.set_legend({"none": True})
        chart.set_title({"name": _("Agencies per predicate")})
        spread.insert_chart(1, 3, chart)
    book.close()
    return buffer.getvalue()
