"""The deadline sweep: reminders N days before, an overdue notice after, each written once."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from tests.conftest import Regency

from spbe.evaluation.models import Assessment, ReviewStatus
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update
from spbe.evaluation.services.deadlines import deadline_sweep
from spbe.notifications.models import Notification

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2023, 8, 1, 3, 0, tzinfo=datetime.UTC)  # 10:00 WIB


def due_in(regency: Regency, assessment: Assessment, code: str, days: int) -> None:
    answer_assign(
        actor=regency.coordinator,
        answer=assessment.answers.get(code=code),
        units=[regency.diskominfo],
        due_date=NOW.date() + datetime.timedelta(days=days),
    )


def sweep_notices() -> list[tuple[str, str, str]]:
    rows = Notification.objects.filter(kind__in=["reminder", "overdue"]).order_by("kind", "params__indicator")
    return [(n.kind, n.params["indicator"], n.params["days"]) for n in rows]


def test_reminders_and_overdue_notices_are_sent_once(regency: Regency, assessment: Assessment) -> None:
    due_in(regency, assessment, "1", 7)
    due_in(regency, assessment, "2", 1)
    due_in(regency, assessment, "3", 3)  # not a reminder day
    due_in(regency, assessment, "4", -2)
    deadline_sweep(now=NOW)
    deadline_sweep(now=NOW)  # the same day again: nothing new
    deadline_sweep(now=NOW + datetime.timedelta(hours=5))
    assert sweep_notices() == [("overdue", "4", "-2"), ("reminder", "1", "7"), ("reminder", "2", "1")]
    deadline_sweep(now=NOW + datetime.timedelta(days=1))  # next day: 2 is due today; 4 was told already
    assert sweep_notices() == [("overdue", "4", "-2"), ("reminder", "1", "7"), ("reminder", "2", "1")]
    deadline_sweep(now=NOW + datetime.timedelta(days=6))  # 1 is now due tomorrow
    assert ("reminder", "1", "1") in sweep_notices()


def test_approved_answers_and_other_days_get_nothing(regency: Regency, assessment: Assessment) -> None:
    due_in(regency, assessment, "1", 7)
    answer = assessment.answers.get(code="1")
    answer_update(actor=regency.operator, answer=answer, level=Decimal(2), justification="ada")
    answer_review(actor=regency.internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    deadline_sweep(now=NOW)
    assert sweep_notices() == []


def test_the_configured_days_are_used(regency: Regency, assessment: Assessment, settings: object) -> None:
    settings.SPBE_REMINDER_DAYS = [3]  # type: ignore[attr-defined]
    due_in(regency, assessment, "1", 7)
    due_in(regency, assessment, "3", 3)
    deadline_sweep(now=NOW)
    assert sweep_notices() == [("reminder", "3", "3")]


def test_the_command_runs_twice_without_sending_twice(regency: Regency, assessment: Assessment) -> None:
    today = timezone.localdate()
    answer_assign(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="1"),
        units=[regency.diskominfo],
        due_date=today - datetime.timedelta(days=1),
    )
    call_command("deadline_sweep")
    call_command("deadline_sweep")
    assert Notification.objects.filter(kind="overdue").count() == 1


def test_the_scheduler_mode_sweeps_at_each_interval_and_writes_each_notice_once(
    regency: Regency, assessment: Assessment
) -> None:
    """`deadline_sweep --every` is the demo's scheduler: it sweeps at start and after each interval."""
    import io

    today = timezone.localdate()
    answer_assign(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="1"),
        units=[regency.diskominfo],
        due_date=today - datetime.timedelta(days=3),
    )
    out = io.StringIO()
    call_command("deadline_sweep", "--every", "0.01", "--runs", "3", stdout=out)
    assert out.getvalue().count("deadline sweep: 1 indicator(s)") == 3
    assert Notification.objects.filter(kind="overdue").count() == 1


def test_the_scheduler_refuses_a_negative_interval() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="positive"):
        call_command("deadline_sweep", "--every", "-5")
