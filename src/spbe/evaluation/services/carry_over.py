"""Carrying last year's assignments, and as a choice its justifications and evidence, into a new assessment.

Called by ``assessment_create`` inside its transaction. Evidence is carried as a reference: a
new row of the new assessment that names the same stored file (or link) as last year's row, so
no file is copied and deleting either assessment keeps the file the other still names
(``evaluation.deletion``). Carried texts and evidence mark the answer ``from_last_year``: it
does not count as confirmed until the operator saves the answer or confirms it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from spbe.evaluation import rules
from spbe.evaluation.carry_over import CarryPlan
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Answer, Assessment, Evidence
from spbe.evaluation.services._common import indicators_target, record, require_access
from spbe.organizations.models import Unit, User


def carry_over_apply(*, actor: User, assessment: Assessment, plan: CarryPlan, texts: bool) -> None:
    """Write the plan into the freshly created ``assessment`` (in the caller's transaction)."""
    answers = {a.code: a for a in assessment.answers.all()}
    units = {u.pk: u for u in Unit.objects.filter(agency=assessment.agency_id, pk__in=_all_units(plan))}
    through = Answer.units.through
    links = [
        through(answer_id=answers[code].pk, unit_id=unit_id)
        for code, unit_ids in plan.units_of.items()
        for unit_id in sorted(unit_ids)
        if unit_id in units
    ]
    through.objects.bulk_create(links)
    copies: dict[int, Evidence] = {}
    carried_codes = []
    for code, answer in answers.items():
        unit_names = sorted(units[u].name for u in plan.units_of.get(code, set()) if u in units)
        justification = plan.justification_of.get(code, "") if texts else ""
        evidence = plan.evidence_of.get(code, []) if texts else []
        if not unit_names and not justification and not evidence:
            continue
        for item in evidence:
            if item.pk not in copies:
                copies[item.pk] = _reference(item, assessment)
            copies[item.pk].answers.add(answer)
        if justification or evidence:
            answer.justification = justification
            answer.from_last_year = True
            answer.save(update_fields=["justification", "from_last_year"])
            carried_codes.append(code)
        record(
            actor,
            assessment,
            "answer.carried",
            indicators_target(code),
            after={
                "from": {"year": plan.source.year, "codes": [a.code for a in plan.sources_of.get(code, [])]},
                "units": unit_names,
                "justification": justification,
                "evidence": [item.title for item in evidence],
            },
        )
    assessment.carried_from = plan.source
    assessment.save(update_fields=["carried_from"])
    record(
        actor,
        assessment,
        "assessment.carried_over",
        after={
            "source": {"year": plan.source.year, "framework": plan.source.framework_id},
            "crosswalk": plan.crosswalk.id if plan.crosswalk else None,
            "assignments": len(links),
            "justifications": sum(1 for c in carried_codes if answers[c].justification),
            "evidence": len(copies),
            "texts": texts,
        },
    )


def _all_units(plan: CarryPlan) -> set[int]:
    return {u for ids in plan.units_of.values() for u in ids}


def _reference(item: Evidence, assessment: Assessment) -> Evidence:
    """Last year's evidence as a row of the new assessment naming the same file or link."""
    return Evidence.objects.create(
        assessment=assessment,
        kind=item.kind,
        title=item.title,
        original_name=item.original_name,
        stored_name=item.stored_name,
        content_type=item.content_type,
        size=item.size,
        sha256=item.sha256,
        url=item.url,
        uploaded_by=item.uploaded_by,
    )


@transaction.atomic
def answer_confirm_carried(*, actor: User, answer: Answer) -> Answer:
    """The operator confirms last year's justification and evidence as this year's (no level is set)."""
    answer = Answer.objects.select_for_update().select_related("assessment").get(pk=answer.pk)
    assessment = answer.assessment
    rules.ANSWER.enforce(
        require_access(actor, assessment),
        assessment.state,
        answer.units.values_list("id", flat=True),
        role=_("Indicator %(code)s is not assigned to your unit.") % {"code": answer.code},
        when=_("The assessment has been submitted; answers can no longer change."),
    )
    if not answer.from_last_year:
        raise WorkflowError(_("Indicator %(code)s holds nothing from last year to confirm.") % {"code": answer.code})
    answer.from_last_year = False
    answer.version += 1
    answer.save(update_fields=["from_last_year", "version"])
    record(
        actor,
        assessment,
        "answer.confirmed",
        indicators_target(answer.code),
        before={"from_last_year": True},
        after={"from_last_year": False},
    )
    return answer


def refuse_unconfirmed(answer: Answer) -> None:
    """An answer still holding last year's texts may not be approved."""
    if rules.needs_confirmation(answer):
        raise WorkflowError(
            _(
                "Indicator %(code)s still holds last year's justification and evidence: the operator must"
                " confirm or edit it first."
            )
            % {"code": answer.code}
        )
