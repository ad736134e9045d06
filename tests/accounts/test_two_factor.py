"""The second factor: optional for everyone, required for superusers, staff and coordinators when set."""

from __future__ import annotations

import re
from base64 import b32encode

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.accounts.conftest import PASSWORD, log_in, logged_in
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.organizations.models import User

pytestmark = pytest.mark.django_db

REQUIRED = override_settings(SPBE_OTP_REQUIRED=True)


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)).zfill(6)


def wrong_code(device: TOTPDevice) -> str:
    right = {code_for(device, offset) for offset in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def with_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_a_person_sets_up_an_authenticator_with_the_qr_code(person: User) -> None:
    client = Client()
    client.force_login(person)
    page = client.get("/accounts/two-factor/setup/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'class="qr"' in html
    assert " style=" not in html and "<script>" not in html  # ready for a strict CSP
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", html)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32

    wrong = client.post("/accounts/two-factor/setup/", {"code": wrong_code(device)})
    assert wrong.status_code == 200 and "Kode itu salah" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a person takes longer than the one-second back-off to type the next code
    ok = client.post("/accounts/two-factor/setup/", {"code": code_for(device)})
    assert ok.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(subject_id=person.pk, action="account.two_factor_enabled").exists()


def test_a_person_with_a_device_must_give_a_code_after_the_password(person: User) -> None:
    device = with_device(person)
    client = Client()
    response = log_in(client, "budi.santoso", PASSWORD)
    assert logged_in(client)
    held = client.get("/assessments/")
    assert held.status_code == 302 and held["Location"] == "/accounts/two-factor/verify/?next=/assessments/"
    assert client.get("/admin/").status_code == 302
    assert client.get("/accounts/two-factor/setup/").status_code == 302  # no second device behind the first's back

    wrong = client.post("/accounts/two-factor/verify/?next=/assessments/", {"code": "12345x"})
    assert "enam angka" in wrong.content.decode()
    response = client.post("/accounts/two-factor/verify/", {"code": code_for(device), "next": "/assessments/"})
    assert response.status_code == 302 and response["Location"] == "/assessments/"
    assert client.get("/assessments/").status_code == 200


def test_the_verify_step_never_sends_elsewhere(person: User) -> None:
    device = with_device(person)
    client = Client()
    log_in(client, "budi.santoso", PASSWORD)
    response = client.post("/accounts/two-factor/verify/", {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/home/"  # the personal home (LOGIN_REDIRECT_URL)


def test_without_the_setting_nobody_is_forced(regency: Regency) -> None:
    client = Client()
    client.force_login(regency.coordinator)
    assert client.get("/assessments/").status_code == 200


@REQUIRED
def test_a_coordinator_without_a_device_can_do_nothing_but_set_one_up(regency: Regency) -> None:
    client = Client()
    client.force_login(regency.coordinator)
    for url in ("/", "/assessments/", "/accounts/password/change/", "/calculator/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/setup/"), url
    page = client.get("/accounts/two-factor/setup/")
    assert "Peran Anda mewajibkan verifikasi dua langkah" in page.content.decode()
    device = TOTPDevice.objects.get(user=regency.coordinator)
    client.post("/accounts/two-factor/setup/", {"code": code_for(device), "next": "/assessments/"})
    assert client.get("/assessments/").status_code == 200


@REQUIRED
def test_other_roles_stay_optional_when_required(regency: Regency) -> None:
    client = Client()
    client.force_login(regency.operator)
    assert client.get("/assessments/").status_code == 200


@REQUIRED
def test_the_admin_is_closed_to_an_unverified_superuser(db: None) -> None:
    admin = User.objects.create_superuser("admin", "admin@sukamaju.go.id", PASSWORD)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/setup/")
    # The admin's own door is locked too, middleware or not.
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = admin
    request.user.is_verified = lambda: False  # type: ignore[attr-defined]
    assert not django_admin.site.has_permission(request)
    request.user.is_verified = lambda: True  # type: ignore[attr-defined]
    assert django_admin.site.has_permission(request)


@REQUIRED
def test_the_device_admin_shows_no_secret(db: None) -> None:
    admin = User.objects.create_superuser("admin", "admin@sukamaju.go.id", PASSWORD)
    device = with_device(admin)
    client = Client()
    client.force_login(admin)
    client.post("/accounts/two-factor/verify/", {"code": code_for(device)})
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    secret = b32encode(device.bin_key).decode()
    for view in ("config", "qrcode"):  # django-otp's own device admin shows the key and its QR code here
        response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/", follow=True)
        assert secret not in response.content.decode() and response["Content-Type"].startswith("text/html")


def test_a_person_may_turn_the_second_factor_off_with_a_code(person: User) -> None:
    device = with_device(person)
    client = Client()
    client.force_login(person)
    client.post("/accounts/two-factor/verify/", {"code": code_for(device)})
    refused = client.post("/accounts/two-factor/remove/", {"code": wrong_code(device)}, follow=True)
    assert TOTPDevice.objects.filter(user=person).exists() and "Kode itu salah" in refused.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    client.post("/accounts/two-factor/remove/", {"code": code_for(device, offset=1)})
    assert not TOTPDevice.objects.filter(user=person).exists()
