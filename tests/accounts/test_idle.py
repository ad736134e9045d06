"""An idle session ends after SPBE_IDLE_TIMEOUT_MINUTES and the login page says why."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from tests.accounts.conftest import PASSWORD, log_in

from spbe.accounts.idle import LAST_SEEN_KEY
from spbe.organizations.models import User

pytestmark = pytest.mark.django_db


def _set_last_seen(client: Client, seconds_ago: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_the_default_idle_timeout_is_thirty_minutes() -> None:
    assert settings.SPBE_IDLE_TIMEOUT_MINUTES == 30


def test_a_session_idle_too_long_is_logged_out_with_a_message(person: User) -> None:
    client = Client()
    log_in(client, "budi.santoso", PASSWORD)
    assert client.get("/assessments/").status_code == 200
    _set_last_seen(client, 31 * 60)

    response = client.get("/assessments/", follow=True)
    assert response.redirect_chain[0] == ("/accounts/login/?next=/assessments/", 302)
    assert "_auth_user_id" not in client.session
    assert "tidak digunakan lebih dari 30 menit" in response.content.decode()


def test_a_session_in_use_stays(person: User) -> None:
    client = Client()
    log_in(client, "budi.santoso", PASSWORD)
    _set_last_seen(client, 29 * 60)
    assert client.get("/assessments/").status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5  # the request counted as activity
