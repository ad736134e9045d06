"""Every kind of change the audit trail records, with its label in the reader's language.

The trail stores the code (``answer.updated``); pages show the label. A service can only
record an action listed here, so a new kind of change cannot reach the history unnamed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ASSESSMENT_CREATED = "assessment.created", _("Assessment started")
    ASSESSMENT_STATE = "assessment.state", _("State changed")
    ANSWER_UPDATED = "answer.updated", _("Answer changed")
    ANSWER_ASSIGNED = "answer.assigned", _("Assignment changed")
    ANSWER_REVIEWED = "answer.reviewed", _("Internal review")
    ANSWER_VERIFIED = "answer.verified", _("External verification")
    ASSESSMENT_CARRIED_OVER = "assessment.carried_over", _("Carried over from an earlier assessment")
    ANSWER_CARRIED = "answer.carried", _("Taken over from last year")
    ANSWER_CONFIRMED = "answer.confirmed", _("Last year's answer confirmed")
    EVIDENCE_ADDED = "evidence.added", _("Evidence added")
    EVIDENCE_ATTACHED = "evidence.attached", _("Evidence attached")
    EVIDENCE_DETACHED = "evidence.detached", _("Evidence detached")
    WORKSHEET_IMPORTED = "worksheet.imported", _("Worksheet imported")
    PLAN_ADOPTED = "plan.adopted", _("Action plan adopted")
    ACTION_UPDATED = "action.updated", _("Action updated")
    ASSESSMENT_DELETED = "assessment.deleted", _("Assessment deleted")
    AGENCY_CREATED = "agency.created", _("Agency created")
    AGENCY_UPDATED = "agency.updated", _("Agency changed")
    AGENCY_DELETED = "agency.deleted", _("Agency deleted")
    UNIT_CREATED = "unit.created", _("Unit created")
    UNIT_UPDATED = "unit.updated", _("Unit changed")
    UNIT_DELETED = "unit.deleted", _("Unit deleted")
    MEMBERSHIP_ADDED = "membership.added", _("Role given")
    MEMBERSHIP_CHANGED = "membership.changed", _("Role changed")
    MEMBERSHIP_REMOVED = "membership.removed", _("Role removed")
    USER_CREATED = "user.created", _("User created")
    USER_UPDATED = "user.updated", _("User changed")
    USER_ACCESS_CHANGED = "user.access_changed", _("User's administrator rights changed")
    USER_PASSWORD_CHANGED = "user.password_changed", _("Password set by an administrator")
    USER_DELETED = "user.deleted", _("User deleted")
    USER_DEACTIVATED = "user.deactivated", _("User deactivated")
    USER_REACTIVATED = "user.reactivated", _("User reactivated")
    INVITATION_SENT = "invitation.sent", _("Invitation sent")
    INVITATION_RESENT = "invitation.resent", _("Invitation sent again")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted, account set up")
    ACCOUNT_PASSWORD_CHANGED = "account.password_changed", _("Password changed")
    ACCOUNT_PASSWORD_RESET = "account.password_reset", _("Password reset by e-mail")
    ACCOUNT_TWO_FACTOR_ENABLED = "account.two_factor_enabled", _("Two-step verification turned on")
    ACCOUNT_TWO_FACTOR_DISABLED = "account.two_factor_disabled", _("Two-step verification turned off")
    ACCOUNT_PROFILE_CHANGED = "account.profile_changed", _("Own profile changed")


def action_label(code: str) -> str:
    """The label of a recorded action; an unknown code (from an older version) is shown as it is."""
    try:
        return str(AuditAction(code).label)
    except ValueError:
        return code
