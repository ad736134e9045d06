"""Pages shown when a request cannot be served: too large, database busy, server error.

They are rendered without the request on purpose: no session, no user, no database
query, so they still render when the database is what failed. Their layout
(``core/failure_base.html``) leaves out the account and language forms, which need both.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpResponse
from django.template import loader
from django.utils import translation


def failure_page(
    template_name: str, *, status: int, language: str | None = None, context: Mapping[str, object] | None = None
) -> HttpResponse:
    """``template_name`` rendered with ``context`` only, in ``language`` (default: the active one)."""
    language = language or translation.get_language() or "id"
    with translation.override(language):
        body = loader.render_to_string(template_name, dict(context or {}))
    response = HttpResponse(body, status=status)
    response["Content-Language"] = language
    return response
