"""Check an uploaded evidence file (bukti dukung) before it is stored.

``check_evidence_file`` reads the upload once, decides what the file really is from its
content (libmagic through python-magic, then a look inside zip and OLE containers), and
either returns a :class:`CheckedFile` ready to store or raises :class:`EvidenceRejected`
with one sentence, in the active language, telling the user what to fix.

The content decides the type; the file name only has to agree with it. Images are
re-encoded with Pillow so that EXIF (GPS position, camera serials), comments and other
metadata never reach storage. Nothing here touches the database.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import BinaryIO, NoReturn

import magic
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from spbe.evaluation.evidence_images import ImageAnimated, ImageTooLarge, ImageUnreadable, reencode_image
from spbe.evaluation.evidence_names import split_name, trim_name

__all__ = [
    "DEFAULT_MAX_EVIDENCE_BYTES",
    "MAX_IMAGE_PIXELS",
    "CheckedFile",
    "EvidenceRejected",
    "check_evidence_file",
    "max_evidence_bytes",
]

DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 80_000_000  # below Pillow's own decompression-bomb warning (about 89 million)

_KIB = 1024
_MIB = 1024 * 1024
_READ_CHUNK = 1024 * 1024
_MEMBER_READ_CAP = 1024 * 1024  # [Content_Types].xml is a few KB; never inflate more than this


@dataclass(frozen=True)
class CheckedFile:
    """An accepted evidence file, ready to store."""

    data: bytes
    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str


class EvidenceRejected(Exception):
    """The upload cannot be stored; ``message`` tells the user what to fix.

    ``code`` is a stable machine-readable reason (for logs, metrics and tests).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- kinds


@dataclass(frozen=True)
class _Kind:
    key: str
    content_type: str
    extension: str
    family: str
    description: str  # gettext_noop source text; translated when a message is built
    pillow_format: str | None = None


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
_KINDS: dict[str, _Kind] = {
    kind.key: kind
    for kind in (
        _Kind("pdf", "application/pdf", ".pdf", "pdf", gettext_noop("a PDF document")),
        _Kind("png", "image/png", ".png", "image", gettext_noop("a PNG image"), "PNG"),
        _Kind("jpeg", "image/jpeg", ".jpg", "image", gettext_noop("a JPEG image"), "JPEG"),
        _Kind("webp", "image/webp", ".webp", "image", gettext_noop("a WEBP image"), "WEBP"),
        _Kind("docx", _OOXML + "wordprocessingml.document", ".docx", "word", gettext_noop("a Word document")),
        _Kind("xlsx", _OOXML + "spreadsheetml.sheet", ".xlsx", "excel", gettext_noop("an Excel workbook")),
        _Kind(
            "pptx",
            _OOXML + "presentationml.presentation",
            ".pptx",
            "powerpoint",
            gettext_noop("a PowerPoint presentation"),
        ),
        _Kind("doc", "application/msword", ".doc", "word", gettext_noop("an older Word document")),
        _Kind("xls", "application/vnd.ms-excel", ".xls", "excel", gettext_noop("an older Excel workbook")),
        _Kind(
            "ppt",
            "application/vnd.ms-powerpoint",
            ".ppt",
            "powerpoint",
            gettext_noop("an older PowerPoint presentation"),
        ),
        _Kind("odt", _ODF + "text", ".odt", "odt", gettext_noop("an OpenDocument text document")),
        _Kind("ods", _ODF + "spreadsheet", ".ods", "ods", gettext_noop("an OpenDocument spreadsheet")),
        _Kind("odp", _ODF + "presentation", ".odp", "odp", gettext_noop("an OpenDocument presentation")),
        _Kind("csv", "text/csv", ".csv", "text", gettext_noop("a CSV file")),
        _Kind("txt", "text/plain", ".txt", "text", gettext_noop("a plain text file")),
    )
}

