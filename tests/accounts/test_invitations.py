"""Inviting people by e-mail: the outbox e-mail in the same transaction, a link that works once and
expires, the account set up with the project's password rules, re-inviting and existing accounts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.accounts.conftest import log_in, logged_in
from tests.conftest import Regency

from spbe.accounts.invitations import Outcome, invitation_send
from spbe.audit.models import AuditEvent
from spbe.notifications.delivery import deliver
from spbe.notifications.models import Kind, Notification
from spbe.organizations.models import Invitation, Membership, Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "Kata-Sandi-Panjang-2024"
LINK = re.compile(r"http\S*/accounts/invitation/[^/\s]+/")


def _invite(regency: Regency, email: str = "siti@sukamaju.go.id", **extra: object) -> object:
    values = {"full_name": "Siti Rahma", "role": Role.UNIT_OPERATOR, "unit": regency.diskominfo, **extra}
    return invitation_send(actor=regency.coordinator, agency=regency.agency, email=email, **values)  # type: ignore[arg-type]


def _link_of(email: str) -> str:
    """The link in the invitation e-mail, as the worker delivers it (console or SMTP alike)."""
    row = Notification.objects.filter(kind=Kind.INVITATION, recipient__email=email).latest("pk")
    deliver(row.pk)
    found = LINK.findall(mail.outbox[-1].body)
    assert len(found) == 1, mail.outbox[-1].body
    return "/" + found[0].split("/", 3)[3]


def test_an_invitation_writes_the_person_the_role_and_the_outbox_email_together(regency: Regency) -> None:
    result = _invite(regency)
    person = User.objects.get(email="siti@sukamaju.go.id")
    assert result.outcome is Outcome.INVITED  # type: ignore[attr-defined]
    assert not person.is_active and not person.has_usable_password()
    assert Membership.objects.filter(user=person, agency=regency.agency, role=Role.UNIT_OPERATOR).exists()
    row = Notification.objects.get(kind=Kind.INVITATION)
    assert row.recipient == person and row.mail_state == "pending" and not row.in_app
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_notification").count() == 1
    assert {"invitation.sent", "user.created", "membership.added"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )
    deliver(row.pk)
    (message,) = mail.outbox
    assert message.to == ["siti@sukamaju.go.id"]
    # in Indonesian, the site's language
    assert "Kabupaten Uji" in message.subject and "Operator perangkat daerah" in message.subject
    assert LINK.search(message.body)


def test_an_invitation_that_rolls_back_leaves_no_person_and_no_email(regency: Regency) -> None:
    def invite_then_fail() -> None:
        with transaction.atomic():
            _invite(regency)
            assert Notification.objects.filter(kind=Kind.INVITATION).count() == 1
            raise RuntimeError("the request fails after the invitation was written")

    with pytest.raises(RuntimeError):
        invite_then_fail()
    assert not User.objects.filter(email="siti@sukamaju.go.id").exists()
    assert not Notification.objects.exists()
    assert not Invitation.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_invitee_sets_up_the_account_once_and_can_then_log_in(regency: Regency, client: Client) -> None:
    _invite(regency)
    link = _link_of("siti@sukamaju.go.id")
    page = client.get(link)
    assert page.status_code == 200 and b"Siti Rahma" in page.content
    weak = client.post(link, {"username": "siti", "password1": "siti", "password2": "siti"})
    assert "Kata sandi" in weak.content.decode() and not User.objects.get(email="siti@sukamaju.go.id").is_active
    done = client.post(link, {"username": "siti", "password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("evaluation:my_work")
    person = User.objects.get(username="siti")
    assert person.is_active and person.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(person.pk)
    assert AuditEvent.objects.filter(action="invitation.accepted", subject_id=person.pk).exists()
    # the link works once: a second use is refused with a clear message and changes nothing
    fresh = Client()
    again = fresh.get(link)
    assert "sudah dipakai" in again.content.decode()
    fresh.post(link, {"username": "pencuri", "password1": PASSWORD + "x", "password2": PASSWORD + "x"})
    person.refresh_from_db()
    assert person.username == "siti" and person.check_password(PASSWORD)
    # and the new account signs in with the password chosen
    log_in(fresh, "siti", PASSWORD)
    assert logged_in(fresh)


def test_an_expired_link_says_so_and_sets_up_nothing(regency: Regency, client: Client) -> None:
    _invite(regency)
    link = _link_of("siti@sukamaju.go.id")
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(link)
    assert "kedaluwarsa" in page.content.decode()
    client.post(link, {"username": "siti", "password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.get(email="siti@sukamaju.go.id").is_active


def test_a_tampered_link_is_not_an_invitation(regency: Regency, client: Client) -> None:
    _invite(regency)
    link = _link_of("siti@sukamaju.go.id")
    page = client.get(link[:-3] + "xx/")
    assert "bukan undangan yang sah" in page.content.decode()


def test_inviting_the_same_address_again_asks_then_resends_and_the_old_link_dies(
    regency: Regency, client: Client
) -> None:
    _invite(regency)
    old = _link_of("siti@sukamaju.go.id")
    asked = _invite(regency, email="SITI@sukamaju.go.id")
    assert asked.outcome is Outcome.ASK_RESEND  # type: ignore[attr-defined]
    assert Notification.objects.filter(kind=Kind.INVITATION).count() == 1  # nothing sent before confirming
    resent = _invite(regency, resend=True)
    assert resent.outcome is Outcome.RESENT  # type: ignore[attr-defined]
    assert User.objects.filter(email__iexact="siti@sukamaju.go.id").count() == 1
    assert Invitation.objects.get().times_sent == 2
    new = _link_of("siti@sukamaju.go.id")
    assert new != old
    assert "undangan yang lebih baru" in client.get(old).content.decode()
    assert client.post(new, {"username": "siti", "password1": PASSWORD, "password2": PASSWORD}).status_code == 302


def test_inviting_a_user_of_another_agency_adds_a_role_to_that_account(regency: Regency) -> None:
    regency.outsider.email = "luar@kota-lain.go.id"
    regency.outsider.save()
    result = _invite(regency, email="Luar@Kota-Lain.go.id", role=Role.VIEWER, unit=None)
    assert result.outcome is Outcome.ADDED  # type: ignore[attr-defined]
    assert User.objects.filter(email__iexact="luar@kota-lain.go.id").count() == 1
    assert Membership.objects.filter(user=regency.outsider, agency=regency.agency, role=Role.VIEWER).exists()
    assert not Invitation.objects.exists()
    row = Notification.objects.get(kind=Kind.INVITATION)
    deliver(row.pk)
    assert "Kabupaten Uji" in mail.outbox[-1].subject and "/accounts/invitation/" not in mail.outbox[-1].body


def test_a_unit_operator_needs_a_unit_of_this_agency(regency: Regency, client: Client) -> None:
    client.force_login(regency.coordinator)
    page = client.post(
        "/agencies/uji/people/invite/",
        {"email": "a@b.go.id", "full_name": "A", "role": Role.UNIT_OPERATOR, "unit": ""},
    )
    assert "Perangkat daerah: operator perangkat daerah memerlukan" in page.content.decode()
    assert not User.objects.filter(email="a@b.go.id").exists()


def test_the_invite_page_invites_and_shows_the_person_as_pending(regency: Regency, client: Client) -> None:
    client.force_login(regency.coordinator)
    response = client.post(
        "/agencies/uji/people/invite/",
        {"email": "dewi@sukamaju.go.id", "full_name": "Dewi Lestari", "role": Role.INTERNAL_ASSESSOR, "unit": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "undangan menunggu" in client.get("/agencies/uji/people/?status=pending").content.decode().lower()
    again = client.post(
        "/agencies/uji/people/invite/",
        {"email": "dewi@sukamaju.go.id", "full_name": "Dewi Lestari", "role": Role.INTERNAL_ASSESSOR, "unit": ""},
    )
    assert 'data-command="resend"' in again.content.decode()
    assert Notification.objects.filter(kind=Kind.INVITATION).count() == 1


def test_invitations_are_not_a_choice_on_the_notification_settings_page(regency: Regency, client: Client) -> None:
    client.force_login(regency.operator)
    page = client.get("/notifications/settings/").content.decode()
    assert "Status penilaian berubah" in page and "assigned-email" in page
    assert "invitation-email" not in page and "Undangan ke instansi" not in page


def test_accepting_twice_through_the_service_is_refused_the_second_time(regency: Regency) -> None:
    from spbe.accounts.invitations import invitation_accept

    _invite(regency)
    token = _link_of("siti@sukamaju.go.id").rstrip("/").rsplit("/", 1)[1]
    invitation_accept(token=token, username="siti", password=PASSWORD)
    with pytest.raises(ValidationError) as refused:
        invitation_accept(token=token, username="lain", password=PASSWORD + "!")
    assert refused.value.code == "used"
    assert User.objects.get(email="siti@sukamaju.go.id").username == "siti"
