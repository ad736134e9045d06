"""Every change made in the Django admin as a security event (who, what kind of object, which id).

The admin records its changes with LogEntry.objects.log_actions(); for several objects at once
(the "delete selected" action) it uses bulk_create, which sends no post_save signal. So the
events come from LogEntryManager.log_actions itself, wrapped once at start-up. The object's name and the
change message stay out of the log line: they can hold personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry, LogEntryManager
from django.contrib.contenttypes.models import ContentType

from spbe.accounts.security_log import security_event

ADMIN_ACTIONS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def _log(entries: Any) -> None:
    for entry in [entries] if isinstance(entries, LogEntry) else list(entries or []):
        content_type = ContentType.objects.get_for_id(entry.content_type_id) if entry.content_type_id else None
        security_event(
            "admin.changed",
            user_id=entry.user_id,
            action=ADMIN_ACTIONS.get(entry.action_flag, str(entry.action_flag)),
            model=f"{content_type.app_label}.{content_type.model}" if content_type else "",
            object_id=str(entry.object_id),
        )


def log_admin_changes() -> None:
    """Called once from AccountsConfig.ready()."""
    original: Callable[..., Any] = LogEntryManager.log_actions
    if getattr(original, "spbe_security_logged", False):
        return

    def log_actions(self: LogEntryManager, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        _log(result)
        return result

    log_actions.spbe_security_logged = True  # type: ignore[attr-defined]
    setattr(LogEntryManager, "log_actions", log_actions)  # noqa: B010
