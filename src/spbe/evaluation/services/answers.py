"""Answering, assigning and reviewing indicators."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.core.parsing import normalise_text
from spbe.evaluation import rules
from spbe.evaluation.errors import Conflict, WorkflowError
from spbe.evaluation.evidence_policy import check_evidence, without_evidence
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import (
    STAGE_ORDER,
    Answer,
    LevelInput,
    ReviewStatus,
    Stage,
    StageReview,
    level_text,
    level_value,
)
from spbe.evaluation.services._common import indicators_target, record, require_access
from spbe.evaluation.services.carry_over import refuse_unconfirmed
from spbe.evaluation.services.notify import answer_notice
from spbe.organizations.models import Unit, User
from spbe.scoring import Framework

MAX_TEXT = 10_000


def _locked(answer: Answer) -> Answer:
    return Answer.objects.select_for_update().select_related("assessment").get(pk=answer.pk)


def _unit_ids(answer: Answer) -> set[int]:
    return set(answer.units.values_list("id", flat=True))


def check_level(framework: Framework, code: str, level: LevelInput | None) -> None:
    if level is not None and not framework.values.allows(level):
        rule = framework.values
        if rule.exact:
            raise WorkflowError(
                _(
                    "Indicator %(code)s: %(level)s is not an allowed value; enter a number from %(minimum)s to "
                    "%(maximum)s (a decimal such as 1,265 or a fraction such as 7/6 is kept exactly); "
                    "a value is never below %(minimum)s."
                )
                % {"code": code, "level": level_text(level), "minimum": rule.minimum, "maximum": rule.maximum}
            )
        raise WorkflowError(
            _("Indicator %(code)s: %(level)s is not an allowed level (%(minimum)s to %(maximum)s%(decimals)s).")
            % {
                "code": code,
                "level": level_text(level),
                "minimum": rule.minimum,
                "maximum": rule.maximum,
                "decimals": _(", up to %(n)s decimals") % {"n": rule.decimals} if rule.decimals else "",
            }
        )


def check_external(framework: Framework, code: str, pending: bool) -> None:
    indicator = framework.indicator(code)
    if pending and (indicator is None or not indicator.external):
        raise WorkflowError(
            _(
                "Indicator %(code)s takes no value from another national index, so it cannot be marked "
                '"external value pending".'
            )
            % {"code": code}
        )


@transaction.atomic
def answer_update(
    *,
    actor: User,
    answer: Answer,
    level: LevelInput | None,
    justification: str,
    expected_version: int | None = None,
    external_pending: bool | None = None,
) -> Answer:
    """Set the self-assessed level and its justification (unit operator or coordinator, in draft).

    ``external_pending`` (``None`` leaves it as it is) marks an indicator whose value comes from
    another national index that is not yet available: it then counts at the lowest value.
    """
    answer = _locked(answer)
    assessment = answer.assessment
    rules.ANSWER.enforce(
        require_access(actor, assessment),
        assessment.state,
        _unit_ids(answer),
        role=_("Indicator %(code)s is not assigned to your unit.") % {"code": answer.code},
        when=_("The assessment has been submitted; answers can no longer change."),
    )
    if expected_version is not None and expected_version != answer.version:
        raise Conflict(
            _("Indicator %(code)s was changed by someone else meanwhile; reload the page to see it.")
            % {"code": answer.code}
        )
    justification = normalise_text(justification)
    if len(justification) > MAX_TEXT:
        raise WorkflowError(_("The justification is too long (at most %(n)s characters).") % {"n": MAX_TEXT})
    framework = assessment_framework(assessment)
    check_level(framework, answer.code, level)
    before: dict[str, object] = {"level": level_text(answer.self_level), "justification": answer.justification}
    after: dict[str, object] = {"level": level_text(level), "justification": justification}
    fields = ["self_level", "justification", "version", "updated_at", "updated_by"]
    if external_pending is not None and external_pending != answer.external_pending:
        check_external(framework, answer.code, external_pending)
        before["external_pending"] = answer.external_pending
        after["external_pending"] = external_pending
        answer.external_pending = external_pending
        fields.append("external_pending")
    if before == after:
        return answer
    answer.self_level = level_value(level)
    answer.justification = justification
    answer.version += 1
    answer.updated_at = timezone.now()
    answer.updated_by = actor
    if answer.from_last_year:
        # Saving the answer is the operator's confirmation of what was carried over from last year.
        before["from_last_year"] = True
        after["from_last_year"] = False
        answer.from_last_year = False
        fields.append("from_last_year")
    if answer.review_status != ReviewStatus.PENDING:
        # A changed answer needs a fresh internal review.
        before["review"] = answer.review_status
        after["review"] = ReviewStatus.PENDING
        answer.review_status = ReviewStatus.PENDING
        fields.append("review_status")
    answer.save(update_fields=fields)
    record(actor, assessment, "answer.updated", indicators_target(answer.code), before=before, after=after)
    return answer


@transaction.atomic
def answer_assign(*, actor: User, answer: Answer, units: list[Unit], due_date: datetime.date | None) -> Answer:
    """Assign an indicator to the units that own it, with a due date (coordinator)."""
    answer = _locked(answer)
    assessment = answer.assessment
    rules.ASSIGN.enforce(
        require_access(actor, assessment),
        assessment.state,
        role=_("Only the SPBE coordinator assigns indicators to units."),
        when=_("The assessment is final."),
    )
    foreign = [u for u in units if u.agency_id != assessment.agency_id]
    if foreign:
        raise WorkflowError(_("%(unit)s is not a unit of this agency.") % {"unit": foreign[0]})
    before_units = sorted(answer.units.values_list("name", flat=True))
    after_units = sorted(u.name for u in units)
    before = {"units": before_units, "due_date": answer.due_date.isoformat() if answer.due_date else None}
    after = {"units": after_units, "due_date": due_date.isoformat() if due_date else None}
    if before == after:
        return answer
    before_ids = _unit_ids(answer)
    answer.units.set(units)
    answer.due_date = due_date
    answer.save(update_fields=["due_date"])
    record(actor, assessment, "answer.assigned", indicators_target(answer.code), before=before, after=after)
    answer_notice(actor=actor, answer=answer, kind="assigned", unit_ids={u.pk for u in units} - before_ids)
    return answer


@transaction.atomic
def answer_review(*, actor: User, answer: Answer, status: str, note: str, evidence_confirmed: bool = True) -> Answer:
    """The internal assessors approve an answer or send it back with a note.

    Approving an answer without evidence follows the evidence policy (``evidence_policy``): refused
    under "block"; under "warn" it needs ``evidence_confirmed`` (pages pass the person's answer, after
    showing the warning; a script calling the service is taken to have confirmed) and the audit
    record names the indicator as approved without evidence.
    """
    answer = _locked(answer)
    assessment = answer.assessment
    rules.REVIEW.enforce(
        require_access(actor, assessment),
        assessment.state,
        role=_("Only the internal assessor team reviews answers."),
        when=_("The assessment has been submitted; the internal review is closed."),
    )
    if status not in ReviewStatus.values:
        raise WorkflowError(_("Unknown review decision."))
    note = note.strip()
    if status == ReviewStatus.APPROVED:
        refuse_unconfirmed(answer)
    if status == ReviewStatus.APPROVED and answer.self_level is None:
        raise WorkflowError(_("Indicator %(code)s has no level to approve yet.") % {"code": answer.code})
    if status == ReviewStatus.REVISION and not note:
        raise WorkflowError(_("Say what must be revised: the note is required."))
    before = {"review": answer.review_status, "note": answer.review_note}
    after: dict[str, object] = {"review": status, "note": note}
    if before == after:
        return answer  # the same decision again changes nothing
    if status == ReviewStatus.APPROVED:
        missing = check_evidence(without_evidence([answer]), confirmed=evidence_confirmed)
        if missing:
            after["without_evidence"] = missing
    answer.review_status = status
    answer.review_note = note
    answer.reviewed_by = actor
    answer.reviewed_at = timezone.now()
    answer.save(update_fields=["review_status", "review_note", "reviewed_by", "reviewed_at"])
    record(actor, assessment, "answer.reviewed", indicators_target(answer.code), before=before, after=after)
    if status in (ReviewStatus.REVISION, ReviewStatus.APPROVED):
        kind = "revision" if status == ReviewStatus.REVISION else "approved"
        answer_notice(actor=actor, answer=answer, kind=kind, unit_ids=_unit_ids(answer), note=note)
    return answer


@transaction.atomic
def stage_review_record(
    *, actor: User, answer: Answer, stage: str, level: LevelInput | None, notes: str
) -> StageReview | None:
    """An external assessor records the level and notes of one stage for one indicator."""
    answer = _locked(answer)
    assessment = answer.assessment
    rules.VERIFY.enforce(
        require_access(actor, assessment),
        assessment.state,
        role=_("Only an external assessor assigned to this agency records verification."),
        when=_("Verification is recorded while the assessment is under external review."),
    )
    if stage not in Stage.values:
        raise WorkflowError(_("Unknown review stage."))
    check_level(assessment_framework(assessment), answer.code, level)
    review = StageReview.objects.filter(answer=answer, stage=stage).first()
    before = {"stage": stage, "level": level_text(review.level), "notes": review.notes} if review else None
    if review is not None and before == {"stage": stage, "level": level_text(level), "notes": notes.strip()}:
        return review  # saved again unchanged: nothing to record
    if review is None and level is None and not notes.strip():
        return None  # an empty stage saved empty: nothing to record
    if review is None:
        review = StageReview(answer=answer, stage=stage, assessor=actor)
    review.level = level_value(level)
    review.notes = notes.strip()
    review.assessor = actor
    review.save()
    levels = dict(StageReview.objects.filter(answer=answer).values_list("stage", "level"))
    verified = next((levels[s] for s in reversed(STAGE_ORDER) if levels.get(s) is not None), None)
    answer.verified_level = verified
    answer.save(update_fields=["verified_level"])
    record(
        actor,
        assessment,
        "answer.verified",
        indicators_target(answer.code),
        before=before,
        after={
            "stage": stage,
            "level": level_text(level),
            "notes": review.notes,
            "verified": level_text(verified),
        },
    )
    return review
