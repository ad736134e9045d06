"""Re-encode an evidence image so that no metadata (EXIF, GPS, comments, profiles) is stored.

The picture is kept in its format, turned upright from its EXIF orientation, and saved
afresh. Problems are raised as exceptions for ``evidence_files`` to explain to the user.
"""

from __future__ import annotations

import io
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageFile, ImageOps

JPEG_QUALITY = 90
WEBP_QUALITY = 90


class ImageProblem(Exception):
    """The image cannot be stored as it is."""


class ImageTooLarge(ImageProblem):
    """More pixels than allowed (or a decompression bomb)."""


class ImageAnimated(ImageProblem):
    """Several frames in a PNG or WEBP."""


class ImageUnreadable(ImageProblem):
    """Truncated, corrupt or unsupported image data."""


_strict = threading.Lock()


@contextmanager
def _refuse_truncated() -> Iterator[None]:
    """Decode strictly. WeasyPrint switches Pillow's process-wide LOAD_TRUNCATED_IMAGES on when
    it is imported; a truncated upload must still be refused, so it is switched off while we decode."""
    with _strict:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def webp_is_lossless(data: bytes) -> bool:
    offset = 12
    while offset + 8 <= len(data):
        fourcc = data[offset : offset + 4]
        if fourcc == b"VP8L":
            return True
        if fourcc == b"VP8 ":
            return False
        (length,) = struct.unpack_from("<I", data, offset + 4)
        offset += 8 + length + (length & 1)
    return False


def reencode_image(data: bytes, key: str, pillow_format: str, *, max_pixels: int) -> bytes:
    """The same picture in the same format (``key``: png, jpeg or webp), upright, without metadata."""
    try:
        with _refuse_truncated(), Image.open(io.BytesIO(data), formats=[pillow_format]) as opened:
            if opened.width * opened.height > max_pixels:
                raise ImageTooLarge
            # A JPEG may carry extra frames (MPO previews); only the first is the photo.
            if key != "jpeg" and getattr(opened, "n_frames", 1) > 1:
                raise ImageAnimated
            opened.load()
            try:
                upright = ImageOps.exif_transpose(opened)
            except Exception:  # unreadable EXIF: keep the pixels as they are
                upright = opened.copy()
            # Pillow copies some of ``info`` (ICC profile, comments) into the output:
            # keep only what the pixels need.
            transparency = upright.info.get("transparency")
            upright.info = {} if transparency is None else {"transparency": transparency}
            out = io.BytesIO()
            if key == "jpeg":
                upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            elif key == "webp" and webp_is_lossless(data):
                upright.save(out, "WEBP", lossless=True)
            elif key == "webp":
                upright.save(out, "WEBP", quality=WEBP_QUALITY)
            else:
                upright.save(out, "PNG")
            return out.getvalue()
    except ImageProblem:
        raise
    except Image.DecompressionBombError:
        raise ImageTooLarge from None
    except Exception:
        raise ImageUnreadable from None