# A family is what the user means by the name: a JPEG called .png is still an image, an
# older .doc called .docx is still a Word document. The stored extension is always the
# canonical one of the content, so such names are harmless; a PDF called .docx is not.
_FAMILY_EXTENSIONS: dict[str, frozenset[str]] = {
    "pdf": frozenset({".pdf"}),
    "image": frozenset({".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp"}),
    "word": frozenset({".docx", ".doc"}),
    "excel": frozenset({".xlsx", ".xls"}),
    "powerpoint": frozenset({".pptx", ".ppt"}),
    "odt": frozenset({".odt"}),
    "ods": frozenset({".ods"}),
    "odp": frozenset({".odp"}),
    "text": frozenset({".txt", ".csv"}),
}
_FAMILY_NOUNS: dict[str, str] = {
    "pdf": gettext_noop("PDF"),
    "image": gettext_noop("image"),
    "word": gettext_noop("Word document"),
    "excel": gettext_noop("Excel workbook"),
    "powerpoint": gettext_noop("PowerPoint presentation"),
    "odt": gettext_noop("OpenDocument text document"),
    "ods": gettext_noop("OpenDocument spreadsheet"),
    "odp": gettext_noop("OpenDocument presentation"),
    "text": gettext_noop("text or CSV file"),
}
# The legacy (OLE / Compound File) kind for each family, used when libmagic only says "OLE".
_LEGACY_BY_FAMILY = {"word": "doc", "excel": "xls", "powerpoint": "ppt"}
# The zip-based office kind each family's name claims, to name it when the zip is broken.
_ZIP_OFFICE_BY_FAMILY = {
    "word": "docx",
    "excel": "xlsx",
    "powerpoint": "pptx",
    "odt": "odt",
    "ods": "ods",
    "odp": "odp",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MIME_TO_KIND = {kind.content_type: kind.key for kind in _KINDS.values()}
_OOXML_MIMES = {_KINDS[key].content_type: key for key in ("docx", "xlsx", "pptx")}
_ODF_MIMES = {_KINDS[key].content_type: key for key in ("odt", "ods", "odp")}
_LEGACY_OFFICE_MIMES = frozenset(_KINDS[key].content_type for key in ("doc", "xls", "ppt"))
# The content type of the main part, as declared in [Content_Types].xml (lower case).
_OOXML_MAIN_PARTS = {
    "docx": (_OOXML + "wordprocessingml.document.main+xml").encode(),
    "xlsx": (_OOXML + "spreadsheetml.sheet.main+xml").encode(),
    "pptx": (_OOXML + "presentationml.presentation.main+xml").encode(),
}
_ZIP_MIMES = frozenset({"application/zip", "application/x-zip-compressed", "application/octet-stream"})
_OLE_GENERIC_MIMES = _words(
    "application/x-ole-storage application/cdfv2 application/cdfv2-corrupt application/vnd.ms-office"
)
_PROGRAM_MIMES = _words(
    """
    application/x-executable application/x-pie-executable application/x-sharedlib application/x-object
    application/x-coredump application/x-elf application/x-mach-binary application/x-dosexec
    application/vnd.microsoft.portable-executable application/x-msdownload application/x-ms-installer
    application/x-msi application/vnd.ms-msi application/x-ms-shortcut application/x-apple-diskimage
    application/vnd.debian.binary-package application/x-rpm application/vnd.android.package-archive
    application/java-archive application/x-java-archive application/x-java-applet
    application/x-bytecode.python application/javascript text/javascript application/x-powershell
    application/x-shellscript text/x-shellscript text/x-msdos-batch application/x-bat
    text/x-php text/x-perl text/x-python text/x-ruby text/x-tcl text/x-lua text/x-awk
    """
)
_WEB_MIMES = frozenset({"text/html", "application/xhtml+xml"})
_SVG_MIMES = frozenset({"image/svg+xml", "image/svg"})
_ARCHIVE_MIMES = _words(
    """
    application/zip application/x-zip-compressed application/x-rar application/x-rar-compressed
    application/vnd.rar application/x-7z-compressed application/gzip application/x-gzip application/x-bzip2
    application/x-xz application/x-lzma application/x-lzip application/x-lz4 application/zstd
    application/x-zstd application/x-tar application/x-gtar application/x-compress application/x-arj
    application/x-lha application/x-lzh-compressed application/x-ace-compressed application/x-archive
    application/x-cpio application/vnd.ms-cab-compressed application/x-iso9660-image application/epub+zip
    """
)
# Plain-text content under one of these names is still refused: a .js or .bat file is a
# script even when libmagic finds nothing but text in it.
_PROGRAM_EXTENSIONS = _words(
    """
    .exe .dll .com .scr .msi .msp .cpl .bat .cmd .ps1 .psm1 .vbs .vbe .js .jse .mjs .wsf .wsh .hta
    .sh .bash .zsh .py .pl .rb .php .jar .apk .lnk .reg .inf .scf .url
    """
)
_WEB_EXTENSIONS = _words(".html .htm .xhtml .xht .shtml .mht .mhtml")
_SVG_EXTENSIONS = frozenset({".svg", ".svgz"})

# A Compound File directory entry holding VBA code starts with this UTF-16 name
# ("_VBA_PROJECT" or "_VBA_PROJECT_CUR"); entries are 128 bytes, aligned on 128.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_VBA_NAME = "_VBA_PROJECT".encode("utf-16-le")
# An OpenDocument Basic module lives in Basic/<library>/<module>.xml; other script
# languages under Scripts/. The library index (script-lb.xml) alone holds no code.
_ODF_MACRO_ENTRY = re.compile(r"^(?:Basic/[^/]+/(?!script-lb\.xml$)[^/]+|Scripts/.+)$")


# --------------------------------------------------------------------------- messages


def _allowed_kinds() -> str:
    return gettext("PDF, images (PNG, JPEG, WEBP), Word, Excel, PowerPoint, OpenDocument, CSV or text")


def _reject(code: str, message: str) -> NoReturn:
    raise EvidenceRejected(message, code=code)


def _reject_not_allowed() -> NoReturn:
    _reject(
        "not_allowed",
        gettext("This kind of file is not accepted; upload %(allowed)s.") % {"allowed": _allowed_kinds()},
    )


def _reject_program() -> NoReturn:
    _reject(
        "program",
        gettext("Programs and scripts are not accepted; upload %(allowed)s.") % {"allowed": _allowed_kinds()},
    )


def _reject_web_page() -> NoReturn:
    _reject("web_page", gettext("Web pages (HTML) are not accepted; save the page as PDF and upload that."))


def _reject_svg() -> NoReturn:
    _reject(
        "svg",
        gettext(
            "SVG images are not accepted because they can contain scripts; "
            "export the image as PNG or JPEG and upload that."
        ),
    )


def _reject_archive() -> NoReturn:
    _reject(
        "archive",
        gettext("Archives (ZIP, RAR, 7z and similar) are not accepted; upload each document separately as %(allowed)s.")
        % {"allowed": _allowed_kinds()},
    )


def _reject_macro() -> NoReturn:
    _reject(
        "macro",
        gettext(
            "Office files with macros are not accepted; "
            "save the file without macros (as .docx, .xlsx or .pptx) and upload it again."
        ),
    )


def _reject_encrypted() -> NoReturn:
    _reject(
        "encrypted",
        gettext("The file is protected with a password; remove the password and upload it again."),
    )


def _reject_damaged(kind: _Kind) -> NoReturn:
    _reject(
        "damaged",
        gettext(
            "The file cannot be read as %(kind)s and may be damaged; open it, save it again and upload the new copy."
        )
        % {"kind": gettext(kind.description)},
    )


# --------------------------------------------------------------------------- public API


def max_evidence_bytes() -> int:
    """The upload limit: ``settings.SPBE_EVIDENCE_MAX_BYTES`` if defined, else 20 MB."""
    return int(getattr(settings, "SPBE_EVIDENCE_MAX_BYTES", DEFAULT_MAX_EVIDENCE_BYTES))


def check_evidence_file(name: str, stream: BinaryIO, *, max_bytes: int | None = None) -> CheckedFile:
    """Read an upload from ``stream`` (from its current position) and check it.

    Reads at most ``max_bytes + 1`` bytes (default: :func:`max_evidence_bytes`). Returns
    what to store, or raises :class:`EvidenceRejected`, and nothing else, for any content
    or name. A non-positive ``max_bytes`` is a programming error (``ValueError``).

    Best effort, not a virus scan: macros are found in OOXML (declared in
    ``[Content_Types].xml``), OpenDocument (Basic/Scripts entries) and Word/Excel 97-2003
    files (a VBA storage); PowerPoint 97-2003 keeps VBA inside its main stream and is not
    inspected. PDF content (JavaScript, attachments) is not inspected either.
    """
    limit = max_evidence_bytes() if max_bytes is None else max_bytes
    if limit <= 0:
        raise ValueError("max_bytes must be positive")

    start = _tell(stream)
    data = _read_capped(stream, limit + 1)
    if len(data) > limit:
        _reject_too_large(stream, start, limit)
    if not data:
        _reject("empty", gettext("The file is empty; choose the right file and upload it again."))

    display_name, extension = split_name(name)
    kind = _detect_kind(data, extension)
    kind = _check_name(kind, extension)
    if kind.pillow_format is not None:
        data = _reencode_image(data, kind)
    if extension is None:
        display_name += kind.extension
    return CheckedFile(
        data=data,
        content_type=kind.content_type,
        extension=kind.extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=trim_name(display_name),
    )


# --------------------------------------------------------------------------- reading and size


def _tell(stream: BinaryIO) -> int | None:
    try:
        return stream.tell() if stream.seekable() else None
    except (AttributeError, OSError, ValueError):
        return None


def _read_capped(stream: BinaryIO, cap: int) -> bytes:
    chunks: list[bytes] = []
    remaining = cap
    while remaining > 0:
        chunk = stream.read(min(remaining, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(bytes(chunk))
        remaining -= len(chunk)
    return b"".join(chunks)


def _total_size(stream: BinaryIO, start: int | None) -> int | None:
    size = getattr(stream, "size", None)  # Django's UploadedFile knows its size
    if isinstance(size, int) and not isinstance(size, bool):
        return size
    if start is None:
        return None
    try:
        return stream.seek(0, io.SEEK_END) - start
    except (AttributeError, OSError, ValueError):
        return None


def _format_size(n: int, *, unit_bytes: int, rounding: str) -> str:
    unit = "MB" if unit_bytes == _MIB else "KB"
    value = (Decimal(n) / Decimal(unit_bytes)).quantize(Decimal("0.1"), rounding=rounding)
    if value == value.to_integral_value():
        return f"{number_format(int(value))} {unit}"
    return f"{number_format(value, decimal_pos=1)} {unit}"


def _reject_too_large(stream: BinaryIO, start: int | None, limit: int) -> NoReturn:
    unit_bytes = _MIB if limit >= _MIB else _KIB
    # Round the limit to the nearest tenth and the size up, so an oversize file never
    # looks as if it were within the limit.
    limit_text = _format_size(limit, unit_bytes=unit_bytes, rounding=ROUND_HALF_UP)
    total = _total_size(stream, start)
    if total is not None and total > limit:
        size_text = _format_size(total, unit_bytes=unit_bytes, rounding=ROUND_CEILING)
        message = gettext("The file is %(size)s; the limit is %(limit)s.") % {
            "size": size_text,
            "limit": limit_text,
        }
    else:
        message = gettext("The file is larger than the limit of %(limit)s.") % {"limit": limit_text}
    _reject("too_large", message)


# --------------------------------------------------------------------------- names


def _family_of(extension: str) -> str | None:
    return next((f for f, exts in _FAMILY_EXTENSIONS.items() if extension in exts), None)


def _check_name(kind: _Kind, extension: str | None) -> _Kind:
    """Make sure the name agrees with the content; the kind to store (CSV vs text by name)."""
    if extension is None:
        return kind
    if kind.family == "text":
        if extension in _PROGRAM_EXTENSIONS:
            _reject_program()
        if extension in _WEB_EXTENSIONS:
            _reject_web_page()
        if extension in _SVG_EXTENSIONS:
            _reject_svg()
    family = _family_of(extension)
    if family == kind.family:
        if kind.family == "text":
            return _KINDS["csv" if extension == ".csv" else "txt"]
        return kind
    if family is not None:
        message = gettext(
            "The file is named %(extension)s but its content is %(actual)s; upload the real %(expected)s or rename it."
        ) % {
            "extension": extension,
            "actual": gettext(kind.description),
            "expected": gettext(_FAMILY_NOUNS[family]),
        }
    else:
        message = gettext(
            "The file is named %(extension)s but its content is %(actual)s; rename it to end in %(canonical)s."
        ) % {"extension": extension, "actual": gettext(kind.description), "canonical": kind.extension}
    _reject("extension_mismatch", message)


# --------------------------------------------------------------------------- content


@functools.cache
def _magic() -> magic.Magic:
    return magic.Magic(mime=True)


def _sniff(data: bytes) -> str:
    try:
        return _magic().from_buffer(data).strip().lower()
    except Exception:  # libmagic gives up: treat it as unknown bytes
        return "application/octet-stream"


def _detect_kind(data: bytes, extension: str | None) -> _Kind:
    mime = _sniff(data)
    if mime in _PROGRAM_MIMES or mime.startswith("text/x-script."):
        _reject_program()
    if mime in _WEB_MIMES:
        _reject_web_page()
    if mime in _SVG_MIMES:
        _reject_svg()
    if "macroenabled" in mime:
        _reject_macro()
    if mime == "application/encrypted":
        _reject_encrypted()

    if mime in _OOXML_MIMES or mime in _ODF_MIMES or (mime in _ZIP_MIMES and data.startswith(b"PK")):
        return _zip_kind(data, mime, extension)
    if mime in _OLE_GENERIC_MIMES or mime in _LEGACY_OFFICE_MIMES:
        return _ole_kind(data, mime, extension)
    if mime in _MIME_TO_KIND:
        return _KINDS[_MIME_TO_KIND[mime]]
    if mime in _ARCHIVE_MIMES:
        _reject_archive()
    _reject_not_allowed()


def _office_kind_claimed(mime: str, extension: str | None) -> _Kind | None:
    """The zip-based office kind that libmagic or the file name claims, if any."""
    key = _OOXML_MIMES.get(mime) or _ODF_MIMES.get(mime)
    if key is None and extension is not None:
        key = _ZIP_OFFICE_BY_FAMILY.get(_family_of(extension) or "")
    return _KINDS[key] if key else None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > _MEMBER_READ_CAP:
        raise ValueError("member too large")
    with archive.open(info) as member:
        return member.read(_MEMBER_READ_CAP + 1)[:_MEMBER_READ_CAP]


def _zip_kind(data: bytes, mime: str, extension: str | None) -> _Kind:
    claimed = _office_kind_claimed(mime, extension)

    def unreadable() -> NoReturn:
        if claimed is not None:
            _reject_damaged(claimed)
        _reject_archive()

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = {info.filename: info for info in archive.infolist()}
        content_types = infos.get("[Content_Types].xml")
        mimetype = infos.get("mimetype")
        declared = _read_member(archive, content_types) if content_types else None
        odf_type = _read_member(archive, mimetype) if mimetype else None
    except Exception:  # any broken zip: bad headers, bad compression, encrypted members
        unreadable()

    if declared is not None:
        lowered = declared.lower()
        if (
            b"macroenabled" in lowered
            or b"vbaproject" in lowered
            or any(n.lower().endswith("vbaproject.bin") for n in infos)
        ):
            _reject_macro()
        found = [key for key, part in _OOXML_MAIN_PARTS.items() if part in lowered]
        if len(found) == 1:
            return _KINDS[found[0]]
        if claimed is not None and claimed.key in _OOXML_MAIN_PARTS:
            _reject_damaged(claimed)
        _reject_not_allowed()  # another OOXML type: templates, slide shows, binary workbooks, Visio

    if odf_type is not None:
        key = _ODF_MIMES.get(odf_type.strip().decode("ascii", "replace").lower())
        if key is None:
            _reject_not_allowed()  # drawings, formulas, e-books and other zip formats with a mimetype
        if any(_ODF_MACRO_ENTRY.match(n) for n in infos):
            _reject_macro()
        return _KINDS[key]

    if any(n == "META-INF/MANIFEST.MF" or n.endswith((".class", ".dex")) for n in infos):
        _reject_program()
    unreadable()


def _ole_kind(data: bytes, mime: str, extension: str | None) -> _Kind:
    if not data.startswith(_OLE_SIGNATURE):
        _reject_not_allowed()
    key = _MIME_TO_KIND.get(mime)
    if key is None:  # libmagic could not tell which program wrote it: trust the name
        if extension is None:
            _reject(
                "extension_required",
                gettext(
                    "The file is an older Microsoft Office file whose type cannot be told from its content; "
                    "add .doc, .xls or .ppt to its name and upload it again."
                ),
            )
        key = _LEGACY_BY_FAMILY.get(_family_of(extension) or "")
        if key is None:
            _reject_not_allowed()
    if _ole_has_vba(data):
        _reject_macro()
    return _KINDS[key]


def _ole_has_vba(data: bytes) -> bool:
    at = data.find(_OLE_VBA_NAME)
    while at != -1:
        if at % 128 == 0:
            return True
        at = data.find(_OLE_VBA_NAME, at + 1)
    return False


# --------------------------------------------------------------------------- images


def _reencode_image(data: bytes, kind: _Kind) -> bytes:
    """Re-encode through ``evidence_images``; turn its findings into messages for the user."""
    assert kind.pillow_format is not None
    try:
        return reencode_image(data, kind.key, kind.pillow_format, max_pixels=MAX_IMAGE_PIXELS)
    except ImageTooLarge:
        _reject(
            "image_too_large",
            gettext(
                "The image is too large (more than %(limit)s megapixels); reduce its dimensions and upload it again."
            )
            % {"limit": number_format(MAX_IMAGE_PIXELS // 1_000_000)},
        )
    except ImageAnimated:
        _reject("animated", gettext("Animated images are not accepted; upload a still PNG, JPEG or WEBP image."))
    except ImageUnreadable:
        _reject_damaged(kind)
