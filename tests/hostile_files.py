"""Hand-written .xlsx files that lie about their size, for the denial-of-service tests.

openpyxl or XlsxWriter would never write such files, so the zip is assembled by hand:
a workbook, its relationships and sheets whose XML we write ourselves.
"""

from __future__ import annotations

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = REL + "/worksheet"


def sheet_xml(rows: str, dimension: str = "A1:XFD1048576") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def one_cell_rows(count: int, column: str = "A", first: int = 1) -> str:
    return "".join(
        f'<row r="{n}"><c r="{column}{n}" t="inlineStr"><is><t>x</t></is></c></row>'
        for n in range(first, first + count)
    )


def workbook(sheets: list[tuple[str, str]]) -> bytes:
    """A minimal .xlsx: ``sheets`` is a list of (name, part XML) worksheets."""
    content_types = [
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    ]
    entries = []
    rels = []
    parts: dict[str, str] = {}
    for index, (name, xml) in enumerate(sheets, start=1):
        part = f"xl/worksheets/sheet{index}.xml"
        content_types.append(
            f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/>'
        )
        entries.append(f'<sheet name="{name}" sheetId="{index}" r:id="rId{index}"/>')
        rels.append(f'<Relationship Id="rId{index}" Type="{WORKSHEET_TYPE}" Target="worksheets/sheet{index}.xml"/>')
        parts[part] = xml
    content_types.append("</Types>")
    parts["[Content_Types].xml"] = "".join(content_types)
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f"<sheets>{''.join(entries)}</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def zip_bomb(megabytes: int = 30) -> bytes:
    """A tiny workbook with one part that unpacks to ``megabytes`` of spaces (honestly declared)."""
    honest = declared_dimension_bomb(1)
    source = zipfile.ZipFile(io.BytesIO(honest))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("xl/media/padding.bin", b" " * (megabytes * 1_000_000))
    return out.getvalue()


HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>level</t></is></c></row>'
)


def declared_dimension_bomb(rows: int = 40_000) -> bytes:
    """The attack of issue 7: a huge declared dimension, a valid levels header and many
    one-cell rows (about 210 KB)."""
    return workbook([("LKE", sheet_xml(HEADER_ROW + one_cell_rows(rows, first=2)))])


def far_column_bomb(rows: int = 40_000) -> bytes:
    """No dimension lie: one cell per row, but in the last column (XFD), so rows pad to 16,384 cells."""
    return workbook([("LKE", sheet_xml(one_cell_rows(rows, column="XFD"), dimension="A1"))])


def chartsheet_named(name: str, data_sheet: bytes | None = None) -> bytes:
    """A workbook whose sheet ``name`` is a chart sheet (openpyxl writes it, as Excel would).

    With ``data_sheet`` (an .xlsx) its sheets are kept and the chart sheet added.
    """
    from openpyxl import Workbook, load_workbook
    from openpyxl.chart import BarChart, Reference

    if data_sheet is None:
        book = Workbook()
        first = book.active
        assert first is not None
        first.title = "Data"
        first.append(["indicator", "level"])
        first.append(["1", 3])
    else:
        book = load_workbook(io.BytesIO(data_sheet))
        if name in book.sheetnames:
            del book[name]
        first = book.worksheets[0]
    chart = BarChart()
    chart.add_data(Reference(first, min_col=2, min_row=1, max_row=2))
    book.create_chartsheet(name).add_chart(chart)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def lying_zip_member() -> bytes:
    """A part whose real size is far above what its zip header declares."""
    honest = declared_dimension_bomb(10)
    source = zipfile.ZipFile(io.BytesIO(honest))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml(one_cell_rows(30_000)).encode()
            target.writestr(item.filename, data)
    raw = bytearray(out.getvalue())
    name = b"xl/worksheets/sheet1.xml"
    # (signature, offset of the uncompressed size, offset of the name length, offset of the name)
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = raw.find(signature)
        while start != -1:
            length = int.from_bytes(raw[start + length_at : start + length_at + 2], "little")
            if raw[start + name_at : start + name_at + length] == name:
                raw[start + size_at : start + size_at + 4] = (1000).to_bytes(4, "little")
            start = raw.find(signature, start + 4)
    return bytes(raw)
