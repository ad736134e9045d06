"""Indicator pages: the filterable list and the detail page with its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from spbe.core.parsing import whole_number
from spbe.evaluation import rules
from spbe.evaluation.carry_over import last_year_levels
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.evidence_policy import blocks as evidence_blocks
from spbe.evaluation.evidence_policy import without_evidence
from spbe.evaluation.forms import (
    AnswerForm,
    AssignForm,
    AttachForm,
    EvidenceUploadForm,
    ReviewForm,
    StageForm,
)
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.indicator_filters import matches, search_text
from spbe.evaluation.models import Answer, Assessment, ReviewStatus, Stage
from spbe.evaluation.presenters_indicators import indicator_page, indicator_rows
from spbe.evaluation.selectors import actions_aimed_at, answers_visible_to, evidence_attachable_by
from spbe.evaluation.services import answers as answer_services
from spbe.evaluation.services import carry_over as carry_services
from spbe.evaluation.services import evidence as evidence_services
from spbe.evaluation.views.lookups import load_answer, load_assessment, report, user_of
from spbe.organizations.access import Access
from spbe.organizations.models import User
from spbe.organizations.selectors import units_of

STATUS_FILTERS = {
    "unanswered": lambda a: a.self_level is None,
    "answered": lambda a: a.self_level is not None,
    "no_evidence": lambda a: not a.evidence.all(),
    "revision": lambda a: a.review_status == ReviewStatus.REVISION,
    "approved": lambda a: a.review_status == ReviewStatus.APPROVED,
    "unverified": lambda a: a.verified_level is None,
    "verified": lambda a: a.verified_level is not None,
    "from_last_year": lambda a: a.from_last_year,
}


def _filter_code(text: str | None) -> str:
    """A domain or aspect code from the query string; anything else (a NUL, a long text) filters nothing."""
    return text if text and len(text) <= 10 and text.isascii() and text.isprintable() else ""


@login_required
@require_safe
def indicator_list(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    framework = assessment_framework(assessment)
    queryset = answers_visible_to(access, assessment)
    domain = _filter_code(request.GET.get("domain"))
    aspect = _filter_code(request.GET.get("aspect"))
    unit = request.GET.get("unit", "")
    status = request.GET.get("status", "")
    q = search_text(request.GET.get("q"))
    if domain:
        queryset = queryset.filter(domain_code=domain)
    if aspect:
        queryset = queryset.filter(aspect_code=aspect)
    unit_id = whole_number(unit, minimum=1, maximum=2**62)
    if unit_id:
        queryset = queryset.filter(units__id=unit_id)
    answers = list(queryset)
    if status in STATUS_FILTERS:
        answers = [a for a in answers if STATUS_FILTERS[status](a)]
    answers = [a for a in answers if matches(framework, a, q)]
    lang = get_language() or "id"
    return render(
        request,
        "evaluation/indicator_list.html",
        {
            "assessment": assessment,
            "access": access,
            "framework": framework,
            "rows": indicator_rows(framework, answers, lang),
            "units": units_of(assessment.agency),
            "filters": {"domain": domain, "aspect": aspect, "unit": unit, "status": status, "q": q},
            "statuses": [
                ("unanswered", _("Not answered")),
                ("answered", _("Answered")),
                ("no_evidence", _("Without evidence")),
                ("revision", _("Revision requested")),
                ("approved", _("Approved internally")),
                ("unverified", _("Not verified")),
                ("verified", _("Verified")),
                ("from_last_year", _("From last year, to confirm")),
            ],
        },
    )


@login_required
@require_safe
def indicator_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment, access, answer = load_answer(request, pk, code)
    return _render_detail(request, assessment, access, answer)


def _render_detail(request, assessment, access, answer, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    framework = assessment_framework(assessment)
    lang = get_language() or "id"
    visible = list(answers_visible_to(access, assessment).values_list("code", flat=True))
    position = visible.index(answer.code)
    page = indicator_page(framework, answer, lang)
    unit_ids = {u.pk for u in answer.units.all()}
    state = assessment.state
    other_evidence = evidence_attachable_by(access, assessment).exclude(answers=answer)
    context = {
        "assessment": assessment,
        "framework": framework,
        "answer": answer,
        "page": page,
        "access": access,
        "can_answer": rules.ANSWER.allows(access, state, unit_ids),
        "can_assign": rules.ASSIGN.allows(access, state),
        "can_review": rules.REVIEW.allows(access, state),
        "can_verify": rules.VERIFY.allows(access, state),
        "answer_form": forms.get("answer_form")
        or AnswerForm(
            initial={
                "level": page.level_text,
                "external_pending": answer.external_pending,
                "justification": answer.justification,
                "version": answer.version,
            }
        ),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            units=units_of(assessment.agency),
            initial={"units": list(unit_ids), "due_date": answer.due_date},
        ),
        "review_form": forms.get("review_form") or ReviewForm(initial={"note": answer.review_note}),
        "evidence_missing": bool(without_evidence([answer])),
        "evidence_blocks": evidence_blocks(),
        "evidence_form": forms.get("evidence_form") or EvidenceUploadForm(),
        "other_evidence": other_evidence,
        "stage_rows": page.stages,
        "proposal": actions_aimed_at(assessment).get(answer.code),
        "last_year": last_year_levels(assessment).get(answer.code),
        "previous_code": visible[position - 1] if position > 0 else None,
        "next_code": visible[position + 1] if position + 1 < len(visible) else None,
    }
    _say_why_hidden(request, context, forms)
    return render(request, "evaluation/indicator_detail.html", context)


# Which permission flag of the page shows each form: a refused form that the page does not show
# (the assessment became final meanwhile, say) must still tell why nothing was saved.
SHOWN_BY = {"answer_form": "can_answer", "evidence_form": "can_answer", "assign_form": "can_assign"}
SHOWN_BY["review_form"] = "can_review"


def _say_why_hidden(request: HttpRequest, context: dict[str, Any], bound: dict[str, Any]) -> None:
    for key, form in bound.items():
        if form is not None and not context.get(SHOWN_BY.get(key, ""), False):
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))


def _load_for(request: HttpRequest, pk: int, code: str, rule: rules.Rule) -> tuple[Assessment, Access, Answer]:
    """The indicator, for a write: a role that may never do this gets 404 before anything is parsed."""
    assessment, access, answer = load_answer(request, pk, code)
    if not rule.role_allows(access, {u.pk for u in answer.units.all()}):
        raise Http404
    return assessment, access, answer


def _takes_external(assessment: Assessment, answer: Answer) -> bool:
    indicator = assessment_framework(assessment).indicator(answer.code)
    return bool(indicator and indicator.external)


def _back(pk: int, code: str, anchor: str = "") -> HttpResponse:
    return redirect(reverse("evaluation:indicator", kwargs={"pk": pk, "code": code}) + anchor)


FormSave = Callable[[User, Assessment, Answer, dict[str, Any]], object]


def _save_with_form(
    request: HttpRequest,
    pk: int,
    code: str,
    *,
    rule: rules.Rule,
    form_key: str,
    make_form: Callable[[Assessment], forms.Form],
    save: FormSave,
    success: str,
    anchor: str = "",
) -> HttpResponse:
    """The shape of every form on the indicator page: check the role, parse, call the service,
    redirect or show why not."""
    assessment, access, answer = _load_for(request, pk, code, rule)
    form = make_form(assessment)
    if form.is_valid():
        try:
            save(user_of(request), assessment, answer, form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success % {"code": code})
            return _back(pk, code, anchor)
    return _render_detail(request, assessment, access, answer, **{form_key: form})


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return _save_with_form(
        request,
        pk,
        code,
        rule=rules.ANSWER,
        form_key="answer_form",
        make_form=lambda assessment: AnswerForm(request.POST),
        save=lambda user, assessment, answer, data: answer_services.answer_update(
            actor=user,
            answer=answer,
            level=data["level"],
            justification=data["justification"],
            expected_version=data["version"],
            external_pending=data["external_pending"] if _takes_external(assessment, answer) else None,
        ),
        success=_("Indicator %(code)s saved."),
    )


@login_required
@require_POST
def answer_confirm(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The operator keeps last year's justification and evidence as this year's (a command)."""
    _assessment, _access, answer = _load_for(request, pk, code, rules.ANSWER)
    try:
        carry_services.answer_confirm_carried(actor=user_of(request), answer=answer)
    except WorkflowError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Indicator %(code)s: last year's answer confirmed.") % {"code": code})
    return _back(pk, code, "#answer")


