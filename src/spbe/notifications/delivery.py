"""Sending one notification's e-mail: at most one sender at a time, marked sent in the same transaction.

A crash after the SMTP server accepted the message and before the commit leaves the row pending,
so it is sent again: delivery is at least once (docs/adr/0022-notification-outbox.md). The
Message-ID is the outbox row's, so a mail client can tell the two copies are one message.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from spbe.notifications.models import ACCOUNT_KINDS, MailState, Notification
from spbe.notifications.texts import rendered


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the n-th failed attempt: doubling from SPBE_NOTIFY_RETRY_SECONDS, at most six hours."""
    seconds = settings.SPBE_NOTIFY_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 6 * 3600))


def message_for(notification: Notification) -> EmailMessage:
    link = notification.link
    url = f"{settings.SPBE_SITE_URL}{link}" if link.startswith("/") else link
    subject, text = rendered(notification.kind, notification.params, url, settings.LANGUAGE_CODE)
    return EmailMessage(
        subject=subject,
        body=text,
        to=[notification.recipient.email],
        headers={"Message-ID": f"<notification-{notification.pk}@spbe-suite>"},
    )


def deliver(
    notification_id: int, *, retry: Callable[[datetime.datetime], object] | None = None
) -> datetime.datetime | None:
    """Send the e-mail of one outbox row unless it is already sent; returns when to retry, if it must.

    ``retry(when)`` runs inside the same transaction as the failed attempt's record, so the next
    attempt is queued exactly when the failure is stored.
    """
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, mail_state=MailState.PENDING)
            .first()
        )
        if row is None:
            return None  # sent, failed for good, or not by e-mail: nothing to do
        may_be_inactive = row.kind in ACCOUNT_KINDS  # an invitation goes to a person not active yet
        if not row.recipient.email or not (row.recipient.is_active or may_be_inactive):
            row.mail_state = MailState.FAILED
            row.last_error = "inactive user" if row.recipient.email else "the recipient has no e-mail address"
            row.save(update_fields=["mail_state", "last_error"])
            return None
        row.attempts += 1
        try:
            message_for(row).send(fail_silently=False)
        except Exception as exc:  # any failure of the mail server is retried
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if row.attempts >= settings.SPBE_NOTIFY_MAX_ATTEMPTS:
                row.mail_state = MailState.FAILED
                row.next_attempt_at = None
            else:
                row.next_attempt_at = timezone.now() + backoff(row.attempts)
            row.save(update_fields=["attempts", "last_error", "mail_state", "next_attempt_at"])
            if row.next_attempt_at is not None and retry is not None:
                retry(row.next_attempt_at)
            return row.next_attempt_at
        row.mail_state = MailState.SENT
        row.sent_at = timezone.now()
        row.next_attempt_at = None
        row.save(update_fields=["attempts", "mail_state", "sent_at", "next_attempt_at"])
        return None
