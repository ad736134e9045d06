"""Evidence checks: every allowed kind is accepted as what it really is, with a safe name."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable

import pytest
from PIL import ExifTags, Image, PngImagePlugin
from tests.evaluation.evidence_samples import (
    CSV,
    DOCX_TYPE,
    PPTX_TYPE,
    TEXT,
    XLSX_TYPE,
    check,
    exif_with_gps,
    make_docx,
    make_image,
    make_odf,
    make_ole,
    make_pdf,
    make_pptx,
    make_rotated_jpeg,
    make_xlsx,
    rejected,
)

from spbe.evaluation.evidence_files import (
    CheckedFile,
)

pytestmark = pytest.mark.usefixtures("english")


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
