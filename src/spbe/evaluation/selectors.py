"""Every read of the evaluation, scoped by the user's agency and role in one place."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import (
    Action,
    ActionPlan,
    Answer,
    Assessment,
    AssessmentState,
    Evidence,
    ReviewStatus,
    StageReview,
)
from spbe.organizations.access import Access, access_for
from spbe.organizations.models import Membership, Role, Unit, User


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    """Assessments of the user's agencies; external assessors see only submitted ones."""
    if not user.is_authenticated or not user.is_active:
        return Assessment.objects.none()
    queryset = Assessment.objects.select_related("agency")
    if user.is_superuser:
        return queryset
    memberships = Membership.objects.filter(user=user)
    internal = memberships.exclude(role=Role.EXTERNAL_ASSESSOR).values("agency_id")
    external = memberships.filter(role=Role.EXTERNAL_ASSESSOR).values("agency_id")
    return queryset.filter(Q(agency_id__in=internal) | (Q(agency_id__in=external) & ~Q(state=AssessmentState.DRAFT)))


def answers_visible_to(access: Access, assessment: Assessment) -> QuerySet[Answer]:
    """The answers the user may see, with units, evidence and stage reviews prefetched.

    The number of queries does not grow with the number of indicators or evidence.
    """
    queryset = Answer.objects.filter(assessment=assessment)
    if not access.sees_every_indicator:
        queryset = queryset.filter(units__in=access.unit_ids).distinct()
    return queryset.order_by("position").prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("name")),
        Prefetch("evidence", queryset=Evidence.objects.order_by("title")),
        Prefetch("stage_reviews", queryset=StageReview.objects.order_by("stage")),
    )


def answers_for_totals(assessment: Assessment) -> QuerySet[Answer]:
    """Every answer of an assessment, for its index and progress: figures about the whole
    agency that everyone with access to the assessment may see (callers check that access)."""
    return (
        Answer.objects.filter(assessment=assessment)
        .order_by("position")
        .prefetch_related("units", Prefetch("evidence", queryset=Evidence.objects.only("id")))
    )


@dataclass(frozen=True)
class Progress:
    total: int
    answered: int
    evidenced: int
    approved: int
    revision: int
    verified: int

    def percent(self, part: int) -> int:
        return round(100 * part / self.total) if self.total else 0

    @property
    def answered_percent(self) -> int:
        return self.percent(self.answered)

    @property
    def evidenced_percent(self) -> int:
        return self.percent(self.evidenced)

    @property
    def approved_percent(self) -> int:
        return self.percent(self.approved)

    @property
    def verified_percent(self) -> int:
        return self.percent(self.verified)


def progress_of(answers: list[Answer]) -> Progress:
    """Counts over prefetched answers (no further queries)."""
    return Progress(
        total=len(answers),
        answered=sum(1 for a in answers if a.self_level is not None),
        evidenced=sum(1 for a in answers if a.evidence.all()),
        approved=sum(1 for a in answers if a.review_status == ReviewStatus.APPROVED),
        revision=sum(1 for a in answers if a.review_status == ReviewStatus.REVISION),
        verified=sum(1 for a in answers if a.verified_level is not None),
    )


def evidence_for_download(user: User, evidence_id: int) -> Evidence | None:
    """An evidence item the user may download: of their agency, on an indicator they may see."""
    evidence = (
        Evidence.objects.select_related("assessment").prefetch_related("answers__units").filter(pk=evidence_id).first()
    )
    if evidence is None:
        return None
    access = access_for(user, evidence.assessment.agency_id)
    if not access.can_view:
        return None
    if evidence.assessment.state == AssessmentState.DRAFT and not access.sees_drafts:
        return None
    if access.sees_every_indicator:
        return evidence
    for answer in evidence.answers.all():
        if access.can_see_indicator({unit.pk for unit in answer.units.all()}):
            return evidence
    return None


def evidence_attachable_by(access: Access, assessment: Assessment) -> QuerySet[Evidence]:
    """Evidence of the assessment the user may reuse: all of it for those who see every indicator,
    else only what already supports an indicator of the user's own units."""
    queryset = Evidence.objects.filter(assessment=assessment)
    if not access.sees_every_indicator:
        queryset = queryset.filter(answers__units__in=access.unit_ids).distinct()
    return queryset.order_by("title")


def history_of(assessment: Assessment) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(subject_type="assessment", subject_id=assessment.pk).select_related("actor")


def history_filtered(
    assessment: Assessment,
    *,
    indicator: str = "",
    actor_id: int | None = None,
    action: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The history narrowed to one indicator (alone or among others), one person, one kind of change
    and the days ``since``..``until`` (inclusive, in the agency's time zone)."""
    events = history_of(assessment)
    if indicator:
        stored = f"indicator:{indicator}"
        events = events.filter(
            Q(target=stored)
            | Q(target__startswith=f"{stored},")
            | Q(target__startswith="indicator:", target__endswith=f",{indicator}")
            | Q(target__startswith="indicator:", target__contains=f",{indicator},")
        )
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if action:
        events = events.filter(action=action)
    zone = assessment.agency.zone
    if since is not None:
        events = events.filter(at__gte=datetime.datetime.combine(since, datetime.time.min, tzinfo=zone))
    if until is not None:
        following = until + datetime.timedelta(days=1)
        events = events.filter(at__lt=datetime.datetime.combine(following, datetime.time.min, tzinfo=zone))
    return events


def history_people(assessment: Assessment) -> list[tuple[int, str]]:
    """The people who appear in the history, for its filter."""
    ids = set(history_of(assessment).exclude(actor=None).values_list("actor_id", flat=True).distinct())
    return [(user.pk, str(user)) for user in User.objects.filter(pk__in=ids).order_by("username")]


def current_plan(assessment: Assessment) -> ActionPlan | None:
    return ActionPlan.objects.filter(assessment=assessment, is_current=True).select_related("adopted_by").first()


def actions_of(action_plan: ActionPlan) -> QuerySet[Action]:
    return Action.objects.filter(plan=action_plan).select_related("unit").order_by("position")


def actions_aimed_at(assessment: Assessment) -> dict[str, Action]:
    """Actions of current plans of the same agency that target this assessment's year, by indicator.

    They propose the level each indicator should reach in this self-assessment.
    """
    actions = (
        Action.objects.filter(
            plan__is_current=True,
            plan__target_year=assessment.year,
            plan__assessment__agency_id=assessment.agency_id,
            plan__assessment__framework_id=assessment.framework_id,
        )
        .exclude(plan__assessment=assessment)
        .select_related("unit", "plan__assessment")
        .order_by("plan__adopted_at")
    )
    return {action.code: action for action in actions}
