"""The improvement planner page, adopting a plan, and tracking its actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from spbe.core.parsing import whole_number
from spbe.evaluation import rules
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.figures import assessment_figures
from spbe.evaluation.forms import ActionForm
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Action, ActionStatus, Assessment
from spbe.evaluation.pemdi_estimate import pemdi_estimate_for
from spbe.evaluation.plan_progress import plan_for_year, plan_progress
from spbe.evaluation.selectors import actions_of, answers_for_totals, answers_visible_to, current_plan
from spbe.evaluation.services.plans import (
    PlanChanged,
    PlanChanges,
    action_plan_adopt,
    action_plan_preview,
    action_update,
    levels_digest,
    plan_compute,
    planning_levels,
)
from spbe.evaluation.views.lookups import load_assessment, report, user_of
from spbe.organizations.selectors import units_of
from spbe.scoring import Framework, score
from spbe.scoring.numbers import parse_decimal_text
from spbe.scoring.planner import MAX_STEP_COST, Limits, Plan, default_step_cost


def _limits(framework: Framework, levels: dict[str, Decimal], data: QueryDict) -> tuple[dict[str, Limits], list[str]]:
    limits: dict[str, Limits] = {}
    problems: list[str] = []
    for indicator in framework.indicators:
        code = indicator.code
        cap = whole_number(data.get(f"cap_{code}"), minimum=0, maximum=framework.values.maximum)
        costs: dict[int, Decimal] = {}
        for level in range(int(levels[code]) + 1, framework.values.maximum + 1):
            text = data.get(f"cost_{code}_{level}", "").strip()
            if not text:
                continue
            value = parse_decimal_text(text, decimal_comma=True) if len(text) <= 20 else None
            if value is None or value < 0 or value > MAX_STEP_COST:
                problems.append(
                    _("Indicator %(code)s: the cost into level %(level)s must be a number from 0 to %(maximum)s.")
                    % {"code": code, "level": level, "maximum": f"{MAX_STEP_COST:,}".replace(",", ".")}
                )
                continue
            costs[level] = value.quantize(Decimal("0.01"))
        if cap is not None or costs:
            limits[code] = Limits(max_level=cap, step_costs=costs)
    return limits, problems


def _target_year(text: str | None, assessment_year: int) -> int:
    """The year the plan aims at: from the assessment year up to ten years on (default: the next year)."""
    year = whole_number(text, minimum=assessment_year, maximum=assessment_year + 10)
    return year if year is not None else assessment_year + 1


def _shown(value: Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",") if lang == "id" else str(value)


def _default_target(framework: Framework, index: Decimal) -> Decimal:
    """The lower bound of the next predicate band: from 2.75 (Baik) the default target is 3.50."""
    higher = [band.minimum for band in framework.predicates if band.minimum > index]
    return min(higher) if higher else Decimal(framework.values.maximum)


@login_required
@require_safe
def planner(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk, whole=True)
    framework = assessment_framework(assessment)
    lang = get_language() or "id"
    answers = list(answers_for_totals(assessment))
    context: dict[str, Any] = {"assessment": assessment, "access": access, "framework": framework}
    context["pemdi_estimate"] = pemdi_estimate_for(assessment)
    start = planning_levels(assessment, answers)
    levels, basis = start.levels, start.basis
    data = request.GET
    index = score(framework, levels).index_rounded
    target_text = data.get("target", "")
    target = parse_decimal_text(target_text, decimal_comma=True) if target_text else _default_target(framework, index)
    target_year = _target_year(data.get("target_year"), assessment.year)
    limits, problems = _limits(framework, levels, data)
    result = None
    if target is None:
        problems.append(_("Enter the target index as a number, e.g. 3,50."))
    elif not problems:
        try:
            result, basis = plan_compute(assessment=assessment, start=start, target=target, limits=limits)
        except WorkflowError as exc:
            problems.extend(exc.messages)
    rows = []
    for indicator in framework.indicators:
        current = levels[indicator.code]
        limit = limits.get(indicator.code, Limits())
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.label(lang),
                "current": current,
                "source": start.sources[indicator.code],
                "source_label": start.label(indicator.code),
                "cap": limit.max_level,
                "caps": list(range(int(current), framework.values.maximum + 1)),
                "costs": [
                    (level, limit.step_costs.get(level, ""), default_step_cost(level))
                    for level in range(int(current) + 1, framework.values.maximum + 1)
                ],
            }
        )
    names = {i.code: i.label(lang) for i in framework.indicators}
    own_plan = current_plan(assessment)
    adopted = plan_for_year(assessment) or own_plan  # re-planning: how far the adopted plan has come
    context.update(
        {
            "figures": assessment_figures(framework, answers, state=assessment.state),
            "start": start,
            "adopted": plan_progress(adopted, start, names) if adopted else None,
            "basis": basis,
            "index": index,
            "target": target,
            "target_text": target_text or _shown(target, lang),
            "target_year": target_year,
            "rows": rows,
            "result": result,
            "steps": [(step, names[step.indicator]) for step in result.steps] if result else [],
            "problems": problems,
            "query": data.urlencode(),
            "levels_digest": levels_digest(levels),
            "current": own_plan,
        }
    )
    return render(request, "evaluation/planner.html", context)


@login_required
@require_POST
def plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    if not access.is_coordinator:
        raise Http404
    framework = assessment_framework(assessment)
    data = request.POST
    confirming = bool(data.get("changes_digest"))
    try:
        levels = planning_levels(assessment, list(answers_for_totals(assessment))).levels
        target = parse_decimal_text(data.get("target", ""), decimal_comma=True)
        if target is None:
            raise WorkflowError(_("Enter the target index as a number, e.g. 3,50."))
        limits, problems = _limits(framework, levels, data)
        if problems:
            raise WorkflowError(*problems)
        target_year = _target_year(data.get("target_year"), assessment.year)
        user = user_of(request)

        def confirmation() -> HttpResponse:
            preview = action_plan_preview(
                actor=user, assessment=assessment, target=target, target_year=target_year, limits=limits
            )
            return _confirm_adoption(request, assessment, preview)

        if not confirming and current_plan(assessment) is not None:
            return confirmation()  # adopting again: show what changes, write nothing until confirmed
        try:
            action_plan_adopt(
                actor=user,
                assessment=assessment,
                target=target,
                target_year=target_year,
                limits=limits,
                expected_levels=data.get("levels_digest") or None,
                confirmed_changes=data.get("changes_digest") or None,
            )
        except PlanChanged as exc:
            report(request, exc)
            return confirmation()
    except WorkflowError as exc:
        report(request, exc)
        return redirect(f"/assessments/{pk}/plan/?{data.get('query', '')}")
    messages.success(request, _("The action plan has been adopted; assign each action to a unit and a due date."))
    return redirect("evaluation:actions", pk=pk)


def _confirm_adoption(request: HttpRequest, assessment: Assessment, preview: tuple[Plan, PlanChanges]) -> HttpResponse:
    result, changes = preview
    lang = get_language() or "id"
    names = {i.code: i.label(lang) for i in assessment_framework(assessment).indicators}
    carried = [
        (name, value) for name, value in request.POST.items() if name not in {"csrfmiddlewaretoken", "changes_digest"}
    ]
    return render(
        request,
        "evaluation/plan_adopt_confirm.html",
        {
            "assessment": assessment,
            "result": result,
            "changes": changes,
            "rows": [
                *(
                    {
                        "code": a.code,
                        "name": names.get(a.code, a.code),
                        "change": "changed",
                        "old": a.to_level,
                        "new": s.to_level,
                        "action": a,
                    }
                    for a, s in changes.changed
                ),
                *(
                    {
                        "code": s.indicator,
                        "name": names.get(s.indicator, s.indicator),
                        "change": "added",
                        "new": s.to_level,
                    }
                    for s in changes.added
                ),
                *(
                    {
                        "code": a.code,
                        "name": names.get(a.code, a.code),
                        "change": "removed",
                        "old": a.to_level,
                        "action": a,
                    }
                    for a in changes.removed
                ),
                *(
                    {
                        "code": a.code,
                        "name": names.get(a.code, a.code),
                        "change": "kept",
                        "old": a.to_level,
                        "action": a,
                    }
                    for a, _s in changes.kept
                ),
            ],
            "carried": carried,
            "query": request.POST.get("query", ""),
        },
    )


@login_required
@require_safe
def action_list(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    plan = current_plan(assessment)
    framework = assessment_framework(assessment)
    lang = get_language() or "id"
    actions = list(actions_of(plan)) if plan else []
    if not access.sees_every_indicator:  # an operator sees the actions of their own indicators and unit
        own = set(answers_visible_to(access, assessment).values_list("code", flat=True))
        actions = [a for a in actions if a.code in own or (a.unit_id and access.operates_for({a.unit_id}))]
    names = {indicator.code: indicator.label(lang) for indicator in framework.indicators}
    rows = [
        {
            "action": action,
            "name": names.get(action.code, action.code),
            "editable": rules.EDIT_ACTION.allows(access, assessment.state, rules.action_units(action.unit_id)),
            "updatable": rules.UPDATE_ACTION.allows(access, assessment.state, rules.action_units(action.unit_id)),
        }
        for action in actions
    ]
    return render(
        request,
        "evaluation/actions.html",
        {
            "assessment": assessment,
            "access": access,
            "plan": plan,
            "rows": rows,
            "units": units_of(assessment.agency),
            "statuses": ActionStatus.choices,
        },
    )


@login_required
@require_http_methods(["POST"])
def action_save(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    action = get_object_or_404(Action, pk=action_id, plan__assessment=assessment, plan__is_current=True)
    if not rules.UPDATE_ACTION.role_allows(access, rules.action_units(action.unit_id)):
        raise Http404
    # A field the page does not offer this person (unit, due date for an operator) is sent as it is.
    data = request.POST.copy()
    current = {"unit": action.unit_id or "", "due_date": action.due_date or "", "status": action.status}
    for name, value in {**current, "note": action.note}.items():
        data.setdefault(name, str(value))
    form = ActionForm(data, units=units_of(assessment.agency))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(
                    request, _("Action for indicator %(code)s: %(error)s") % {"code": action.code, "error": error}
                )
        return redirect("evaluation:actions", pk=pk)
    cleaned = form.cleaned_data
    try:
        action_update(
            actor=user_of(request),
            action=action,
            unit=cleaned["unit"],
            due_date=cleaned["due_date"],
            status=cleaned["status"],
            note=cleaned["note"],
        )
    except WorkflowError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Action for indicator %(code)s saved.") % {"code": action.code})
    return redirect("evaluation:actions", pk=pk)
