"""Passwords: argon2 in production, at least 12 characters and not a common one, change and reset by e-mail."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from tests.accounts.conftest import PASSWORD, log_in, logged_in

from spbe.audit.models import AuditEvent
from spbe.demo_data import PASSWORD as DEMO_PASSWORD
from spbe.organizations.models import User


def settings_in(module: str, *names: str, **env: str) -> dict[str, object]:
    """Settings as a fresh process with these environment variables would read them."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SPBE_")}
    clean.update({"SPBE_SECRET_KEY": "x" * 60, "SPBE_ALLOWED_HOSTS": "spbe.example.go.id", **env})
    code = f"import json, {module} as s; print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    out = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def _production_settings(*names: str) -> dict[str, object]:
    return settings_in("spbe.settings.prod", *names)


def test_sign_in_limits_come_from_the_environment() -> None:
    names = ("AXES_FAILURE_LIMIT", "SPBE_LOGIN_ADDRESS_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "SPBE_IDLE_TIMEOUT_MINUTES")
    defaults = settings_in("spbe.settings.base", *names, "SPBE_OTP_REQUIRED", "AXES_IPWARE_META_PRECEDENCE_ORDER")
    assert defaults == {
        "AXES_FAILURE_LIMIT": 5,
        "SPBE_LOGIN_ADDRESS_FAILURE_LIMIT": 20,
        "AXES_COOLOFF_TIME": "0:15:00",
        "SPBE_IDLE_TIMEOUT_MINUTES": 30,
        "SPBE_OTP_REQUIRED": False,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
    }
    chosen = settings_in(
        "spbe.settings.prod",
        *names,
        "SPBE_OTP_REQUIRED",
        "AXES_IPWARE_META_PRECEDENCE_ORDER",
        "SPBE_PASSWORD_MIN_LENGTH",
        SPBE_LOGIN_FAILURE_LIMIT="3",
        SPBE_LOGIN_ADDRESS_FAILURE_LIMIT="50",
        SPBE_LOGIN_COOLOFF_MINUTES="30",
        SPBE_IDLE_TIMEOUT_MINUTES="10",
        SPBE_OTP_REQUIRED="0",
        SPBE_PROXY_COUNT="1",
        SPBE_PASSWORD_MIN_LENGTH="8",
    )
    assert chosen == {
        "AXES_FAILURE_LIMIT": 3,
        "SPBE_LOGIN_ADDRESS_FAILURE_LIMIT": 50,
        "AXES_COOLOFF_TIME": "0:30:00",
        "SPBE_IDLE_TIMEOUT_MINUTES": 10,
        "SPBE_OTP_REQUIRED": False,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        "SPBE_PASSWORD_MIN_LENGTH": 12,  # never below twelve
    }


def test_production_hashes_with_argon2_and_ends_sessions_with_the_browser() -> None:
    prod = _production_settings("PASSWORD_HASHERS", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SPBE_OTP_REQUIRED")
    hashers = prod["PASSWORD_HASHERS"]
    assert isinstance(hashers, list) and hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert prod["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert prod["SPBE_OTP_REQUIRED"] is True


def test_argon2_is_installed_and_verifies() -> None:
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("Kata-Sandi-Panjang-2024", hasher.salt())
    assert encoded.startswith("argon2$") and hasher.verify("Kata-Sandi-Panjang-2024", encoded)


@pytest.mark.parametrize("password", ["sukamaju123", "Jakarta2024", "password1234", "123456789012"])
def test_short_and_common_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_demo_password_passes_the_rules() -> None:
    assert settings.SPBE_PASSWORD_MIN_LENGTH >= 12
    validate_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_a_person_changes_their_password_and_stays_logged_in(person: User) -> None:
    client = Client()
    client.force_login(person)
    page = client.get("/accounts/password/change/")
    assert page.status_code == 200 and "Ubah kata sandi" in page.content.decode()

    short = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "pendek-12", "new_password2": "pendek-12"},
    )
    assert short.status_code == 200 and "setidaknya 12 karakter" in short.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)

    new = "Sandi-Baru-Yang-Panjang-7"
    done = client.post(
        "/accounts/password/change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/password/change/done/"
    person.refresh_from_db()
    assert person.check_password(new)
    assert client.get("/accounts/security/").status_code == 200  # still logged in
    assert AuditEvent.objects.filter(subject_type="user", subject_id=person.pk, action="account.password_changed")


@pytest.mark.django_db
def test_the_reset_page_answers_the_same_for_a_known_and_an_unknown_address(person: User) -> None:
    known = Client().post("/accounts/password/reset/", {"email": "budi.santoso@sukamaju.go.id"}, follow=True)
    assert len(mail.outbox) == 1
    unknown = Client().post("/accounts/password/reset/", {"email": "tidak.ada@sukamaju.go.id"}, follow=True)
    assert len(mail.outbox) == 1
    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())


@pytest.mark.django_db
def test_the_reset_link_sets_a_new_password_and_lifts_a_lockout(person: User) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "budi.santoso", f"tebakan-{attempt}")
    assert log_in(Client(), "budi.santoso", PASSWORD).status_code == 429

    Client().post("/accounts/password/reset/", {"email": "budi.santoso@sukamaju.go.id"})
    (message,) = mail.outbox
    assert message.to == ["budi.santoso@sukamaju.go.id"]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body)
    assert link is not None
    browser = Client()
    form_page = browser.get(link.group(1), follow=True)
    assert form_page.status_code == 200 and "Pilih kata sandi baru" in form_page.content.decode()
    assert 'name="new_password1"' in form_page.content.decode()
    new = "Sandi-Baru-Yang-Panjang-7"
    done = browser.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"
    assert AuditEvent.objects.filter(subject_id=person.pk, action="account.password_reset").exists()

    client = Client()
    assert log_in(client, "budi.santoso", new).status_code == 302 and logged_in(client)
    # The link works once.
    assert "tidak berlaku lagi" in Client().get(link.group(1), follow=True).content.decode()


@pytest.mark.django_db
def test_the_login_page_links_to_the_reset() -> None:
    assert 'href="/accounts/password/reset/"' in Client().get("/accounts/login/").content.decode()
