"""Reads of one user's own notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from spbe.notifications.models import Kind, Notification, Preference
from spbe.organizations.models import User


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, in_app=True)


def unread_count(user: User) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def preferences_of(user: User) -> dict[str, tuple[bool, bool]]:
    """(e-mail, in-app) for every kind, the default (both) where the user chose nothing."""
    chosen = {p.kind: (p.email, p.in_app) for p in Preference.objects.filter(user=user)}
    return {kind: chosen.get(kind, (True, True)) for kind in Kind.values}
