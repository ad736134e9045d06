"""`manage.py notifications_status`: the e-mail outbox at a glance, with the last errors."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from spbe.notifications.models import MailState, Notification
from spbe.notifications.tasks import deliver_notification


class Command(BaseCommand):
    help = "Show how many notification e-mails wait, were sent or failed, and the last errors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--requeue", action="store_true", help="queue a delivery task again for every pending e-mail that is due"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = dict(Notification.objects.values_list("mail_state").annotate(n=Count("id")).order_by())
        for state in MailState:
            self.stdout.write(f"{state.value:8} {counts.get(state.value, 0)}")
        troubled = Notification.objects.exclude(last_error="").exclude(mail_state=MailState.SENT).order_by("-id")[:20]
        for n in troubled:
            self.stdout.write(
                f"#{n.pk} {n.mail_state} attempts={n.attempts} next={n.next_attempt_at or '-'} error={n.last_error}"
            )
        if options["requeue"]:
            due = Notification.objects.filter(mail_state=MailState.PENDING).exclude(next_attempt_at__gt=timezone.now())
            with transaction.atomic():
                ids = list(due.values_list("pk", flat=True))
                for pk in ids:
                    deliver_notification.enqueue(pk)
            self.stdout.write(f"queued again: {len(ids)}")
