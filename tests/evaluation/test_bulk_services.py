"""Bulk services: one transaction, one audit event per changed indicator, all or nothing, same rules."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus, Stage, StageReview
from spbe.evaluation.services.answers import answer_update
from spbe.evaluation.services.bulk import (
    ASSIGN_REPLACE,
    BatchRefused,
    StageRow,
    bulk_assign,
    bulk_review,
    bulk_stage_record,
)

pytestmark = pytest.mark.django_db
DUE = datetime.date(2023, 6, 30)


def _events(assessment: Assessment, action: str) -> list[str]:
    return sorted(AuditEvent.objects.filter(subject_id=assessment.pk, action=action).values_list("target", flat=True))


def _units(assessment: Assessment, code: str) -> set[str]:
    return set(Answer.objects.get(assessment=assessment, code=code).units.values_list("short_name", flat=True))


def test_bulk_assign_assigns_every_selected_indicator_with_one_event_each(
    regency: Regency, assessment: Assessment
) -> None:
    codes = [str(n) for n in range(1, 48)]
    changed = bulk_assign(
        actor=regency.coordinator, assessment=assessment, codes=codes, units=[regency.diskominfo], due_date=DUE
    )
    assert changed == 47
    assert all(_units(assessment, c) == {"Diskominfo"} for c in codes)
    assert set(Answer.objects.filter(assessment=assessment).values_list("due_date", flat=True)) == {DUE}
    assert len(_events(assessment, "answer.assigned")) == 47


def test_bulk_assign_adds_units_or_replaces_them_and_keeps_the_due_date_when_none_is_given(
    regency: Regency, assessment: Assessment
) -> None:
    bulk_assign(actor=regency.coordinator, assessment=assessment, codes=["1"], units=[regency.diskominfo], due_date=DUE)
    bulk_assign(actor=regency.coordinator, assessment=assessment, codes=["1"], units=[regency.bappeda], due_date=None)
    assert _units(assessment, "1") == {"Diskominfo", "Bappeda"}
    assert Answer.objects.get(assessment=assessment, code="1").due_date == DUE
    bulk_assign(
        actor=regency.coordinator,
        assessment=assessment,
        codes=["1"],
        units=[regency.bappeda],
        due_date=None,
        mode=ASSIGN_REPLACE,
    )
    assert _units(assessment, "1") == {"Bappeda"}


def test_bulk_assign_again_unchanged_records_nothing(regency: Regency, assessment: Assessment) -> None:
    args = {"actor": regency.coordinator, "assessment": assessment, "codes": ["1", "2"], "due_date": DUE}
    bulk_assign(units=[regency.diskominfo], **args)  # type: ignore[arg-type]
    before = AuditEvent.objects.count()
    assert bulk_assign(units=[regency.diskominfo], **args) == 0  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == before


def test_one_unknown_indicator_rolls_back_the_whole_batch_and_is_named(
    regency: Regency, assessment: Assessment
) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(BatchRefused) as refused:
        bulk_assign(
            actor=regency.coordinator,
            assessment=assessment,
            codes=["1", "2", "99"],
            units=[regency.diskominfo],
            due_date=DUE,
        )
    assert [r.code for r in refused.value.refusals] == ["99"]
    assert "99" in refused.value.message
    assert _units(assessment, "1") == set()
    assert AuditEvent.objects.count() == before


def test_bulk_assign_is_the_coordinators_only(regency: Regency, assessment: Assessment) -> None:
    for user in (regency.operator, regency.internal, regency.viewer, regency.outsider):
        with pytest.raises(WorkflowError):
            bulk_assign(actor=user, assessment=assessment, codes=["1"], units=[regency.diskominfo], due_date=DUE)
    assert _units(assessment, "1") == set()


def _answer(regency: Regency, assessment: Assessment, *codes: str) -> None:
    for code in codes:
        answer = Answer.objects.get(assessment=assessment, code=code)
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(2), justification="SK Bupati")


def test_bulk_approval_refuses_the_batch_when_one_answer_has_no_level_and_names_it(
    regency: Regency, assessment: Assessment
) -> None:
    _answer(regency, assessment, "1", "2")
    with pytest.raises(BatchRefused) as refused:
        bulk_review(
            actor=regency.internal,
            assessment=assessment,
            codes=["1", "2", "3", "4"],
            status=ReviewStatus.APPROVED,
            note="",
        )
    assert [r.code for r in refused.value.refusals] == ["3", "4"]
    assert all("has no level" in m or "belum" in m for m in refused.value.messages)
    statuses = set(Answer.objects.filter(assessment=assessment).values_list("review_status", flat=True))
    assert statuses == {ReviewStatus.PENDING}
    assert _events(assessment, "answer.reviewed") == []


def test_bulk_revision_sends_every_selected_answer_back_with_the_one_note(
    regency: Regency, assessment: Assessment
) -> None:
    _answer(regency, assessment, "1", "2", "3")
    changed = bulk_review(
        actor=regency.internal,
        assessment=assessment,
        codes=["1", "2", "3"],
        status=ReviewStatus.REVISION,
        note="Lengkapi SK",
    )
    assert changed == 3
    rows = Answer.objects.filter(assessment=assessment, code__in=["1", "2", "3"])
    assert set(rows.values_list("review_status", "review_note")) == {(ReviewStatus.REVISION, "Lengkapi SK")}
    assert len(_events(assessment, "answer.reviewed")) == 3


def test_bulk_review_is_the_internal_assessors_only(regency: Regency, assessment: Assessment) -> None:
    _answer(regency, assessment, "1")
    for user in (regency.coordinator, regency.operator, regency.viewer, regency.external):
        with pytest.raises(WorkflowError):
            bulk_review(actor=user, assessment=assessment, codes=["1"], status=ReviewStatus.APPROVED, note="")
    assert Answer.objects.get(assessment=assessment, code="1").review_status == ReviewStatus.PENDING


def _under_review(assessment: Assessment) -> Assessment:
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.UNDER_REVIEW)
    assessment.refresh_from_db()
    return assessment


def test_stage_grid_records_changed_rows_only_and_verifies_them(regency: Regency, assessment: Assessment) -> None:
    assessment = _under_review(assessment)
    rows = [StageRow("1", Decimal(3), "SK ada"), StageRow("2", None, ""), StageRow("3", Decimal(2), "")]
    assert bulk_stage_record(actor=regency.external, assessment=assessment, stage=Stage.DOCUMENT, rows=rows) == 2
    verified = dict(Answer.objects.filter(assessment=assessment).values_list("code", "verified_level"))
    assert verified["1"] == Decimal(3) and verified["3"] == Decimal(2) and verified["2"] is None
    assert len(_events(assessment, "answer.verified")) == 2
    # the same grid saved again records nothing
    assert bulk_stage_record(actor=regency.external, assessment=assessment, stage=Stage.DOCUMENT, rows=rows) == 0
    assert len(_events(assessment, "answer.verified")) == 2


def test_stage_grid_with_one_level_out_of_range_saves_nothing_and_names_the_row(
    regency: Regency, assessment: Assessment
) -> None:
    assessment = _under_review(assessment)
    rows = [StageRow("1", Decimal(3), ""), StageRow("2", Decimal(9), "")]
    with pytest.raises(BatchRefused) as refused:
        bulk_stage_record(actor=regency.external, assessment=assessment, stage=Stage.DOCUMENT, rows=rows)
    assert [r.code for r in refused.value.refusals] == ["2"]
    assert not StageReview.objects.filter(answer__assessment=assessment).exists()
    assert _events(assessment, "answer.verified") == []


def test_stage_grid_is_closed_outside_the_external_review(regency: Regency, assessment: Assessment) -> None:
    with pytest.raises(WorkflowError):
        bulk_stage_record(
            actor=regency.external, assessment=assessment, stage=Stage.DOCUMENT, rows=[StageRow("1", Decimal(3), "")]
        )
    assert not StageReview.objects.exists()
