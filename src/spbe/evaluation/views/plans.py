"""The improvement planner page, adopting a plan, and tracking its actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spbe.core.parsing import whole_number
from spbe.evaluation import rules
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Action, ActionStatus
from spbe.evaluation.selectors import actions_of, answers_for_totals, answers_visible_to, current_plan
from spbe.evaluation.services.plans import (
    action_plan_adopt,
    action_update,
    levels_digest,
    plan_compute,
    planning_levels,
)
from spbe.evaluation.views._common import load_assessment, report, user_of
from spbe.organizations.models import Unit
from spbe.organizations.selectors import units_of
from spbe.scoring import Framework, score
from spbe.scoring.numbers import parse_decimal_text
from spbe.scoring.planner import MAX_STEP_COST, Limits, default_step_cost


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
@require_GET
def planner(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk, whole=True)
    framework = assessment_framework(assessment)
    lang = get_language() or "id"
    answers = list(answers_for_totals(assessment))
    context: dict[str, Any] = {"assessment": assessment, "access": access, "framework": framework}
    try:
        levels, basis = planning_levels(answers)
    except WorkflowError as exc:
        context["blocked"] = exc.messages
        return render(request, "evaluation/planner.html", context)
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
            result, basis = plan_compute(assessment=assessment, answers=answers, target=target, limits=limits)
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
                "cap": limit.max_level,
                "caps": list(range(int(current), framework.values.maximum + 1)),
                "costs": [
                    (level, limit.step_costs.get(level, ""), default_step_cost(level))
                    for level in range(int(current) + 1, framework.values.maximum + 1)
                ],
            }
        )
    names = {i.code: i.label(lang) for i in framework.indicators}
    context.update(
        {
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
            "current": current_plan(assessment),
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
    try:
        levels, _basis = planning_levels(list(answers_for_totals(assessment)))
        target = parse_decimal_text(data.get("target", ""), decimal_comma=True)
        if target is None:
            raise WorkflowError(_("Enter the target index as a number, e.g. 3,50."))
        limits, problems = _limits(framework, levels, data)
        if problems:
            raise WorkflowError(*problems)
        action_plan_adopt(
            actor=user_of(request),
            assessment=assessment,
            target=target,
            target_year=_target_year(data.get("target_year"), assessment.year),
            limits=limits,
            expected_levels=data.get("levels_digest") or None,
        )
    except WorkflowError as exc:
        report(request, exc)
        return redirect(f"/assessments/{pk}/plan/?{data.get('query', '')}")
    messages.success(request, _("The action plan has been adopted; assign each action to a unit and a due date."))
    return redirect("evaluation:actions", pk=pk)


@login_required
@require_GET
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
    data = request.POST
    unit_text = data.get("unit", "")
    unit_id = whole_number(unit_text, minimum=1, maximum=2**62)
    unit = Unit.objects.filter(pk=unit_id, agency=assessment.agency).first() if unit_id else None
    if unit_text and unit is None:
        messages.error(request, _("Choose a unit of this agency."))
        return redirect("evaluation:actions", pk=pk)
    due_text = data.get("due_date", "")
    try:
        due_date = parse_date(due_text) if due_text else None
    except ValueError:
        due_date = None
    if due_text and due_date is None:
        messages.error(request, _("Enter the due date as a date."))
        return redirect("evaluation:actions", pk=pk)
    try:
        action_update(
            actor=user_of(request),
            action=action,
            unit=unit if "unit" in data else action.unit,
            due_date=due_date if "due_date" in data else action.due_date,
            status=data.get("status", action.status),
            note=data.get("note", action.note),
        )
    except WorkflowError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Action for indicator %(code)s saved.") % {"code": action.code})
    return redirect("evaluation:actions", pk=pk)
