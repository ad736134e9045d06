"""Oversized request bodies are refused from their declared length, before anything reads them."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import Client
from pytest_django import Settings

from spbe.core.body_limits import MARGIN, allowance_for, allowances, default_allowance
from spbe.evaluation.worksheet import MAX_BYTES as WORKSHEET_MAX_BYTES
from spbe.scoring.levels_file import MAX_FILE_BYTES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EVIDENCE_URL = "/assessments/1/indicators/1/evidence/"
MB = 1024 * 1024


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the request body was read")

    readinto = read  # type: ignore[assignment]
    readline = read  # type: ignore[assignment]


class Endless(io.RawIOBase):
    """A chunked body that never ends; counts what was read from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 65_536 if size is None or size < 0 else size
        self.taken += size
        return b"x" * size


def huge_upload_environ(path: str, length: int) -> dict[str, object]:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "CONTENT_TYPE": "multipart/form-data; boundary=spbe",
        "CONTENT_LENGTH": str(length),
        "wsgi.input": Untouchable(),
        "wsgi.errors": io.StringIO(),
    }


def test_a_300_mb_upload_is_refused_by_the_wsgi_app_without_reading_it() -> None:
    statuses: list[str] = []
    # as the test client does: no connection housekeeping around this request (the test has no database)
    request_started.disconnect(close_old_connections)
    try:
        body = WSGIHandler()(
            huge_upload_environ(EVIDENCE_URL, 300 * MB), lambda status, _headers: statuses.append(status)
        )
    finally:
        request_started.connect(close_old_connections)
    assert statuses == ["413 Request Entity Too Large"]
    assert "terlalu besar" in b"".join(body).decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("id", "Yang Anda kirim terlalu besar: halaman ini menerima paling banyak 20,0\xa0MB."),
        ("en", "What you sent is too large: this page accepts at most 20.0\xa0MB."),
    ],
)
def test_the_refusal_names_the_limit_in_the_chosen_language(client: Client, language: str, message: str) -> None:
    client.cookies["django_language"] = language
    response = client.post(
        EVIDENCE_URL,
        CONTENT_TYPE="multipart/form-data; boundary=spbe",
        CONTENT_LENGTH=str(300 * MB),
        **{"wsgi.input": Untouchable()},
    )
    assert response.status_code == 413
    assert response["Content-Language"] == language
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert message in response.content.decode()
    assert '<html lang="' + language + '">' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "accepted"),
    [
        (EVIDENCE_URL, 20 * MB),
        ("/assessments/1/worksheet/import/", WORKSHEET_MAX_BYTES),
        ("/calculator/", MAX_FILE_BYTES),
        ("/assessments/1/indicators/1/answer/", 2_621_440),
        ("/accounts/login/", 2_621_440),
        ("/no-such-url/", 2_621_440),
    ],
)
def test_each_endpoint_has_its_own_limit(client: Client, path: str, accepted: int) -> None:
    over = client.post(
        path,
        CONTENT_TYPE="multipart/form-data; boundary=spbe",
        CONTENT_LENGTH=str(accepted + MARGIN + 1),
        **{"wsgi.input": Untouchable()},
    )
    assert over.status_code == 413
    at_limit = client.post(
        path, CONTENT_TYPE="text/plain", CONTENT_LENGTH=str(accepted + MARGIN), **{"wsgi.input": io.BytesIO(b"")}
    )
    assert at_limit.status_code != 413


def test_only_header_middleware_runs_before_the_limit(settings: Settings) -> None:
    position = settings.MIDDLEWARE.index("spbe.core.body_limits.RequestBodyLimitMiddleware")
    assert set(settings.MIDDLEWARE[:position]) <= {
        "django.middleware.security.SecurityMiddleware",
        "django_permissions_policy.PermissionsPolicyMiddleware",
        "csp.middleware.CSPMiddleware",
    }


def test_limits_leave_room_for_each_endpoints_own_check() -> None:
    """The views check the file sizes themselves, with a clear message: the early limit must not cut them off."""
    assert allowances()["evaluation:worksheet_import"] == WORKSHEET_MAX_BYTES
    assert allowances()["evaluation:calculator"] == MAX_FILE_BYTES
    assert allowance_for("evaluation:answer_save") == default_allowance()


def test_the_evidence_limit_follows_its_setting(client: Client, settings: Settings) -> None:
    settings.SPBE_EVIDENCE_MAX_BYTES = 50 * MB
    response = client.post(
        EVIDENCE_URL,
        CONTENT_TYPE="multipart/form-data; boundary=spbe",
        CONTENT_LENGTH=str(40 * MB),
        **{"wsgi.input": io.BytesIO(b"")},
    )
    assert response.status_code != 413


def levels_form() -> bytes:
    levels = dict(line.split(",") for line in (EXAMPLES / "sukamaju-2022.csv").read_text().splitlines()[1:])
    return urlencode({"framework": "permenpanrb-59-2020", **{f"level_{c}": v for c, v in levels.items()}}).encode()


def chunked(stream: io.RawIOBase | io.BytesIO) -> dict[str, object]:
    return {
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": "",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input_terminated": True,
        "wsgi.input": stream,
    }


def test_a_chunked_body_without_length_stops_at_the_limit(client: Client) -> None:
    endless = Endless()
    response = client.post("/calculator/", **chunked(endless))
    assert response.status_code == 413
    assert endless.taken <= MAX_FILE_BYTES + MARGIN + 1


def test_a_chunked_body_within_the_limit_is_read_as_usual(client: Client) -> None:
    response = client.post("/calculator/", **chunked(io.BytesIO(levels_form())))
    assert response.status_code == 200
    assert 'data-testid="index">2,75<' in response.content.decode()
