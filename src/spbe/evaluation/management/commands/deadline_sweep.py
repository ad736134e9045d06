"""`manage.py deadline_sweep`: queue deadline reminders and overdue notices (safe to run again)."""

from typing import Any

from django.core.management.base import BaseCommand

from spbe.evaluation.services.deadlines import deadline_sweep


class Command(BaseCommand):
    help = (
        "Queue deadline reminders (SPBE_REMINDER_DAYS before) and overdue notices; "
        "running it twice sends nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = deadline_sweep()
        self.stdout.write(f"deadline sweep: {count} indicator(s) due or overdue")
