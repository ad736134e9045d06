"""Notification settings (imported by base): the task backend of the worker, retries, reminders.

SPBE_SITE_URL                 the address put in front of links in e-mail (default http://127.0.0.1:8000)
SPBE_REMINDER_DAYS            days before a due date when the deadline sweep reminds (default "7,1")
SPBE_NOTIFY_MAX_ATTEMPTS      e-mail attempts before a notification is marked failed (default 8)
SPBE_NOTIFY_RETRY_SECONDS     the first retry waits this long; each next one twice as long (default 60)
"""

from __future__ import annotations

import os

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SPBE_SITE_URL = os.environ.get("SPBE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SPBE_REMINDER_DAYS = sorted(
    {int(d) for d in os.environ.get("SPBE_REMINDER_DAYS", "7,1").split(",") if d.strip().isdigit()}, reverse=True
)
SPBE_NOTIFY_MAX_ATTEMPTS = max(int(os.environ.get("SPBE_NOTIFY_MAX_ATTEMPTS", "8")), 1)
SPBE_NOTIFY_RETRY_SECONDS = max(int(os.environ.get("SPBE_NOTIFY_RETRY_SECONDS", "60")), 1)
