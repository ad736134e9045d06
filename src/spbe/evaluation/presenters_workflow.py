"""Plain rows for the review screen and the history page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spbe.audit.actions import action_label
from spbe.audit.models import AuditEvent
from spbe.audit.targets import target_text
from spbe.evaluation.models import ActionStatus, Answer, AssessmentState, Evidence, LevelValue, ReviewStatus, Stage
from spbe.scoring import Framework, SpbeInputError, get_framework

FIELD_LABELS = {
    "level": _("level"),
    "justification": _("justification"),
    "review": _("review"),
    "note": _("note"),
    "units": _("units"),
    "due_date": _("due date"),
    "state": _("state"),
    "stage": _("stage"),
    "notes": _("notes"),
    "verified": _("verified level"),
    "without_evidence": _("despite missing evidence"),
    "title": _("title"),
    "name": _("file"),
    "url": _("link"),
    "sha256": "SHA-256",
    "year": _("year"),
    "framework": _("framework"),
    "kind": _("kind"),
    "size": _("size"),
    "unit": _("unit"),
    "status": _("status"),
    "external_pending": _("external value pending"),
}

# Fields whose values are codes: shown by their label in the reader's language.
VALUE_LABELS: dict[str, type[models.TextChoices]] = {
    "review": ReviewStatus,
    "state": AssessmentState,
    "stage": Stage,
    "kind": Evidence.Kind,
    "status": ActionStatus,
}


@dataclass
class ReviewRow:
    code: str
    name: str
    aspect: str
    self_level: LevelValue | None
    verified_level: LevelValue | None
    stages: list[LevelValue | None]
    difference: LevelValue | None
    review_status: str
    external_pending: bool = False


def review_rows(framework: Framework, answers: list[Answer], lang: str) -> list[ReviewRow]:
    rows = []
    for answer in answers:
        indicator = framework.indicator(answer.code)
        stage_levels = {review.stage: review.level for review in answer.stage_reviews.all()}
        difference = (
            _difference(answer.verified_level, answer.self_level)
            if answer.verified_level is not None and answer.self_level is not None
            else None
        )
        rows.append(
            ReviewRow(
                code=answer.code,
                name=indicator.label(lang) if indicator else answer.code,
                aspect=answer.aspect_code,
                self_level=answer.self_level,
                verified_level=answer.verified_level,
                stages=[stage_levels.get(stage) for stage in Stage.values],
                difference=difference,
                review_status=answer.get_review_status_display(),
                external_pending=answer.external_pending,
            )
        )
    return rows


def _difference(verified: LevelValue, self_level: LevelValue) -> LevelValue:
    """Exact levels may mix Decimal (1.26) and Fraction (7/6), which do not subtract directly."""
    if isinstance(verified, Decimal) and isinstance(self_level, Decimal):
        return verified - self_level
    return Fraction(verified) - Fraction(self_level)


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class HistoryRow:
    event: AuditEvent
    label: str
    target: str
    changes: list[Change]


def _show(value: Any, field: str = "") -> str:
    if value is None or value == "":
        return "—"
    choices = VALUE_LABELS.get(field)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field == "framework":
        return _framework_title(str(value))
    return str(value)


def _framework_title(framework_id: str) -> str:
    """Audit rows keep the framework's id; people read its title."""
    try:
        return get_framework(framework_id).label(get_language() or "id")
    except SpbeInputError:
        return framework_id


def history_rows(events: list[AuditEvent]) -> list[HistoryRow]:
    rows = []
    for event in events:
        before = event.before or {}
        after = event.after or {}
        fields = [f for f in [*after, *before] if f in FIELD_LABELS]
        seen: list[str] = []
        changes = []
        for field in fields:
            if field in seen:
                continue
            seen.append(field)
            if before.get(field) != after.get(field) or not before:
                changes.append(
                    Change(str(FIELD_LABELS[field]), _show(before.get(field), field), _show(after.get(field), field))
                )
        rows.append(HistoryRow(event, action_label(event.action), target_text(event.target), changes))
    return rows
