"""Who needs a second factor, and the middleware that holds a session until it is given.

Anyone may add a TOTP device; whoever has one confirms a code after every login before
anything else. With SPBE_OTP_REQUIRED on (the production default), superusers, staff (who
reach the admin) and SPBE coordinators must have one: until they set it up, every page
sends them to the setup page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from spbe.organizations.models import Membership, Role

# Pages a half-signed-in session may still use (besides the two-factor pages themselves).
ALWAYS_OPEN = frozenset({"logout", "set_language", "health"})
VERIFY = "accounts:otp_verify"
SETUP = "accounts:otp_setup"


def otp_required_for(user: Any) -> bool:
    """Does this user have to use a second factor under the current settings?"""
    if not getattr(settings, "SPBE_OTP_REQUIRED", False) or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Membership.objects.filter(user=user, role=Role.COORDINATOR).exists()


def has_device(user: Any) -> bool:
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: sends unverified sessions to verify or set up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or is_verified(request):
            return self.get_response(request)
        if request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)
        name = _view_name(request)
        if name in ALWAYS_OPEN:
            return self.get_response(request)
        if has_device(user):
            target = VERIFY
        elif otp_required_for(user):
            target = SETUP
        else:
            return self.get_response(request)
        if name == target:
            return self.get_response(request)
        next_url = request.get_full_path() if request.method == "GET" else resolve_url(settings.LOGIN_REDIRECT_URL)
        response: HttpResponse = redirect_to_login(next_url, login_url=reverse(target))
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
