"""What each kind of notification says, in the reader's language (Indonesian by default)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from spbe.notifications.models import Kind


def _state_label(state: str) -> str:
    labels = {
        "draft": pgettext("assessment state", "draft"),
        "submitted": pgettext("assessment state", "submitted"),
        "under_review": pgettext("assessment state", "under external review"),
        "final": pgettext("assessment state", "final"),
    }
    return labels.get(state, state)


def subject(kind: str, params: dict[str, Any]) -> str:
    values = {**params, "state": _state_label(str(params.get("state", "")))}
    texts = {
        Kind.ASSIGNED: _("Indicator %(indicator)s of %(assessment)s is assigned to your unit"),
        Kind.REVISION: _("Revision requested for indicator %(indicator)s of %(assessment)s"),
        Kind.APPROVED: _("Indicator %(indicator)s of %(assessment)s is approved"),
        Kind.STATE: _("%(assessment)s is now %(state)s"),
        Kind.REMINDER: _("Indicator %(indicator)s of %(assessment)s is due in %(days)s days (%(due_date)s)"),
        Kind.OVERDUE: _("Indicator %(indicator)s of %(assessment)s is overdue (due %(due_date)s)"),
    }
    text = texts.get(Kind(kind), "%(assessment)s") if kind in Kind.values else kind
    try:
        return text % values
    except (KeyError, TypeError, ValueError):
        return text


def body(kind: str, params: dict[str, Any], url: str) -> str:
    lines = [subject(kind, params)]
    if params.get("note"):
        lines += ["", _("Note: %(note)s") % {"note": params["note"]}]
    if url:
        lines += ["", _("Open: %(url)s") % {"url": url}]
    lines += [
        "",
        _(
            "You receive this because of your role in SPBE Suite. Choose what you receive on the notification settings page."  # noqa: E501
        ),
    ]
    return "\n".join(lines)


def rendered(kind: str, params: dict[str, Any], url: str, language: str) -> tuple[str, str]:
    with translation.override(language):
        return subject(kind, params), body(kind, params, url)
