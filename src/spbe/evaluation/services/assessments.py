"""Creating an assessment and moving it through its states.

draft -> submitted (coordinator; every indicator answered and approved internally)
submitted -> draft (coordinator withdraws before external review starts)
submitted -> under_review (external assessor)
under_review -> final (external assessor; every indicator has a verified level)
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.evaluation import rules
from spbe.evaluation.carry_over import carry_over_plan
from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.evidence_policy import blocks, check_evidence, without_evidence
from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus
from spbe.evaluation.services._common import lock_assessment, record, require_access
from spbe.evaluation.services.carry_over import carry_over_apply
from spbe.evaluation.services.notify import state_notice
from spbe.organizations.access import access_for
from spbe.organizations.models import Agency, User
from spbe.scoring import SpbeInputError, framework_for_year, framework_snapshot, get_framework
from spbe.scoring.model import Framework


@transaction.atomic
def assessment_create(
    *, actor: User, agency: Agency, year: int, framework_id: str | None = None, carry_texts: bool = False
) -> Assessment:
    """Open a draft with one answer per indicator and the framework frozen into it.

    The unit assignments of the agency's latest earlier assessment are carried over, and with
    ``carry_texts`` its justifications and evidence too, as drafts waiting for confirmation
    (``services.carry_over``).
    """
    if not rules.START_ASSESSMENT.role_allows(access_for(actor, agency)):
        raise NotAllowed(_("Only the SPBE coordinator can start an assessment."))
    try:
        framework: Framework = get_framework(framework_id) if framework_id else framework_for_year(year)
    except SpbeInputError as exc:
        raise WorkflowError(exc.message(_lang())) from None
    if not framework.applies_to(year):
        raise WorkflowError(
            _("%(framework)s is used for the years %(years)s, not %(year)s.")
            % {"framework": framework.label(_lang()), "years": framework.years_label, "year": year}
        )
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                agency=agency,
                year=year,
                framework_id=framework.id,
                framework_snapshot=framework_snapshot(framework.id),
                created_by=actor,
            )
    except IntegrityError:
        raise WorkflowError(
            _("%(agency)s already has a %(year)s assessment under %(framework)s.")
            % {"agency": agency, "year": year, "framework": framework.label(_lang())}
        ) from None
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            code=indicator.code,
            position=position,
            aspect_code=indicator.aspect_code,
            domain_code=_domain_of(framework, indicator.aspect_code),
        )
        for position, indicator in enumerate(framework.indicators, start=1)
    )
    record(actor, assessment, "assessment.created", after={"year": year, "framework": framework.id})
    plan = carry_over_plan(agency, year, framework)
    if plan is not None:
        carry_over_apply(actor=actor, assessment=assessment, plan=plan, texts=carry_texts)
    return assessment


def _domain_of(framework: Framework, aspect_code: str) -> str:
    aspect = next(a for a in framework.aspects if a.code == aspect_code)
    return aspect.domain_code or ""


def _lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "id"


@transaction.atomic
def assessment_submit(*, actor: User, assessment: Assessment, evidence_confirmed: bool = True) -> Assessment:
    """Submit to the ministry; indicators without evidence follow the evidence policy (see ``answer_review``)."""
    assessment = _begin(
        actor,
        assessment,
        rule=rules.SUBMIT,
        refusal=_("Only the SPBE coordinator can submit the assessment."),
    )
    answers = list(assessment.answers.order_by("position").prefetch_related("evidence"))
    unanswered = [a.code for a in answers if a.self_level is None]
    unconfirmed = [a.code for a in answers if rules.needs_confirmation(a)]
    unjustified = [a.code for a in answers if a.self_level is not None and not a.justification.strip()]
    unapproved = [a.code for a in answers if a.review_status != ReviewStatus.APPROVED]
    problems = []
    if unanswered:
        problems.append(_("indicators without a level: %(codes)s") % {"codes": ", ".join(unanswered)})
    if unconfirmed:
        problems.append(
            _("indicators still holding last year's answer, not yet confirmed: %(codes)s")
            % {"codes": ", ".join(unconfirmed)}
        )
    if unjustified:
        problems.append(_("indicators without a justification: %(codes)s") % {"codes": ", ".join(unjustified)})
    if unapproved:
        problems.append(
            _("indicators not yet approved by the internal assessors: %(codes)s") % {"codes": ", ".join(unapproved)}
        )
    missing = without_evidence(answers)
    if missing and blocks():
        problems.append(_("indicators without evidence: %(codes)s") % {"codes": ", ".join(missing)})
    if problems:
        raise WorkflowError(*problems)
    let_through = check_evidence(missing, confirmed=evidence_confirmed, submitting=True)
    return _move(actor, assessment, AssessmentState.SUBMITTED, without_evidence=let_through)


@transaction.atomic
def assessment_withdraw(*, actor: User, assessment: Assessment) -> Assessment:
    assessment = _begin(
        actor,
        assessment,
        rule=rules.WITHDRAW,
        refusal=_("Only the SPBE coordinator can withdraw the submission."),
    )
    return _move(actor, assessment, AssessmentState.DRAFT)


@transaction.atomic
def assessment_start_review(*, actor: User, assessment: Assessment) -> Assessment:
    assessment = _begin(
        actor,
        assessment,
        rule=rules.START_REVIEW,
        refusal=_("Only an external assessor assigned to this agency can start the review."),
    )
    return _move(actor, assessment, AssessmentState.UNDER_REVIEW)


@transaction.atomic
def assessment_finalize(*, actor: User, assessment: Assessment) -> Assessment:
    assessment = _begin(
        actor,
        assessment,
        rule=rules.FINALIZE,
        refusal=_("Only an external assessor assigned to this agency can finalise the result."),
    )
    unverified = list(
        assessment.answers.filter(verified_level__isnull=True).order_by("position").values_list("code", flat=True)
    )
    if unverified:
        raise WorkflowError(_("indicators without a verified level: %(codes)s") % {"codes": ", ".join(unverified)})
    return _move(actor, assessment, AssessmentState.FINAL)


def _begin(actor: User, assessment: Assessment, *, rule: rules.Rule, refusal: str) -> Assessment:
    """Lock the assessment, then check the step's rule: the actor's role, then the state it starts from."""
    assessment = lock_assessment(assessment)
    rule.enforce(
        require_access(actor, assessment),
        assessment.state,
        role=refusal,
        when=_("This cannot be done while the assessment is %(state)s.")
        % {"state": assessment.get_state_display().lower()},
    )
    return assessment


def _move(actor: User, assessment: Assessment, state: str, without_evidence: list[str] | None = None) -> Assessment:
    before = assessment.state
    assessment.state = state
    now = timezone.now()
    if state == AssessmentState.SUBMITTED:
        assessment.submitted_at = now
    if state == AssessmentState.DRAFT:
        assessment.submitted_at = None
    if state == AssessmentState.FINAL:
        assessment.finalized_at = now
    assessment.save(update_fields=["state", "submitted_at", "finalized_at"])
    after: dict[str, object] = {"state": state}
    if without_evidence:
        after["without_evidence"] = without_evidence  # submitted although these had no evidence
    record(actor, assessment, "assessment.state", before={"state": before}, after=after)
    state_notice(actor=actor, assessment=assessment)
    return assessment


@transaction.atomic
def assessment_delete(*, actor: User, assessment: Assessment) -> None:
    """Delete an assessment that is not final, with its answers, reviews and evidence.

    Only someone granted the deletion (the admin's permission) may; the audit trail keeps what
    was removed, and the evidence files go once the deletion commits (``evaluation.deletion``).
    """
    from spbe.evaluation.deletion import final_assessment_message

    if not actor.has_perm("evaluation.delete_assessment"):
        raise NotAllowed(_("You may not delete assessments."))
    assessment = lock_assessment(assessment)
    if assessment.state == AssessmentState.FINAL:
        raise WorkflowError(final_assessment_message(assessment))
    before = {
        "year": assessment.year,
        "framework": assessment.framework_id,
        "state": assessment.state,
        "answers": assessment.answers.exclude(self_level=None).count(),
        "evidence": sorted(assessment.evidence.values_list("title", flat=True)),
    }
    record(actor, assessment, "assessment.deleted", before=before)
    assessment.delete()