@login_required
@require_POST
def assign_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return _save_with_form(
        request,
        pk,
        code,
        rule=rules.ASSIGN,
        form_key="assign_form",
        make_form=lambda assessment: AssignForm(request.POST, units=units_of(assessment.agency)),
        save=lambda user, assessment, answer, data: answer_services.answer_assign(
            actor=user, answer=answer, units=list(data["units"]), due_date=data["due_date"]
        ),
        success=_("Assignment of indicator %(code)s saved."),
    )


@login_required
@require_POST
def review_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return _save_with_form(
        request,
        pk,
        code,
        rule=rules.REVIEW,
        form_key="review_form",
        make_form=lambda assessment: ReviewForm(request.POST),
        save=lambda user, assessment, answer, data: answer_services.answer_review(
            actor=user,
            answer=answer,
            status=data["status"],
            note=data["note"],
            evidence_confirmed=data["evidence_confirmed"],
        ),
        success=_("Review of indicator %(code)s saved."),
    )


@login_required
@require_POST
def stage_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    _assessment, _access, answer = _load_for(request, pk, code, rules.VERIFY)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            answer_services.stage_review_record(
                actor=user_of(request),
                answer=answer,
                stage=form.cleaned_data["stage"],
                level=form.cleaned_data["level"],
                notes=form.cleaned_data["notes"],
            )
        except WorkflowError as exc:
            report(request, exc)
        else:
            label = Stage(form.cleaned_data["stage"]).label
            messages.success(request, _("%(stage)s of indicator %(code)s saved.") % {"stage": label, "code": code})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return _back(pk, code, "#verification")


