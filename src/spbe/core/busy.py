"""A database still locked after the busy timeout: a clear 503 page, never a 500.

On SQLite one writer works at a time; the others wait up to ``SPBE_SQLITE_TIMEOUT``
seconds (settings). Past that the write fails with "database is locked". The write's
transaction has rolled back by then, so nothing is half-stored: the person is told to
send it again in a moment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

from spbe.core.failure_pages import failure_page

logger = logging.getLogger(__name__)

BUSY_MESSAGES = ("database is locked", "database table is locked")
RETRY_AFTER_SECONDS = 5


def database_busy(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError) and any(text in str(exception) for text in BUSY_MESSAGES)


def busy_response() -> HttpResponse:
    response = failure_page("503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turns a view's "database is locked" into the 503 page (``handler500`` covers the rest)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_busy(exception):
            return None
        logger.warning("database busy on %s %s", request.method, request.path_info)
        return busy_response()
