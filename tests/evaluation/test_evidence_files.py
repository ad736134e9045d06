"""Evidence upload checks: real files of every accepted kind, and the files that must be refused.

Every file here is built in the test (by hand, with Pillow, openpyxl or zipfile), so what
libmagic sees is what an agency would upload. Messages are asserted in English; the
Indonesian catalogue is merged later, so for Indonesian we check the keys and the number
formatting that Django's own ``id`` locale gives.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, PngImagePlugin
from pytest_django import Settings

from spbe.evaluation import evidence_files
from spbe.evaluation.evidence_files import (
    CheckedFile,
    EvidenceRejected,
    check_evidence_file,
    max_evidence_bytes,
)

ROOT = Path(__file__).resolve().parents[2]
MODULE_PATH = ROOT / "src" / "spbe" / "evaluation" / "evidence_files.py"
NAMES_MODULE_PATH = ROOT / "src" / "spbe" / "evaluation" / "evidence_names.py"

ALLOWED = "PDF, images (PNG, JPEG, WEBP), Word, Excel, PowerPoint, OpenDocument, CSV or text"
OOXML = "application/vnd.openxmlformats-officedocument."
DOCX_TYPE = OOXML + "wordprocessingml.document"
XLSX_TYPE = OOXML + "spreadsheetml.sheet"
PPTX_TYPE = OOXML + "presentationml.presentation"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


# --------------------------------------------------------------------------- building files


def make_pdf() -> bytes:
    """A minimal valid one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_image(fmt: str, size: tuple[int, int] = (40, 30), mode: str = "RGB", **save: Any) -> bytes:
    image = Image.new(mode, size, "red" if mode != "RGBA" else (255, 0, 0, 128))
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def exif_with_gps(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 10.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 0.0)
    return exif


def make_rotated_jpeg() -> bytes:
    """40x20 photo, left half red and right half blue, stored sideways (orientation 6) with GPS."""
    image = Image.new("RGB", (40, 20), "red")
    image.paste((0, 0, 255), (20, 0, 40, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif_with_gps(orientation=6), comment=b"secret-comment", quality=95)
    return out.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indikator", "nilai"])
    sheet.append(["1", 3])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return out.getvalue()


def content_types(*overrides: tuple[str, str], defaults: str = "") -> bytes:
    parts = "".join(f'<Override PartName="{part}" ContentType="{ctype}"/>' for part, ctype in overrides)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{defaults}{parts}</Types>'
    ).encode()


RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)


def make_docx(*, rels_first: bool = False) -> bytes:
    types = content_types(("/word/document.xml", DOCX_TYPE + ".main+xml"))
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    entries = [("[Content_Types].xml", types), ("_rels/.rels", RELS), ("word/document.xml", body)]
    if rels_first:  # libmagic then only sees a zip; the content types must decide
        entries[0], entries[1] = entries[1], entries[0]
    return make_zip(entries)


def make_pptx() -> bytes:
    types = content_types(("/ppt/presentation.xml", PPTX_TYPE + ".main+xml"))
    body = b'<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
    return make_zip([("[Content_Types].xml", types), ("_rels/.rels", RELS), ("ppt/presentation.xml", body)])


