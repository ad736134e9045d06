"""`make demo` runs demo_setup on every start: it must be repeatable and print the logins."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_setup_twice_keeps_one_working_admin() -> None:
    for _ in range(2):
        out = io.StringIO()
        call_command("demo_setup", "--url", "http://127.0.0.1:8123/", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    assert "admin / sukamaju-admin" in text
    users = get_user_model().objects.filter(username="admin")
    assert users.count() == 1
    assert users.get().check_password("sukamaju-admin") and users.get().is_superuser


@pytest.mark.django_db
def test_demo_setup_refuses_without_debug() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_setup")
    assert not get_user_model().objects.exists()
