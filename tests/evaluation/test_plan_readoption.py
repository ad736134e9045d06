"""Adopting a plan again keeps the work already recorded on its actions, and asks first."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from tests.browser_forms import forms_of
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Action, ActionPlan, ActionStatus, Assessment
from spbe.evaluation.services.answers import answer_update
from spbe.evaluation.services.plans import action_plan_adopt, action_update
from spbe.scoring import get_framework, read_levels_path

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sukamaju-2022.csv"
DUE = datetime.date(2024, 6, 30)


@pytest.fixture
def adopted(regency: Regency, assessment: Assessment) -> ActionPlan:
    """A plan for 3.50 whose action for indicator 13 is under way: in progress, a due date, a note."""
    levels = read_levels_path(EXAMPLE, get_framework("permenpanrb-59-2020"))
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=levels[answer.code], justification="ok")
    plan = action_plan_adopt(
        actor=regency.coordinator, assessment=assessment, target=Decimal("3.50"), target_year=2024, limits={}
    )
    action_update(
        actor=regency.coordinator,
        action=plan.actions.get(code="13"),
        unit=regency.bappeda,
        due_date=DUE,
        status=ActionStatus.IN_PROGRESS,
        note="RKPD 2024 disusun",
    )
    return plan


def _work(plan: ActionPlan) -> dict[str, tuple[object, ...]]:
    return {a.code: (a.to_level, a.unit_id, a.due_date, a.status, a.note) for a in plan.actions.all()}


def _confirm_form(page: str) -> list[tuple[str, str]]:
    (form,) = [f for f in forms_of(page) if f.attrs.get("id") == "confirm-adopt-form"]
    return form.data()


def test_adopting_again_asks_first_and_keeps_the_actions_work(
    client: Client, regency: Regency, assessment: Assessment, adopted: ActionPlan
) -> None:
    client.force_login(regency.coordinator)
    before = _work(adopted)
    events = AuditEvent.objects.count()
    response = client.post(f"/assessments/{assessment.pk}/plan/adopt/", {"target": "3,50", "target_year": "2024"})
    # nothing is written yet: the same plan is current and its actions are untouched
    assert response.status_code == 200
    assert ActionPlan.objects.get(assessment=assessment, is_current=True) == adopted
    assert _work(adopted) == before and AuditEvent.objects.count() == events
    page = response.content.decode()
    assert "Tetapkan rencana lagi?" in page and '<tr data-code="13" data-change="kept">' in page

    confirmed = client.post(f"/assessments/{assessment.pk}/plan/adopt/", dict(_confirm_form(page)))
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/assessments/{assessment.pk}/actions/"
    current = ActionPlan.objects.get(assessment=assessment, is_current=True)
    assert current != adopted
    action = current.actions.get(code="13")
    assert (action.status, action.due_date, action.note, action.unit) == (
        ActionStatus.IN_PROGRESS,
        DUE,
        "RKPD 2024 disusun",
        regency.bappeda,
    )
    assert _work(current) == before  # every unchanged step keeps what it had
    event = AuditEvent.objects.filter(action="plan.adopted").latest("pk")
    assert event.after is not None and "13" in event.after["kept"]


def test_the_confirmation_lists_added_removed_and_changed_steps(
    client: Client, regency: Regency, assessment: Assessment, adopted: ActionPlan
) -> None:
    client.force_login(regency.coordinator)
    client.cookies["django_language"] = "en"
    old = {a.code: a.to_level for a in adopted.actions.all()}
    page = client.post(
        f"/assessments/{assessment.pk}/plan/adopt/", {"target": "3.50", "target_year": "2024", "cap_11": "2"}
    ).content.decode()
    assert "11" in old and '<tr data-code="11" data-change="removed">' in page
    assert "Adopt the plan again?" in page and "Nothing has been saved yet." in page
    changes = set(forms_of(page)[-1].data())
    assert ("cap_11", "2") in changes  # the confirmation carries the same inputs
    rows = page.split('id="plan-changes"')[1].split("</table>")[0]
    assert rows.count('data-change="added"') + rows.count('data-change="changed"') >= 1


def test_a_plan_changed_after_the_confirmation_was_shown_is_refused(
    client: Client, regency: Regency, assessment: Assessment, adopted: ActionPlan
) -> None:
    client.force_login(regency.coordinator)
    page = client.post(
        f"/assessments/{assessment.pk}/plan/adopt/", {"target": "3,50", "target_year": "2024"}
    ).content.decode()
    # meanwhile the responsible unit records progress on the action
    action = adopted.actions.get(code="13")
    action_update(
        actor=regency.other_operator,
        action=action,
        unit=regency.bappeda,
        due_date=DUE,
        status=ActionStatus.DONE,
        note="Selesai",
    )
    response = client.post(f"/assessments/{assessment.pk}/plan/adopt/", dict(_confirm_form(page)))
    assert response.status_code == 200
    assert "Rencana atau aksinya berubah setelah Anda melihat perubahannya" in response.content.decode()
    assert ActionPlan.objects.get(assessment=assessment, is_current=True) == adopted
    assert Action.objects.get(pk=action.pk).note == "Selesai"


def test_a_done_action_whose_target_level_changes_is_planned_again(
    regency: Regency, assessment: Assessment, adopted: ActionPlan
) -> None:
    from spbe.evaluation.services.plans import action_plan_preview
    from spbe.scoring.planner import Limits

    first = {a.code: a for a in adopted.actions.all()}
    # raise the target: some step aims higher than before
    arguments = {"target": Decimal("3.80"), "target_year": 2024, "limits": {}}
    result, changes = action_plan_preview(actor=regency.coordinator, assessment=assessment, **arguments)  # type: ignore[arg-type]
    assert changes.needs_confirmation and (changes.changed or changes.added)
    for action, _step in changes.changed:
        action_update(
            actor=regency.coordinator, action=action, unit=None, due_date=DUE, status=ActionStatus.DONE, note="x"
        )
    _result, changes = action_plan_preview(actor=regency.coordinator, assessment=assessment, **arguments)  # type: ignore[arg-type]
    plan = action_plan_adopt(
        actor=regency.coordinator,
        assessment=assessment,
        confirmed_changes=changes.digest,
        **arguments,  # type: ignore[arg-type]
    )
    for action, step in changes.changed:
        new = plan.actions.get(code=action.code)
        assert (new.to_level, new.status, new.due_date, new.note) == (step.to_level, ActionStatus.PLANNED, DUE, "x")
    assert set(first) - {s.indicator for s in result.steps} == {a.code for a in changes.removed}
    assert Limits  # imported for the signature only
