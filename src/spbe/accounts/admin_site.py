"""The Django admin with the second factor: no admin page for an unverified session when it is required.

TwoFactorMiddleware already holds such sessions; this is the second lock on the admin's own
door, so that the admin stays closed even where the middleware is left out. django-otp's
device admin is replaced by one that never shows a device's secret or QR code to anyone
but its owner (an administrator may only look at devices and remove a lost one).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice


class OtpProtectedAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        from spbe.accounts.two_factor import is_verified, otp_required_for

        if not super().has_permission(request):
            return False
        return is_verified(request) or not otp_required_for(request.user)


class TOTPDeviceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def protect_admin() -> None:
    """Called once from AccountsConfig.ready()."""
    # django-otp documents swapping the class of the default site; the registry stays as it is.
    admin.site.__class__ = OtpProtectedAdminSite
    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)
    admin.site.register(TOTPDevice, TOTPDeviceAdmin)
