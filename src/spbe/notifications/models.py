"""The notification outbox and each user's choice of what reaches them.

A Notification row is written in the transaction of the change it tells about; the in-app list
reads it at once, and the worker delivers its e-mail (``spbe.notifications.tasks``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("Indicator assigned to my unit")
    REVISION = "revision", _("Revision requested")
    APPROVED = "approved", _("Answer approved")
    STATE = "state", _("Assessment state changed")
    REMINDER = "reminder", _("Deadline reminder")
    OVERDUE = "overdue", _("Overdue indicator")
    INVITATION = "invitation", _("Invitation to an agency")


# About the account itself, not about the work: always by e-mail only, whatever the preferences,
# and also to a person who has not activated their account yet (the invitation is how they do).
ACCOUNT_KINDS = frozenset({Kind.INVITATION})


class MailState(models.TextChoices):
    NONE = "none", _("not by e-mail")
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # Set by the deadline sweep: the same reminder for the same answer and day is written once.
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    in_app = models.BooleanField(_("shown in the application"), default=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mail_state = models.CharField(_("e-mail"), max_length=10, choices=MailState.choices, default=MailState.NONE)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["mail_state", "next_attempt_at"], name="notification_mail_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} -> {self.recipient}"


class Preference(models.Model):
    """One user's channels for one kind; no row means both channels."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    email = models.BooleanField(_("by e-mail"), default=True)
    in_app = models.BooleanField(_("in the application"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"
