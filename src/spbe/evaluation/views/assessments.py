"""Assessment pages: the list, starting one, the dashboard, state changes, review and history."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from spbe.evaluation import rules
from spbe.evaluation.carry_over import carry_over_plan
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.evidence_policy import blocks as evidence_blocks
from spbe.evaluation.evidence_policy import without_evidence
from spbe.evaluation.figures import assessment_figures
from spbe.evaluation.forms import CreateAssessmentForm
from spbe.evaluation.forms_history import HistoryFilterForm
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Action, ActionPlan, ActionStatus
from spbe.evaluation.pemdi_estimate import pemdi_estimate_for
from spbe.evaluation.plan_progress import plan_progress
from spbe.evaluation.plan_start import starting_levels
from spbe.evaluation.presenters import result_view
from spbe.evaluation.presenters_workflow import history_rows, review_rows
from spbe.evaluation.selectors import (
    actions_aimed_at,
    actions_of,
    answers_for_totals,
    answers_visible_to,
    assessments_visible_to,
    current_plan,
    history_filtered,
    history_people,
    progress_of,
)
from spbe.evaluation.services import assessments as assessment_services
from spbe.evaluation.views.lookups import load_assessment, report, user_of
from spbe.organizations.access import Access, access_for
from spbe.organizations.models import Agency
from spbe.organizations.selectors import agencies_visible_to
from spbe.scoring import SpbeInputError, all_frameworks, current_year, framework_for_year, get_framework

TRANSITIONS = {
    "submit": assessment_services.assessment_submit,
    "withdraw": assessment_services.assessment_withdraw,
    "start_review": assessment_services.assessment_start_review,
    "finalize": assessment_services.assessment_finalize,
}


@login_required
@require_safe
def assessment_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    assessments = assessments_visible_to(user).order_by("agency__name", "-year")
    agencies = list(agencies_visible_to(user))
    grouped = [(agency, list(items)) for agency, items in groupby(assessments, key=lambda a: a.agency)]
    can_create = [a for a in agencies if rules.START_ASSESSMENT.role_allows(access_for(user, a))]
    return render(request, "evaluation/assessment_list.html", {"grouped": grouped, "can_create": can_create})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Start an assessment; the page first shows what will be carried over from the latest one."""
    user = user_of(request)
    agency = get_object_or_404(agencies_visible_to(user), slug=slug)
    if not rules.START_ASSESSMENT.role_allows(access_for(user, agency)):
        raise Http404
    lang = get_language() or "id"
    choices = [(f.id, f"{f.label(lang)} ({f.years_label})") for f in all_frameworks()]
    latest = agency.assessments.order_by("-year").values_list("year", flat=True).first()
    initial = {"year": latest + 1 if latest else current_year()}
    form = CreateAssessmentForm(request.POST or None, frameworks=choices, initial=initial)
    year, framework_id = initial["year"], ""
    if request.method == "POST" and form.is_valid():
        year, framework_id = form.cleaned_data["year"], form.cleaned_data["framework"]
        if "preview" not in request.POST:
            try:
                assessment = assessment_services.assessment_create(
                    actor=user,
                    agency=agency,
                    year=year,
                    framework_id=framework_id or None,
                    carry_texts=form.cleaned_data["carry_texts"],
                )
            except WorkflowError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The %(year)s assessment has been started.") % {"year": assessment.year})
                return redirect("evaluation:dashboard", pk=assessment.pk)
    return render(
        request,
        "evaluation/assessment_create.html",
        {"agency": agency, "form": form, **_carry_preview(agency, year, framework_id, lang)},
    )


def _carry_preview(agency: Agency, year: int, framework_id: str, lang: str) -> dict[str, object]:
    """What starting ``year`` would carry over, for the start page (nothing when the year has no framework)."""
    try:
        framework = get_framework(framework_id) if framework_id else framework_for_year(year)
    except SpbeInputError:
        return {}
    plan = carry_over_plan(agency, year, framework)
    source = plan.source if plan else None
    return {
        "preview_year": year,
        "preview_framework": framework.label(lang),
        "plan": plan,
        "source_framework": get_framework(source.framework_id).label(lang) if source else "",
        "pemdi_estimate": pemdi_estimate_for(source) if source and plan and plan.crosswalk else None,
        "estimate_assessment": source,
    }


