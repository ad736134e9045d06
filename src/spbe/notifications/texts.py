"""What each kind of notification says, in the reader's language (Indonesian by default)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from spbe.notifications.models import Kind
from spbe.organizations.models import Role


def _state_label(state: str) -> str:
    labels = {
        "draft": pgettext("assessment state", "draft"),
        "submitted": pgettext("assessment state", "submitted"),
        "under_review": pgettext("assessment state", "under external review"),
        "final": pgettext("assessment state", "final"),
    }
    return labels.get(state, state)


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def subject(kind: str, params: dict[str, Any]) -> str:
    values = {
        **params,
        "state": _state_label(str(params.get("state", ""))),
        "role": _role_label(str(params.get("role", ""))),
    }
    texts = {
        Kind.ASSIGNED: _("Indicator %(indicator)s of %(assessment)s is assigned to your unit"),
        Kind.REVISION: _("Revision requested for indicator %(indicator)s of %(assessment)s"),
        Kind.APPROVED: _("Indicator %(indicator)s of %(assessment)s is approved"),
        Kind.STATE: _("%(assessment)s is now %(state)s"),
        Kind.REMINDER: _("Indicator %(indicator)s of %(assessment)s is due in %(days)s days (%(due_date)s)"),
        Kind.OVERDUE: _("Indicator %(indicator)s of %(assessment)s is overdue (due %(due_date)s)"),
        Kind.INVITATION: (
            _("You have been given the role %(role)s in %(agency)s on SPBE Suite")
            if params.get("existing")
            else _("Invitation to SPBE Suite: %(role)s in %(agency)s")
        ),
    }
    text = texts.get(Kind(kind), "%(assessment)s") if kind in Kind.values else kind
    try:
        return text % values
    except (KeyError, TypeError, ValueError):
        return text


def _invitation_body(params: dict[str, Any], url: str) -> str:
    if params.get("existing"):
        lines = [
            subject(Kind.INVITATION, params),
            "",
            _("%(inviter)s added this role to your account. Sign in as usual: %(url)s")
            % {"inviter": params.get("inviter", ""), "url": url},
        ]
    else:
        lines = [
            subject(Kind.INVITATION, params),
            "",
            _("%(inviter)s invites you to work on the SPBE evaluation of %(agency)s.")
            % {"inviter": params.get("inviter", ""), "agency": params.get("agency", "")},
            _("Open this link to choose your username and password (it works once, until %(expires)s):")
            % {"expires": params.get("expires", "")},
            url,
            "",
            _("If you did not expect this invitation, ignore this e-mail: no account is opened without the link."),
        ]
    return "\n".join(lines)


def body(kind: str, params: dict[str, Any], url: str) -> str:
    if kind == Kind.INVITATION:
        return _invitation_body(params, url)
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
