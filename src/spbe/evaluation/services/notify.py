"""What the evaluation tells people, as plain data for the notification outbox (same transaction)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from spbe.evaluation.models import Answer, Assessment, AssessmentState
from spbe.notifications.recipients import agency_roles, unit_operators
from spbe.notifications.services import notification_enqueue
from spbe.organizations.models import Role, User


def _label(assessment: Assessment) -> str:
    return f"{assessment.agency.name} {assessment.year}"


def answer_notice(
    *,
    actor: User | None,
    answer: Answer,
    kind: str,
    unit_ids: Iterable[int],
    note: str = "",
    dedupe_key: str = "",
    extra: dict[str, str] | None = None,
) -> None:
    """Tell the operators of the given units about one indicator (never the actor themself)."""
    recipients = unit_operators(unit_ids) - ({actor.pk} if actor is not None else set())
    context = {"indicator": answer.code, "assessment": _label(answer.assessment), **(extra or {})}
    if note:
        context["note"] = note
    link = reverse("evaluation:indicator", kwargs={"pk": answer.assessment_id, "code": answer.code})
    notification_enqueue(kind=kind, recipients=recipients, context=context, link=link, dedupe_key=dedupe_key)


def state_notice(*, actor: User, assessment: Assessment) -> None:
    """Tell the coordinators and assessors (and, when final, the operators) the assessment's new state."""
    roles = [Role.COORDINATOR, Role.INTERNAL_ASSESSOR, Role.EXTERNAL_ASSESSOR]
    if assessment.state == AssessmentState.FINAL:
        roles.append(Role.UNIT_OPERATOR)
    recipients = agency_roles(assessment.agency_id, *roles) - {actor.pk}
    notification_enqueue(
        kind="state",
        recipients=recipients,
        context={"assessment": _label(assessment), "state": assessment.state},
        link=reverse("evaluation:dashboard", kwargs={"pk": assessment.pk}),
    )
