"""Error pages in both languages in the site's layout; the 500 and 503 pages need no database."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from tests.core import failing_urls

from spbe import permissions
from spbe import urls as project_urls
from spbe.core.views import server_error

pytestmark = pytest.mark.urls("tests.core.failing_urls")


@pytest.fixture(autouse=True)
def _failing_views_are_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """The views that fail on purpose need an entry in the URL map like any other view."""
    for name in failing_urls.NAMES:
        monkeypatch.setitem(permissions.URL_RULES, name, permissions.PUBLIC)


TEXTS = {
    "404": ("Halaman tidak ditemukan", "Page not found"),
    "403": ("Tidak diizinkan", "Not allowed"),
    "400": ("Permintaan tidak dapat dipahami", "Request not understood"),
    "500": ("Terjadi kesalahan", "Something went wrong"),
    "503": (
        "Basis data sedang sibuk, coba lagi sebentar lagi.",
        "The database is busy, try again in a moment.",
    ),
}


@pytest.fixture
def visitor() -> Client:
    """A browser with a session cookie: a page that looked the user up would query the database."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32
    return client


def page(client: Client, url: str, language: str) -> tuple[int, str, str]:
    client.cookies["django_language"] = language
    response = client.get(url)
    return response.status_code, response["Content-Language"], response.content.decode()


@pytest.mark.parametrize(("language", "index"), [("id", 0), ("en", 1)])
@pytest.mark.parametrize(
    ("url", "status", "key"),
    [
        ("/test-fail/boom/", 500, "500"),
        ("/test-fail/locked/", 503, "503"),
    ],
)
def test_failure_pages_render_without_the_database(url: str, status: int, key: str, language: str, index: int) -> None:
    # no db marker: pytest-django refuses any query, so a failure page that queried would fail here.
    # (A signed-in visitor's session is read before the view by the sign-in middleware; the pages
    # themselves are rendered without the request, see spbe.core.failure_pages.)
    code, content_language, html = page(Client(raise_request_exception=False), url, language)
    assert code == status
    assert content_language == language
    assert TEXTS[key][index] in html
    assert f'<html lang="{language}">' in html
    assert '<header class="site">' in html
    assert "Traceback" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "index"), [("id", 0), ("en", 1)])
@pytest.mark.parametrize(
    ("url", "status", "key"),
    [
        ("/no-such-page/", 404, "404"),
        ("/test-fail/forbidden/", 403, "403"),
        ("/test-fail/suspicious/", 400, "400"),
    ],
)
def test_error_pages_speak_the_chosen_language(
    visitor: Client, url: str, status: int, key: str, language: str, index: int
) -> None:
    code, _, html = page(visitor, url, language)
    assert code == status
    assert TEXTS[key][index] in html
    assert f'<html lang="{language}">' in html
    assert '<header class="site">' in html
    assert "internal detail" not in html


def test_the_project_uses_the_database_free_server_error_handler() -> None:
    assert project_urls.handler500 == "spbe.core.views.server_error"


def test_a_busy_database_outside_a_view_also_gets_the_503_page() -> None:
    request = RequestFactory().get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert TEXTS["503"][0] in response.content.decode()


def test_other_database_errors_stay_server_errors() -> None:
    request = RequestFactory().get("/")
    try:
        raise OperationalError("no such table: evaluation_answer")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.parametrize(("language", "text"), [("id", "Formulir sudah kedaluwarsa"), ("en", "The form has expired")])
def test_a_form_sent_without_its_csrf_token_says_what_to_do(language: str, text: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert text in response.content.decode()
    assert '<header class="site">' in response.content.decode()
