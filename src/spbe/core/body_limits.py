"""The largest request body each endpoint accepts, refused before anything reads it.

Django reads a body only when something asks for ``request.POST`` or ``request.FILES``,
and then writes every uploaded file to disk, whatever its size; the size checks in the
views come after that. :class:`RequestBodyLimitMiddleware`, placed before any middleware
that could read the body, compares the declared ``Content-Length`` with the endpoint's
limit and answers 413 without reading a byte. A body sent without a length (chunked,
where the server passes it on) is read here, up to the same limit and no further.

:func:`allowances` maps URL names (``namespace:name``) to what a person may send there;
every other URL gets Django's own cap on form fields, ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
The limit enforced is the allowance plus ``MARGIN`` for the multipart framing, the CSRF
token and the other fields of the form.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable
from typing import IO, BinaryIO, cast

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from spbe.core.failure_pages import failure_page
from spbe.core.middleware import preferred_language
from spbe.scoring.levels_file import MAX_FILE_BYTES as LEVELS_FILE_MAX_BYTES

logger = logging.getLogger(__name__)

MARGIN = 256 * 1024
# The worksheet importer's own cap, spbe.evaluation.worksheet.MAX_BYTES (a test keeps them equal;
# the project shell's core does not import the evaluation app).
WORKSHEET_MAX_BYTES = 5 * 1024 * 1024
READ_CHUNK = 64 * 1024


def allowances() -> dict[str, int]:
    """What may be sent to each endpoint that takes more than a plain form, in bytes."""
    return {
        "evaluation:evidence_add": int(settings.SPBE_EVIDENCE_MAX_BYTES),
        "evaluation:worksheet_import": WORKSHEET_MAX_BYTES,
        "evaluation:calculator": LEVELS_FILE_MAX_BYTES,
    }


def default_allowance() -> int:
    configured = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return int(configured) if configured is not None else 2_621_440


def allowance_for(url_name: str | None) -> int:
    """The allowance of the URL named ``url_name``; the default for an unnamed or unknown URL."""
    return allowances().get(url_name or "", default_allowance())


def url_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def declared_length(request: HttpRequest) -> int:
    """``Content-Length`` as Django reads it: missing or malformed counts as no body."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def sent_without_length(request: HttpRequest) -> bool:
    """A chunked body the server decoded and ends for us (gunicorn sets ``wsgi.input_terminated``)."""
    chunked = "chunked" in str(request.META.get("HTTP_TRANSFER_ENCODING", "")).lower()
    return chunked and bool(request.META.get("wsgi.input_terminated"))


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowance = allowance_for(url_name(request.path_info))
        limit = allowance + MARGIN
        size = declared_length(request)
        if size > limit:
            return self.refuse(request, allowance, f"{size} bytes declared")
        if size or not sent_without_length(request):
            return self.get_response(request)
        buffered = _read_at_most(request.META["wsgi.input"], limit)
        if buffered is None:
            return self.refuse(request, allowance, "chunked body over the limit")
        body, length = buffered
        try:
            # Django read no body without a length; hand it the bytes we read, with their length.
            request.META["CONTENT_LENGTH"] = str(length)
            request._stream = cast(BinaryIO, LimitedStream(cast(io.BytesIO, body), length))
            return self.get_response(request)
        finally:
            body.close()

    def refuse(self, request: HttpRequest, allowance: int, why: str) -> HttpResponse:
        logger.warning("request body refused (%s, limit %s) on %s", why, allowance + MARGIN, request.path_info)
        return failure_page(
            "413.html", status=413, language=preferred_language(request), context={"allowance": allowance}
        )


def _read_at_most(stream: IO[bytes], limit: int) -> tuple[IO[bytes], int] | None:
    """The stream's bytes in a temporary file, or None as soon as there are more than ``limit``."""
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115 - the caller closes it
    total = 0
    while chunk := stream.read(min(READ_CHUNK, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            spool.close()
            return None
        spool.write(chunk)
    spool.seek(0)
    return spool, total
