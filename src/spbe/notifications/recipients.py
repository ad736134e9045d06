"""Who hears of a change: user ids by role in an agency, or by unit (plain data for the callers)."""

from __future__ import annotations

from collections.abc import Iterable

from spbe.organizations.models import Membership, Role


def unit_operators(unit_ids: Iterable[int]) -> set[int]:
    return set(
        Membership.objects.filter(role=Role.UNIT_OPERATOR, unit_id__in=list(unit_ids)).values_list("user_id", flat=True)
    )


def agency_roles(agency_id: int, *roles: str) -> set[int]:
    return set(Membership.objects.filter(agency_id=agency_id, role__in=roles).values_list("user_id", flat=True))
