"""Writing notifications: the outbox rows, their delivery state, the reader's marks and choices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from spbe.notifications.models import ACCOUNT_KINDS, Kind, MailState, Notification, Preference
from spbe.organizations.models import User


def _channels(user_ids: set[int], kind: str) -> dict[int, tuple[bool, bool]]:
    """(e-mail, in-app) per recipient; a user without a preference row gets both."""
    if kind in ACCOUNT_KINDS:
        return dict.fromkeys(user_ids, (True, False))
    chosen = {p.user_id: (p.email, p.in_app) for p in Preference.objects.filter(user_id__in=user_ids, kind=kind)}
    return {uid: chosen.get(uid, (True, True)) for uid in user_ids}


def notification_enqueue(
    *,
    kind: str,
    recipients: Iterable[int],
    context: dict[str, Any],
    link: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Write one outbox row per recipient in the caller's transaction, and queue its e-mail.

    Refuses to run outside a transaction: a notification committed apart from its change could
    tell of something that never happened. The delivery task is a row of the same database
    (django-tasks-db), so it commits or rolls back with the change. With a ``dedupe_key`` a
    recipient who already has that notification gets nothing new (the deadline sweep).
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notification_enqueue must run inside the transaction of the change it tells about")
    ids = set(recipients)
    if not ids:
        return []
    people = User.objects.filter(pk__in=ids)
    if kind not in ACCOUNT_KINDS:
        people = people.filter(is_active=True)
    active = set(people.values_list("pk", flat=True))
    created = []
    for user_id, (by_email, in_app) in sorted(_channels(active, kind).items()):
        if not (by_email or in_app):
            continue
        row = Notification(
            recipient_id=user_id,
            kind=kind,
            params=context,
            link=link,
            dedupe_key=dedupe_key,
            in_app=in_app,
            mail_state=MailState.PENDING if by_email else MailState.NONE,
        )
        if dedupe_key:
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                continue  # already told: the sweep ran before
        else:
            row.save()
        created.append(row)
    from spbe.notifications.tasks import deliver_notification

    for n in created:
        if n.mail_state == MailState.PENDING:
            deliver_notification.enqueue(n.pk)
    return created


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them; returns how many changed."""
    rows = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store the user's (e-mail, in-app) choice per kind; both on is the default and keeps no row."""
    for kind, (by_email, in_app) in choices.items():
        if kind not in Kind.values:
            raise ValueError(f"unknown notification kind {kind!r}")
        if by_email and in_app:
            Preference.objects.filter(user=user, kind=kind).delete()
        else:
            Preference.objects.update_or_create(user=user, kind=kind, defaults={"email": by_email, "in_app": in_app})
