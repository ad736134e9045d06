"""The audit trail: an append-only record of every change, written with the change.

Rows can be added, never changed or removed: the model refuses, and database
triggers (see the migration) refuse too, whoever connects.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spbe.audit.actions import AuditAction


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events cannot be deleted")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the history is about (e.g. "assessment", 12) and what exactly changed inside it.
    subject_type = models.CharField(max_length=40)
    subject_id = models.BigIntegerField()
    action = models.CharField(_("action"), max_length=60, choices=AuditAction.choices)
    target = models.CharField(_("item"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["subject_type", "subject_id", "-at"], name="audit_subject_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events cannot be deleted")
