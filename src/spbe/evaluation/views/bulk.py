"""Bulk pages: assign many indicators to units, review a filtered selection, record a stage on one grid.

Each page shows the indicators of a filter (the query string) and one form; its POST calls one bulk
service (``services.bulk``): one transaction, one audit event per changed indicator, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spbe.evaluation import rules
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.evidence_policy import blocks as evidence_blocks
from spbe.evaluation.forms_bulk import BulkAssignForm, BulkReviewForm, StageGridForm
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.indicator_filters import STATUS_LABELS, Filters
from spbe.evaluation.models import Answer, Assessment, Stage, level_text
from spbe.evaluation.presenters_indicators import indicator_rows
from spbe.evaluation.selectors import answers_visible_to
from spbe.evaluation.services import bulk
from spbe.evaluation.views.lookups import load_assessment, report, user_of
from spbe.organizations.access import Access
from spbe.organizations.selectors import units_of

CLOSED = {
    "assign": lambda: _("The assessment is final; assignments can no longer change."),
    "review": lambda: _("The internal review is open while the assessment is a draft."),
    "stage": lambda: _("Verification is recorded while the assessment is under external review."),
}


def _load(request: HttpRequest, pk: int, rule: rules.Rule) -> tuple[Assessment, Access]:
    assessment, access = load_assessment(request, pk)
    if not rule.role_allows(access):
        raise Http404
    return assessment, access


def _changed(request: HttpRequest, count: int, selected: int | None = None) -> None:
    """Say how many indicators changed; when fewer than were selected, say the rest already were so."""
    if count and selected is not None and count < selected:
        text = ngettext(
            "%(n)s of %(selected)s selected indicators saved; the others already were so.",
            "%(n)s of %(selected)s selected indicators saved; the others already were so.",
            count,
        ) % {"n": count, "selected": selected}
        messages.success(request, text)
    elif count:
        text = ngettext("%(n)s indicator saved.", "%(n)s indicators saved.", count) % {"n": count}
        messages.success(request, text)
    else:
        messages.info(request, _("Nothing changed."))


def _refused(request: HttpRequest, error: WorkflowError) -> None:
    if isinstance(error, bulk.BatchRefused):
        messages.error(request, _("Nothing was saved: fix or leave out each indicator named below, then save again."))
    report(request, error)


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _context(request: HttpRequest, assessment: Assessment, access: Access, status: str = "") -> dict[str, Any]:
    framework = assessment_framework(assessment)
    filters = Filters.read(request.GET, status=status)
    answers = filters.apply(framework, answers_visible_to(access, assessment))
    return {
        "assessment": assessment,
        "access": access,
        "framework": framework,
        "filters": filters,
        "statuses": STATUS_LABELS,
        "units": units_of(assessment.agency),
        "rows": indicator_rows(framework, answers, get_language() or "id"),
        "here": request.get_full_path(),
    }


def _all_codes(access: Access, assessment: Assessment) -> list[str]:
    return list(answers_visible_to(access, assessment).values_list("code", flat=True))


def _run_batch(request: HttpRequest, form: forms.Form, save: Callable[[dict[str, Any]], int]) -> HttpResponse | None:
    """The POST of a selection page: every refusal is told; a saved batch goes back to the same filter."""
    if not form.is_valid():
        _form_errors(request, form)
    elif not form.cleaned_data["codes"]:
        messages.info(request, _("Select at least one indicator."))
    else:
        try:
            count = save(form.cleaned_data)
        except WorkflowError as exc:
            _refused(request, exc)
        else:
            _changed(request, count, len(form.cleaned_data["codes"]))
            return redirect(request.get_full_path())
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def bulk_assign(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = _load(request, pk, rules.ASSIGN)
    units = units_of(assessment.agency)
    form = BulkAssignForm(
        request.POST if request.method == "POST" else None, codes=_all_codes(access, assessment), units=units
    )
    open_now = rules.ASSIGN.allows(access, assessment.state)
    if request.method == "POST":
        if not open_now:
            messages.error(request, CLOSED["assign"]())
        elif done := _run_batch(
            request,
            form,
            lambda data: bulk.bulk_assign(
                actor=user_of(request),
                assessment=assessment,
                codes=data["codes"],
                units=list(data["units"]),
                due_date=data["due_date"],
                mode=data["mode"],
            ),
        ):
            return done
    context = _context(request, assessment, access)
    context.update(form=form, picked=form["codes"].value() or [], open_now=open_now, closed=CLOSED["assign"]())
    return render(request, "evaluation/bulk/assign.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def bulk_review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = _load(request, pk, rules.REVIEW)
    form = BulkReviewForm(request.POST if request.method == "POST" else None, codes=_all_codes(access, assessment))
    open_now = rules.REVIEW.allows(access, assessment.state)
    if request.method == "POST":
        if not open_now:
            messages.error(request, CLOSED["review"]())
        elif done := _run_batch(
            request,
            form,
            lambda data: bulk.bulk_review(
                actor=user_of(request),
                assessment=assessment,
                codes=data["codes"],
                status=data["status"],
                note=data["note"],
                evidence_confirmed=data["evidence_confirmed"],
            ),
        ):
            return done
    context = _context(request, assessment, access, status="waiting")
    context.update(form=form, picked=form["codes"].value() or [], open_now=open_now, closed=CLOSED["review"]())
    context["evidence_blocks"] = evidence_blocks()
    return render(request, "evaluation/bulk/review.html", context)


def _stage_initial(answers: list[Answer], stage: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"stage": stage}
    for answer in answers:
        review = next((r for r in answer.stage_reviews.all() if r.stage == stage), None)
        if review is not None:
            initial[f"level_{answer.code}"] = (level_text(review.level) or "").replace(".", ",")
            initial[f"notes_{answer.code}"] = review.notes
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def stage_grid(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = _load(request, pk, rules.VERIFY)
    stage = request.GET.get("stage", Stage.DOCUMENT)
    if stage not in Stage.values:
        stage = Stage.DOCUMENT
    context = _context(request, assessment, access)
    answers = [row.answer for row in context["rows"]]
    codes = [a.code for a in answers]
    form = StageGridForm(
        request.POST if request.method == "POST" else None, codes=codes, initial=_stage_initial(answers, stage)
    )
    open_now = rules.VERIFY.allows(access, assessment.state)
    if request.method == "POST":
        if not open_now:
            messages.error(request, CLOSED["stage"]())
        elif not form.is_valid():
            for name, errors in form.errors.items():
                code = name.partition("_")[2]
                for error in errors:
                    messages.error(request, _("Indicator %(code)s: %(reason)s") % {"code": code, "reason": error})
        else:
            try:
                count = bulk.bulk_stage_record(
                    actor=user_of(request), assessment=assessment, stage=form.cleaned_data["stage"], rows=form.rows()
                )
            except WorkflowError as exc:
                _refused(request, exc)
            else:
                _changed(request, count)
                return redirect(request.get_full_path())
    by_code = {row.answer.code: row for row in context["rows"]}
    context.update(
        form=form,
        grid=[(code, by_code[code], level, notes) for code, level, notes in form.bound_rows()],
        stage=stage,
        stages=Stage.choices,
        open_now=open_now,
        closed=CLOSED["stage"](),
    )
    return render(request, "evaluation/bulk/stage.html", context)
