"""Real files of every kind, built in code, for the evidence-check tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import ExifTags, Image

from spbe.evaluation.evidence_files import (
    CheckedFile,
    EvidenceRejected,
    check_evidence_file,
)

ROOT = Path(__file__).resolve().parents[2]
MODULE_PATH = ROOT / "src" / "spbe" / "evaluation" / "evidence_files.py"
NAMES_MODULE_PATH = ROOT / "src" / "spbe" / "evaluation" / "evidence_names.py"

ALLOWED = "PDF, images (PNG, JPEG, WEBP), Word, Excel, PowerPoint, OpenDocument, CSV or text"
OOXML = "application/vnd.openxmlformats-officedocument."
DOCX_TYPE = OOXML + "wordprocessingml.document"
XLSX_TYPE = OOXML + "spreadsheetml.sheet"
PPTX_TYPE = OOXML + "presentationml.presentation"


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
