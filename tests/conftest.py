"""Shared test setup.

Every test that touches the database is marked ``db`` so that ``make test`` can run
exactly those again on PostgreSQL (``pytest -m db``).
"""

from __future__ import annotations

import pytest
from django.db import connection

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


@pytest.fixture(autouse=True)
def _let_transactional_tests_flush_the_audit_trail(request: pytest.FixtureRequest) -> object:
    """Audit rows refuse deletion (a database trigger). Tests that commit for real end by
    flushing every table; on SQLite that flush needs the deliberate maintenance switch."""
    if not DB_FIXTURES.intersection({"transactional_db", "live_server"}).intersection(request.fixturenames):
        yield None
        return
    request.getfixturevalue("transactional_db")
    yield None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO audit_maintenance (reason) VALUES ('test flush')")
