"""The deadline sweep: reminders before an indicator's due date and a notice once it is overdue.

Idempotent: each notice carries a key (answer, kind, day) that the outbox stores once per
recipient, so running the sweep again the same day writes nothing new.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from spbe.evaluation.models import Answer, AssessmentState, ReviewStatus
from spbe.evaluation.services.notify import answer_notice


@transaction.atomic
def deadline_sweep(*, now: datetime.datetime | None = None) -> int:
    """Write the due reminders and overdue notices; returns how many answers were considered."""
    now = now or timezone.now()
    answers = (
        Answer.objects.filter(due_date__isnull=False, assessment__state=AssessmentState.DRAFT)
        .exclude(review_status=ReviewStatus.APPROVED)
        .select_related("assessment__agency")
        .prefetch_related("units")
        .order_by("pk")
    )
    considered = 0
    for answer in answers:
        assert answer.due_date is not None
        today = timezone.localtime(now, answer.assessment.agency.zone).date()
        days = (answer.due_date - today).days
        unit_ids = [u.pk for u in answer.units.all()]
        extra = {"due_date": answer.due_date.isoformat(), "days": str(days)}
        if days in settings.SPBE_REMINDER_DAYS:
            key = f"reminder:{answer.pk}:{today.isoformat()}"
            answer_notice(actor=None, answer=answer, kind="reminder", unit_ids=unit_ids, dedupe_key=key, extra=extra)
            considered += 1
        elif days < 0:
            key = f"overdue:{answer.pk}:{answer.due_date.isoformat()}"
            answer_notice(actor=None, answer=answer, kind="overdue", unit_ids=unit_ids, dedupe_key=key, extra=extra)
            considered += 1
    return considered
