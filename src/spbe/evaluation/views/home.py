"""The personal home (the first page after signing in) and the coordinator's OPD board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from spbe.evaluation import rules
from spbe.evaluation.selectors_board import SORT_KEYS, unit_board
from spbe.evaluation.selectors_home import DEADLINE_DAYS, agency_today, home_for
from spbe.evaluation.views.lookups import load_assessment, user_of


@login_required
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    home = home_for(user_of(request))
    return render(request, "evaluation/my_work.html", {"home": home, "deadline_days": DEADLINE_DAYS})


@login_required
@require_safe
def opd_board(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk, whole=True)
    if not rules.ASSIGN.role_allows(access):  # the URL map refuses first; kept for a direct call
        raise Http404
    today = agency_today(assessment)
    board = unit_board(assessment, today, request.GET.get("sort", ""))
    columns = [(key, board.sort == key, board.sort == f"-{key}") for key in SORT_KEYS]
    return render(
        request,
        "evaluation/opd_board.html",
        {"assessment": assessment, "access": access, "board": board, "columns": columns, "today": today},
    )
