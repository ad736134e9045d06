"""Action plans (rencana aksi): the steps adopted to reach a target index, tracked as actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spbe.evaluation.models.assessment import Assessment
from spbe.organizations.models import Unit


class ActionPlan(models.Model):
    """A plan computed from an assessment's levels and adopted by the coordinator.

    ``inputs`` keeps what the plan was computed from (levels used, caps, costs), so the
    adopted plan can always be explained even after levels change.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="action_plans")
    target = models.DecimalField(_("target index"), max_digits=3, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    basis = models.CharField(_("levels used"), max_length=20)  # "verified" or "self"
    reachable = models.BooleanField()
    index_before = models.DecimalField(max_digits=3, decimal_places=2)
    index_after = models.DecimalField(max_digits=3, decimal_places=2)
    total_cost = models.DecimalField(max_digits=12, decimal_places=2)
    inputs = models.JSONField(editable=False)
    adopted_at = models.DateTimeField(auto_now_add=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-adopted_at"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"], condition=models.Q(is_current=True), name="one_current_plan_per_assessment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} -> {self.target}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Action(models.Model):
    """One step of an adopted plan: raise an indicator to a level, owned by a unit."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(_("indicator"), max_length=10)
    position = models.PositiveSmallIntegerField()
    from_level = models.DecimalField(_("from level"), max_digits=4, decimal_places=2)
    to_level = models.PositiveSmallIntegerField(_("to level"))
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsible unit"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="one_action_per_indicator")]

    def __str__(self) -> str:
        return f"{self.code}: {self.from_level} -> {self.to_level}"
