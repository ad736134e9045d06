"""The worker's tasks (django-tasks; run them with `manage.py db_worker`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django_tasks import task

from spbe.notifications.delivery import deliver


def _retry_later(notification_id: int) -> Callable[[datetime.datetime], object]:
    def queue(when: datetime.datetime) -> object:
        return deliver_notification.using(run_after=when).enqueue(notification_id)

    return queue


@task()
def deliver_notification(notification_id: int) -> None:
    """Send one notification's e-mail; after a failure the next attempt is queued for its backoff time."""
    deliver(notification_id, retry=_retry_later(notification_id))
