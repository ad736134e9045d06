"""The worker's delivery: once per outbox row, retried with backoff while the mail server is down."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from tests.conftest import Regency
from tests.notifications.helpers import queued_deliveries

from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_assign
from spbe.notifications import delivery
from spbe.notifications.models import MailState, Notification
from spbe.notifications.tasks import deliver_notification

pytestmark = pytest.mark.django_db

DOWN = "tests.notifications.helpers.DownBackend"


@pytest.fixture
def pending(regency: Regency, assessment: Assessment) -> Notification:
    regency.operator.email = "op1@uji.go.id"
    regency.operator.save()
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="1"), units=[regency.diskominfo], due_date=None
    )
    return Notification.objects.get()


def test_the_task_sends_the_email_in_indonesian_and_marks_it_sent(pending: Notification) -> None:
    deliver_notification.call(pending.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["op1@uji.go.id"]
    assert message.subject == "Indikator 1 dari Kabupaten Uji 2023 ditugaskan kepada perangkat daerah Anda"
    assert f"http://127.0.0.1:8000{pending.link}" in message.body
    pending.refresh_from_db()
    assert (pending.mail_state, pending.attempts) == (MailState.SENT, 1)
    assert pending.sent_at is not None


def test_delivering_the_same_row_twice_sends_once(pending: Notification) -> None:
    deliver_notification.call(pending.pk)
    deliver_notification.call(pending.pk)
    assert len(mail.outbox) == 1


def test_a_mail_server_down_is_retried_with_growing_waits_and_the_error_kept(
    pending: Notification, settings: object
) -> None:
    settings.EMAIL_BACKEND = DOWN  # type: ignore[attr-defined]
    settings.SPBE_NOTIFY_RETRY_SECONDS = 60  # type: ignore[attr-defined]
    waits = []
    for _ in range(3):
        before = timezone.now()
        deliver_notification.call(pending.pk)
        pending.refresh_from_db()
        assert pending.next_attempt_at is not None
        waits.append(round((pending.next_attempt_at - before).total_seconds() / 60))
    assert waits == [1, 2, 4]
    assert pending.mail_state == MailState.PENDING
    assert pending.attempts == 3
    assert "mail server down" in pending.last_error
    queued = queued_deliveries(pending)
    assert len(queued) == 4  # the first, and one queued after each failure for its retry time
    assert queued[-1].run_after == pending.next_attempt_at
    assert mail.outbox == []


def test_the_mail_server_back_delivers_what_waited(pending: Notification, settings: object) -> None:
    settings.EMAIL_BACKEND = DOWN  # type: ignore[attr-defined]
    deliver_notification.call(pending.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    deliver_notification.call(pending.pk)
    pending.refresh_from_db()
    assert (pending.mail_state, pending.attempts, len(mail.outbox)) == (MailState.SENT, 2, 1)


def test_after_the_last_attempt_the_notification_is_marked_failed(pending: Notification, settings: object) -> None:
    settings.EMAIL_BACKEND = DOWN  # type: ignore[attr-defined]
    settings.SPBE_NOTIFY_MAX_ATTEMPTS = 2  # type: ignore[attr-defined]
    deliver_notification.call(pending.pk)
    deliver_notification.call(pending.pk)
    deliver_notification.call(pending.pk)
    pending.refresh_from_db()
    assert (pending.mail_state, pending.attempts, pending.next_attempt_at) == (MailState.FAILED, 2, None)
    assert len(queued_deliveries(pending)) == 2  # no retry queued after the last attempt


class Crash(BaseException):
    """The worker process dies (not an error the delivery could catch)."""


def test_a_crash_between_send_and_mark_sends_again_rather_than_losing_it(
    pending: Notification, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Notification.save

    def die_when_marking_sent(self: Notification, *args: object, **kwargs: object) -> None:
        if self.mail_state == MailState.SENT:
            raise Crash
        real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Notification, "save", die_when_marking_sent)
    with pytest.raises(Crash):
        delivery.deliver(pending.pk)
    pending.refresh_from_db()
    assert (pending.mail_state, pending.attempts) == (MailState.PENDING, 0)  # the transaction rolled back
    monkeypatch.setattr(Notification, "save", real_save)
    delivery.deliver(pending.pk)
    pending.refresh_from_db()
    assert pending.mail_state == MailState.SENT
    # At least once: the copy the server accepted before the crash and the one after carry one Message-ID.
    assert len(mail.outbox) == 2
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]


def test_backoff_doubles_and_stops_at_six_hours(settings: object) -> None:
    settings.SPBE_NOTIFY_RETRY_SECONDS = 60  # type: ignore[attr-defined]
    assert [delivery.backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert delivery.backoff(30) == datetime.timedelta(hours=6)


def test_a_recipient_without_an_address_fails_visibly(regency: Regency, assessment: Assessment) -> None:
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="1"), units=[regency.diskominfo], due_date=None
    )
    row = Notification.objects.get()
    deliver_notification.call(row.pk)
    row.refresh_from_db()
    assert row.mail_state == MailState.FAILED
    assert "no e-mail address" in row.last_error
    assert mail.outbox == []


def test_the_status_command_shows_the_waiting_mail_and_its_error(pending: Notification, settings: object) -> None:
    from io import StringIO

    from django.core.management import call_command

    settings.EMAIL_BACKEND = DOWN  # type: ignore[attr-defined]
    deliver_notification.call(pending.pk)
    out = StringIO()
    call_command("notifications_status", stdout=out)
    text = out.getvalue()
    assert "pending  1" in text
    assert f"#{pending.pk} pending attempts=1" in text
    assert "mail server down" in text
