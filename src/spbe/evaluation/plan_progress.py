"""How far an adopted plan has come: for each planned step, the planned level against the level now.

The plan that matters for an assessment is the one adopted for its year on an earlier assessment of
the agency (last year's final assessment adopted "reach 3.50 in 2023"); when re-planning an assessment
that already has its own plan, that plan is compared instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluation.models import Action, ActionPlan, ActionStatus, Assessment
from spbe.evaluation.plan_start import SELF, VERIFIED, StartingLevels


@dataclass(frozen=True)
class StepProgress:
    action: Action
    name: str
    planned: int  # the level the step aims at
    current: Decimal | None  # the best known level in this assessment
    source: str  # where ``current`` came from (translated)
    done: bool  # this year's own level reaches the planned level


@dataclass(frozen=True)
class PlanProgress:
    plan: ActionPlan
    steps: list[StepProgress]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def plan_for_year(assessment: Assessment) -> ActionPlan | None:
    """The current plan adopted on an earlier assessment of the agency (same framework) for this year."""
    return (
        ActionPlan.objects.filter(
            is_current=True,
            target_year=assessment.year,
            assessment__agency_id=assessment.agency_id,
            assessment__framework_id=assessment.framework_id,
            assessment__year__lt=assessment.year,
        )
        .select_related("assessment", "adopted_by")
        .defer("inputs")
        .order_by("-assessment__year", "-adopted_at")
        .first()
    )


def plan_progress(
    plan: ActionPlan, start: StartingLevels, names: dict[str, str], actions: list[Action] | None = None
) -> PlanProgress:
    """Each step of ``plan`` (cancelled ones left out) against the starting levels of this assessment.

    ``actions`` may hand over the plan's actions already read (others in the list are ignored)."""
    if actions is None:
        actions = list(Action.objects.filter(plan=plan).select_related("unit"))
    steps = []
    for action in sorted((a for a in actions if a.plan_id == plan.pk), key=lambda a: a.position):
        if action.status == ActionStatus.CANCELLED:
            continue
        current = start.levels.get(action.code)
        source = start.sources.get(action.code)
        own = source in (VERIFIED, SELF)
        steps.append(
            StepProgress(
                action=action,
                name=names.get(action.code, action.code),
                planned=action.to_level,
                current=current,
                source=start.label(action.code) if source else "",
                done=own and current is not None and current >= action.to_level,
            )
        )
    return PlanProgress(plan, steps)
