"""Signing in, in Chromium: a brute force ends on the lockout page; the account pages pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from tests.e2e.test_accessibility import axe_source, violations

from spbe.organizations.models import User

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["axe_source"]  # the fixture, used by name

PASSWORD = "Kata-Sandi-Panjang-2024"


def _log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")


def test_a_brute_force_in_the_browser_ends_on_the_lockout_page(live_server: Any, browser: Any, axe_source: str) -> None:
    User.objects.create_user(username="budi", password=PASSWORD)
    # Not the `page` fixture: the lockout answers 429 on purpose, which Chromium reports on the console.
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    try:
        for attempt in range(5):
            _log_in(page, live_server.url, "budi", f"tebakan-{attempt}")
        _log_in(page, live_server.url, "budi", PASSWORD)
        assert page.locator("h1").inner_text() == "Masuk dikunci sementara"
        assert "Coba lagi dalam 15 menit" in page.locator("main").inner_text()
        assert violations(page, axe_source) == []
    finally:
        context.close()
    assert problems and all("429" in problem for problem in problems), problems


def test_the_account_pages_pass_axe(live_server: Any, page: Any, axe_source: str) -> None:
    User.objects.create_user(username="budi", password=PASSWORD, email="budi@example.go.id")
    base = live_server.url
    page.goto(f"{base}/accounts/password/reset/")
    assert violations(page, axe_source) == []
    _log_in(page, base, "budi", PASSWORD)
    for path in ["/accounts/security/", "/accounts/password/change/", "/accounts/two-factor/setup/"]:
        page.goto(base + path)
        assert violations(page, axe_source) == [], path
    assert page.locator("svg.qr").is_visible()
