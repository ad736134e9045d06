"""Worksheet (LKE) export and import with a preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.selectors import answers_visible_to
from spbe.evaluation.services.worksheet import worksheet_import_apply, worksheet_import_preview
from spbe.evaluation.views.lookups import load_assessment, report, user_of
from spbe.evaluation.worksheet import MAX_BYTES, build_worksheet
from spbe.evaluation.worksheet_identity import new_export_id

SALT = "spbe.worksheet.import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def worksheet_export(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    answers = list(answers_visible_to(access, assessment))
    exported_at = timezone.now().astimezone(assessment.agency.zone)
    data = build_worksheet(
        assessment, assessment_framework(assessment), answers, get_language() or "id", exported_at, new_export_id()
    )
    response = HttpResponse(data, content_type=XLSX)
    name = f"LKE-{assessment.agency.slug}-{assessment.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def worksheet_import(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = load_assessment(request, pk)
    preview = None
    token = ""
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("worksheet")
        if upload is None:
            errors.append(_("Choose the worksheet file (.xlsx) to import."))
        else:
            try:
                preview = worksheet_import_preview(
                    actor=user_of(request), assessment=assessment, data=upload.read(MAX_BYTES + 1)
                )
            except WorkflowError as exc:
                errors.extend(exc.messages)
            else:
                token = signing.dumps(
                    {
                        "assessment": assessment.pk,
                        "export": preview.export_id,
                        "changes": [c.as_token() for c in preview.changes],
                    },
                    salt=SALT,
                )
    return render(
        request,
        "evaluation/worksheet_import.html",
        {"assessment": assessment, "access": access, "preview": preview, "token": token, "errors": errors},
    )


@login_required
@require_POST
def worksheet_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _access = load_assessment(request, pk)
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired; import the file again."))
        return redirect("evaluation:worksheet_import", pk=pk)
    if payload.get("assessment") != assessment.pk:
        raise Http404
    try:
        applied = worksheet_import_apply(
            actor=user_of(request),
            assessment=assessment,
            changes=payload["changes"],
            export_id=str(payload.get("export", "")),
        )
    except WorkflowError as exc:
        report(request, exc)
        return redirect("evaluation:worksheet_import", pk=pk)
    messages.success(request, _("%(n)s indicators updated from the worksheet.") % {"n": applied})
    return redirect("evaluation:indicator_list", pk=pk)
