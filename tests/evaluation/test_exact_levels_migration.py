"""Migration 0004 turns the decimal level columns into exact text without changing a value."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from spbe.scoring import framework_snapshot

BEFORE = [("evaluation", "0003_action_plans")]
AFTER = [("evaluation", "0004_exact_levels")]


@pytest.mark.django_db(transaction=True)
def test_levels_keep_their_values_and_pemdi_snapshots_gain_exact_values() -> None:
    try:
        _check_the_migration()
    finally:  # never leave the test database at an old migration for the tests after this one
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _check_the_migration() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agency = old.get_model("organizations", "Agency").objects.create(
        name="Kab. Migrasi", slug="migrasi", kind="regency"
    )
    snapshot = framework_snapshot("permenpanrb-8-2026")
    snapshot["values"].pop("exact")
    for aspect in snapshot["aspects"]:
        for indicator in aspect["indicators"]:
            indicator.pop("external", None)
            indicator.pop("external_en", None)
    assessment = old.get_model("evaluation", "Assessment").objects.create(
        agency=agency, year=2026, framework_id="permenpanrb-8-2026", framework_snapshot=snapshot
    )
    answers = old.get_model("evaluation", "Answer")
    answers.objects.create(assessment=assessment, code="1", position=1, aspect_code="A1", self_level=Decimal("3.00"))
    answers.objects.create(
        assessment=assessment,
        code="2",
        position=2,
        aspect_code="A1",
        self_level=Decimal("1.26"),
        verified_level=Decimal("1.5"),
    )
    answers.objects.create(assessment=assessment, code="3", position=3, aspect_code="A2")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT code, self_level, verified_level FROM evaluation_answer ORDER BY position")
        assert [tuple(row) for row in cursor.fetchall()] == [("1", "3", None), ("2", "1.26", "1.5"), ("3", None, None)]
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("evaluation", "Assessment").objects.get(pk=assessment.pk).framework_snapshot
    assert migrated["values"]["exact"] is True
    external = [i["code"] for a in migrated["aspects"] for i in a["indicators"] if i.get("external")]
    assert external == ["5", "6", "7", "18"]

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # later migrations back in place

    from spbe.evaluation.models import Answer  # the current model reads the texts back as numbers

    levels = {a.code: (a.self_level, a.verified_level) for a in Answer.objects.filter(assessment_id=assessment.pk)}
    assert levels == {"1": (Decimal("3.00"), None), "2": (Decimal("1.26"), Decimal("1.50")), "3": (None, None)}
    Answer.objects.filter(code="3", assessment_id=assessment.pk).update(self_level=Fraction(7, 6))
    assert Answer.objects.get(code="3", assessment_id=assessment.pk).self_level == Fraction(7, 6)
