"""Planning from an assessment: compute the cheapest plan, adopt it as tracked actions, update actions."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from spbe.evaluation import rules
from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Action, ActionPlan, ActionStatus, Answer, Assessment, level_text
from spbe.evaluation.plan_start import StartingLevels, starting_levels
from spbe.evaluation.services._common import indicators_target, lock_assessment, record, require_access
from spbe.organizations.models import Unit, User
from spbe.scoring import SpbeInputError
from spbe.scoring.planner import Limits, Plan, Step, plan


def planning_levels(assessment: Assessment, answers: list[Answer]) -> StartingLevels:
    """The levels to plan from: the best known level of each indicator (``plan_start``)."""
    return starting_levels(assessment, answers)


def levels_digest(levels: Mapping[str, Decimal]) -> str:
    """A short fingerprint of the levels a plan was computed from, to detect changes before adoption."""
    text = ";".join(f"{code}={level_text(value)}" for code, value in sorted(levels.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def plan_compute(
    *, assessment: Assessment, start: StartingLevels, target: Decimal, limits: Mapping[str, Limits]
) -> tuple[Plan, str]:
    """The cheapest plan from ``start`` (the caller's ``planning_levels``, computed once) to ``target``."""
    try:
        return plan(assessment_framework(assessment), start.levels, target, limits), start.basis
    except SpbeInputError as exc:
        from django.utils.translation import get_language

        raise WorkflowError(*exc.messages(get_language() or "id")) from None


class PlanChanged(WorkflowError):
    """Adopting again needs the person's confirmation of exactly the changes they were shown."""


@dataclass(frozen=True)
class PlanChanges:
    """What adopting a plan does to the current one: which actions stay, change, go, or are new.

    An unchanged step (same indicator, same target level) keeps its unit, due date, status and note.
    A changed step keeps its unit, due date and note; a "done" status goes back to "planned".
    ``digest`` fingerprints the current actions and the new steps, so a confirmation given for one
    picture is refused when either changed meanwhile.
    """

    previous: ActionPlan | None
    kept: list[tuple[Action, Step]]
    changed: list[tuple[Action, Step]]
    added: list[Step]
    removed: list[Action]
    digest: str

    @property
    def needs_confirmation(self) -> bool:
        return self.previous is not None


def plan_changes(assessment: Assessment, result: Plan, *, target: Decimal, target_year: int) -> PlanChanges:
    previous = ActionPlan.objects.filter(assessment=assessment, is_current=True).first()
    existing = {a.code: a for a in previous.actions.select_related("unit")} if previous else {}
    kept: list[tuple[Action, Step]] = []
    changed: list[tuple[Action, Step]] = []
    added: list[Step] = []
    for step in result.steps:
        action = existing.get(step.indicator)
        if action is None:
            added.append(step)
        elif action.to_level == step.to_level:
            kept.append((action, step))
        else:
            changed.append((action, step))
    planned = {step.indicator for step in result.steps}
    removed = [a for code, a in sorted(existing.items(), key=lambda item: item[1].position) if code not in planned]
    parts = [f"plan={previous.pk if previous else '-'};target={target};year={target_year}"]
    parts += [
        f"action={a.code}:{a.to_level}:{a.unit_id}:{a.due_date}:{a.status}:{a.note}:{a.updated_at.isoformat()}"
        for a in sorted(existing.values(), key=lambda a: a.code)
    ]
    parts += [f"step={s.indicator}:{s.from_value}:{s.to_level}:{s.cost}" for s in result.steps]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return PlanChanges(previous, kept, changed, added, removed, digest)


def _adoption_checks(actor: User, assessment: Assessment, target_year: int) -> None:
    if not rules.ADOPT_PLAN.allows(require_access(actor, assessment), assessment.state):
        raise NotAllowed(_("Only the SPBE coordinator adopts an action plan."))
    if not assessment.year <= target_year <= assessment.year + 10:
        raise WorkflowError(_("The target year must be within ten years of the assessment year."))


def action_plan_preview(
    *, actor: User, assessment: Assessment, target: Decimal, target_year: int, limits: Mapping[str, Limits]
) -> tuple[Plan, PlanChanges]:
    """What adopting would do, read only: the plan and its changes to the current one."""
    _adoption_checks(actor, assessment, target_year)
    answers = list(Answer.objects.filter(assessment=assessment).order_by("position").prefetch_related("units"))
    start = planning_levels(assessment, answers)
    result, _basis = plan_compute(assessment=assessment, start=start, target=target, limits=limits)
    if not result.steps:
        raise WorkflowError(_("The target is already met; there is nothing to adopt."))
    return result, plan_changes(assessment, result, target=target, target_year=target_year)


@transaction.atomic
def action_plan_adopt(
    *,
    actor: User,
    assessment: Assessment,
    target: Decimal,
    target_year: int,
    limits: Mapping[str, Limits],
    expected_levels: str | None = None,
    confirmed_changes: str | None = None,
) -> ActionPlan:
    """Recompute the plan on the server and turn each step into an action; replaces the current plan.

    ``expected_levels`` is the ``levels_digest`` of what the user was shown: if the levels changed
    since, nothing is adopted and the user reviews the new plan first. When a plan is already
    adopted, ``confirmed_changes`` must be the ``PlanChanges.digest`` the person confirmed.
    """
    assessment = lock_assessment(assessment)
    _adoption_checks(actor, assessment, target_year)
    answers = list(Answer.objects.filter(assessment=assessment).order_by("position").prefetch_related("units"))
    start = planning_levels(assessment, answers)
    if expected_levels is not None and levels_digest(start.levels) != expected_levels:
        raise WorkflowError(_("The levels changed after the plan was shown; look at the new plan and adopt it again."))
    result, basis = plan_compute(assessment=assessment, start=start, target=target, limits=limits)
    if not result.steps:
        raise WorkflowError(_("The target is already met; there is nothing to adopt."))
    changes = plan_changes(assessment, result, target=target, target_year=target_year)
    if changes.needs_confirmation and confirmed_changes != changes.digest:
        if confirmed_changes is None:
            raise PlanChanged(_("A plan is already adopted: look at what will change and confirm."))
        raise PlanChanged(
            _(
                "The plan or its actions changed after you looked at the changes; nothing was adopted. "
                "Look at the changes again and confirm."
            )
        )
    previous = changes.previous
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    action_plan = ActionPlan.objects.create(
        assessment=assessment,
        target=target,
        target_year=target_year,
        basis=basis,
        reachable=result.reachable,
        index_before=result.index_before,
        index_after=result.index_after,
        total_cost=result.cost,
        inputs={
            "levels": {code: level_text(value) for code, value in start.levels.items()},
            "sources": start.sources,
            "limits": {
                code: {
                    "max_level": limit.max_level,
                    "costs": {str(k): str(v) for k, v in limit.step_costs.items()},
                }
                for code, limit in limits.items()
            },
        },
        adopted_by=actor,
    )
    owners = {a.code: next(iter(a.units.all()), None) for a in answers}
    carried = {action.code: action for action, _step in changes.kept + changes.changed}
    kept_codes = {action.code for action, _step in changes.kept}
    new_actions = []
    for position, step in enumerate(result.steps, start=1):
        action = Action(
            plan=action_plan,
            code=step.indicator,
            position=position,
            from_level=step.from_value,
            to_level=step.to_level,
            cost=step.cost,
            unit=owners.get(step.indicator),
        )
        old = carried.get(step.indicator)
        if old is not None:
            action.unit, action.due_date, action.note = old.unit, old.due_date, old.note
            done_for_a_lower_level = step.indicator not in kept_codes and old.status == ActionStatus.DONE
            action.status = ActionStatus.PLANNED if done_for_a_lower_level else old.status
        new_actions.append(action)
    Action.objects.bulk_create(new_actions)
    record(
        actor,
        assessment,
        "plan.adopted",
        before={"plan": previous.pk} if previous else None,
        after={
            "target": str(target),
            "target_year": target_year,
            "reachable": result.reachable,
            "index_after": str(result.index_after),
            "cost": str(result.cost),
            "steps": [f"{s.indicator}: {level_text(s.from_value)} -> {s.to_level}" for s in result.steps],
            "kept": [action.code for action, _step in changes.kept],
            "changed": [f"{a.code}: {a.to_level} -> {step.to_level}" for a, step in changes.changed],
            "removed": [a.code for a in changes.removed],
        },
    )
    return action_plan


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: Action,
    unit: Unit | None,
    due_date: datetime.date | None,
    status: str,
    note: str,
) -> Action:
    """The coordinator edits anything; the responsible unit's operator updates status and note."""
    # lock only the action row: PostgreSQL refuses FOR UPDATE on the nullable side of the unit join
    action = Action.objects.select_for_update(of=("self",)).select_related("plan__assessment", "unit").get(pk=action.pk)
    assessment = action.plan.assessment
    access = require_access(actor, assessment)
    units = rules.action_units(action.unit_id)
    if not rules.UPDATE_ACTION.allows(access, assessment.state, units):
        raise NotAllowed(_("Only the coordinator or the responsible unit updates this action."))
    if status not in ActionStatus.values:
        raise WorkflowError(_("Unknown action status."))
    if (unit != action.unit or due_date != action.due_date) and not rules.EDIT_ACTION.allows(
        access, assessment.state, units
    ):
        raise NotAllowed(_("Only the coordinator changes the responsible unit or the due date."))
    if unit is not None and unit.agency_id != assessment.agency_id:
        raise WorkflowError(_("%(unit)s is not a unit of this agency.") % {"unit": unit})
    before = _action_state(action)
    action.unit = unit
    action.due_date = due_date
    action.status = status
    action.note = note.strip()
    after = _action_state(action)
    if before == after:
        return action
    action.save(update_fields=["unit", "due_date", "status", "note", "updated_at"])
    record(actor, assessment, "action.updated", indicators_target(action.code), before=before, after=after)
    return action


def _action_state(action: Action) -> dict[str, object]:
    return {
        "unit": str(action.unit) if action.unit else None,
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "status": action.status,
        "note": action.note,
    }
