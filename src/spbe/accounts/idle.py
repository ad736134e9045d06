"""Idle timeout: a session unused for longer than SPBE_IDLE_TIMEOUT_MINUTES is logged out.

The time of the last request is kept in the session (rewritten at most once a minute, so
an idle session is ended no later than the timeout). The person lands on the login page
with a message saying why, and returns to where they were after logging in again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from spbe.accounts.security_log import security_event

LAST_SEEN_KEY = "spbe_last_seen"
REWRITE_AFTER_SECONDS = 60


def idle_timeout_seconds() -> int:
    return max(int(settings.SPBE_IDLE_TIMEOUT_MINUTES), 1) * 60


def mark_activity(request: HttpRequest) -> None:
    request.session[LAST_SEEN_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > idle_timeout_seconds():
                return self._end_session(request)
            if not isinstance(last_seen, int) or now - last_seen >= REWRITE_AFTER_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _end_session(self, request: HttpRequest) -> HttpResponse:
        user_id = request.user.pk
        logout(request)
        security_event("session.idle_timeout", request=request, user_id=user_id)
        messages.info(
            request,
            _("You were logged out: the session was idle for more than %(minutes)d minutes. Please log in again.")
            % {"minutes": idle_timeout_seconds() // 60},
        )
        next_url = request.get_full_path() if request.method == "GET" else ""
        response: HttpResponse = redirect_to_login(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if getattr(request, "htmx", False):
            # htmx would swap the login page into the fragment; make the browser go there instead.
            response = HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
