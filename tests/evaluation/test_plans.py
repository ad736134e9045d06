"""From a scored assessment to an adopted plan, tracked actions and next year's proposals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.models import Action, ActionPlan, ActionStatus, Assessment
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.plans import action_plan_adopt, action_plan_preview, action_update
from spbe.scoring import get_framework, read_levels_path
from spbe.scoring.planner import Limits, plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sukamaju-2022.csv"


@pytest.fixture
def scored(regency: Regency, assessment: Assessment) -> Assessment:
    levels = read_levels_path(EXAMPLE, get_framework("permenpanrb-59-2020"))
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=levels[answer.code], justification="ok")
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="13"), units=[regency.bappeda], due_date=None
    )
    return assessment


def test_adopting_turns_the_cheapest_plan_into_actions(regency: Regency, scored: Assessment) -> None:
    adopted = action_plan_adopt(
        actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={}
    )
    expected = plan(
        get_framework("permenpanrb-59-2020"),
        read_levels_path(EXAMPLE, get_framework("permenpanrb-59-2020")),
        Decimal("3.50"),
    )
    actions = list(adopted.actions.order_by("position"))
    assert [(a.code, a.to_level) for a in actions] == [(s.indicator, s.to_level) for s in expected.steps]
    assert adopted.total_cost == expected.cost and adopted.index_after == Decimal("3.50")
    assert adopted.basis == "self" and adopted.reachable
    assert next(a for a in actions if a.code == "13").unit == regency.bappeda  # owner carried over
    event = AuditEvent.objects.get(subject_id=scored.pk, action="plan.adopted")
    assert event.after is not None and event.after["target"] == "3.50"


def test_a_new_plan_replaces_the_current_one(regency: Regency, scored: Assessment) -> None:
    first = action_plan_adopt(
        actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={}
    )
    again = {"target": Decimal("3.00"), "target_year": 2024, "limits": {"11": Limits(max_level=2)}}
    _plan, changes = action_plan_preview(actor=regency.coordinator, assessment=scored, **again)  # type: ignore[arg-type]
    second = action_plan_adopt(
        actor=regency.coordinator,
        assessment=scored,
        confirmed_changes=changes.digest,
        **again,  # type: ignore[arg-type]
    )
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert not second.actions.filter(code="11").exists()
    assert ActionPlan.objects.filter(assessment=scored, is_current=True).count() == 1


def test_adoption_guards(regency: Regency, assessment: Assessment, scored: Assessment) -> None:
    with pytest.raises(NotAllowed):
        action_plan_adopt(
            actor=regency.internal, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={}
        )
    with pytest.raises(WorkflowError, match="already met"):
        action_plan_adopt(
            actor=regency.coordinator, assessment=scored, target=Decimal("2.50"), target_year=2024, limits={}
        )
    # an assessment without any level is no dead end: it plans from the lowest value (see test_plan_continuity)
    empty = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025)
    adopted = action_plan_adopt(
        actor=regency.coordinator, assessment=empty, target=Decimal("2.00"), target_year=2026, limits={}
    )
    assert adopted.basis == "lowest" and adopted.index_before == Decimal("1.00")


def test_actions_are_updated_by_the_coordinator_or_the_responsible_unit(regency: Regency, scored: Assessment) -> None:
    adopted = action_plan_adopt(
        actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={}
    )
    action = adopted.actions.get(code="13")
    action_update(
        actor=regency.other_operator,
        action=action,
        unit=regency.bappeda,
        due_date=None,
        status=ActionStatus.IN_PROGRESS,
        note="RKPD 2024 disusun",
    )
    with pytest.raises(NotAllowed):
        action_update(
            actor=regency.operator,
            action=action,
            unit=regency.bappeda,
            due_date=None,
            status=ActionStatus.DONE,
            note="",
        )
    with pytest.raises(NotAllowed, match="due date"):
        action_update(
            actor=regency.other_operator,
            action=action,
            unit=regency.diskominfo,
            due_date=None,
            status=ActionStatus.DONE,
            note="",
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.note == "RKPD 2024 disusun"
    assert AuditEvent.objects.filter(subject_id=scored.pk, action="action.updated").count() == 1


def test_planner_page_updates_and_adopts(client: Client, regency: Regency, scored: Assessment) -> None:
    client.force_login(regency.coordinator)
    page = client.get(f"/assessments/{scored.pk}/plan/").content.decode()
    assert 'data-testid="index-before">2,75<' in page and 'data-testid="index-after">3,50<' in page
    locked = client.get(f"/assessments/{scored.pk}/plan/", {"target": "3,50", "cap_11": "2"}).content.decode()
    assert '<tr data-code="11">' not in locked.split('id="plan-steps"')[1].split("</table>")[0]
    response = client.post(
        f"/assessments/{scored.pk}/plan/adopt/", {"target": "3.50", "target_year": "2024", "cap_11": "2"}
    )
    assert response.status_code == 302 and response["Location"] == f"/assessments/{scored.pk}/actions/"
    adopted = ActionPlan.objects.get(assessment=scored, is_current=True)
    assert not adopted.actions.filter(code="11").exists()
    actions_page = client.get(f"/assessments/{scored.pk}/actions/").content.decode()
    assert actions_page.count("<tr data-code=") == adopted.actions.count()
    dashboard = client.get(f"/assessments/{scored.pk}/").content.decode()
    assert f'data-testid="actions-done">0 / {adopted.actions.count()}<' in dashboard


def test_bad_planner_input_is_explained(client: Client, regency: Regency, scored: Assessment) -> None:
    client.force_login(regency.coordinator)
    page = client.get(f"/assessments/{scored.pk}/plan/", {"target": "9", "cost_11_3": "-1"}).content.decode()
    assert "Indikator 11: biaya menuju level 3 harus berupa angka 0 sampai 10.000.000." in page
    page = client.get(f"/assessments/{scored.pk}/plan/", {"target": "9"}).content.decode()
    assert "target 9 tidak sah" in page


def test_next_years_self_assessment_shows_the_proposed_level(
    client: Client, regency: Regency, scored: Assessment
) -> None:
    action_plan_adopt(actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={})
    following = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2024)
    client.force_login(regency.coordinator)
    dashboard = client.get(f"/assessments/{following.pk}/").content.decode()
    count = Action.objects.filter(plan__assessment=scored).count()
    assert f'data-testid="proposals">{count} indikator' in dashboard
    page = client.get(f"/assessments/{following.pk}/indicators/13/").content.decode()
    assert "Rencana aksi 2023 mengusulkan level 4" in page
