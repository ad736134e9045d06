"""Approving or submitting indicators without evidence warns (the person confirms) or, when configured, blocks."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.evidence_policy import EvidenceMissing
from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus
from spbe.evaluation.services.answers import answer_review, answer_update
from spbe.evaluation.services.assessments import assessment_submit
from spbe.evaluation.services.bulk import BatchRefused, bulk_review
from spbe.evaluation.services.evidence import evidence_add_link

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def _answered(regency: Regency, assessment: Assessment, code: str, evidence: bool = False) -> Answer:
    answer = Answer.objects.get(assessment=assessment, code=code)
    answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="SK Bupati")
    if evidence:
        evidence_add_link(
            actor=regency.coordinator, assessment=assessment, answers=[answer], url=f"https://contoh.go.id/{code}"
        )
    return Answer.objects.get(pk=answer.pk)


def _reviews(assessment: Assessment) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(subject_id=assessment.pk, action="answer.reviewed").order_by("pk"))


def test_approving_without_evidence_needs_a_confirmation_and_is_recorded(
    regency: Regency, assessment: Assessment, english: None
) -> None:
    answer = _answered(regency, assessment, "1")
    with pytest.raises(EvidenceMissing, match="Indicators without evidence: 1") as refused:
        answer_review(actor=regency.internal, answer=answer, status="approved", note="", evidence_confirmed=False)
    assert refused.value.codes == ["1"] and not refused.value.blocked
    assert Answer.objects.get(pk=answer.pk).review_status == ReviewStatus.PENDING and _reviews(assessment) == []
    answer_review(actor=regency.internal, answer=answer, status="approved", note="", evidence_confirmed=True)
    assert Answer.objects.get(pk=answer.pk).review_status == ReviewStatus.APPROVED
    (event,) = _reviews(assessment)
    assert event.after["without_evidence"] == ["1"]
    # with evidence nothing is asked and nothing is flagged
    other = _answered(regency, assessment, "2", evidence=True)
    answer_review(actor=regency.internal, answer=other, status="approved", note="", evidence_confirmed=False)
    assert "without_evidence" not in _reviews(assessment)[-1].after


def test_the_block_policy_refuses_even_a_confirmed_approval(
    regency: Regency, assessment: Assessment, settings: object, english: None
) -> None:
    settings.SPBE_EVIDENCE_POLICY = "block"  # type: ignore[attr-defined]
    answer = _answered(regency, assessment, "1")
    with pytest.raises(EvidenceMissing, match="Evidence is required before approval") as refused:
        answer_review(actor=regency.internal, answer=answer, status="approved", note="", evidence_confirmed=True)
    assert refused.value.blocked
    # a revision request needs no evidence
    answer_review(actor=regency.internal, answer=answer, status="revision", note="Lampirkan SK")
    assert Answer.objects.get(pk=answer.pk).review_status == ReviewStatus.REVISION


def test_the_indicator_page_warns_and_approves_only_once_confirmed(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    _answered(regency, assessment, "1")
    client.force_login(regency.internal)
    page = client.get(f"/assessments/{assessment.pk}/indicators/1/").content.decode()
    warning = page.split('data-testid="evidence-warning"', 1)[1].split("</p>", 1)[0]
    assert "Indikator 1 belum memiliki bukti dukung" in _text(warning.encode())
    url = f"/assessments/{assessment.pk}/indicators/1/review/"
    response = client.post(url, {"status": "approved", "note": ""})
    assert "Indikator tanpa bukti dukung: 1" in _text(response.content)
    assert Answer.objects.get(assessment=assessment, code="1").review_status == ReviewStatus.PENDING
    client.post(url, {"status": "approved", "note": "", "evidence_confirmed": "on"})
    assert Answer.objects.get(assessment=assessment, code="1").review_status == ReviewStatus.APPROVED
    history = _text(client.get(f"/assessments/{assessment.pk}/history/").content)
    assert "meski tanpa bukti dukung" in history


def test_a_bulk_approval_names_every_indicator_without_evidence_and_saves_nothing_until_confirmed(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    for code, evidence in (("1", False), ("2", True), ("3", False)):
        _answered(regency, assessment, code, evidence=evidence)
    with pytest.raises(BatchRefused) as refused:
        bulk_review(
            actor=regency.internal,
            assessment=assessment,
            codes=["1", "2", "3"],
            status="approved",
            note="",
            evidence_confirmed=False,
        )
    assert [r.code for r in refused.value.refusals] == ["1", "3"]
    client.force_login(regency.internal)
    url = f"/assessments/{assessment.pk}/bulk/review/"
    response = client.post(url, {"codes": ["1", "2", "3"], "status": "approved", "note": ""})
    text = _text(response.content)
    assert "Indikator tanpa bukti dukung: 1" in text and "Indikator tanpa bukti dukung: 3" in text
    assert set(assessment.answers.values_list("review_status", flat=True)) == {ReviewStatus.PENDING}
    client.post(url, {"codes": ["1", "2", "3"], "status": "approved", "note": "", "evidence_confirmed": "on"})
    approved = assessment.answers.filter(review_status=ReviewStatus.APPROVED)
    assert sorted(approved.values_list("code", flat=True)) == ["1", "2", "3"]
    flagged = {e.target: e.after.get("without_evidence") for e in _reviews(assessment)}
    assert flagged == {"indicator:1": ["1"], "indicator:2": None, "indicator:3": ["3"]}


def _ready_to_submit(regency: Regency, assessment: Assessment) -> None:
    Answer.objects.filter(assessment=assessment).update(
        self_level=Decimal(3), justification="ok", review_status=ReviewStatus.APPROVED
    )
    for code in [a.code for a in assessment.answers.exclude(code__in=["5", "12"])]:
        evidence_add_link(
            actor=regency.coordinator,
            assessment=assessment,
            answers=[assessment.answers.get(code=code)],
            url=f"https://contoh.go.id/{code}",
        )


def test_the_submit_summary_lists_indicators_without_evidence_and_asks_for_a_confirmation(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    _ready_to_submit(regency, assessment)
    client.force_login(regency.coordinator)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    summary = page.split('data-testid="submit-evidence"', 1)[1].split("</div>", 1)[0]
    assert "Sebelum mengajukan: 2 indikator belum memiliki bukti dukung: 5 , 12" in _text(summary.encode())
    assert re.findall(r"indicators/(\w+)/", summary) == ["5", "12"]  # each a link to its page
    assert "2 indikator belum memiliki bukti dukung: 5, 12." in html.unescape(page.split("data-confirm=", 1)[1])
    response = client.post(f"/assessments/{assessment.pk}/do/submit/", follow=True)
    assert "Indikator tanpa bukti dukung: 5, 12" in _text(response.content)
    assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.DRAFT
    client.post(f"/assessments/{assessment.pk}/do/submit/", {"evidence_confirmed": "on"})
    assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.SUBMITTED
    event = AuditEvent.objects.filter(subject_id=assessment.pk, action="assessment.state").latest("pk")
    assert event.after == {"state": "submitted", "without_evidence": ["5", "12"]}


def test_the_block_policy_refuses_a_submission_with_indicators_without_evidence(
    regency: Regency, assessment: Assessment, settings: object, english: None
) -> None:
    settings.SPBE_EVIDENCE_POLICY = "block"  # type: ignore[attr-defined]
    _ready_to_submit(regency, assessment)
    with pytest.raises(Exception, match="indicators without evidence: 5, 12"):
        assessment_submit(actor=regency.coordinator, assessment=assessment, evidence_confirmed=True)
    assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.DRAFT
