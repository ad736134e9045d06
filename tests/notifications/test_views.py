"""The in-app list: one's own notifications only, an unread count in the header, marking read."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from tests.conftest import Regency

from spbe.notifications.models import Notification
from spbe.notifications.services import notification_enqueue

pytestmark = pytest.mark.django_db


def tell(user_id: int, indicator: str) -> Notification:
    with transaction.atomic():
        rows = notification_enqueue(
            kind="revision",
            recipients=[user_id],
            context={"indicator": indicator, "assessment": "Kabupaten Uji 2023", "note": "Lengkapi"},
            link=f"/assessments/1/indicators/{indicator}/",
        )
    return rows[0]


def test_the_list_shows_only_my_notifications(client: Client, regency: Regency) -> None:
    tell(regency.operator.pk, "7")
    tell(regency.other_operator.pk, "9")
    client.force_login(regency.operator)
    page = client.get("/notifications/").content.decode()
    assert "Revisi diminta untuk indikator 7 dari Kabupaten Uji 2023" in page
    assert "indikator 9" not in page


def test_the_header_links_to_notifications_and_the_badge_counts_unread(client: Client, regency: Regency) -> None:
    tell(regency.operator.pk, "7")
    tell(regency.operator.pk, "8")
    tell(regency.other_operator.pk, "9")
    client.force_login(regency.operator)
    home = client.get("/notifications/").content.decode()
    assert 'hx-get="/notifications/unread/"' in home
    badge = client.get("/notifications/unread/").content.decode()
    assert ">2<" in badge


def test_marking_one_read_and_all_read(client: Client, regency: Regency) -> None:
    first = tell(regency.operator.pk, "7")
    tell(regency.operator.pk, "8")
    client.force_login(regency.operator)
    client.post("/notifications/read/", {"id": str(first.pk)})
    assert ">1<" in client.get("/notifications/unread/").content.decode()
    client.post("/notifications/read/", {"id": "all"})
    assert "badge" not in client.get("/notifications/unread/").content.decode()


def test_someone_elses_notification_cannot_be_marked(client: Client, regency: Regency) -> None:
    theirs = tell(regency.other_operator.pk, "9")
    client.force_login(regency.operator)
    assert client.post("/notifications/read/", {"id": str(theirs.pk)}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_bad_choice_gets_a_message_not_an_error(client: Client, regency: Regency) -> None:
    client.force_login(regency.operator)
    response = client.post("/notifications/read/", {"id": "x1"}, follow=True)
    assert response.status_code == 200
    assert "Pilih notifikasi yang akan ditandai sudah dibaca." in response.content.decode()


def test_opening_marks_read_and_follows_the_link(client: Client, regency: Regency) -> None:
    mine = tell(regency.operator.pk, "7")
    client.force_login(regency.operator)
    response = client.post("/notifications/read/", {"id": str(mine.pk), "open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/assessments/1/indicators/7/"


def test_the_badge_of_a_page_left_open_after_logout_is_empty_not_the_login_page(client: Client) -> None:
    response = client.get("/notifications/unread/")
    assert response.status_code == 200
    assert "badge" not in response.content.decode()
    assert "csrftoken" not in response.cookies  # no new token that would break a login form open beside it
