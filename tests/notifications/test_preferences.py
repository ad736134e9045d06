"""Each user chooses the kinds and channels that reach them; everything by both by default."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from tests.conftest import Regency

from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_assign
from spbe.notifications.models import MailState, Notification, Preference
from spbe.notifications.services import notification_enqueue, preferences_set

pytestmark = pytest.mark.django_db


def assign(regency: Regency, assessment: Assessment) -> None:
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="1"), units=[regency.diskominfo], due_date=None
    )


def test_no_email_chosen_keeps_the_in_app_notice_only(regency: Regency, assessment: Assessment) -> None:
    preferences_set(user=regency.operator, choices={"assigned": (False, True)})
    assign(regency, assessment)
    row = Notification.objects.get()
    assert (row.in_app, row.mail_state) == (True, MailState.NONE)


def test_a_kind_turned_off_entirely_writes_nothing(regency: Regency, assessment: Assessment) -> None:
    preferences_set(user=regency.operator, choices={"assigned": (False, False)})
    assign(regency, assessment)
    assert not Notification.objects.exists()


def test_other_kinds_keep_the_default(regency: Regency) -> None:
    preferences_set(user=regency.operator, choices={"assigned": (False, False)})
    with transaction.atomic():
        notification_enqueue(kind="revision", recipients=[regency.operator.pk], context={"indicator": "1"})
    row = Notification.objects.get()
    assert (row.in_app, row.mail_state) == (True, MailState.PENDING)


def test_the_settings_page_saves_the_choices_and_shows_them_again(client: Client, regency: Regency) -> None:
    client.force_login(regency.operator)
    page = client.get("/notifications/settings/").content.decode()
    assert page.count(" checked") == 12  # six kinds, both channels by default
    assert "Indikator ditugaskan kepada perangkat daerah saya" in page
    data = {f"{kind}-{channel}": "on" for kind in ("assigned", "revision") for channel in ("email", "in_app")}
    data["approved-in_app"] = "on"
    response = client.post("/notifications/settings/", data, follow=True)
    assert "Pengaturan notifikasi Anda tersimpan." in response.content.decode()
    assert response.content.decode().count(" checked") == 5
    assert dict(Preference.objects.filter(user=regency.operator).values_list("kind", "email")) == {
        "approved": False,
        "state": False,
        "reminder": False,
        "overdue": False,
    }
