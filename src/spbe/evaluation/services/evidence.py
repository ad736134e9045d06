"""Evidence (bukti dukung): upload a file or add a link, and attach it to indicators."""

from __future__ import annotations

from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.evaluation import evidence_store, rules
from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.evidence_files import EvidenceRejected, check_evidence_file
from spbe.evaluation.models import Answer, Assessment, Evidence
from spbe.evaluation.selectors import evidence_attachable_by
from spbe.evaluation.services._common import indicators_target, lock_assessment, record, require_access
from spbe.organizations.access import Access
from spbe.organizations.models import User


def _check_answers(access: Access, assessment: Assessment, answers: list[Answer]) -> None:
    """Call with the assessment locked (``lock_assessment``) so a submission cannot slip in between."""
    for answer in answers:
        if answer.assessment_id != assessment.pk:
            raise WorkflowError(_("Indicator %(code)s belongs to another assessment.") % {"code": answer.code})
        rules.ANSWER.enforce(
            access,
            assessment.state,
            answer.units.values_list("id", flat=True),
            role=_("Indicator %(code)s is not assigned to your unit.") % {"code": answer.code},
            when=_("The assessment has been submitted; evidence can no longer change."),
        )
    if assessment.state not in rules.ANSWER.states:
        raise WorkflowError(_("The assessment has been submitted; evidence can no longer change."))
    if not answers and not access.is_coordinator:
        raise NotAllowed(_("Choose the indicator the evidence supports."))


def _supports(actor: User, evidence: Evidence, answers: list[Answer]) -> None:
    """Attach new evidence to its indicators and record it, in the caller's transaction."""
    evidence.answers.set(answers)
    record(
        actor,
        evidence.assessment,
        "evidence.added",
        indicators_target(*(a.code for a in answers)),
        after=evidence.as_audit(),
    )


def _title(title: str, fallback: str) -> str:
    title = (title or "").strip() or fallback
    return title[:200]


def evidence_upload(
    *,
    actor: User,
    assessment: Assessment,
    answers: list[Answer],
    name: str,
    stream: BinaryIO,
    title: str = "",
) -> Evidence:
    """Check the file by its content, store it under a random name, record it and attach it.

    A rejected file leaves nothing behind: not the file, not a row, not an audit event; nor
    does a transaction that rolls back, this one or one the caller wrapped around it.
    """
    access = require_access(actor, assessment)
    _check_answers(access, assessment, answers)  # early, so a refused user waits for nothing
    try:
        checked = check_evidence_file(name, stream)
    except EvidenceRejected as exc:
        raise WorkflowError(exc.message) from None
    stored_name = evidence_store.store(checked.data, checked.extension)
    try:
        with transaction.atomic():
            assessment = lock_assessment(assessment)
            _check_answers(access, assessment, answers)  # again: checking the file takes time
            evidence_store.remove_unless_committed(stored_name)  # an outer rollback takes the file too
            evidence = Evidence.objects.create(
                assessment=assessment,
                kind=Evidence.Kind.FILE,
                title=_title(title, checked.original_name),
                original_name=checked.original_name,
                stored_name=stored_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=actor,
            )
            _supports(actor, evidence, answers)
    except BaseException:
        evidence_store.remove(stored_name)
        raise
    return evidence


@transaction.atomic
def evidence_add_link(
    *, actor: User, assessment: Assessment, answers: list[Answer], url: str, title: str = ""
) -> Evidence:
    assessment = lock_assessment(assessment)
    access = require_access(actor, assessment)
    _check_answers(access, assessment, answers)
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise WorkflowError(_("Give a full web address starting with https:// or http://.")) from None
    evidence = Evidence.objects.create(
        assessment=assessment, kind=Evidence.Kind.LINK, title=_title(title, url), url=url, uploaded_by=actor
    )
    _supports(actor, evidence, answers)
    return evidence


@transaction.atomic
def evidence_attach(*, actor: User, evidence: Evidence, answer: Answer) -> None:
    """Let one evidence item also support another indicator (one the user may already see)."""
    assessment = lock_assessment(evidence.assessment)
    access = require_access(actor, assessment)
    _check_answers(access, assessment, [answer])
    if not evidence_attachable_by(access, assessment).filter(pk=evidence.pk).exists():
        raise NotAllowed(_("This evidence supports indicators of another unit."))
    if evidence.answers.filter(pk=answer.pk).exists():
        return
    evidence.answers.add(answer)
    record(actor, assessment, "evidence.attached", indicators_target(answer.code), after=evidence.as_audit())


@transaction.atomic
def evidence_detach(*, actor: User, evidence: Evidence, answer: Answer) -> None:
    assessment = lock_assessment(evidence.assessment)
    _check_answers(require_access(actor, assessment), assessment, [answer])
    if not evidence.answers.filter(pk=answer.pk).exists():
        return
    evidence.answers.remove(answer)
    record(actor, assessment, "evidence.detached", indicators_target(answer.code), before=evidence.as_audit())
