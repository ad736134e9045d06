"""The personal home: what is waiting for the signed-in user, across every agency they have a role in.

What counts as "mine" is asked of the shared rules (``spbe.evaluation.rules``), never re-written:

- to answer / revisions: indicators the user may ``ANSWER`` now that are theirs (assigned to a unit they
  operate for; for the coordinator, the indicators no unit has been given yet);
- to review: indicators the user may ``REVIEW`` now, answered and not yet reviewed;
- to verify: indicators the user may ``VERIFY`` now without a verified level;
- deadlines: unanswered indicators the user may answer, and open actions of current plans the user may
  ``UPDATE_ACTION`` (a unit's own; the coordinator all), due within ``DEADLINE_DAYS`` or overdue;
- plan steps: the steps of the plan adopted last year for this year (``plan_progress.plan_for_year``)
  that belong to a unit the user operates for, shown on this year's open assessment.

The number of queries is fixed (memberships, assessments, answers, their units, actions): it does not
grow with the number of agencies, assessments, indicators or units.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from spbe.evaluation import rules
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Action, ActionStatus, Answer, Assessment, AssessmentState, ReviewStatus
from spbe.evaluation.selectors import assessments_visible_to
from spbe.organizations.access import Access, accesses_of
from spbe.organizations.models import Role, Unit, User

DEADLINE_DAYS = 14
LIST_LIMIT = 25  # items shown per list; the rest are counted, with a pointer to the indicator list


@dataclass(frozen=True)
class WorkItem:
    assessment: Assessment
    code: str
    name: str
    units: tuple[str, ...] = ()
    due_date: datetime.date | None = None
    overdue: bool = False
    action_id: int | None = None  # a deadline of a plan action rather than of an answer
    planned_level: int | None = None  # a step of the plan adopted for this year: the level to reach
    level: Decimal | None = None  # the self-assessed level now, for a plan step


@dataclass
class WorkList:
    items: list[WorkItem] = field(default_factory=list)
    total: int = 0

    def add(self, item: WorkItem) -> None:
        self.items.append(item)
        self.total += 1

    @property
    def shown(self) -> list[WorkItem]:
        return self.items[:LIST_LIMIT]

    @property
    def more(self) -> int:
        return max(self.total - LIST_LIMIT, 0)


@dataclass
class Home:
    to_answer: WorkList = field(default_factory=WorkList)
    revisions: WorkList = field(default_factory=WorkList)
    to_review: WorkList = field(default_factory=WorkList)
    to_verify: WorkList = field(default_factory=WorkList)
    deadlines: WorkList = field(default_factory=WorkList)
    plan_steps: WorkList = field(default_factory=WorkList)
    boards: list[Assessment] = field(default_factory=list)  # assessments whose OPD board the user may open
    roles: frozenset[str] = frozenset()

    @property
    def reviews(self) -> bool:
        return Role.INTERNAL_ASSESSOR in self.roles

    @property
    def verifies(self) -> bool:
        return Role.EXTERNAL_ASSESSOR in self.roles

    @property
    def empty(self) -> bool:
        lists = (self.to_answer, self.revisions, self.to_review, self.to_verify, self.deadlines, self.plan_steps)
        return not any(work.total for work in lists)


def agency_today(assessment: Assessment) -> datetime.date:
    """Today in the agency's own zone (WIB, WITA or WIT): a due date passes at the agency's midnight."""
    return timezone.now().astimezone(assessment.agency.zone).date()


def _mine(access: Access, units: frozenset[int]) -> bool:
    """An indicator is the user's own: assigned to a unit they operate for, or, for the coordinator,
    not assigned to any unit yet (nobody else will answer it)."""
    return access.operates_for(units) or (access.is_coordinator and not units)


def home_for(user: User) -> Home:
    home = Home()
    if not user.is_authenticated or not user.is_active:
        return home
    accesses = accesses_of(user)
    home.roles = frozenset(role for access in accesses.values() for role in access.roles)
    every = {a.pk: a for a in assessments_visible_to(user).order_by("agency__name", "-year")}
    if user.is_superuser:
        accesses = {a.agency_id: Access(agency_id=a.agency_id, is_superuser=True) for a in every.values()}
    open_ = {pk: a for pk, a in every.items() if a.state != AssessmentState.FINAL}
    home.boards = [a for a in open_.values() if rules.ASSIGN.role_allows(accesses[a.agency_id])]
    _collect_answers(home, open_, accesses)
    _collect_actions(home, every, accesses)
    _collect_plan_steps(home, open_, accesses)
    home.deadlines.items.sort(key=lambda item: (item.due_date or datetime.date.max, item.assessment.pk, item.code))
    return home


def _answers_query(assessments: dict[int, Assessment], accesses: dict[int, Access]) -> Q:
    """Only the answers that can be on some list: a pure operator's own units, everyone else's agency."""
    condition = Q(pk__in=[])
    for assessment in assessments.values():
        access = accesses[assessment.agency_id]
        if access.sees_every_indicator:
            condition |= Q(assessment_id=assessment.pk)
        elif access.unit_ids:
            condition |= Q(assessment_id=assessment.pk, units__in=access.unit_ids)
    return condition


def _collect_answers(home: Home, assessments: dict[int, Assessment], accesses: dict[int, Access]) -> None:
    if not assessments:
        return
    answers = (
        Answer.objects.filter(_answers_query(assessments, accesses))
        .distinct()
        .only("pk", "assessment_id", "code", "position", "due_date", "self_level", "review_status", "verified_level")
        .order_by("assessment__agency__name", "-assessment__year", "position")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("name")))
    )
    todays: dict[int, datetime.date] = {}
    for answer in answers:
        assessment = assessments[answer.assessment_id]
        access = accesses[assessment.agency_id]
        state = assessment.state
        units = answer.units.all()
        unit_ids = frozenset(unit.pk for unit in units)
        today = todays.get(assessment.agency_id) or todays.setdefault(assessment.agency_id, agency_today(assessment))
        indicator = assessment_framework(assessment).indicator(answer.code)
        item = WorkItem(
            assessment=assessment,
            code=answer.code,
            name=indicator.label(_lang()) if indicator else answer.code,
            units=tuple(str(unit) for unit in units),
            due_date=answer.due_date,
            overdue=bool(answer.due_date and answer.due_date < today and answer.self_level is None),
        )
        may_answer = rules.ANSWER.allows(access, state, unit_ids)
        if may_answer and _mine(access, unit_ids):
            if answer.review_status == ReviewStatus.REVISION:
                home.revisions.add(item)
            elif answer.self_level is None:
                home.to_answer.add(item)
        if (
            rules.REVIEW.allows(access, state, unit_ids)
            and answer.self_level is not None
            and answer.review_status == ReviewStatus.PENDING
        ):
            home.to_review.add(item)
        if rules.VERIFY.allows(access, state, unit_ids) and answer.verified_level is None:
            home.to_verify.add(item)
        if (
            may_answer
            and answer.self_level is None
            and answer.due_date is not None
            and answer.due_date <= today + datetime.timedelta(days=DEADLINE_DAYS)
        ):
            home.deadlines.add(item)


def _collect_actions(home: Home, assessments: dict[int, Assessment], accesses: dict[int, Access]) -> None:
    """Open actions of current plans, due soon or overdue, that the user may update."""
    if not assessments:
        return
    latest = timezone.now().date() + datetime.timedelta(days=DEADLINE_DAYS + 1)  # widest zone; refined below
    actions = (
        Action.objects.filter(plan__is_current=True, plan__assessment_id__in=list(assessments), due_date__lte=latest)
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
        .select_related("unit", "plan")
        .defer("plan__inputs")
        .order_by("due_date", "position")
    )
    for action in actions:
        assessment = assessments[action.plan.assessment_id]
        access = accesses.get(assessment.agency_id)
        if access is None or not rules.UPDATE_ACTION.allows(
            access, assessment.state, rules.action_units(action.unit_id)
        ):
            continue
        assert action.due_date is not None
        today = agency_today(assessment)
        if action.due_date > today + datetime.timedelta(days=DEADLINE_DAYS):
            continue
        indicator = assessment_framework(assessment).indicator(action.code)
        home.deadlines.add(
            WorkItem(
                assessment=assessment,
                code=action.code,
                name=indicator.label(_lang()) if indicator else action.code,
                units=(str(action.unit),) if action.unit else (),
                due_date=action.due_date,
                overdue=action.due_date < today,
                action_id=action.pk,
            )
        )


def _collect_plan_steps(home: Home, assessments: dict[int, Assessment], accesses: dict[int, Access]) -> None:
    """Steps of plans adopted on an earlier assessment for an open assessment's year, for the user's units."""
    units = {unit for access in accesses.values() for unit in access.unit_ids}
    if not assessments or not units:
        return
    by_year = {(a.agency_id, a.framework_id, a.year): a for a in assessments.values()}
    actions = (
        Action.objects.filter(
            plan__is_current=True,
            plan__target_year__in={a.year for a in assessments.values()},
            plan__assessment__agency_id__in={a.agency_id for a in assessments.values()},
            unit_id__in=units,
        )
        .exclude(status=ActionStatus.CANCELLED)
        .select_related("unit", "plan__assessment")
        .defer("plan__inputs", "plan__assessment__framework_snapshot")
        .order_by("plan__assessment__year", "position")
    )
    latest: dict[int, int] = {}  # this year's assessment -> the year of the plan shown (the latest one)
    found = []
    for action in actions:
        source = action.plan.assessment
        assessment = by_year.get((source.agency_id, source.framework_id, action.plan.target_year))
        if assessment is None or source.year >= assessment.year:
            continue
        if action.unit_id is None or not accesses[assessment.agency_id].operates_for(frozenset({action.unit_id})):
            continue
        latest[assessment.pk] = max(latest.get(assessment.pk, 0), source.year)
        found.append((assessment, source.year, action))
    rows = Answer.objects.filter(assessment_id__in=list(latest), code__in={action.code for _a, _y, action in found})
    levels = {
        (answer.assessment_id, answer.code): answer.self_level
        for answer in rows.only("assessment_id", "code", "self_level")
    }
    for assessment, year, action in found:
        if year != latest[assessment.pk]:
            continue
        indicator = assessment_framework(assessment).indicator(action.code)
        home.plan_steps.add(
            WorkItem(
                assessment=assessment,
                code=action.code,
                name=indicator.label(_lang()) if indicator else action.code,
                units=(str(action.unit),) if action.unit else (),
                due_date=action.due_date,
                planned_level=action.to_level,
                level=levels.get((assessment.pk, action.code)),
            )
        )


def _lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "id"
