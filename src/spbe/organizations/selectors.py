"""Reads of organisations, scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from spbe.organizations.models import Agency, Unit, User


def agencies_visible_to(user: User) -> QuerySet[Agency]:
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user).distinct()


def units_of(agency: Agency) -> QuerySet[Unit]:
    return Unit.objects.filter(agency=agency).order_by("short_name", "name")
