"""Setting up, confirming and removing the second factor (TOTP, any authenticator app)."""

from __future__ import annotations

from base64 import b32encode

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from spbe.accounts import services
from spbe.accounts.forms import CodeForm
from spbe.accounts.qr import qr_svg
from spbe.accounts.security_log import security_event
from spbe.accounts.two_factor import has_device, is_verified, otp_required_for
from spbe.accounts.views._next import next_url

WRONG_CODE = gettext_lazy("That code is wrong or has expired. Enter the code your app shows now.")
THROTTLED = gettext_lazy("Too many wrong codes in a row. Wait a minute, then enter the code your app shows.")


def _throttled(request: HttpRequest) -> bool:
    return any(not device.verify_is_allowed()[0] for device in django_otp.devices_for_user(request.user))


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    if has_device(request.user):
        if not is_verified(request):
            return redirect("accounts:otp_verify")
        return redirect("accounts:security")
    device = services.totp_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            services.totp_device_confirm(user=request.user, device=device)
            django_otp.login(request, device)
            security_event("otp.enabled", request=request, user_id=request.user.pk)
            messages.success(request, _("Two-step verification is on. You will be asked for a code at every login."))
            return redirect(next_url(request))
        security_event("otp.failed", request=request, user_id=request.user.pk, reason="setup")
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": _grouped_secret(device),
            "required": otp_required_for(request.user),
            "next": next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    if is_verified(request) or not has_device(request.user):
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _throttled(request):
        security_event("otp.failed", request=request, user_id=request.user.pk, reason="throttled")
        form.add_error("code", THROTTLED)
    elif request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            security_event("otp.verified", request=request, user_id=request.user.pk)
            return redirect(next_url(request))
        security_event("otp.failed", request=request, user_id=request.user.pk, reason="login")
        form.add_error("code", WRONG_CODE)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url(request)})


@login_required
@require_POST
def otp_remove(request: HttpRequest) -> HttpResponse:
    if otp_required_for(request.user):
        messages.error(request, _("Your role requires two-step verification: it cannot be turned off."))
        return redirect("accounts:security")
    form = CodeForm(request.POST)
    device = django_otp.match_token(request.user, form.cleaned_data["code"]) if form.is_valid() else None
    if device is None:
        security_event("otp.failed", request=request, user_id=request.user.pk, reason="remove")
        messages.error(request, WRONG_CODE)
        return redirect("accounts:security")
    services.totp_devices_remove(user=request.user)
    security_event("otp.disabled", request=request, user_id=request.user.pk)
    messages.success(request, _("Two-step verification is off."))
    return redirect("accounts:security")


@login_required
@require_safe
def security(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/security.html",
        {
            "has_device": has_device(request.user),
            "required": otp_required_for(request.user),
            "remove_form": CodeForm(),
        },
    )