def make_xlsm() -> bytes:
    types = content_types(
        ("/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        defaults='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    )
    return make_zip(
        [
            ("[Content_Types].xml", types),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really VBA"),
        ]
    )


def make_odf(kind: str, *extra: tuple[str, bytes]) -> bytes:
    return make_zip(
        [
            ("mimetype", f"application/vnd.oasis.opendocument.{kind}".encode()),
            ("content.xml", b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument"/>'),
            ("META-INF/manifest.xml", b"<manifest/>"),
            *extra,
        ]
    )


OLE_END = 0xFFFFFFFE
OLE_FREE = 0xFFFFFFFF
OLE_FAT = 0xFFFFFFFD
OLE_NONE = 0xFFFFFFFF


def _ole_entry(
    name: str, kind: int, *, right: int = OLE_NONE, child: int = OLE_NONE, start: int = OLE_END, size: int = 0
) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(encoded), kind, 1, OLE_NONE, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def make_ole(*streams: str, storages: tuple[str, ...] = ()) -> bytes:
    """A minimal Compound File (the container of .doc/.xls/.ppt) holding the named streams.

    Version 3, 512-byte sectors: header, one FAT sector, one directory sector, then each
    stream in 4096 bytes of ordinary sectors (so no mini stream is needed).
    """
    names = [(name, 2) for name in streams] + [(name, 1) for name in storages]
    assert 1 <= len(names) <= 3
    stream_sectors = 8  # 4096 bytes each
    fat = [OLE_FAT, OLE_END]
    directory = b""
    for index, (name, kind) in enumerate(names, start=1):
        right = index + 1 if index < len(names) else OLE_NONE
        if kind == 2:
            start = len(fat)
            fat += [start + i + 1 for i in range(stream_sectors - 1)] + [OLE_END]
            directory += _ole_entry(name, 2, right=right, start=start, size=stream_sectors * 512)
        else:
            directory += _ole_entry(name, 1, right=right)
    directory = _ole_entry("Root Entry", 5, child=1) + directory
    directory = directory.ljust(512, b"\0")
    fat += [OLE_FREE] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<9I", 0, 1, 1, 0, 4096, OLE_END, 0, OLE_END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", OLE_FREE) * 108
    )
    body = b"".join(bytes([65 + i]) * stream_sectors * 512 for i in range(len(streams)))
    return header + struct.pack("<128I", *fat) + directory + body


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge canvas: a decompression bomb in a few bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IEND", b"")


ELF = b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack("<HHI", 2, 0x3E, 1) + bytes(8) + bytes(16) + bytes(200)
PE = b"MZ" + b"\x90" * 58 + struct.pack("<I", 64) + b"PE\0\0" + struct.pack("<HH", 0x14C, 1) + bytes(200)
CSV = b"indikator,nilai\n1,3\n2,4\n3,2\n"
TEXT = b"Bukti dukung indikator 1: SK Tim SPBE tahun 2024.\n"
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


class FakeUpload(io.RawIOBase):
    """A stream of ``total`` bytes made on demand that counts what was read.

    With ``size`` it behaves like Django's UploadedFile; ``seekable`` can be turned off.
    """

    def __init__(self, total: int, *, size: int | None = None, seekable: bool = False) -> None:
        self.total = total
        self.position = 0
        self.bytes_read = 0
        self._seekable = seekable
        if size is not None:
            self.size = size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._seekable

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if not self._seekable:
            raise io.UnsupportedOperation("seek")
        self.position = {io.SEEK_SET: offset, io.SEEK_CUR: self.position + offset}.get(whence, self.total + offset)
        return self.position

    def read(self, n: int = -1) -> bytes:
        n = self.total - self.position if n < 0 else min(n, self.total - self.position)
        self.position += n
        self.bytes_read += n
        return bytes(n)


def check(name: str, data: bytes, **kwargs: int) -> CheckedFile:
    return check_evidence_file(name, io.BytesIO(data), **kwargs)


def outcome(name: str, data: bytes) -> CheckedFile | EvidenceRejected:
    """The result or the refusal; any other exception fails the test."""
    try:
        return check(name, data)
    except EvidenceRejected as error:
        return error


def rejected(name: str, data: bytes, **kwargs: int) -> EvidenceRejected:
    with pytest.raises(EvidenceRejected) as caught:
        check(name, data, **kwargs)
    return caught.value


# --------------------------------------------------------------------------- accepted kinds


UNCHANGED_KINDS: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("laporan.pdf", make_pdf, "application/pdf", ".pdf"),
    ("nilai.xlsx", make_xlsx, XLSX_TYPE, ".xlsx"),
    ("sk.docx", make_docx, DOCX_TYPE, ".docx"),
    ("sk-zip-order.docx", lambda: make_docx(rels_first=True), DOCX_TYPE, ".docx"),
    ("paparan.pptx", make_pptx, PPTX_TYPE, ".pptx"),
    ("notulen.odt", lambda: make_odf("text"), "application/vnd.oasis.opendocument.text", ".odt"),
    ("data.ods", lambda: make_odf("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet", ".ods"),
    (
        "slide.odp",
        lambda: make_odf("presentation"),
        "application/vnd.oasis.opendocument.presentation",
        ".odp",
    ),
    ("nilai.csv", lambda: CSV, "text/csv", ".csv"),
    ("catatan.txt", lambda: TEXT, "text/plain", ".txt"),
    ("lama.doc", lambda: make_ole("WordDocument"), "application/msword", ".doc"),
    ("lama.xls", lambda: make_ole("Workbook"), "application/vnd.ms-excel", ".xls"),
    ("lama.ppt", lambda: make_ole("PowerPoint Document"), "application/vnd.ms-powerpoint", ".ppt"),
]


@pytest.mark.parametrize(("name", "build", "content_type", "extension"), UNCHANGED_KINDS)
def test_accepts_document_kinds_unchanged(
    name: str, build: Callable[[], bytes], content_type: str, extension: str
) -> None:
    data = build()
    result = check(name, data)
    assert result == CheckedFile(
        data=data,
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=name,
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension", "pillow_format"),
    [
        ("foto.png", make_image("PNG"), "image/png", ".png", "PNG"),
        ("foto.JPG", make_image("JPEG"), "image/jpeg", ".jpg", "JPEG"),
        ("foto.jpeg", make_image("JPEG"), "image/jpeg", ".jpg", "JPEG"),
        ("foto.webp", make_image("WEBP"), "image/webp", ".webp", "WEBP"),
    ],
)
def test_accepts_images_reencoded_in_the_same_format(
    name: str, data: bytes, content_type: str, extension: str, pillow_format: str
) -> None:
    result = check(name, data)
    assert (result.content_type, result.extension, result.original_name) == (content_type, extension, name)
    assert result.size == len(result.data)
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    with Image.open(io.BytesIO(result.data)) as stored:
        assert stored.format == pillow_format
        assert stored.size == (40, 30)


def test_jpeg_loses_exif_gps_and_comment_and_is_turned_upright() -> None:
    data = make_rotated_jpeg()
    with Image.open(io.BytesIO(data)) as original:  # the test file really carries the metadata
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert original.getexif()[ExifTags.Base.Orientation] == 6
    assert b"SecretCam" in data
    assert b"secret-comment" in data

    result = check("IMG_0001.jpg", data)

    assert b"Exif" not in result.data
    assert b"SecretCam" not in result.data
    assert b"secret-comment" not in result.data
    with Image.open(io.BytesIO(result.data)) as stored:
        assert "exif" not in stored.info
        assert "comment" not in stored.info
        assert len(stored.getexif()) == 0
        # Orientation 6 means "rotate 90 degrees clockwise to view": 40x20 becomes 20x40,
        # and the left (red) half of the sensor image ends up on top.
        assert stored.size == (20, 40)
        red, _green, blue = stored.convert("RGB").getpixel((10, 5))
        assert red > 200 and blue < 60
        red, _green, blue = stored.convert("RGB").getpixel((10, 35))
        assert blue > 200 and red < 60


def test_png_loses_text_chunks_exif_and_icc_but_keeps_transparency() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Person")
    data = make_image("PNG", mode="RGBA", pnginfo=info, exif=exif_with_gps(), icc_profile=b"fake-icc")
    assert b"Secret Person" in data

    result = check("tangkapan.png", data)

    assert b"Secret Person" not in result.data
    assert b"eXIf" not in result.data and b"iCCP" not in result.data
    with Image.open(io.BytesIO(result.data)) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((0, 0)) == (255, 0, 0, 128)
        assert len(stored.getexif()) == 0


def test_palette_png_keeps_its_transparent_colour() -> None:
    image = Image.new("P", (8, 8), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=1)
    result = check("ikon.png", out.getvalue())
    with Image.open(io.BytesIO(result.data)) as stored:
        assert stored.info.get("transparency") == 1


def test_webp_loses_exif_and_lossless_stays_lossless() -> None:
    lossy = make_image("WEBP", exif=exif_with_gps())
    assert b"EXIF" in lossy
    result = check("foto.webp", lossy)
    assert b"EXIF" not in result.data and b"SecretCam" not in result.data

    lossless = make_image("WEBP", lossless=True)
    assert b"VP8L" in check("diagram.webp", lossless).data


def test_an_image_may_carry_another_image_extension() -> None:
    """A JPEG saved as .png by a phone is still an image; it is stored as what it is."""
    result = check("foto.png", make_image("JPEG"))
    assert (result.content_type, result.extension, result.original_name) == ("image/jpeg", ".jpg", "foto.png")


def test_older_word_file_named_docx_is_an_older_word_document() -> None:
    result = check("surat.docx", make_ole("WordDocument"))
    assert (result.content_type, result.extension) == ("application/msword", ".doc")


def test_generic_ole_file_gets_its_kind_from_the_name() -> None:
    data = make_ole("Contents")
    assert check("tabel.xls", data).content_type == "application/vnd.ms-excel"
    assert check("surat.doc", data).content_type == "application/msword"
    assert rejected("pesan.msg", data).code == "not_allowed"
    error = rejected("tanpa-nama", data)
    assert error.code == "extension_required"
    assert error.message == (
        "The file is an older Microsoft Office file whose type cannot be told from its content; "
        "add .doc, .xls or .ppt to its name and upload it again."
    )


def test_csv_and_text_are_one_family_told_apart_by_the_name() -> None:
    assert check("nilai.txt", CSV).content_type == "text/plain"
    as_csv = check("catatan.csv", TEXT)
    assert (as_csv.content_type, as_csv.extension) == ("text/csv", ".csv")


@pytest.mark.parametrize(
    ("name", "data", "stored_name", "extension"),
    [
        ("scan", make_pdf(), "scan.pdf", ".pdf"),
        ("foto", make_image("JPEG"), "foto.jpg", ".jpg"),
        ("Laporan 2024.03", make_pdf(), "Laporan 2024.03.pdf", ".pdf"),
        ("", make_pdf(), "evidence-file.pdf", ".pdf"),
    ],
)
def test_missing_extension_gets_the_canonical_one(name: str, data: bytes, stored_name: str, extension: str) -> None:
    result = check(name, data)
    assert (result.original_name, result.extension) == (stored_name, extension)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Budi\\Documents\\SK Tim SPBE.PDF", "SK Tim SPBE.PDF"),
        ("lap\x00or\x1fan\r\n.pdf", "laporan.pdf"),
        ("bukti\u202efdp.exe.pdf", "buktifdp.exe.pdf"),  # a right-to-left override cannot disguise the name
        ("  spasi   ganda  .pdf  ", "spasi ganda .pdf"),
        ("/", "evidence-file.pdf"),
        ("\x00\x01", "evidence-file.pdf"),
        (".pdf", "evidence-file.pdf"),
        ("dokumen.pdf...", "dokumen.pdf"),
        ("Laporan Kinerja ✓ 2024.pdf", "Laporan Kinerja ✓ 2024.pdf"),
    ],
)
def test_names_are_sanitised(name: str, expected: str) -> None:
    assert check(name, make_pdf()).original_name == expected


