"""Evidence checks: what is refused, and the message that says what to do instead."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pytest_django import Settings
from tests.evaluation.evidence_samples import (
    ALLOWED,
    DOCX_TYPE,
    ELF,
    HTML,
    PE,
    SVG,
    FakeUpload,
    check,
    content_types,
    make_docx,
    make_huge_png_header,
    make_image,
    make_odf,
    make_ole,
    make_pdf,
    make_xlsm,
    make_zip,
    rejected,
)

from spbe.evaluation.evidence_files import (
    EvidenceRejected,
    check_evidence_file,
    max_evidence_bytes,
)

pytestmark = pytest.mark.usefixtures("english")


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


def test_truncated_images_are_refused_even_after_weasyprint_is_imported() -> None:
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    data = make_image("PNG")
    with pytest.raises(EvidenceRejected):
        check("rusak.png", data[: len(data) // 2])
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it
