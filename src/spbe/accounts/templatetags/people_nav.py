"""The header's link to the people page: the agencies whose people the signed-in user manages."""

from __future__ import annotations

from typing import Any

from django import template

from spbe.organizations.models import Agency, Role

register = template.Library()


@register.simple_tag
def people_agencies(user: Any) -> list[Agency]:
    """Agencies where the user is a coordinator (a superuser without that role has the admin)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(Agency.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR).distinct()[:5])
