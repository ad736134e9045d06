"""Pages that belong to no bounded context: home, health check, the server-error page."""

import sys

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from spbe.core.busy import busy_response, database_busy
from spbe.core.failure_pages import failure_page
from spbe.scoring import all_frameworks, current_year, framework_for_year


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "frameworks": all_frameworks(),
            "current_title": framework_for_year(current_year()).label(get_language() or "id"),
        },
    )


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitoring."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "frameworks": len(all_frameworks())})


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: never touches the session or the database, which may be what failed.

    A database still busy after its timeout (raised outside a view, e.g. while saving the
    session) gets the 503 page instead.
    """
    if database_busy(sys.exc_info()[1]):
        return busy_response()
    return failure_page("500.html", status=500)
