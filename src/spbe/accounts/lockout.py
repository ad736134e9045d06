"""Lockout after repeated failed logins (django-axes), per account and per address separately.

An account is locked after SPBE_LOGIN_FAILURE_LIMIT failures; an address after
SPBE_LOGIN_ADDRESS_FAILURE_LIMIT failures, which is higher because a whole office often
reaches us from one address. Both are counted over the cool-off period and both locks
last that long after the last failure. Even the right password is refused meanwhile.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from spbe.accounts.security_log import pseudonym


class AccountAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler with a separate, higher limit for the address alone.

    Axes compares one failure count with one limit (AXES_FAILURE_LIMIT, the account limit).
    The count for the address alone is scaled so that it reaches that limit exactly when
    it reaches the address limit: floor(n * account / address) >= account <=> n >= address.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        account_limit = int(settings.AXES_FAILURE_LIMIT)
        address_limit = max(int(settings.SPBE_LOGIN_ADDRESS_FAILURE_LIMIT), 1)
        parameters = get_lockout_parameters(request, credentials)
        counts = [0]
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            if parameter == "ip_address":
                failures = failures * account_limit // address_limit
            counts.append(failures)
        return max(counts)


def client_str(username: str | None, ip_address: str | None, *args: Any, **kwargs: Any) -> str:
    """How axes names a client in its own log lines: keyed hashes only, no username or address."""
    account = pseudonym(username) if username else "-"
    client = pseudonym(ip_address) if ip_address else "-"
    return f"account={account} client={client}"


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The page a locked-out visitor sees: what happened, how long it lasts, what to do."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=int(getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)),
    )
