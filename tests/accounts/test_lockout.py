"""Brute force: after repeated failures the account (and, later, the address) is locked, right password or not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone
from tests.accounts.conftest import ADDRESS, PASSWORD, log_in, logged_in

from spbe.organizations.models import User

pytestmark = pytest.mark.django_db


def test_a_brute_force_attempt_locks_the_account_and_the_right_password_is_refused(person: User) -> None:
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "budi.santoso", f"tebakan-{attempt}")
        assert not logged_in(client)
    # The last failure already answers with the lockout page.
    assert response.status_code == 429

    response = log_in(client, "budi.santoso", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "Masuk dikunci sementara" in page
    assert "15 menit" in page
    assert "/accounts/password/reset/" in page


def test_the_account_stays_locked_from_another_address(person: User) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "budi.santoso", f"tebakan-{attempt}", address=f"198.51.100.{attempt + 1}")
    client = Client()
    response = log_in(client, "budi.santoso", PASSWORD, address="192.0.2.200")
    assert response.status_code == 429 and not logged_in(client)


def test_the_lockout_page_speaks_english_when_chosen(person: User) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "budi.santoso", f"guess-{attempt}")
    response = log_in(client, "budi.santoso", PASSWORD)
    assert response.status_code == 429
    assert "Login temporarily locked" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(person: User) -> None:
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "budi.santoso", f"tebakan-{attempt}")
    response = log_in(client, "budi.santoso", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_the_lock_ends_after_the_cool_off(person: User) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "budi.santoso", f"tebakan-{attempt}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    client = Client()
    assert log_in(client, "budi.santoso", PASSWORD).status_code == 302 and logged_in(client)


def test_one_address_trying_many_accounts_is_locked_at_the_address_limit(person: User) -> None:
    limit = settings.SPBE_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT  # an office behind one address is not locked by a few typos
    for attempt in range(limit - 1):
        log_in(Client(), f"pegawai{attempt}", "salah-sekali")
    client = Client()
    assert log_in(client, "budi.santoso", PASSWORD).status_code == 302 and logged_in(client)
    client.post("/accounts/logout/", REMOTE_ADDR=ADDRESS)

    log_in(Client(), "pegawai-terakhir", "salah-sekali")
    locked = Client()
    assert log_in(locked, "budi.santoso", PASSWORD).status_code == 429 and not logged_in(locked)
    elsewhere = Client()
    assert log_in(elsewhere, "budi.santoso", PASSWORD, address="192.0.2.10").status_code == 302
    assert logged_in(elsewhere)
