"""Helpers shared by the evaluation services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.audit.targets import target_code
from spbe.evaluation.errors import NotAllowed
from spbe.evaluation.models import Assessment
from spbe.organizations.access import Access, access_for
from spbe.organizations.models import User


def require_access(actor: User, assessment: Assessment) -> Access:
    access = access_for(actor, assessment.agency_id)
    if not access.can_view:
        raise NotAllowed(_("You have no role in this agency."))
    return access


def record(
    actor: User,
    assessment: Assessment,
    action: str,
    target: str = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_record(
        actor=actor,
        agency_id=assessment.agency_id,
        subject_type="assessment",
        subject_id=assessment.pk,
        action=action,
        target=target,
        before=before,
        after=after,
    )


def indicators_target(*codes: str) -> str:
    """How the audit trail stores the indicators a change touched (codes, named when read)."""
    return target_code("indicator", *codes)


def lock_assessment(assessment: Assessment) -> Assessment:
    """Re-read the assessment with a row lock so state checks and changes cannot interleave."""
    return Assessment.objects.select_for_update().select_related("agency").get(pk=assessment.pk)
