"""A regency at a chosen size, for the home and OPD board benchmark and the query-count test.

Everything is written with the services where they matter (the assessments) and with bulk ORM
for the rest (assignments, answers, reviews, evidence, a plan), so building 30 OPD x 47 indicators
takes about a second.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from spbe.evaluation.models import (
    Action,
    ActionPlan,
    Answer,
    Assessment,
    AssessmentState,
    Evidence,
    ReviewStatus,
)
from spbe.evaluation.services.assessments import assessment_create
from spbe.organizations.models import Agency, Membership, Role, Unit, User


@dataclass
class ScaledRegency:
    agency: Agency
    units: list[Unit]
    draft: Assessment  # being answered: assigned, partly answered, reviewed and evidenced
    under_review: Assessment  # the previous year, in external review, with a current plan
    coordinator: User
    operator: User  # of the first unit
    internal: User
    external: User
    viewer: User


def build_regency(slug: str, *, units: int, indicators: int, years: tuple[int, int] = (2025, 2024)) -> ScaledRegency:
    """``units`` OPD, the first ``indicators`` indicators of each assessment assigned round-robin
    (the rest left unassigned), due dates spread around today (some overdue)."""
    agency = Agency.objects.create(name=f"Kabupaten {slug.title()}", slug=slug, kind=Agency.Kind.REGENCY)
    made = Unit.objects.bulk_create(
        Unit(agency=agency, name=f"Dinas {slug} {n:02d}", short_name=f"OPD {n:02d}") for n in range(1, units + 1)
    )
    people = {
        role: User.objects.create_user(username=f"{slug}-{role}", password=f"pw-{slug}-{role}")
        for role in ("coordinator", "operator", "internal", "external", "viewer")
    }
    Membership.objects.bulk_create(
        [
            Membership(user=people["coordinator"], agency=agency, role=Role.COORDINATOR),
            Membership(user=people["operator"], agency=agency, role=Role.UNIT_OPERATOR, unit=made[0]),
            Membership(user=people["internal"], agency=agency, role=Role.INTERNAL_ASSESSOR),
            Membership(user=people["external"], agency=agency, role=Role.EXTERNAL_ASSESSOR),
            Membership(user=people["viewer"], agency=agency, role=Role.VIEWER),
        ]
    )
    draft = assessment_create(actor=people["coordinator"], agency=agency, year=years[0])
    previous = assessment_create(actor=people["coordinator"], agency=agency, year=years[1])
    for assessment in (draft, previous):
        _furnish(assessment, made, indicators, people["coordinator"])
    Assessment.objects.filter(pk=previous.pk).update(state=AssessmentState.UNDER_REVIEW)
    previous.refresh_from_db()
    _plan(previous, made, people["coordinator"])
    return ScaledRegency(agency, made, draft, previous, **people)


def _furnish(assessment: Assessment, units: list[Unit], indicators: int, actor: User) -> None:
    today = timezone.localdate()
    answers = list(Answer.objects.filter(assessment=assessment).order_by("position"))
    through = Answer.units.through
    links = []
    for n, answer in enumerate(answers[:indicators]):
        links.append(through(answer_id=answer.pk, unit_id=units[n % len(units)].pk))
        answer.due_date = today + datetime.timedelta(days=(n % 21) - 7)  # a week overdue to two weeks ahead
        if n % 3 == 0:
            answer.self_level = Decimal(2 + n % 3)
            answer.review_status = (ReviewStatus.PENDING, ReviewStatus.APPROVED, ReviewStatus.REVISION)[n % 9 // 3]
    through.objects.bulk_create(links)
    Answer.objects.bulk_update(answers, ["due_date", "self_level", "review_status"])
    evidence = Evidence.objects.create(
        assessment=assessment,
        kind=Evidence.Kind.LINK,
        title="Perbup",
        url="https://contoh.go.id/perbup",
        uploaded_by=actor,
    )
    evidence.answers.set(answers[:indicators:2])


def _plan(assessment: Assessment, units: list[Unit], actor: User) -> None:
    today = timezone.localdate()
    plan = ActionPlan.objects.create(
        assessment=assessment,
        target=Decimal("3.50"),
        target_year=assessment.year + 1,
        basis="self",
        reachable=True,
        index_before=Decimal("2.50"),
        index_after=Decimal("3.50"),
        total_cost=Decimal(0),
        inputs={},
        adopted_by=actor,
    )
    answers = Answer.objects.filter(assessment=assessment).order_by("position")
    Action.objects.bulk_create(
        Action(
            plan=plan,
            code=answer.code,
            position=n,
            from_level=Decimal(2),
            to_level=3,
            cost=Decimal(0),
            unit=units[n % len(units)],
            due_date=today + datetime.timedelta(days=(n % 30) - 10),
        )
        for n, answer in enumerate(answers)
    )
