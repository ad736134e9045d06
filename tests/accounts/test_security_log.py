"""Security events go to the `spbe.security` log as JSON lines, and personal data never does."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from tests.accounts.conftest import ADDRESS, PASSWORD, SecurityLog, log_in
from tests.conftest import Regency

from spbe.organizations.models import User

pytestmark = pytest.mark.django_db

PERSONAL = ["budi.santoso", "Budi Santoso", "sukamaju.go.id", ADDRESS, PASSWORD, "Tebakan-Salah-99"]


def assert_no_personal_data(log: SecurityLog) -> None:
    for value in PERSONAL:
        assert value.lower() not in log.text.lower(), value


def test_a_failed_login_is_logged_without_personal_data(person: User, security_log: SecurityLog) -> None:
    log_in(Client(), "budi.santoso", "Tebakan-Salah-99")
    (event,) = security_log.named("login.failed")
    assert event["user_id"] == person.pk and event["reason"] == "bad_credentials"
    assert len(event["account"]) == 16 and len(event["client"]) == 16  # keyed hashes, for correlation
    assert event["level"] == "INFO" and event["logger"] == "spbe.security" and event["time"].endswith("+00:00")
    assert_no_personal_data(security_log)


def test_the_same_client_gets_the_same_pseudonym(person: User, security_log: SecurityLog) -> None:
    log_in(Client(), "budi.santoso", "Tebakan-Salah-99")
    log_in(Client(), "BUDI.SANTOSO", "Tebakan-Salah-98")
    log_in(Client(), "budi.santoso", "Tebakan-Salah-97", address="192.0.2.1")
    first, second, third = security_log.named("login.failed")
    assert first["account"] == second["account"] == third["account"]
    assert first["client"] == second["client"] != third["client"]


def test_a_lockout_and_the_refused_right_password_are_logged(person: User, security_log: SecurityLog) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "budi.santoso", f"Tebakan-Salah-{attempt}")
    log_in(Client(), "budi.santoso", PASSWORD)
    assert security_log.named("login.locked_out")
    assert security_log.named("login.failed")[-1]["reason"] == "locked_out"
    assert not security_log.named("login.succeeded")
    assert_no_personal_data(security_log)


def test_login_logout_and_password_change_are_logged_by_user_id(person: User, security_log: SecurityLog) -> None:
    client = Client()
    log_in(client, "budi.santoso", PASSWORD)
    new = "Sandi-Baru-Yang-Panjang-7"
    client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=ADDRESS,
    )
    client.post("/accounts/logout/", REMOTE_ADDR=ADDRESS)
    assert [e["event"] for e in security_log.events] == ["login.succeeded", "password.changed", "logout"]
    assert {e["user_id"] for e in security_log.events} == {person.pk}
    assert "Sandi-Baru" not in security_log.text
    assert_no_personal_data(security_log)


def test_a_reset_request_is_logged_without_the_address(person: User, security_log: SecurityLog) -> None:
    Client().post("/accounts/password/reset/", {"email": "budi.santoso@sukamaju.go.id"}, REMOTE_ADDR=ADDRESS)
    assert security_log.named("password.reset_requested")
    assert_no_personal_data(security_log)


def test_a_wrong_second_factor_code_is_logged(person: User, security_log: SecurityLog) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=person, name="authenticator", confirmed=True)
    client = Client()
    log_in(client, "budi.santoso", PASSWORD)
    client.post("/accounts/two-factor/verify/", {"code": "999999"}, REMOTE_ADDR=ADDRESS)
    (event,) = security_log.named("otp.failed")
    assert event["user_id"] == person.pk and event["reason"] == "login"
    assert_no_personal_data(security_log)


def test_an_admin_deletion_of_several_objects_is_logged_once_each(regency: Regency, security_log: SecurityLog) -> None:
    admin = User.objects.create_superuser("admin", "admin@sukamaju.go.id", PASSWORD)
    client = Client()
    client.force_login(admin)
    units = [regency.diskominfo.pk, regency.bappeda.pk]
    response = client.post(
        "/admin/organizations/unit/",
        {"action": "delete_selected", "_selected_action": units, "post": "yes"},
    )
    assert response.status_code == 302
    deleted = security_log.named("admin.changed")
    assert sorted(e["object_id"] for e in deleted) == sorted(str(pk) for pk in units)
    assert {e["action"] for e in deleted} == {"delete"} and {e["model"] for e in deleted} == {"organizations.unit"}
    assert "Diskominfo" not in security_log.text


def test_an_admin_change_is_logged(person: User, security_log: SecurityLog) -> None:
    LogEntry.objects.log_actions(
        user_id=person.pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message="Changed email of Budi Santoso",
        single_object=True,
    )
    (event,) = security_log.named("admin.changed")
    assert event == {
        **event,
        "user_id": person.pk,
        "action": "change",
        "model": "organizations.user",
        "object_id": str(person.pk),
    }
    assert ContentType.objects.get_for_model(User).model == "user"
    assert_no_personal_data(security_log)


def test_an_object_denied_to_a_signed_in_person_is_logged(person: User, security_log: SecurityLog) -> None:
    client = Client()
    client.force_login(person)
    assert client.get("/assessments/999999/").status_code == 404
    (event,) = security_log.named("access.denied")
    assert event["status"] == 404 and event["user_id"] == person.pk and event["view"]
    assert "999999" not in security_log.text
