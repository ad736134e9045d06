"""The coordinator invites someone in Chromium; the link from the delivered e-mail sets up the account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from tests.e2e.test_accessibility import axe_source, violations
from tests.e2e.test_workflow_browser import log_in, person

from spbe.notifications.delivery import deliver
from spbe.notifications.models import Kind, Notification
from spbe.organizations.models import Agency, Membership, Role, Unit, User

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["axe_source"]  # the fixture, used by name
NEW_PASSWORD = "Sandi-Baru-Operator-2026"


def test_invite_then_set_up_the_account_from_the_email(live_server: Any, page: Any, axe_source: str) -> None:
    base = live_server.url
    agency = Agency.objects.create(name="Kabupaten Contoh", slug="contoh", kind=Agency.Kind.REGENCY)
    Unit.objects.create(agency=agency, name="Bappeda", short_name="Bappeda")
    diskominfo = Unit.objects.create(agency=agency, name="Diskominfo", short_name="Diskominfo")
    person("koord", agency, Role.COORDINATOR)
    log_in(page, base, "koord")

    # from the header to the people page, then the invitation form
    page.click("header nav >> text=Pengguna")
    page.wait_for_url(f"{base}/agencies/contoh/people/")
    assert violations(page, axe_source) == []
    page.click("text=Undang pengguna")
    page.fill("#id_email", "rina@contoh.go.id")
    page.fill("#id_full_name", "Rina Wulandari")
    page.select_option("#id_role", Role.UNIT_OPERATOR)
    page.click("form[data-command=invite] button[type=submit]")  # no unit: refused by name
    assert "Perangkat daerah: operator perangkat daerah memerlukan" in page.locator("main").inner_text()
    page.select_option("#id_unit", str(diskominfo.pk))
    page.click("form[data-command=invite] button[type=submit]")
    assert "Undangan ke rina@contoh.go.id sedang dikirim" in page.get_by_role("status").inner_text()
    assert violations(page, axe_source) == []
    page.goto(f"{base}/agencies/contoh/people/?status=pending")
    assert "Rina Wulandari" in page.locator("table.people").inner_text()

    # the worker delivers the e-mail; its link is opened in a fresh, signed-out browser
    row = Notification.objects.get(kind=Kind.INVITATION)
    deliver(row.pk)
    (message,) = mail.outbox
    assert message.to == ["rina@contoh.go.id"]
    (link,) = re.findall(r"http\S*/accounts/invitation/\S+/", message.body)
    page.context.clear_cookies()
    page.goto(base + "/" + link.split("/", 3)[3])
    assert page.locator("h1").inner_text() == "Siapkan akun Anda"
    assert violations(page, axe_source) == []
    page.fill("#id_username", "rina")
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/home/")
    assert "akun Anda sudah siap" in page.get_by_role("status").inner_text()
    rina = User.objects.get(username="rina")
    assert rina.is_active and rina.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=rina, agency=agency).unit == diskominfo

    # the link is spent; the new account signs in with its password
    page.context.clear_cookies()
    page.goto(base + "/" + link.split("/", 3)[3])
    assert "sudah dipakai" in page.locator("main").inner_text()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "rina")
    page.fill("#id_password", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/home/")
    page.click("header nav >> text=Profil saya")
    assert page.locator("#id_full_name").input_value() == "Rina Wulandari"
    assert violations(page, axe_source) == []
