"""Writes about a person's own sign-in: password changes and second-factor devices, each with its audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from spbe.audit.services import audit_record

DEVICE_NAME = "authenticator"


def _record(user: Any, action: str) -> None:
    audit_record(actor=user, agency_id=None, subject_type="user", subject_id=user.pk, action=action)


def password_changed(*, user: Any, form: Any, action: str) -> Any:
    """Save a Django password form (change or reset) and its audit event together."""
    with transaction.atomic():
        saved = form.save()
        _record(user, action)
    return saved


def totp_device_start(*, user: Any) -> TOTPDevice:
    """The unconfirmed device being set up: kept while the person scans the code, replaced by none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user: Any, device: TOTPDevice) -> None:
    """The first right code turns the device on; any other device of the person is removed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _record(user, "account.two_factor_enabled")


def totp_devices_remove(*, user: Any) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        _record(user, "account.two_factor_disabled")
