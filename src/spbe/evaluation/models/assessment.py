"""Self-assessments: one per agency, year and framework, with an answer per indicator."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spbe.evaluation.models.levels import ExactLevelField
from spbe.organizations.models import Agency, Unit


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under external review")
    FINAL = "final", _("Final")


class Assessment(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("agency"))
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    framework_id = models.CharField(_("framework"), max_length=60)
    # The framework as it was when the assessment was created: a later correction of
    # the shipped data never changes this assessment's result.
    framework_snapshot = models.JSONField(editable=False)
    state = models.CharField(_("state"), max_length=20, choices=AssessmentState.choices, default=AssessmentState.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    # The earlier assessment whose assignments (and perhaps drafts) were carried into this one.
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("carried over from")
    )

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "framework_id"], name="one_assessment_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def framework_title(self) -> str:
        """The framework's title in the active language, as frozen with the assessment (never its id)."""
        snapshot = self.framework_snapshot or {}
        title = snapshot.get("title_en") if get_language() == "en" else snapshot.get("title")
        return str(title or snapshot.get("title") or self.framework_id)


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Not reviewed")
    APPROVED = "approved", _("Approved")
    REVISION = "revision", _("Revision requested")


class Answer(models.Model):
    """The agency's answer for one indicator, and the reviews of it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(_("indicator"), max_length=10)
    position = models.PositiveSmallIntegerField()
    aspect_code = models.CharField(max_length=10)
    domain_code = models.CharField(max_length=10, blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="answers", verbose_name=_("assigned units"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    self_level = ExactLevelField(_("self-assessed level"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    # Counts every change of the answer; the worksheet import compares it to refuse stale rows.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_status = models.CharField(
        _("internal review"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    review_note = models.TextField(_("internal review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The level of the latest external stage that gave one (kept by the review service).
    verified_level = ExactLevelField(_("verified level"), null=True, blank=True)
    # The value comes from another national index that is not yet published (8/2026 indicators
    # 5, 6, 7, 18): the indicator counts at the lowest value and is flagged wherever it is shown.
    external_pending = models.BooleanField(_("external value pending"), default=False)
    # The justification and evidence were carried over from last year and wait for the operator's
    # confirmation: until then the answer cannot be approved or submitted (``rules.needs_confirmation``).
    from_last_year = models.BooleanField(_("from last year"), default=False)

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="one_answer_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} - {self.code}"


class Stage(models.TextChoices):
    DOCUMENT = "document", _("Document review")
    INTERVIEW = "interview", _("Interview")
    FIELD_VISIT = "field_visit", _("Field visit")


STAGE_ORDER = [Stage.DOCUMENT, Stage.INTERVIEW, Stage.FIELD_VISIT]


class StageReview(models.Model):
    """An external assessor's level and notes for one indicator at one stage."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="stage_reviews")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    level = ExactLevelField(_("level"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["answer", "stage"]
        constraints = [models.UniqueConstraint(fields=["answer", "stage"], name="one_review_per_stage")]

    def __str__(self) -> str:
        return f"{self.answer} {self.get_stage_display()}"


class Evidence(models.Model):
    """Supporting evidence (bukti dukung): an uploaded file or a link.

    Files are stored under a random name outside the static root and served only
    through a permission-checked view. One evidence item may support several indicators.
    """

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    answers = models.ManyToManyField(Answer, related_name="evidence", blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    # Carried-over evidence names the same file as last year's row (a reference, not a copy);
    # the file goes only when no row names it any more (``evaluation.deletion``).
    stored_name = models.CharField(max_length=80, blank=True, null=True, db_index=True)  # noqa: DJ001 - NULL for links
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "title"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="file", stored_name__isnull=False, url="")
                    | models.Q(kind="link", stored_name__isnull=True) & ~models.Q(url="")
                ),
                name="evidence_is_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def as_audit(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "name": self.original_name,
            "sha256": self.sha256,
            "url": self.url,
            "size": self.size,
        }
