"""Security events as JSON lines on the `spbe.security` logger, never with personal data.

A line names the event, the user by id and the client by a keyed hash (an HMAC with the
project's secret key): enough to correlate repeated attempts, not enough to learn who or
where someone is. Usernames, e-mail addresses, passwords and raw IP addresses never reach
the log line: callers pass only ids and the values `pseudonym()` returns.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

LOGGER_NAME = "spbe.security"
logger = logging.getLogger(LOGGER_NAME)

# Only these keys may appear in an event; anything else is dropped, so a careless
# caller cannot leak a username by naming a new field.
ALLOWED_FIELDS = frozenset(
    {"user_id", "client", "account", "status", "view", "method", "action", "model", "object_id", "reason"}
)


def pseudonym(value: str) -> str:
    """A stable keyed hash of a personal value (username, IP address): correlates, never reveals."""
    return salted_hmac("spbe.security.pseudonym", value.strip().lower(), algorithm="sha256").hexdigest()[:16]


def client_address(request: HttpRequest | None) -> str:
    """The client's address as the lockout sees it (behind the configured proxies), else REMOTE_ADDR."""
    if request is None:
        return ""
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")
    return str(address or "")


def security_event(event: str, *, request: HttpRequest | None = None, **fields: Any) -> None:
    """Write one security event. `fields` may only use the names in ALLOWED_FIELDS."""
    payload: dict[str, Any] = {key: value for key, value in fields.items() if key in ALLOWED_FIELDS}
    address = client_address(request)
    if address and "client" not in payload:
        payload["client"] = pseudonym(address)
    logger.info(event, extra={"security": payload})


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, event and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(getattr(record, "security", {}))
        if record.exc_info:
            line["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else ""
        return json.dumps(line, ensure_ascii=False, sort_keys=False, default=str)