def test_long_names_are_trimmed_to_200_characters_keeping_the_extension() -> None:
    result = check("a" * 300 + ".pdf", make_pdf())
    assert len(result.original_name) == 200
    assert result.original_name == "a" * 196 + ".pdf"
    assert len(check("b" * 300, make_pdf()).original_name) == 200


# --------------------------------------------------------------------------- refused


def test_png_renamed_pdf_is_refused_naming_both() -> None:
    error = rejected("laporan.pdf", make_image("PNG"))
    assert error.code == "extension_mismatch"
    assert error.message == ("The file is named .pdf but its content is a PNG image; upload the real PDF or rename it.")
    assert str(error) == error.message


def test_pdf_renamed_docx_is_refused_naming_both() -> None:
    error = rejected("sk.DOCX", make_pdf())
    assert error.message == (
        "The file is named .docx but its content is a PDF document; upload the real Word document or rename it."
    )


def test_allowed_content_under_a_foreign_extension_is_told_to_rename() -> None:
    error = rejected("laporan.final", make_pdf())
    assert error.message == ("The file is named .final but its content is a PDF document; rename it to end in .pdf.")


@pytest.mark.parametrize("name", ["laporan.pdf", "halaman.html", "halaman"])
def test_html_is_refused(name: str) -> None:
    error = rejected(name, HTML)
    assert error.code == "web_page"
    assert error.message == "Web pages (HTML) are not accepted; save the page as PDF and upload that."


