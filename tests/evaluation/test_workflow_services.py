"""The workflow a regency follows, its guards, and the audit rows it leaves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.errors import Conflict, NotAllowed, WorkflowError
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus, Stage
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update, stage_review_record
from spbe.evaluation.services.assessments import (
    assessment_create,
    assessment_finalize,
    assessment_start_review,
    assessment_submit,
    assessment_withdraw,
)
from spbe.scoring import score

pytestmark = pytest.mark.usefixtures("english")


def answer(assessment: Assessment, code: str) -> Answer:
    return assessment.answers.get(code=code)


def events(assessment: Assessment, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(subject_id=assessment.pk, action=action).order_by("id"))


def test_create_freezes_the_framework_and_opens_47_answers(regency: Regency, assessment: Assessment) -> None:
    assert assessment.framework_id == "permenpanrb-59-2020"
    assert assessment.state == AssessmentState.DRAFT
    assert assessment.answers.count() == 47
    assert answer(assessment, "32").aspect_code == "A7" and answer(assessment, "32").domain_code == "D4"
    assert assessment.framework_snapshot["id"] == "permenpanrb-59-2020"
    assert len(events(assessment, "assessment.created")) == 1


def test_the_frozen_framework_survives_a_data_correction(regency: Regency, assessment: Assessment) -> None:
    snapshot = assessment.framework_snapshot
    snapshot["domains"][0]["aspects"][0]["indicators"][0]["weight"] = "1.3"  # unchanged: a copy, not a link
    assert assessment_framework(assessment).indicators[0].weight == Decimal("1.3")


def test_only_one_assessment_per_agency_year_framework(regency: Regency, assessment: Assessment) -> None:
    with pytest.raises(WorkflowError, match="already has a 2023 assessment"):
        assessment_create(actor=regency.coordinator, agency=regency.agency, year=2023)


def test_framework_must_apply_to_the_year(regency: Regency) -> None:
    with pytest.raises(WorkflowError, match="not 2023"):
        assessment_create(
            actor=regency.coordinator, agency=regency.agency, year=2023, framework_id="permenpanrb-8-2026"
        )
    assert assessment_create(actor=regency.coordinator, agency=regency.agency, year=2026).framework_id == (
        "permenpanrb-8-2026"
    )


@pytest.mark.parametrize("who", ["operator", "internal", "external", "viewer", "outsider"])
def test_only_the_coordinator_creates(regency: Regency, who: str) -> None:
    with pytest.raises(NotAllowed):
        assessment_create(actor=getattr(regency, who), agency=regency.agency, year=2024)


def test_operator_answers_only_assigned_indicators(regency: Regency, assessment: Assessment) -> None:
    answer_assign(actor=regency.coordinator, answer=answer(assessment, "15"), units=[regency.diskominfo], due_date=None)
    answer_assign(actor=regency.coordinator, answer=answer(assessment, "11"), units=[regency.bappeda], due_date=None)
    answer_update(actor=regency.operator, answer=answer(assessment, "15"), level=Decimal(3), justification="Ada SOP")
    with pytest.raises(NotAllowed, match="11"):
        answer_update(actor=regency.operator, answer=answer(assessment, "11"), level=Decimal(4), justification="x")
    with pytest.raises(NotAllowed):
        answer_update(actor=regency.operator, answer=answer(assessment, "1"), level=Decimal(4), justification="x")
    assert answer(assessment, "11").self_level is None
    assert answer(assessment, "15").self_level == 3


@pytest.mark.parametrize("who", ["internal", "external", "viewer", "outsider"])
def test_other_roles_cannot_answer(regency: Regency, assessment: Assessment, who: str) -> None:
    with pytest.raises(NotAllowed):
        answer_update(actor=getattr(regency, who), answer=answer(assessment, "1"), level=Decimal(2), justification="")


def test_update_is_audited_with_before_and_after(regency: Regency, assessment: Assessment) -> None:
    target = answer(assessment, "3")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(2), justification="Perbup 12/2021")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(3), justification="Perbup 12/2021")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(3), justification="Perbup 12/2021")
    rows = events(assessment, "answer.updated")
    assert len(rows) == 2  # the no-change save leaves no row
    assert rows[1].before == {"level": "2", "justification": "Perbup 12/2021"}
    assert rows[1].after == {"level": "3", "justification": "Perbup 12/2021"}
    assert rows[1].actor == regency.coordinator and rows[1].target == "indicator:3"
    assert answer(assessment, "3").version == 2


def test_levels_outside_the_framework_are_refused(regency: Regency, assessment: Assessment) -> None:
    for bad in (Decimal(0), Decimal(6), Decimal("2.5")):
        with pytest.raises(WorkflowError, match="not an allowed level"):
            answer_update(actor=regency.coordinator, answer=answer(assessment, "3"), level=bad, justification="")
    assert answer(assessment, "3").self_level is None


def test_stale_edit_is_refused(regency: Regency, assessment: Assessment) -> None:
    target = answer(assessment, "7")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(2), justification="a", expected_version=0)
    with pytest.raises(Conflict):
        answer_update(actor=regency.coordinator, answer=target, level=Decimal(4), justification="b", expected_version=0)
    assert answer(assessment, "7").self_level == 2


def test_changing_an_approved_answer_reopens_its_review(regency: Regency, assessment: Assessment) -> None:
    target = answer(assessment, "9")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(2), justification="a")
    answer_review(actor=regency.internal, answer=target, status=ReviewStatus.APPROVED, note="")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(3), justification="a")
    assert answer(assessment, "9").review_status == ReviewStatus.PENDING


def test_internal_review_rules(regency: Regency, assessment: Assessment) -> None:
    target = answer(assessment, "9")
    with pytest.raises(WorkflowError, match="no level"):
        answer_review(actor=regency.internal, answer=target, status=ReviewStatus.APPROVED, note="")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(2), justification="a")
    with pytest.raises(WorkflowError, match="note is required"):
        answer_review(actor=regency.internal, answer=target, status=ReviewStatus.REVISION, note=" ")
    with pytest.raises(NotAllowed):
        answer_review(actor=regency.coordinator, answer=target, status=ReviewStatus.APPROVED, note="")
    answer_review(actor=regency.internal, answer=target, status=ReviewStatus.REVISION, note="Lampirkan SK")
    assert answer(assessment, "9").review_note == "Lampirkan SK"


def fill_and_approve(regency: Regency, assessment: Assessment, level: int = 3) -> None:
    for item in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=item, level=Decimal(level), justification="bukti ada")
        answer_review(actor=regency.internal, answer=item, status=ReviewStatus.APPROVED, note="")


def test_submit_guard_lists_what_is_missing(regency: Regency, assessment: Assessment) -> None:
    answer_update(actor=regency.coordinator, answer=answer(assessment, "1"), level=Decimal(2), justification="")
    with pytest.raises(WorkflowError) as caught:
        assessment_submit(actor=regency.coordinator, assessment=assessment)
    messages = caught.value.messages
    assert messages[0].startswith("indicators without a level: 2, 3, 4")
    assert messages[1] == "indicators without a justification: 1"
    assert messages[2].startswith("indicators not yet approved by the internal assessors: 1, 2")
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT


def test_full_workflow_to_final(regency: Regency, assessment: Assessment) -> None:
    fill_and_approve(regency, assessment)
    with pytest.raises(NotAllowed):
        assessment_submit(actor=regency.operator, assessment=assessment)
    assessment_submit(actor=regency.coordinator, assessment=assessment)
    # answers are frozen once submitted
    with pytest.raises(WorkflowError, match="submitted"):
        answer_update(actor=regency.coordinator, answer=answer(assessment, "1"), level=Decimal(4), justification="x")
    assessment_withdraw(actor=regency.coordinator, assessment=assessment)
    assessment_submit(actor=regency.coordinator, assessment=assessment)
    with pytest.raises(NotAllowed):
        assessment_start_review(actor=regency.coordinator, assessment=assessment)
    assessment_start_review(actor=regency.external, assessment=assessment)
    with pytest.raises(WorkflowError, match="without a verified level: 1, 2"):
        assessment_finalize(actor=regency.external, assessment=assessment)
    for item in assessment.answers.all():
        stage_review_record(
            actor=regency.external,
            answer=item,
            stage=Stage.DOCUMENT,
            level=Decimal(3),
            notes="dokumen sesuai",
        )
    stage_review_record(
        actor=regency.external,
        answer=answer(assessment, "1"),
        stage=Stage.INTERVIEW,
        level=Decimal(2),
        notes="belum direviu berkala",
    )
    stage_review_record(
        actor=regency.external,
        answer=answer(assessment, "1"),
        stage=Stage.DOCUMENT,
        level=Decimal(4),
        notes="ralat",
    )
    assert answer(assessment, "1").verified_level == 2  # the interview is the later stage
    assessment_finalize(actor=regency.external, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.FINAL and assessment.finalized_at is not None
    states = [(e.before["state"], e.after["state"]) for e in events(assessment, "assessment.state")]
    assert states == [
        ("draft", "submitted"),
        ("submitted", "draft"),
        ("draft", "submitted"),
        ("submitted", "under_review"),
        ("under_review", "final"),
    ]
    framework = assessment_framework(assessment)
    verified = score(framework, {a.code: a.verified_level for a in assessment.answers.all()})
    assert verified.index == 3 - Decimal("1.3") / 100


def test_stage_reviews_only_while_under_review(regency: Regency, assessment: Assessment) -> None:
    with pytest.raises(WorkflowError, match="under external review"):
        stage_review_record(
            actor=regency.external,
            answer=answer(assessment, "1"),
            stage=Stage.DOCUMENT,
            level=Decimal(3),
            notes="",
        )


def test_assignment_is_coordinator_only_and_within_the_agency(regency: Regency, assessment: Assessment) -> None:
    from spbe.organizations.models import Agency, Unit

    with pytest.raises(NotAllowed):
        answer_assign(actor=regency.operator, answer=answer(assessment, "1"), units=[regency.diskominfo], due_date=None)
    elsewhere = Unit.objects.create(agency=Agency.objects.get(slug="lain"), name="Dinas Lain")
    with pytest.raises(WorkflowError, match="not a unit of this agency"):
        answer_assign(actor=regency.coordinator, answer=answer(assessment, "1"), units=[elsewhere], due_date=None)
    assert not answer(assessment, "1").units.exists()
