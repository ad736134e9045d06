from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from spbe.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail can be searched, never edited or deleted (no action offers it)."""

    list_display = ["at", "actor", "agency", "action", "subject_type", "subject_id", "target"]
    list_filter = ["action", "subject_type", "agency"]
    list_select_related = ["actor", "agency"]
    search_fields = ["target", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