@login_required
@require_safe
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    lang = get_language() or "id"
    framework = assessment_framework(assessment)
    # The agency's index and progress are visible to every role; the indicators themselves are scoped.
    everything = list(answers_for_totals(assessment))
    figures = assessment_figures(framework, everything, state=assessment.state)
    self_result, verified_result = figures.self_index.result, figures.verified_index.result
    mine = [a for a in everything if access.operates_for({u.pk for u in a.units.all()})]
    missing_evidence = without_evidence(everything)
    plan = current_plan(assessment)
    plan_actions = list(actions_of(plan)) if plan else []
    proposals = actions_aimed_at(assessment)
    year_plan = _plan_for_year(proposals)
    names = {i.code: i.label(lang) for i in framework.indicators}
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "assessment": assessment,
            "framework": framework,
            "access": access,
            "figures": figures,
            "self_view": result_view(self_result, lang) if self_result else None,
            "verified_view": result_view(verified_result, lang) if verified_result else None,
            "progress": progress_of(everything),
            "mine": mine,
            "actions": _actions(assessment.state, access, missing_evidence),
            "missing_evidence": missing_evidence,
            "evidence_blocks": evidence_blocks(),
            "plan": plan,
            "plan_progress": _plan_progress(plan_actions),
            "proposals": proposals,
            "year_plan": (
                plan_progress(year_plan, starting_levels(assessment, everything), names, list(proposals.values()))
                if year_plan
                else None
            ),
        },
    )


def _plan_for_year(proposals: dict[str, Action]) -> ActionPlan | None:
    """The latest plan adopted on an earlier assessment for this year, from the actions aimed at it."""
    plans = [action.plan for action in proposals.values() if action.plan.assessment.year < action.plan.target_year]
    return max(plans, key=lambda plan: plan.adopted_at, default=None)


def _plan_progress(actions: list[Action]) -> dict[str, int]:
    done = sum(1 for a in actions if a.status == ActionStatus.DONE)
    total = sum(1 for a in actions if a.status != ActionStatus.CANCELLED)
    return {
        "total": total,
        "done": done,
        "in_progress": sum(1 for a in actions if a.status == ActionStatus.IN_PROGRESS),
        "percent": round(100 * done / total) if total else 0,
    }


def _actions(state: str, access: Access, missing_evidence: list[str]) -> list[tuple[str, str, str]]:
    """(action, label, confirmation) the user may take now; the submit summary names indicators without evidence."""
    submit = _("Submit? Answers can no longer change afterwards.")
    if missing_evidence:
        listed = {"n": len(missing_evidence), "codes": ", ".join(missing_evidence)}
        submit += (
            " "
            + ngettext(
                "%(n)d indicator has no evidence: %(codes)s.",
                "%(n)d indicators have no evidence: %(codes)s.",
                len(missing_evidence),
            )
            % listed
        )
    labels = {
        "submit": (_("Submit to the ministry"), submit),
        "withdraw": (_("Withdraw the submission"), _("Withdraw and return to draft?")),
        "start_review": (_("Start the external review"), ""),
        "finalize": (_("Finalise the result"), _("Finalise? The result can no longer change.")),
    }
    return [(name, *labels[name]) for name in rules.transitions_open(access, state)]


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    service = TRANSITIONS.get(action)
    if service is None or not rules.TRANSITIONS[action].role_allows(access):
        raise Http404
    try:
        if action == "submit":
            confirmed = request.POST.get("evidence_confirmed") == "on"
            assessment = assessment_services.assessment_submit(
                actor=user_of(request), assessment=assessment, evidence_confirmed=confirmed
            )
        else:
            assessment = service(actor=user_of(request), assessment=assessment)
    except WorkflowError as exc:
        report(request, exc)
    else:
        messages.success(
            request, _("The assessment is now %(state)s.") % {"state": assessment.get_state_display().lower()}
        )
    return redirect("evaluation:dashboard", pk=pk)


@login_required
@require_safe
def review_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """Self-assessed against verified levels, side by side, for assessors and the coordinator."""
    assessment, access = load_assessment(request, pk, whole=True)
    framework = assessment_framework(assessment)
    answers = list(answers_visible_to(access, assessment))
    return render(
        request,
        "evaluation/review_screen.html",
        {
            "assessment": assessment,
            "access": access,
            "rows": review_rows(framework, answers, get_language() or "id"),
            # the figures are about the whole agency, like the dashboard's, whatever rows this person sees
            "figures": assessment_figures(
                framework,
                answers if access.sees_every_indicator else answers_for_totals(assessment),
                state=assessment.state,
            ),
        },
    )


HISTORY_PAGE = 100  # events per page of the history


@login_required
@require_safe
def history(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk, whole=True)
    form = HistoryFilterForm(request.GET, people=history_people(assessment))
    found = {}
    if form.is_valid():
        data = form.cleaned_data
        found = {k: data[k] for k in ("indicator", "action", "since", "until")}
        found["actor_id"] = int(data["person"]) if data["person"] else None
    page = Paginator(history_filtered(assessment, **found), HISTORY_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "evaluation/history.html",
        {
            "assessment": assessment,
            "access": access,
            "rows": history_rows(list(page.object_list)),
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
