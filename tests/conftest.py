"""Shared test setup.

Every test that touches the database is marked ``db`` so that ``make test`` can run
exactly those again on PostgreSQL (``pytest -m db``).
"""

from __future__ import annotations

import pytest

DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DB_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.db)
