from django.contrib import admin
from django.http import HttpRequest

from spbe.notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "mail_state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["mail_state", "kind"]
    search_fields = ["recipient__username", "last_error"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email", "in_app"]
