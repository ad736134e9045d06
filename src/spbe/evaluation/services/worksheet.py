"""Importing the worksheet: preview what would change, then apply it atomically.

Rules: only a workbook whose signed identity names this assessment (see
``worksheet_identity``); only draft assessments; only indicators the user may answer; a row
whose answer changed after the file was exported, judged by the signed versions, is a
conflict and is never applied (importing never silently overwrites a newer answer); any
row error blocks the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from spbe.evaluation import rules
from spbe.evaluation.errors import Conflict, NotAllowed, WorkflowError
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment, level_text, level_value
from spbe.evaluation.services._common import record, require_access
from spbe.evaluation.services.answers import MAX_TEXT, answer_update
from spbe.evaluation.worksheet import read_worksheet
from spbe.organizations.models import User
from spbe.scoring.errors import MAX_SHOWN


@dataclass(frozen=True)
class RowChange:
    code: str
    row: int
    level_before: str | None
    level_after: str | None
    justification_before: str
    justification_after: str
    version: int

    def as_token(self) -> list[object]:
        return [self.code, self.level_after, self.justification_after, self.version]


@dataclass
class ImportPreview:
    changes: list[RowChange] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unchanged: int = 0
    export_id: str = ""
    exported_at: str = ""

    @property
    def can_apply(self) -> bool:
        return not self.problems and bool(self.changes)

    # a file may hold thousands of bad rows: pages list the first ones and count the rest
    @property
    def problems_shown(self) -> list[str]:
        return self.problems[:MAX_SHOWN]

    @property
    def problems_more(self) -> int:
        return max(len(self.problems) - MAX_SHOWN, 0)

    @property
    def conflicts_shown(self) -> list[str]:
        return self.conflicts[:MAX_SHOWN]

    @property
    def conflicts_more(self) -> int:
        return max(len(self.conflicts) - MAX_SHOWN, 0)


def not_from_this_assessment() -> str:
    return _(
        "This worksheet was not exported from this assessment, or its identity sheet (spbe-meta) "
        "is missing or altered; export a fresh worksheet and fill that one in."
    )


def worksheet_import_preview(*, actor: User, assessment: Assessment, data: bytes) -> ImportPreview:
    access = require_access(actor, assessment)
    rules.IMPORT_WORKSHEET.enforce(
        access,
        assessment.state,
        role=_("Only the SPBE coordinator and unit operators import the worksheet."),
        when=_("The assessment has been submitted; the worksheet can no longer be imported."),
    )
    try:
        parsed = read_worksheet(data)
    except ValueError as exc:
        raise WorkflowError(str(exc)) from None
    identity = parsed.identity
    if identity is None:
        raise WorkflowError(not_from_this_assessment())
    if identity.assessment_id != assessment.pk:
        raise WorkflowError(_("This worksheet belongs to another assessment; export the worksheet of this one."))
    framework = assessment_framework(assessment)
    answers = {a.code: a for a in Answer.objects.filter(assessment=assessment).prefetch_related("units")}
    preview = ImportPreview(
        problems=list(parsed.problems), export_id=identity.export_id, exported_at=identity.exported_at
    )
    for row in parsed.rows:
        answer = answers.get(row.code)
        if answer is None:
            preview.problems.append(
                _("row %(row)s: indicator %(code)s is not in this assessment") % {"row": row.row, "code": row.code}
            )
            continue
        exported_version = identity.baseline.get(row.code)
        if exported_version is None:
            preview.problems.append(
                _("row %(row)s: indicator %(code)s was not in the exported worksheet; export a fresh worksheet")
                % {"row": row.row, "code": row.code}
            )
            continue
        if row.level is not None and not framework.values.allows(row.level):
            preview.problems.append(
                _("row %(row)s: indicator %(code)s: level %(level)s is not allowed (%(lo)s to %(hi)s)")
                % {
                    "row": row.row,
                    "code": row.code,
                    "level": level_text(row.level),
                    "lo": framework.values.minimum,
                    "hi": framework.values.maximum,
                }
            )
            continue
        if not rules.ANSWER.role_allows(access, {u.pk for u in answer.units.all()}):
            # skipped before comparing, so a file cannot probe other units' answers
            if row.level is not None or row.justification:
                preview.conflicts.append(
                    _("row %(row)s: indicator %(code)s is not assigned to your unit; the row is skipped")
                    % {"row": row.row, "code": row.code}
                )
            continue
        if len(row.justification) > MAX_TEXT:
            preview.problems.append(
                _("row %(row)s: indicator %(code)s: the justification is longer than %(n)s characters")
                % {"row": row.row, "code": row.code, "n": MAX_TEXT}
            )
            continue
        before = (level_text(answer.self_level), answer.justification)
        after = (level_text(row.level), row.justification)
        if before == after:
            preview.unchanged += 1
            continue
        if row.version != exported_version:
            preview.conflicts.append(
                _(
                    "row %(row)s: the version of indicator %(code)s was changed in the file; "
                    "the row is skipped (the version column must stay as exported)"
                )
                % {"row": row.row, "code": row.code}
            )
            continue
        if exported_version != answer.version:
            preview.conflicts.append(
                _(
                    "row %(row)s: indicator %(code)s was changed in the application after this file was exported; "
                    "the row is skipped so the newer answer is kept"
                )
                % {"row": row.row, "code": row.code}
            )
            continue
        preview.changes.append(RowChange(row.code, row.row, before[0], after[0], before[1], after[1], answer.version))
    return preview


@transaction.atomic
def worksheet_import_apply(
    *, actor: User, assessment: Assessment, changes: list[list[object]], export_id: str = ""
) -> int:
    """Apply previewed changes all together, or none of them."""
    answers = {a.code: a for a in Answer.objects.filter(assessment=assessment)}
    applied = 0
    for code, level, justification, version in changes:
        answer = answers.get(str(code))
        if answer is None:
            raise WorkflowError(_("Indicator %(code)s is not in this assessment.") % {"code": code})
        try:
            answer_update(
                actor=actor,
                answer=answer,
                level=level_value(str(level)) if level is not None else None,
                justification=str(justification),
                expected_version=int(str(version)),
            )
        except Conflict:
            raise Conflict(
                _("Indicator %(code)s changed while you were previewing; nothing was imported. Import the file again.")
                % {"code": code}
            ) from None
        except NotAllowed:
            raise
        applied += 1
    record(actor, assessment, "worksheet.imported", after={"rows": applied, "export": export_id})
    return applied
