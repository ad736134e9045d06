"""`manage.py deadline_sweep`: queue deadline reminders and overdue notices (safe to run again).

Run once (cron, a systemd timer), or with ``--every SECONDS`` as a small scheduler process that
sweeps at start and then at that interval until stopped; ``make demo`` runs it that way beside
the worker. Each notice carries a dedupe key, so a sweep repeated the same day, or after a
restart, writes nothing twice.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection

from spbe.evaluation.services.deadlines import deadline_sweep


class Command(BaseCommand):
    help = (
        "Queue deadline reminders (SPBE_REMINDER_DAYS before) and overdue notices; "
        "running it twice sends nothing twice. --every SECONDS keeps sweeping at that interval."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=float, default=0, help="sweep again every SECONDS until stopped")
        parser.add_argument("--runs", type=int, default=0, help="with --every: stop after this many sweeps")

    def handle(self, *args: Any, **options: Any) -> None:
        every: float = options["every"]
        runs: int = options["runs"]
        if every < 0 or runs < 0:
            raise CommandError("--every and --runs take a positive number.")
        done = 0
        while True:
            if not connection.in_atomic_block:
                close_old_connections()  # a long-lived process drops a connection the server closed
            count = deadline_sweep()
            done += 1
            self.stdout.write(f"deadline sweep: {count} indicator(s) due or overdue")
            self.stdout.flush()
            if not every or (runs and done >= runs):
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return