@pytest.mark.parametrize("name", ["logo.svg", "logo.png", "logo"])
def test_svg_is_refused(name: str) -> None:
    error = rejected(name, SVG)
    assert error.code == "svg"
    assert "SVG images are not accepted because they can contain scripts" in error.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laporan.pdf", ELF),
        ("program", ELF),
        ("setup.exe", PE),
        ("laporan.pdf", PE),
        ("jalankan.sh", b"#!/bin/sh\nrm -rf /\n"),
        ("skrip.txt", b"#!/usr/bin/env python3\nimport os\nos.system('id')\n"),
        ("jalankan.bat", b"@echo off\r\ndel /q *.*\r\n"),
        ("skrip.js", b"var x = 1;\n"),  # libmagic sees plain text; the name says script
        ("app.jar", make_zip([("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n"), ("A.class", b"x")])),
    ],
)
def test_programs_and_scripts_are_refused(name: str, data: bytes) -> None:
    error = rejected(name, data)
    assert error.code == "program"
    assert error.message == f"Programs and scripts are not accepted; upload {ALLOWED}."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bukti.zip", make_zip([("laporan.pdf", make_pdf())])),
        ("bukti", make_zip([("laporan.pdf", make_pdf())])),
        ("bukti.rar", b"Rar!\x1a\x07\x00" + bytes(64)),
        ("bukti.7z", b"7z\xbc\xaf\x27\x1c" + bytes(64)),
        ("bukti.gz", b"\x1f\x8b\x08\x00" + bytes(64)),
    ],
)
def test_archives_are_refused(name: str, data: bytes) -> None:
    error = rejected(name, data)
    assert error.code == "archive"
    assert error.message == (
        f"Archives (ZIP, RAR, 7z and similar) are not accepted; upload each document separately as {ALLOWED}."
    )


