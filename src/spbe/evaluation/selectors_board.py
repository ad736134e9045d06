"""The OPD board: how far each unit (OPD) of the agency is with the indicators assigned to it.

Counts are made in Python over one query for the units and three for the answers (with their units
and evidence ids): the number of queries does not grow with the number of indicators or units.
Callers check that the user may see the board (the URL map: the coordinator).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from spbe.evaluation.models import Answer, Assessment, Evidence, ReviewStatus
from spbe.organizations.models import Unit

# ?sort= keys and what they sort by; a leading "-" sorts descending.
SORT_KEYS = ("unit", "assigned", "answered", "evidenced", "approved", "overdue")
DEFAULT_SORT = "unit"


@dataclass
class UnitRow:
    unit: Unit
    assigned: int = 0
    answered: int = 0
    evidenced: int = 0
    approved: int = 0
    overdue: int = 0

    @property
    def is_overdue(self) -> bool:
        return self.overdue > 0


@dataclass(frozen=True)
class Board:
    rows: list[UnitRow]
    unassigned: int  # indicators no unit has been given yet
    sort: str  # the sort in force, as given in ?sort= ("-overdue")


def parse_sort(value: str | None) -> str:
    """A known sort key with an optional "-", else the default (unknown input is ignored, not an error)."""
    value = (value or "").strip()
    key = value.removeprefix("-")
    return value if key in SORT_KEYS else DEFAULT_SORT


def unit_board(assessment: Assessment, today: datetime.date, sort: str = DEFAULT_SORT) -> Board:
    units = Unit.objects.filter(agency_id=assessment.agency_id).order_by("name")
    rows = {unit.pk: UnitRow(unit) for unit in units}
    answers = (
        Answer.objects.filter(assessment=assessment)
        .only("pk", "due_date", "self_level", "review_status")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.only("pk")),
            Prefetch("evidence", queryset=Evidence.objects.only("pk")),
        )
    )
    unassigned = 0
    for answer in answers:
        assigned = [rows[unit.pk] for unit in answer.units.all() if unit.pk in rows]
        if not assigned:
            unassigned += 1
        answered = answer.self_level is not None
        evidenced = bool(answer.evidence.all())
        approved = answer.review_status == ReviewStatus.APPROVED
        overdue = bool(answer.due_date and answer.due_date < today and not answered)
        for row in assigned:
            row.assigned += 1
            row.answered += answered
            row.evidenced += evidenced
            row.approved += approved
            row.overdue += overdue
    sort = parse_sort(sort)
    return Board(rows=sort_rows(list(rows.values()), sort), unassigned=unassigned, sort=sort)


def sort_rows(rows: list[UnitRow], sort: str) -> list[UnitRow]:
    key = sort.removeprefix("-")
    descending = sort.startswith("-")
    by_name = sorted(rows, key=lambda row: str(row.unit).casefold())
    if key == "unit":
        return list(reversed(by_name)) if descending else by_name
    # Stable: rows with the same figure stay in name order, whichever direction.
    return sorted(by_name, key=lambda row: getattr(row, key) * (-1 if descending else 1))
