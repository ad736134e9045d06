"""Bulk work: assign, review and verify many indicators in one action.

Each bulk service runs the single-item service (``services.answers``) for every selected row inside
ONE transaction: the single service asks the same rule (``rules.ASSIGN``, ``REVIEW``, ``VERIFY``)
and writes the same audit event per item. A refusal of any row is collected (the single service's
own savepoint undoes that row) and, once every row was tried, ``BatchRefused`` is raised: the
outer transaction rolls back the whole batch and the page names every refused row and why.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Answer, Assessment, LevelInput, StageReview, level_text
from spbe.evaluation.services import answers as single
from spbe.organizations.models import Unit, User

ASSIGN_ADD = "add"  # the chosen units join the units an indicator has
ASSIGN_REPLACE = "replace"  # the chosen units become the indicator's units
ASSIGN_MODES = (ASSIGN_ADD, ASSIGN_REPLACE)


@dataclass(frozen=True)
class RowRefusal:
    code: str
    message: str


class BatchRefused(WorkflowError):
    """Some rows were refused; nothing of the batch was saved. ``refusals`` name each row and why."""

    def __init__(self, refusals: Sequence[RowRefusal]) -> None:
        self.refusals = list(refusals)
        super().__init__(
            *(
                _("Indicator %(code)s: %(reason)s") % {"code": r.code, "reason": r.message}
                if r.code not in r.message
                else r.message
                for r in self.refusals
            )
        )


@dataclass(frozen=True)
class StageRow:
    code: str
    level: LevelInput | None
    notes: str


def _answers(assessment: Assessment, codes: Sequence[str]) -> tuple[list[Answer], list[RowRefusal]]:
    # Lock every selected row at the start, in one order, so two batches cannot interleave or deadlock.
    selected = Answer.objects.select_for_update().filter(assessment=assessment, code__in=list(codes))
    found = {a.code: a for a in selected.order_by("position")}
    missing = [
        RowRefusal(code, _("Indicator %(code)s is not part of this assessment.") % {"code": code})
        for code in codes
        if code not in found
    ]
    return [found[c] for c in codes if c in found], missing


def _each(answers: list[Answer], refused: list[RowRefusal], act: Callable[[Answer], bool]) -> int:
    """Run ``act`` on every answer (True when it changed something); all or nothing."""
    changed = 0
    for answer in answers:
        try:
            changed += act(answer)
        except WorkflowError as exc:
            refused.append(RowRefusal(answer.code, exc.message))
    if refused:
        raise BatchRefused(refused)
    return changed


def _nothing_selected(codes: Sequence[str]) -> None:
    if not codes:
        raise WorkflowError(_("Select at least one indicator."))


@transaction.atomic
def bulk_assign(
    *,
    actor: User,
    assessment: Assessment,
    codes: Sequence[str],
    units: Sequence[Unit],
    due_date: datetime.date | None,
    mode: str = ASSIGN_ADD,
) -> int:
    """Assign the selected indicators to ``units`` (added to theirs, or replacing them); a due date,
    when given, replaces theirs. Returns how many indicators changed."""
    _nothing_selected(codes)
    if mode not in ASSIGN_MODES:
        raise WorkflowError(_("Unknown way of assigning."))
    answers, refused = _answers(assessment, codes)

    def act(answer: Answer) -> bool:
        current = list(answer.units.all())
        chosen = list(units) if mode == ASSIGN_REPLACE else current + [u for u in units if u not in current]
        due = due_date if due_date is not None else answer.due_date
        before = ({u.pk for u in current}, answer.due_date)
        single.answer_assign(actor=actor, answer=answer, units=chosen, due_date=due)
        return before != ({u.pk for u in chosen}, due)

    return _each(answers, refused, act)


@transaction.atomic
def bulk_review(
    *,
    actor: User,
    assessment: Assessment,
    codes: Sequence[str],
    status: str,
    note: str,
    evidence_confirmed: bool = True,
) -> int:
    """Approve the selected answers, or send them back with one note. Returns how many changed.

    Approving answers without evidence follows the evidence policy of the single review: unless
    ``evidence_confirmed`` (under "block": always) each such row is refused and named, and nothing is saved.
    """
    _nothing_selected(codes)
    answers, refused = _answers(assessment, codes)

    def act(answer: Answer) -> bool:
        before = (answer.review_status, answer.review_note)
        after = single.answer_review(
            actor=actor, answer=answer, status=status, note=note, evidence_confirmed=evidence_confirmed
        )
        return before != (after.review_status, after.review_note)

    return _each(answers, refused, act)


@transaction.atomic
def bulk_stage_record(*, actor: User, assessment: Assessment, stage: str, rows: Sequence[StageRow]) -> int:
    """Record one stage's level and notes for many indicators; unchanged rows record nothing.
    Returns how many rows changed."""
    by_code = {row.code: row for row in rows}
    answers, refused = _answers(assessment, list(by_code))
    existing = {
        r.answer_id: (level_text(r.level), r.notes)
        for r in StageReview.objects.filter(answer__assessment=assessment, stage=stage)
    }

    def act(answer: Answer) -> bool:
        row = by_code[answer.code]
        before = existing.get(answer.pk)
        wanted = (level_text(row.level), row.notes.strip())
        if before == wanted or (before is None and row.level is None and not row.notes.strip()):
            return False  # an unchanged row records nothing, and is not asked to
        single.stage_review_record(actor=actor, answer=answer, stage=stage, level=row.level, notes=row.notes)
        return True

    return _each(answers, refused, act)
