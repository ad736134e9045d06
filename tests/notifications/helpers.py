"""Test doubles at the SMTP boundary and small helpers for the notification tests."""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django_tasks_db.models import DBTaskResult

from spbe.notifications.models import Notification


class DownBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPConnectError(421, "mail server down")


def queued_deliveries(notification: Notification) -> list[DBTaskResult]:
    """The worker's queued delivery tasks for one outbox row."""
    return [
        t
        for t in DBTaskResult.objects.filter(task_path__endswith="deliver_notification").order_by("enqueued_at")
        if t.args_kwargs["args"] == [notification.pk]
    ]
