"""Deleting assessments in the Django admin: final ones never, drafts only with their audit event."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from tests.conftest import Regency
from tests.evaluation.evidence_samples import make_pdf

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Answer, Assessment, AssessmentState, Evidence, StageReview
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.evidence import evidence_add_link, evidence_upload
from spbe.organizations.models import User

pytestmark = pytest.mark.usefixtures("english", "private_media")

REFUSAL = "The 2023 assessment of Kabupaten Uji is final and cannot be deleted."
REFUSAL_ID = "Penilaian tahun 2023 Kabupaten Uji sudah final dan tidak dapat dihapus."


def admin_client(language: str = "en") -> tuple[Client, User]:
    root = User.objects.create_superuser(username="root", password="pw-root-admin")
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(root)
    return client, root


def with_evidence(regency: Regency, assessment: Assessment) -> Evidence:
    answer = assessment.answers.get(code="1")
    evidence_add_link(
        actor=regency.coordinator, assessment=assessment, answers=[answer], url="https://jdih.example.go.id/perbup"
    )
    return evidence_upload(
        actor=regency.coordinator, assessment=assessment, answers=[answer], name="SK.pdf", stream=io.BytesIO(make_pdf())
    )


def make_final(regency: Regency, assessment: Assessment) -> None:
    """A finished evaluation: reviewed by the external assessor and final (set directly for brevity)."""
    answer = assessment.answers.get(code="1")
    StageReview.objects.create(answer=answer, stage="document", assessor=regency.external, notes="sesuai")
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.FINAL)


def evidence_files(media: Path) -> list[str]:
    folder = media / "evidence"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_untouched(assessment: Assessment, evidence: Evidence, media: Path, answers: int) -> None:
    assert Assessment.objects.filter(pk=assessment.pk, state=AssessmentState.FINAL).exists()
    assert Answer.objects.filter(assessment_id=assessment.pk).count() == answers
    assert StageReview.objects.filter(answer__assessment_id=assessment.pk).count() == 1
    assert Evidence.objects.filter(assessment_id=assessment.pk).count() == 2
    assert evidence_files(media) == [evidence.stored_name]
    assert not AuditEvent.objects.filter(action="assessment.deleted").exists()


@pytest.mark.django_db
def test_the_admin_refuses_to_delete_a_final_assessment(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = with_evidence(regency, assessment)
    make_final(regency, assessment)
    answers = assessment.answers.count()
    client, _root = admin_client()
    url = f"/admin/evaluation/assessment/{assessment.pk}/delete/"
    page = client.get(url).content.decode()
    assert REFUSAL in page and 'type="submit"' not in page.split('id="content"')[1].split("</form>")[0]
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200 and REFUSAL in response.content.decode()
    assert_untouched(assessment, evidence, private_media, answers)
    client.cookies["django_language"] = "id"  # the default language says it too
    assert REFUSAL_ID in client.post(url, {"post": "yes"}).content.decode()
    assert_untouched(assessment, evidence, private_media, answers)


@pytest.mark.django_db
def test_the_bulk_delete_action_refuses_when_any_selected_assessment_is_final(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = with_evidence(regency, assessment)
    make_final(regency, assessment)
    draft = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2024)
    answers = assessment.answers.count()
    client, _root = admin_client()
    response = client.post(
        "/admin/evaluation/assessment/",
        {"action": "delete_selected", "_selected_action": [assessment.pk, draft.pk], "post": "yes"},
    )
    assert response.status_code == 200 and REFUSAL in response.content.decode()
    assert Assessment.objects.filter(pk=draft.pk).exists()
    assert_untouched(assessment, evidence, private_media, answers)


@pytest.mark.usefixtures("transactional_db")
def test_deleting_a_draft_in_the_admin_is_recorded_and_removes_its_files(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    with_evidence(regency, assessment)
    client, root = admin_client()
    response = client.post(f"/admin/evaluation/assessment/{assessment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Assessment.objects.exists() and not Evidence.objects.exists()
    assert evidence_files(private_media) == []
    event = AuditEvent.objects.get(action="assessment.deleted")
    assert event.actor == root and event.subject_id == assessment.pk and event.agency_id == regency.agency.pk
    assert event.before is not None and event.before["state"] == "draft"


@pytest.mark.usefixtures("transactional_db")
def test_the_bulk_delete_action_records_every_draft(regency: Regency, private_media: Path) -> None:
    first = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2023)
    second = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2024)
    with_evidence(regency, second)
    client, _root = admin_client()
    response = client.post(
        "/admin/evaluation/assessment/",
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Assessment.objects.exists()
    deleted = AuditEvent.objects.filter(action="assessment.deleted").values_list("subject_id", flat=True)
    assert sorted(deleted) == sorted([first.pk, second.pk])
    assert evidence_files(private_media) == []


@pytest.mark.django_db
def test_the_audit_trail_cannot_be_changed_or_deleted_in_the_admin(regency: Regency, assessment: Assessment) -> None:
    event = AuditEvent.objects.filter(subject_id=assessment.pk).first()
    assert event is not None
    client, _root = admin_client()
    assert client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    response = client.post(
        "/admin/audit/auditevent/", {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert response.status_code in (200, 302)
    listing = client.get("/admin/audit/auditevent/?subject_type=assessment")
    assert listing.status_code == 200 and "assessment.created" in listing.content.decode()
