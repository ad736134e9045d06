"""Every notification is an outbox row written with the change, and gone with a rolled-back one."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from tests.conftest import Regency
from tests.notifications.helpers import queued_deliveries

from spbe.evaluation.models import Assessment, AssessmentState, ReviewStatus
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update
from spbe.evaluation.services.assessments import assessment_submit
from spbe.notifications.models import MailState, Notification
from spbe.notifications.services import notification_enqueue
from spbe.organizations.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_enqueue_refuses_to_run_outside_a_transaction() -> None:
    user = User.objects.create_user(username="op", email="op@uji.go.id")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        notification_enqueue(kind="assigned", recipients=[user.pk], context={}, link="")
    assert not Notification.objects.exists()


def test_assigning_tells_the_operators_of_the_unit_and_queues_the_email(
    regency: Regency, assessment: Assessment
) -> None:
    answer = assessment.answers.get(code="1")
    answer_assign(actor=regency.coordinator, answer=answer, units=[regency.diskominfo], due_date=None)
    notes = list(Notification.objects.all())
    assert [(n.recipient, n.kind, n.mail_state) for n in notes] == [(regency.operator, "assigned", MailState.PENDING)]
    assert notes[0].params["indicator"] == "1"
    assert notes[0].link == f"/assessments/{assessment.pk}/indicators/1/"
    assert len(queued_deliveries(notes[0])) == 1


def test_assigning_again_to_the_same_unit_tells_nobody_twice(regency: Regency, assessment: Assessment) -> None:
    answer = assessment.answers.get(code="1")
    answer_assign(actor=regency.coordinator, answer=answer, units=[regency.diskominfo], due_date=None)
    answer_assign(
        actor=regency.coordinator,
        answer=answer,
        units=[regency.diskominfo, regency.bappeda],
        due_date=datetime.date(2023, 9, 1),
    )
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == ["op1", "op2"]


def test_nothing_is_written_or_queued_for_a_change_that_rolled_back(regency: Regency, assessment: Assessment) -> None:
    answer = assessment.answers.get(code="1")
    written = []

    def change_then_fail() -> None:
        with transaction.atomic():
            answer_assign(actor=regency.coordinator, answer=answer, units=[regency.diskominfo], due_date=None)
            written.append(Notification.objects.count())
            raise ValueError("the change fails after the service ran")

    with pytest.raises(ValueError, match="fails after"):
        change_then_fail()
    assert written == [1]
    assert not Notification.objects.exists()
    assert not answer.units.exists()
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.exists()


def test_revision_and_approval_reach_the_operators_of_the_indicator(regency: Regency, assessment: Assessment) -> None:
    answer = assessment.answers.get(code="1")
    answer_assign(actor=regency.coordinator, answer=answer, units=[regency.bappeda], due_date=None)
    answer_update(actor=regency.other_operator, answer=answer, level=Decimal(2), justification="ada")
    answer_review(actor=regency.internal, answer=answer, status=ReviewStatus.REVISION, note="Lampirkan SK")
    answer_review(actor=regency.internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    told = list(Notification.objects.order_by("id").values_list("recipient__username", "kind", "params__note"))
    assert told == [("op2", "assigned", None), ("op2", "revision", "Lampirkan SK"), ("op2", "approved", None)]


def test_a_state_change_reaches_coordinators_and_assessors_but_not_the_actor(
    regency: Regency, assessment: Assessment
) -> None:
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="ok")
        answer_review(actor=regency.internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    Notification.objects.all().delete()
    assessment_submit(actor=regency.coordinator, assessment=assessment)
    assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.SUBMITTED
    told = sorted(Notification.objects.filter(kind="state").values_list("recipient__username", "params__state"))
    assert told == [("asesor", "submitted"), ("eksternal", "submitted")]