def test_zip_named_as_office_document_is_reported_damaged() -> None:
    error = rejected("sk.docx", make_zip([("laporan.pdf", make_pdf())]))
    assert error.code == "damaged"
    assert error.message == (
        "The file cannot be read as a Word document and may be damaged; open it, save it again and upload the new copy."
    )


MACRO_MESSAGE = (
    "Office files with macros are not accepted; "
    "save the file without macros (as .docx, .xlsx or .pptx) and upload it again."
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("makro.xlsm", make_xlsm()),
        ("makro.xlsx", make_xlsm()),
        (
            "vba.docx",
            make_zip(
                [
                    ("[Content_Types].xml", content_types(("/word/document.xml", DOCX_TYPE + ".main+xml"))),
                    ("word/document.xml", b"<w:document/>"),
                    ("word/vbaProject.bin", b"x"),
                ]
            ),
        ),
        ("makro.odt", make_odf("text", ("Basic/Standard/Module1.xml", b"<script:module/>"))),
        ("makro.xls", make_ole("Workbook", storages=("_VBA_PROJECT_CUR",))),
    ],
)
def test_macro_enabled_office_files_are_refused(name: str, data: bytes) -> None:
    error = rejected(name, data)
    assert error.code == "macro"
    assert error.message == MACRO_MESSAGE


def test_odf_library_index_without_code_is_not_a_macro() -> None:
    data = make_odf("text", ("Basic/script-lc.xml", b"<x/>"), ("Basic/Standard/script-lb.xml", b"<x/>"))
    assert check("tanpa-makro.odt", data).extension == ".odt"


def test_password_protected_office_file_is_refused() -> None:
    error = rejected("rahasia.docx", make_ole("EncryptionInfo", "EncryptedPackage"))
    assert error.code == "encrypted"
    assert error.message == "The file is protected with a password; remove the password and upload it again."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("foto.gif", make_image("GIF")),
        ("foto.bmp", make_image("BMP")),
        ("foto.tiff", make_image("TIFF")),
        ("data.json", b'{"indikator": 1}'),
        ("random.bin", bytes(range(256)) * 4),
        ("gambar.odg", make_odf("graphics")),
        ("templat.dotx", make_zip([("[Content_Types].xml", content_types(("/word/document.xml", "x")))])),
    ],
)
def test_other_kinds_are_refused_listing_what_is_accepted(name: str, data: bytes) -> None:
    error = rejected(name, data)
    assert error.code == "not_allowed"
    assert error.message == f"This kind of file is not accepted; upload {ALLOWED}."


