"""The project's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from spbe.urls import handler500
from spbe.urls import urlpatterns as project_urls


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a programming error")


def locked(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database is locked")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("internal detail that must not be shown")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("internal detail that must not be shown")


urlpatterns = [
    path("test-fail/boom/", boom, name="test_fail_boom"),
    path("test-fail/locked/", locked, name="test_fail_locked"),
    path("test-fail/forbidden/", forbidden, name="test_fail_forbidden"),
    path("test-fail/suspicious/", suspicious, name="test_fail_suspicious"),
    *project_urls,
]
__all__ = ["NAMES", "handler500", "urlpatterns"]
NAMES = ["test_fail_boom", "test_fail_locked", "test_fail_forbidden", "test_fail_suspicious"]
