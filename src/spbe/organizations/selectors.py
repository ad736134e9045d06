"""Reads of organisations, scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from spbe.organizations.models import Agency, Invitation, Membership, Unit, User


def agencies_visible_to(user: User) -> QuerySet[Agency]:
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user).distinct()


def units_of(agency: Agency) -> QuerySet[Unit]:
    return Unit.objects.filter(agency=agency).order_by("short_name", "name")


# --------------------------------------------------------------------------- the people of an agency

PERSON_STATUSES = ("active", "pending", "deactivated")


def people_of(
    agency: Agency, *, q: str = "", role: str = "", unit: Unit | None = None, status: str = ""
) -> QuerySet[User]:
    """The people holding a role in the agency, each with their roles there and any open invitation.

    ``status``: ``active``, ``pending`` (invited, not set up yet) or ``deactivated``.
    """
    open_invitation = Invitation.objects.filter(user=OuterRef("pk"), agency=agency, accepted_at__isnull=True)
    members = Membership.objects.filter(agency=agency)
    if role:
        members = members.filter(role=role)
    if unit is not None:
        members = members.filter(unit=unit)
    people = (
        User.objects.filter(pk__in=members.values("user_id"))
        .annotate(pending=Exists(open_invitation))
        .order_by("full_name", "username")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(agency=agency).select_related("unit").order_by("role", "unit__name"),
                to_attr="roles_here",
            ),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(agency=agency, accepted_at__isnull=True),
                to_attr="open_invitations",
            ),
        )
    )
    text = q.strip()
    if text:
        people = people.filter(Q(full_name__icontains=text) | Q(username__icontains=text) | Q(email__icontains=text))
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "pending":
        people = people.filter(is_active=False, pending=True)
    elif status == "deactivated":
        people = people.filter(is_active=False, pending=False)
    return people


def person_in(agency: Agency, user_id: int) -> User | None:
    """One person of the agency's people (a role there), or None."""
    return people_of(agency).filter(pk=user_id).first()
