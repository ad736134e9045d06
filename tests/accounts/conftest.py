"""Shared setup for the sign-in tests: a person with a real password, a login helper, the security log."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from spbe.accounts.security_log import LOGGER_NAME, JsonLinesFormatter
from spbe.organizations.models import User

PASSWORD = "Kata-Sandi-Panjang-2024"
ADDRESS = "203.0.113.7"


@pytest.fixture
def person(db: None) -> User:
    return User.objects.create_user(
        username="budi.santoso", email="budi.santoso@sukamaju.go.id", password=PASSWORD, full_name="Budi Santoso"
    )


def log_in(client: Client, username: str, password: str, address: str = ADDRESS, **extra: Any) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@dataclass
class SecurityLog:
    stream: io.StringIO = field(default_factory=io.StringIO)

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    @property
    def events(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]

    def named(self, event: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["event"] == event]


@pytest.fixture
def security_log() -> Iterator[SecurityLog]:
    """Every line the `spbe.security` logger writes, formatted exactly as in production."""
    captured = SecurityLog()
    handler = logging.StreamHandler(captured.stream)
    handler.setFormatter(JsonLinesFormatter())
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    try:
        yield captured
    finally:
        logger.removeHandler(handler)
