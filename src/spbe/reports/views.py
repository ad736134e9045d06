"""Report downloads and the overview page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from spbe.core.parsing import whole_number
from spbe.evaluation.models import Assessment, AssessmentState
from spbe.evaluation.views.lookups import load_assessment, user_of
from spbe.organizations.models import Agency
from spbe.organizations.selectors import agencies_visible_to
from spbe.reports.build import report_data_for
from spbe.reports.overview import overview_for
from spbe.reports.overview_xlsx import render_overview_xlsx
from spbe.scoring import current_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def assessment_report(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    assessment, _access = load_assessment(request, pk, whole=True)
    language = request.GET.get("lang") or get_language() or "id"
    data = report_data_for(assessment, "en" if language == "en" else "id")
    name = f"laporan-spbe-{assessment.agency.slug}-{assessment.year}"
    if kind == "pdf":
        from spbe.reports.pdf import render_pdf

        return _attachment(render_pdf(data), "application/pdf", f"{name}.pdf")
    if kind == "xlsx":
        from spbe.reports.xlsx import render_xlsx

        return _attachment(render_xlsx(data), XLSX, f"{name}.xlsx")
    raise Http404


def _overview_args(request: HttpRequest) -> tuple[int, str, str]:
    chosen = whole_number(request.GET.get("year"), minimum=2000, maximum=2100)
    if chosen is not None:
        year = chosen
    else:  # the latest year with a final result, so the page opens on real figures
        latest = Assessment.objects.filter(
            agency__in=agencies_visible_to(user_of(request)), state=AssessmentState.FINAL
        ).aggregate(latest=Max("year"))["latest"]
        year = latest or current_year() - 1
    kind = request.GET.get("kind", "")
    if kind not in Agency.Kind.values:
        kind = ""
    return year, kind, request.GET.get("province", "")


@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    year, kind, province = _overview_args(request)
    lang = get_language() or "id"
    result = overview_for(user, year=year, kind=kind, province=province, lang=lang)
    provinces = sorted({p for p in agencies_visible_to(user).values_list("province", flat=True) if p})
    most = max((count for _, count in result.distribution), default=0)
    return render(
        request,
        "reports/overview.html",
        {
            "overview": result,
            "filters": {"year": year, "kind": kind, "province": province},
            "kinds": Agency.Kind.choices,
            "provinces": provinces,
            "years": list(range(current_year(), 2017, -1)),
            "bars": [(name, count, round(100 * count / most) if most else 0) for name, count in result.distribution],
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_safe
def overview_xlsx(request: HttpRequest) -> HttpResponse:
    year, kind, province = _overview_args(request)
    result = overview_for(user_of(request), year=year, kind=kind, province=province, lang=get_language() or "id")
    return _attachment(render_overview_xlsx(result), XLSX, f"ikhtisar-spbe-{year}.xlsx")
