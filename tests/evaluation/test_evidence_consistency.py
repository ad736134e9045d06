"""An evidence file and its row live and die together, whatever transaction they run in.

These tests commit for real (``transactional_db``): only a real commit or rollback shows
whether a file outlives its row or a row its file.
"""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from tests.conftest import Regency
from tests.evaluation.evidence_samples import make_pdf

from spbe.audit.models import AuditEvent
from spbe.evaluation import evidence_store
from spbe.evaluation.models import Answer, Assessment, AssessmentState, Evidence
from spbe.evaluation.services.assessments import assessment_create, assessment_delete
from spbe.evaluation.services.evidence import evidence_upload
from spbe.organizations.models import User

pytestmark = [pytest.mark.usefixtures("transactional_db", "english", "private_media")]


class Boom(Exception):
    pass


def files(media: Path) -> list[str]:
    folder = media / "evidence"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def upload(regency: Regency, assessment: Assessment, name: str = "SK Tim SPBE.pdf") -> Evidence:
    return evidence_upload(
        actor=regency.coordinator,
        assessment=assessment,
        answers=[assessment.answers.get(code="1")],
        name=name,
        stream=io.BytesIO(make_pdf()),
    )


def test_a_committed_upload_keeps_its_file(regency: Regency, assessment: Assessment, private_media: Path) -> None:
    evidence = upload(regency, assessment)
    assert files(private_media) == [evidence.stored_name]
    assert Evidence.objects.filter(stored_name=evidence.stored_name).exists()


def test_a_failure_inside_the_upload_removes_its_file(
    regency: Regency, assessment: Assessment, private_media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise Boom("the audit table is unavailable")

    monkeypatch.setattr("spbe.evaluation.services.evidence.record", broken)
    with pytest.raises(Boom):
        upload(regency, assessment)
    assert not Evidence.objects.exists()
    assert files(private_media) == []


def test_pairing_a_file_outside_a_transaction_is_refused(private_media: Path) -> None:
    name = evidence_store.store(make_pdf(), ".pdf")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        evidence_store.remove_unless_committed(name)


def test_an_outer_transaction_that_rolls_back_takes_the_file_with_it(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    def upload_then_fail() -> None:
        with transaction.atomic():
            evidence = upload(regency, assessment)
            assert files(private_media) == [evidence.stored_name]  # there inside the transaction
            raise Boom  # something after the upload fails: nothing of it may stay

    with pytest.raises(Boom):
        upload_then_fail()
    assert not Evidence.objects.exists()
    assert files(private_media) == []


def test_a_rolled_back_savepoint_takes_only_its_own_file(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    def upload_then_fail() -> None:
        with transaction.atomic():
            upload(regency, assessment, "dropped.pdf")
            raise Boom

    with transaction.atomic():
        kept = upload(regency, assessment, "kept.pdf")
        with pytest.raises(Boom):
            upload_then_fail()
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["kept.pdf"]
    assert files(private_media) == [kept.stored_name]


def test_a_failing_on_commit_callback_of_someone_else_never_removes_a_committed_file(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    def fails() -> None:
        raise Boom("a callback registered before the upload fails after the commit")

    uploaded: list[Evidence] = []

    def upload_after_a_failing_callback() -> None:
        with transaction.atomic():
            transaction.on_commit(fails)
            uploaded.append(upload(regency, assessment))

    with pytest.raises(Boom) as caught:
        upload_after_a_failing_callback()
    [evidence] = uploaded
    del caught  # frees Django's list of the callbacks it did not run, with ours in it
    gc.collect()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert files(private_media) == [evidence.stored_name]


def test_a_deleted_row_takes_its_file_once_the_deletion_commits(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = upload(regency, assessment)
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).delete()
        assert files(private_media) == [evidence.stored_name]  # not before the commit
    assert files(private_media) == []


def test_a_rolled_back_deletion_keeps_row_and_file(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = upload(regency, assessment)
    pk = evidence.pk

    def delete_then_fail() -> None:
        with transaction.atomic():
            evidence.delete()
            raise Boom

    with pytest.raises(Boom):
        delete_then_fail()
    assert Evidence.objects.filter(pk=pk).exists()
    assert files(private_media) == [evidence.stored_name]


def test_deleting_a_draft_assessment_records_it_and_removes_its_files_after_commit(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    upload(regency, assessment, "a.pdf")
    upload(regency, assessment, "b.pdf")
    admin = User.objects.create_superuser(username="root", password="pw-root-admin")
    assessment_delete(actor=admin, assessment=assessment)
    assert not Assessment.objects.exists() and not Answer.objects.exists() and not Evidence.objects.exists()
    assert files(private_media) == []
    event = AuditEvent.objects.get(action="assessment.deleted")
    assert event.actor == admin and event.subject_id == assessment.pk
    assert event.before is not None and event.before["evidence"] == ["a.pdf", "b.pdf"]


def test_a_final_assessment_refuses_even_a_stray_delete(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = upload(regency, assessment)
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.FINAL)
    with pytest.raises(ProtectedError, match="final"):
        Assessment.objects.filter(pk=assessment.pk).delete()
    with pytest.raises(ProtectedError, match="final"):
        Assessment.objects.get(pk=assessment.pk).delete()
    assert Answer.objects.filter(assessment=assessment).count() == assessment.answers.count() > 0
    assert files(private_media) == [evidence.stored_name]


def test_the_delete_service_refuses_a_final_assessment_and_people_without_the_permission(
    regency: Regency, private_media: Path
) -> None:
    from spbe.evaluation.errors import NotAllowed, WorkflowError

    final = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2023)
    Assessment.objects.filter(pk=final.pk).update(state=AssessmentState.FINAL)
    admin = User.objects.create_superuser(username="root", password="pw-root-admin")
    with pytest.raises(WorkflowError, match="is final and cannot be deleted"):
        assessment_delete(actor=admin, assessment=final)
    with pytest.raises(NotAllowed):
        assessment_delete(actor=regency.coordinator, assessment=final)
    assert Assessment.objects.filter(pk=final.pk).exists()
    assert not AuditEvent.objects.filter(action="assessment.deleted").exists()