def _add_evidence(user: User, assessment: Assessment, answer: Answer, data: dict[str, Any]) -> object:
    upload = data.get("file")
    if upload:
        return evidence_services.evidence_upload(
            actor=user,
            assessment=assessment,
            answers=[answer],
            name=upload.name or "",
            stream=upload,
            title=data["title"],
        )
    return evidence_services.evidence_add_link(
        actor=user, assessment=assessment, answers=[answer], url=data["url"], title=data["title"]
    )


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return _save_with_form(
        request,
        pk,
        code,
        rule=rules.ANSWER,
        form_key="evidence_form",
        make_form=lambda assessment: EvidenceUploadForm(request.POST, request.FILES),
        save=_add_evidence,
        success=_("Evidence added to indicator %(code)s."),
        anchor="#evidence",
    )


@login_required
@require_POST
def evidence_link(request: HttpRequest, pk: int, code: str, action: str) -> HttpResponse:
    assessment, access, answer = _load_for(request, pk, code, rules.ANSWER)
    form = AttachForm(request.POST)
    if not form.is_valid() or action not in {"attach", "detach"}:
        raise Http404
    evidence = evidence_attachable_by(access, assessment).filter(pk=form.cleaned_data["evidence"]).first()
    if evidence is None:
        raise Http404
    service = evidence_services.evidence_attach if action == "attach" else evidence_services.evidence_detach
    try:
        service(actor=user_of(request), evidence=evidence, answer=answer)
    except WorkflowError as exc:
        report(request, exc)
    return _back(pk, code, "#evidence")
