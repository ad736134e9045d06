"""Denied access as a security event: a 403 or 404 answered to a signed-in person.

Scoped reads answer 404 for an object the person may not see, so from outside a probe
looks like a typo; logged with the user id and the route's name (never the path or its
values), repeated probing shows up in the security log.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from spbe.accounts.security_log import security_event

DENIED = frozenset({403, 404})


class DeniedAccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in DENIED and request.user.is_authenticated:
            match = request.resolver_match
            security_event(
                "access.denied",
                request=request,
                user_id=request.user.pk,
                status=response.status_code,
                view=match.view_name if match else "",
                method=request.method,
            )
        return response
