"""Master data in the Django admin. Answers change only through the workflow (and its audit trail)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from spbe.evaluation.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "framework_id", "state", "created_at"]
    list_filter = ["state", "year", "framework_id"]
    search_fields = ["agency__name"]
    readonly_fields = [
        "agency",
        "year",
        "framework_id",
        "state",
        "created_at",
        "created_by",
        "submitted_at",
        "finalized_at",
    ]
    exclude = ["framework_snapshot"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # assessments start in the application, which creates their answers and audit trail

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
