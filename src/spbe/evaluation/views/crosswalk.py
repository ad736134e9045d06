"""The crosswalk 59/2020 -> 8/2026 (not official) and the estimated Pemdi index of one assessment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from spbe.evaluation.pemdi_estimate import PEMDI, pemdi_estimate_for
from spbe.evaluation.views.lookups import load_assessment
from spbe.scoring.crosswalk import crosswalk_between


@require_safe
def crosswalk_page(request: HttpRequest) -> HttpResponse:
    crosswalk = crosswalk_between("permenpanrb-59-2020", PEMDI)
    if crosswalk is None:
        raise Http404
    return render(
        request,
        "evaluation/crosswalk.html",
        {"crosswalk": crosswalk, "rows": _rows(crosswalk, None), "lang": get_language() or "id"},
    )


@login_required
@require_safe
def pemdi_estimate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk, whole=True)
    estimate = pemdi_estimate_for(assessment)
    if estimate is None:
        raise Http404
    return render(
        request,
        "evaluation/crosswalk.html",
        {
            "assessment": assessment,
            "access": access,
            "crosswalk": estimate.crosswalk,
            "estimate": estimate,
            "rows": _rows(estimate.crosswalk, estimate),
        },
    )


def _rows(crosswalk, estimate):  # type: ignore[no-untyped-def]
    lang = get_language() or "id"
    levels = {row.code: row for row in estimate.indicators} if estimate else {}
    rows = []
    for entry in crosswalk.entries:
        target = crosswalk.target.indicator_index[entry.target_code]
        rows.append(
            {
                "code": target.code,
                "name": target.label(lang),
                "sources": [(code, crosswalk.source.indicator_index[code].label(lang)) for code in entry.source_codes],
                "note": entry.note_label(lang),
                "estimate": levels.get(target.code),
            }
        )
    return rows