@pytest.mark.parametrize(
    ("name", "data", "description"),
    [
        ("rusak.png", make_image("PNG", size=(400, 300))[:200], "a PNG image"),
        ("rusak.jpg", make_image("JPEG", size=(400, 300))[:300], "a JPEG image"),
        ("rusak.docx", make_docx()[:-60], "a Word document"),  # central directory cut off
    ],
)
def test_damaged_files_are_refused(name: str, data: bytes, description: str) -> None:
    error = rejected(name, data)
    assert error.code == "damaged"
    assert error.message == (
        f"The file cannot be read as {description} and may be damaged; open it, save it again and upload the new copy."
    )


def test_image_with_too_many_pixels_is_refused_before_decoding() -> None:
    error = rejected("bom.png", make_huge_png_header(20_000, 20_000))
    assert error.code == "image_too_large"
    assert error.message == (
        "The image is too large (more than 80 megapixels); reduce its dimensions and upload it again."
    )


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animated_image_is_refused(fmt: str) -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:])
    error = rejected("animasi." + fmt.lower(), out.getvalue())
    assert error.code == "animated"
    assert error.message == "Animated images are not accepted; upload a still PNG, JPEG or WEBP image."


def test_multi_picture_jpeg_keeps_only_the_main_picture() -> None:
    """Some cameras add preview frames to a JPEG (MPO); that is a photo, not an animation."""
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:])
    result = check("kamera.jpg", out.getvalue())
    assert result.content_type == "image/jpeg"
    with Image.open(io.BytesIO(result.data)) as stored:
        assert stored.format == "JPEG"
        assert getattr(stored, "n_frames", 1) == 1


def test_empty_file_is_refused() -> None:
    error = rejected("kosong.pdf", b"")
    assert error.code == "empty"
    assert error.message == "The file is empty; choose the right file and upload it again."


def test_oversize_file_is_refused_naming_size_and_limit() -> None:
    error = rejected("besar.pdf", bytes(3400), max_bytes=2048)
    assert error.code == "too_large"
    assert error.message == "The file is 3.4 KB; the limit is 2 KB."


def test_oversize_upload_is_measured_without_reading_it_all() -> None:
    limit = 20 * 1024 * 1024
    upload = FakeUpload(int(23.4 * 1024 * 1024), size=int(23.4 * 1024 * 1024))
    with pytest.raises(EvidenceRejected) as caught:
        check_evidence_file("besar.pdf", upload, max_bytes=limit)  # type: ignore[arg-type]
    assert caught.value.message == "The file is 23.4 MB; the limit is 20 MB."
    assert upload.bytes_read == limit + 1


def test_oversize_seekable_stream_is_measured_by_seeking() -> None:
    upload = FakeUpload(5000, seekable=True)
    with pytest.raises(EvidenceRejected) as caught:
        check_evidence_file("besar.pdf", upload, max_bytes=1024)  # type: ignore[arg-type]
    assert caught.value.message == "The file is 4.9 KB; the limit is 1 KB."
    assert upload.bytes_read == 1025


def test_oversize_stream_of_unknown_length_names_the_limit() -> None:
    upload = FakeUpload(10_000)
    with pytest.raises(EvidenceRejected) as caught:
        check_evidence_file("besar.pdf", upload, max_bytes=2048)  # type: ignore[arg-type]
    assert caught.value.message == "The file is larger than the limit of 2 KB."
    assert upload.bytes_read == 2049


def test_a_file_exactly_at_the_limit_is_accepted() -> None:
    data = make_pdf()
    assert check("pas.pdf", data, max_bytes=len(data)).size == len(data)


def test_max_evidence_bytes_defaults_to_20_mb_and_follows_settings(settings: Settings) -> None:
    assert max_evidence_bytes() == 20 * 1024 * 1024
    settings.SPBE_EVIDENCE_MAX_BYTES = 1234
    assert max_evidence_bytes() == 1234
    assert rejected("besar.pdf", make_pdf() + bytes(2000)).code == "too_large"


def test_max_bytes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        check("x.pdf", make_pdf(), max_bytes=0)


# --------------------------------------------------------------------------- language


def catalogue() -> dict[str, str]:
    """Every message of the modules with its Indonesian translation from the shipped catalogue."""
    with translation.override("id"):
        return {msgid: translation.gettext(msgid) for msgid in msgids_in_module()}


def msgids_in_module() -> set[str]:
    found: set[str] = set()
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in (MODULE_PATH, NAMES_MODULE_PATH)]
    for node in (node for tree in trees for node in ast.walk(tree)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"gettext", "gettext_noop", "gettext_lazy", "ngettext", "pgettext"}
        ):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\((\w+)\)s", text))


