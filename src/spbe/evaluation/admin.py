"""Master data in the Django admin. Answers change only through the workflow (and its audit trail).

An assessment is deleted here only through ``assessment_delete`` (audited; its evidence files
go once the deletion commits); a final assessment is refused, one by one or in bulk.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from spbe.evaluation.deletion import final_assessment_message
from spbe.evaluation.models import Assessment, AssessmentState
from spbe.evaluation.services.assessments import assessment_delete
from spbe.organizations.admin import ServiceAdmin


@admin.register(Assessment)
class AssessmentAdmin(ServiceAdmin):
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
        "carried_from",
    ]
    exclude = ["framework_snapshot"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # assessments start in the application, which creates their answers and audit trail

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def service_delete(self, request: HttpRequest, obj: Assessment) -> None:
        assessment_delete(actor=self.actor(request), assessment=obj)

    def deletion_refusals(self, request: HttpRequest, obj: Assessment) -> list[str]:
        if obj.state == AssessmentState.FINAL:
            return [final_assessment_message(obj)]
        return []
