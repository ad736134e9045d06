"""Evidence through the service and the download view: checked, stored privately, never half-stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.models import Answer, Assessment, AssessmentState, Evidence
from spbe.evaluation.services.answers import answer_assign
from spbe.evaluation.services.evidence import evidence_attach, evidence_detach, evidence_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "private_media")]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def stored_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "media" / "evidence"
    return sorted(folder.iterdir()) if folder.exists() else []


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def upload(
    regency: Regency, assessment: Assessment, name: str, data: bytes, codes: tuple[str, ...] = ("1",)
) -> Evidence:
    answers = [assessment.answers.get(code=code) for code in codes]
    return evidence_upload(
        actor=regency.coordinator, assessment=assessment, answers=answers, name=name, stream=io.BytesIO(data)
    )


def test_pdf_is_stored_under_a_random_name_with_its_hash(
    regency: Regency, assessment: Assessment, tmp_path: Path
) -> None:
    evidence = upload(regency, assessment, "SK Tim SPBE.pdf", PDF)
    files = stored_files(tmp_path)
    assert len(files) == 1 and files[0].name == evidence.stored_name
    assert "SK" not in files[0].name and files[0].suffix == ".pdf"
    assert files[0].read_bytes() == PDF
    assert evidence.content_type == "application/pdf" and evidence.original_name == "SK Tim SPBE.pdf"
    assert len(evidence.sha256) == 64
    event = AuditEvent.objects.get(subject_id=assessment.pk, action="evidence.added")
    assert event.after is not None and event.after["sha256"] == evidence.sha256


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("laporan.pdf", png(), "is named .pdf but its content is a PNG image"),
        ("kosong.pdf", b"", "empty"),
        ("halaman.pdf", b"<html><script>alert(1)</script></html>", ""),
    ],
)
def test_rejected_uploads_leave_nothing_behind(
    regency: Regency, assessment: Assessment, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(WorkflowError) as caught:
        upload(regency, assessment, name, data)
    assert message in caught.value.message
    assert stored_files(tmp_path) == []
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(action="evidence.added").exists()


def test_oversized_upload_is_refused(
    regency: Regency, assessment: Assessment, tmp_path: Path, settings: object
) -> None:
    settings.SPBE_EVIDENCE_MAX_BYTES = 1024  # type: ignore[attr-defined]
    with pytest.raises(WorkflowError, match="limit is 1 KB"):
        upload(regency, assessment, "besar.pdf", PDF + b"0" * 2048)
    assert stored_files(tmp_path) == [] and not Evidence.objects.exists()


def test_a_database_failure_removes_the_stored_file(
    regency: Regency, assessment: Assessment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the audit table is unavailable")

    monkeypatch.setattr("spbe.evaluation.services.evidence.record", broken)
    with pytest.raises(RuntimeError):
        upload(regency, assessment, "SK.pdf", PDF)
    assert stored_files(tmp_path) == [] and not Evidence.objects.exists()


def test_one_file_supports_several_indicators(regency: Regency, assessment: Assessment) -> None:
    evidence = upload(regency, assessment, "Perbup.pdf", PDF, codes=("1", "11"))
    evidence_attach(actor=regency.coordinator, evidence=evidence, answer=assessment.answers.get(code="12"))
    assert sorted(evidence.answers.values_list("code", flat=True)) == ["1", "11", "12"]
    evidence_detach(actor=regency.coordinator, evidence=evidence, answer=assessment.answers.get(code="1"))
    assert sorted(evidence.answers.values_list("code", flat=True)) == ["11", "12"]
    actions = list(AuditEvent.objects.filter(subject_id=assessment.pk).values_list("action", flat=True))
    assert {"evidence.added", "evidence.attached", "evidence.detached"} <= set(actions)


def test_operator_uploads_only_for_their_indicators(regency: Regency, assessment: Assessment) -> None:
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="15"), units=[regency.diskominfo], due_date=None
    )
    evidence_upload(
        actor=regency.operator,
        assessment=assessment,
        answers=[assessment.answers.get(code="15")],
        name="sop.pdf",
        stream=io.BytesIO(PDF),
    )
    with pytest.raises(NotAllowed):
        evidence_upload(
            actor=regency.operator,
            assessment=assessment,
            answers=[assessment.answers.get(code="16")],
            name="sop.pdf",
            stream=io.BytesIO(PDF),
        )


def test_no_evidence_changes_after_submission(regency: Regency, assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.SUBMITTED)
    assessment.refresh_from_db()
    with pytest.raises(WorkflowError, match="submitted"):
        upload(regency, assessment, "SK.pdf", PDF)


def test_download_is_permission_checked_and_an_attachment(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    answer = Answer.objects.get(assessment=assessment, code="15")
    answer_assign(actor=regency.coordinator, answer=answer, units=[regency.diskominfo], due_date=None)
    evidence = upload(regency, assessment, "SOP Aplikasi.pdf", PDF, codes=("15",))
    link = f"/evidence/{evidence.pk}/download/"
    assert client.get(link).status_code == 302  # login first
    for who, status in [
        ("coordinator", 200),
        ("operator", 200),
        ("other_operator", 404),
        ("viewer", 200),
        ("internal", 200),
        ("external", 404),
        ("outsider", 404),
    ]:
        client.force_login(getattr(regency, who))
        response = client.get(link)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.SUBMITTED)
    client.force_login(regency.external)
    assert client.get(link).status_code == 200


def test_upload_through_the_page(client: Client, regency: Regency, assessment: Assessment, tmp_path: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(regency.coordinator)
    url = f"/assessments/{assessment.pk}/indicators/3/evidence/"
    bad = SimpleUploadedFile("laporan.pdf", png(), "application/pdf")
    response = client.post(url, {"file": bad, "title": ""})
    assert response.status_code == 200
    assert "PNG" in response.content.decode() and stored_files(tmp_path) == []
    good = SimpleUploadedFile("Perbup 3.pdf", PDF, "application/pdf")
    assert client.post(url, {"file": good, "title": "Perbup Manajemen Data"}).status_code == 302
    page = client.get(f"/assessments/{assessment.pk}/indicators/3/").content.decode()
    assert "Perbup Manajemen Data" in page
    assert assessment.answers.get(code="3").self_level is None
