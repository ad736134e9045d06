"""The invitation link: a token signed with the site's key, and what it says when it is opened.

The token names the invitation and its current ``nonce`` and carries the time it was signed
(``django.core.signing``, salted for this use only). Nothing secret is stored in the database:
the outbox row keeps the link, and whoever holds it can use it once, before it expires.
"""

from __future__ import annotations

import datetime
import enum
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from spbe.organizations.models import Invitation

SALT = "spbe.organizations.invitation"


class LinkState(enum.Enum):
    OPEN = "open"  # the invitee may set up the account now
    INVALID = "invalid"  # not a token of ours, or altered
    REPLACED = "replaced"  # a newer invitation was sent; only its link works
    EXPIRED = "expired"
    USED = "used"  # the account was already set up with it


@dataclass(frozen=True)
class Opened:
    state: LinkState
    invitation: Invitation | None = None


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.SPBE_INVITATION_DAYS)


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def token_for(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


def open_link(token: str, *, now: datetime.datetime | None = None) -> Opened:
    """What the link with ``token`` leads to; never raises for a bad token."""
    now = now or timezone.now()
    try:
        data = signing.loads(token[:500], salt=SALT)
    except signing.BadSignature:
        return Opened(LinkState.INVALID)
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return Opened(LinkState.INVALID)
    invitation = Invitation.objects.select_related("agency", "user").filter(pk=data["i"]).first()
    if invitation is None:
        return Opened(LinkState.INVALID)
    if invitation.accepted_at is not None:
        return Opened(LinkState.USED, invitation)
    if not secrets.compare_digest(str(data.get("n", "")), invitation.nonce):
        return Opened(LinkState.REPLACED, invitation)
    if now >= invitation.expires_at:
        return Opened(LinkState.EXPIRED, invitation)
    return Opened(LinkState.OPEN, invitation)