def test_every_message_has_an_indonesian_translation() -> None:
    ids = msgids_in_module()
    assert len(ids) > 30
    untranslated = sorted(msgid for msgid, indonesian in catalogue().items() if indonesian == msgid)
    assert untranslated == ["PDF"]  # the same word in both languages
    # The pieces translated at run time (gettext(kind.description)) are marked with gettext_noop.
    dynamic = {kind.description for kind in evidence_files._KINDS.values()}
    dynamic |= set(evidence_files._FAMILY_NOUNS.values())
    assert dynamic <= ids


def test_translations_keep_the_placeholders() -> None:
    for english, indonesian in catalogue().items():
        assert indonesian.strip(), english
        assert placeholders(english) == placeholders(indonesian), english
        assert "%" not in re.sub(r"%\(\w+\)s", "", indonesian), english


def test_messages_go_through_gettext_when_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_files, "gettext", lambda text: f"<{text}>")
    error = rejected("laporan.pdf", make_image("PNG"))
    assert error.message == (
        "<The file is named %(extension)s but its content is %(actual)s; upload the real %(expected)s "
        "or rename it.>".replace("%(extension)s", ".pdf")
        .replace("%(actual)s", "<a PNG image>")
        .replace("%(expected)s", "<PDF>")
    )


def test_messages_are_indonesian_by_default() -> None:
    english = "The file is empty; choose the right file and upload it again."
    with translation.override("id"):
        message = rejected("kosong.pdf", b"").message
    assert message == catalogue()[english] != english


def test_sizes_follow_the_active_language_number_format() -> None:
    with translation.override("id"):
        message = rejected("besar.pdf", bytes(3400), max_bytes=2048).message
    assert "3,4 KB" in message
    assert "2 KB" in message


# --------------------------------------------------------------------------- never anything else


SAMPLES = [
    make_pdf(),
    make_image("PNG"),
    make_image("JPEG"),
    make_image("WEBP"),
    make_rotated_jpeg(),
    make_xlsx(),
    make_docx(),
    make_docx(rels_first=True),
    make_pptx(),
    make_xlsm(),
    make_odf("text"),
    make_ole("WordDocument"),
    make_ole("Contents"),
    CSV,
]
NAMES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["x.pdf", "x.png", "x.jpg", "x.docx", "x.xlsx", "x.doc", "x.ppt", "x.odt", "x.csv", "x"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, data=st.binary(max_size=4096))
def test_arbitrary_bytes_only_ever_raise_evidence_rejected(name: str, data: bytes) -> None:
    result = outcome(name, data)
    if isinstance(result, EvidenceRejected):
        assert result.message and result.code
    else:
        assert result.original_name and len(result.original_name) <= 200


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=NAMES,
    sample=st.sampled_from(SAMPLES),
    cut=st.integers(min_value=1, max_value=100_000),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8),
)
def test_damaged_real_files_only_ever_raise_evidence_rejected(
    name: str, sample: bytes, cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(sample[: max(1, len(sample) - cut % len(sample))])
    for position, value in flips:
        data[position % len(data)] = value
    result = outcome(name, bytes(data))
    if isinstance(result, EvidenceRejected):
        assert result.message and result.code
    else:
        assert result.sha256 == hashlib.sha256(result.data).hexdigest()


def test_indonesian_catalogue_composes_whole_sentences() -> None:
    """The translated pieces read as one Indonesian sentence."""
    with translation.override("id"):
        mismatch = rejected("laporan.pdf", make_image("PNG")).message
        too_large = rejected("besar.pdf", bytes(3400), max_bytes=2048).message
        unnamed = check("", make_pdf()).original_name
    assert mismatch == (
        "Nama berkas berakhiran .pdf, tetapi isinya gambar PNG; unggah PDF yang sebenarnya atau ganti nama berkasnya."
    )
    assert too_large == "Ukuran berkas 3,4 KB; batas maksimumnya 2 KB."
    assert unnamed == "bukti-dukung.pdf"


def test_truncated_images_are_refused_even_after_weasyprint_is_imported() -> None:
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    data = make_image("PNG")
    with pytest.raises(EvidenceRejected):
        check("rusak.png", data[: len(data) // 2])
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it
