"""Who may do what in an agency: every permission rule of the evaluation lives here.

An ``Access`` is computed once per request from the user's memberships. Views
and services ask it questions; selectors use it to scope querysets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spbe.organizations.models import Agency, Membership, Role, User

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class Access:
    agency_id: int
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_ids: frozenset[int] = field(default_factory=frozenset)  # units the user operates for
    is_superuser: bool = False

    @property
    def can_view(self) -> bool:
        return self.is_superuser or bool(self.roles)

    @property
    def is_coordinator(self) -> bool:
        return self.is_superuser or Role.COORDINATOR in self.roles

    @property
    def manages_people(self) -> bool:
        """May invite people to the agency, change their roles and units, deactivate them."""
        return self.is_coordinator

    @property
    def is_internal_assessor(self) -> bool:
        return Role.INTERNAL_ASSESSOR in self.roles

    @property
    def is_external_assessor(self) -> bool:
        return Role.EXTERNAL_ASSESSOR in self.roles

    @property
    def sees_every_indicator(self) -> bool:
        """Everyone but a pure unit operator sees all indicators of the agency."""
        return self.is_superuser or bool(self.roles - {Role.UNIT_OPERATOR})

    @property
    def sees_drafts(self) -> bool:
        """External assessors see an assessment only once the agency has submitted it."""
        return self.is_superuser or bool(self.roles - {Role.EXTERNAL_ASSESSOR})

    def operates_for(self, unit_ids: set[int] | frozenset[int]) -> bool:
        return bool(self.unit_ids & unit_ids)

    def can_answer(self, assigned_unit_ids: set[int] | frozenset[int]) -> bool:
        """May change the self level, justification and evidence of an indicator."""
        return self.is_coordinator or self.operates_for(assigned_unit_ids)

    def can_see_indicator(self, assigned_unit_ids: set[int] | frozenset[int]) -> bool:
        return self.sees_every_indicator or self.operates_for(assigned_unit_ids)


def _accesses(user: User, memberships: QuerySet[Membership]) -> dict[int, Access]:
    """One ``Access`` per agency from the user's membership rows (the one place that derives it)."""
    roles: dict[int, set[str]] = defaultdict(set)
    units: dict[int, set[int]] = defaultdict(set)
    for agency_id, role, unit_id in memberships.values_list("agency_id", "role", "unit_id"):
        roles[agency_id].add(role)
        if role == Role.UNIT_OPERATOR and unit_id:
            units[agency_id].add(unit_id)
    return {
        agency_id: Access(
            agency_id=agency_id,
            roles=frozenset(held),
            unit_ids=frozenset(units[agency_id]),
            is_superuser=user.is_superuser,
        )
        for agency_id, held in roles.items()
    }


def access_for(user: User, agency: Agency | int) -> Access:
    agency_id = agency if isinstance(agency, int) else agency.pk
    if not user.is_authenticated or not user.is_active:
        return Access(agency_id=agency_id)
    found = _accesses(user, Membership.objects.filter(user=user, agency_id=agency_id))
    return found.get(agency_id, Access(agency_id=agency_id, is_superuser=user.is_superuser))


def accesses_of(user: User) -> dict[int, Access]:
    """The user's ``Access`` in every agency they hold a role in, from one query."""
    return _accesses(user, Membership.objects.filter(user=user))
