"""Evidence downloads: only through this permission-checked view, always as attachments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from spbe.evaluation import evidence_store
from spbe.evaluation.selectors import evidence_for_download
from spbe.evaluation.views.lookups import user_of


@login_required
@require_safe
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = evidence_for_download(user_of(request), pk)
    if evidence is None or not evidence.stored_name:
        raise Http404
    try:
        handle = open(evidence_store.path_of(evidence.stored_name), "rb")  # noqa: SIM115 - FileResponse closes it
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
