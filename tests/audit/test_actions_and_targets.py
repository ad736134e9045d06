"""Audit actions and targets are codes, named in the reader's language when the history is read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from tests.conftest import Regency

from spbe.audit.actions import AuditAction, action_label
from spbe.audit.services import audit_record
from spbe.audit.targets import target_code, target_text
from spbe.evaluation.models import Assessment, ReviewStatus
from spbe.evaluation.services.answers import answer_update
from spbe.evaluation.services.plans import action_plan_adopt


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_has_a_label_in_both_languages(action: AuditAction) -> None:
    with translation.override("en"):
        english = str(action.label)
    with translation.override("id"):
        indonesian = str(action.label)
    assert english and english != action.value
    assert indonesian and indonesian != english, f"{action.value} has no Indonesian label"


def test_an_unlisted_action_cannot_be_recorded(db: None) -> None:
    from django.db import transaction

    with transaction.atomic(), pytest.raises(ValueError, match="unknown audit action"):
        audit_record(actor=None, agency_id=None, subject_type="assessment", subject_id=1, action="answer.exploded")


def test_targets_are_stored_as_codes_and_named_when_read() -> None:
    stored = target_code("indicator", "1", "11")
    assert stored == "indicator:1,11"
    with translation.override("id"):
        assert target_text(stored) == "indikator 1, indikator 11"
        assert target_text("indicator 18") == "indikator 18"  # rows written before targets were codes
    with translation.override("en"):
        assert target_text(stored) == "indicator 1, indicator 11"
    assert target_text("something else") == "something else"
    assert action_label("no.such") == "no.such"
    with pytest.raises(ValueError, match="unknown audit target kind"):
        target_code("unicorn", "1")


@pytest.mark.django_db
def test_history_names_plan_and_action_changes_in_indonesian(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(2), justification="Perbup 1/2023")
    plan = action_plan_adopt(
        actor=regency.coordinator, assessment=assessment, target=Decimal("3.00"), target_year=2024, limits={}
    )
    assert plan.actions.exists()
    client.force_login(regency.coordinator)
    html = client.get(f"/assessments/{assessment.pk}/history/").content.decode()
    # the rows a person reads (the filter's <option value> carries the code, unseen)
    rows = html.split('<table class="data history">', 1)[1]
    for code in ("plan.adopted", "answer.updated", "assessment.created"):
        assert code not in rows
    with translation.override("id"):
        assert str(AuditAction.PLAN_ADOPTED.label) in html
        assert str(AuditAction.ANSWER_UPDATED.label) in html
    assert "indikator 1" in html and "indicator 1<" not in html


@pytest.mark.django_db
def test_history_shows_states_and_decisions_by_their_names(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    from spbe.evaluation.services.answers import answer_review

    answer = assessment.answers.get(code="2")
    answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="SK 7/2023")
    answer_review(actor=regency.internal, answer=answer, status="revision", note="Lampirkan SK")
    client.force_login(regency.coordinator)
    html = client.get(f"/assessments/{assessment.pk}/history/").content.decode()
    with translation.override("id"):
        assert f"{ReviewStatus.PENDING.label} → {ReviewStatus.REVISION.label}" in html
    assert "pending →" not in html and "→ revision" not in html
