"""Every public page answers in both languages; Indonesian is the default."""

from __future__ import annotations

import pytest
from django.test import Client

PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/permenpanrb-5-2018/",
    "/frameworks/permenpanrb-59-2020/",
    "/frameworks/permenpanrb-8-2026/",
    "/calculator/",
    "/calculator/?framework=permenpanrb-5-2018",
]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("url", PAGES)
def test_page_renders(client: Client, url: str, language: str) -> None:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_browser_language_does_not_override_indonesian(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Evaluasi SPBE dan Pemerintah Digital" in response.content.decode()


def test_language_switch_sets_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "SPBE and Digital Government (Pemdi) evaluation" in response.content.decode()


@pytest.mark.django_db
def test_health_reports_database_and_frameworks(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "frameworks": 3}
