"""The audit trail is written with the change, and nobody can edit it afterwards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.audit.services import audit_record
from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_update

pytestmark = pytest.mark.django_db


def test_a_failed_audit_write_leaves_the_answer_unchanged(
    regency: Regency, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = AuditEvent.objects.count()

    def broken(**kwargs: object) -> None:
        raise DatabaseError("disk full while writing the audit event")

    monkeypatch.setattr("spbe.evaluation.services._common.audit_record", broken)
    with pytest.raises(DatabaseError):
        answer_update(
            actor=regency.coordinator,
            answer=assessment.answers.get(code="1"),
            level=Decimal(4),
            justification="tidak boleh tersimpan",
        )
    answer = assessment.answers.get(code="1")
    assert answer.self_level is None and answer.justification == "" and answer.version == 0
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_audit_refuses_to_write_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=None, agency_id=None, subject_type="assessment", subject_id=1, action="assessment.created")
    assert not AuditEvent.objects.exists()


def test_events_cannot_be_changed_or_deleted_through_django(regency: Regency, assessment: Assessment) -> None:
    event = AuditEvent.objects.filter(subject_id=assessment.pk).first()
    assert event is not None
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET action = 'tampered'", "DELETE FROM audit_auditevent"],
)
def test_the_database_itself_refuses_changes(regency: Regency, assessment: Assessment, statement: str) -> None:
    count = AuditEvent.objects.count()
    assert count > 0
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == count
    assert not AuditEvent.objects.filter(action="tampered").exists()
