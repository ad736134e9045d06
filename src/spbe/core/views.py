"""Pages that belong to no bounded context: home and health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from spbe.scoring import all_frameworks, current_year, framework_for_year


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "frameworks": all_frameworks(),
            "current_title": framework_for_year(current_year()).label(get_language() or "id"),
        },
    )


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitoring."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "frameworks": len(all_frameworks())})
