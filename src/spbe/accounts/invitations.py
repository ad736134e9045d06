"""Inviting people by e-mail and setting up an account from the invitation link.

The invitation e-mail is an outbox row (``spbe.notifications``) written in the transaction that
creates the invitation, so a rolled-back invitation sends nothing. Decision record:
docs/adr/0025-people-management-and-invitations.md.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.notifications.models import Kind
from spbe.notifications.services import notification_enqueue
from spbe.organizations import services as org
from spbe.organizations.invitations import LinkState, lifetime, new_nonce, open_link, token_for
from spbe.organizations.models import Agency, Invitation, Membership, Unit, User


class Outcome(enum.Enum):
    INVITED = "invited"  # a new person, waiting for the link
    RESENT = "resent"  # the same person invited again: a new link, the old one stops working
    ADDED = "added"  # an existing account got the role here (told by e-mail)
    ASK_RESEND = "ask_resend"  # already invited here: nothing done until the coordinator confirms


@dataclass(frozen=True)
class Invited:
    outcome: Outcome
    person: User
    invitation: Invitation | None = None


def invitation_link(invitation: Invitation) -> str:
    return reverse("accounts:invitation", kwargs={"token": token_for(invitation)})


def _open_invitation(person: User, agency: Agency) -> Invitation | None:
    return Invitation.objects.select_for_update().filter(user=person, agency=agency, accepted_at__isnull=True).first()


def _is_pending(person: User) -> bool:
    """Invited and not set up yet: inactive, no password, an open invitation somewhere."""
    return (
        not person.is_active
        and not person.has_usable_password()
        and person.invitations.filter(accepted_at__isnull=True).exists()
    )


def _tell(invitation: Invitation, actor: User, role: str) -> None:
    notification_enqueue(
        kind=Kind.INVITATION,
        recipients=[invitation.user_id],
        context={
            "agency": invitation.agency.name,
            "role": role,
            "inviter": str(actor),
            "expires": timezone.localtime(invitation.expires_at, invitation.agency.zone).strftime("%d-%m-%Y %H:%M")
            + f" {invitation.agency.zone_label}",
        },
        link=invitation_link(invitation),
    )


def _record(actor: User, invitation: Invitation, action: str, after: dict[str, object]) -> None:
    audit_record(
        actor=actor,
        agency_id=invitation.agency_id,
        subject_type="user",
        subject_id=invitation.user_id,
        action=action,
        target=invitation.user.username,
        after={"email": invitation.email, **after},
    )


def _send(actor: User, agency: Agency, person: User, email: str, role: str) -> Invitation:
    now = timezone.now()
    invitation = Invitation.objects.create(
        user=person,
        agency=agency,
        email=email,
        invited_by=actor,
        nonce=new_nonce(),
        sent_at=now,
        expires_at=now + lifetime(),
    )
    _record(actor, invitation, "invitation.sent", {"role": role, "expires_at": invitation.expires_at.isoformat()})
    _tell(invitation, actor, role)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation) -> Invitation:
    """Send the open invitation again with a new link and a new expiry; the old link stops working."""
    org.people_guard(actor=actor, agency=invitation.agency)
    current = Invitation.objects.select_for_update().select_related("agency", "user").get(pk=invitation.pk)
    if current.accepted_at is not None:
        raise ValidationError(_("%(person)s has already set up their account.") % {"person": current.user})
    now = timezone.now()
    current.nonce = new_nonce()
    current.sent_at = now
    current.expires_at = now + lifetime()
    current.times_sent += 1
    current.invited_by = actor
    current.save(update_fields=["nonce", "sent_at", "expires_at", "times_sent", "invited_by"])
    role = Membership.objects.filter(user=current.user, agency=current.agency).values_list("role", flat=True).first()
    _record(actor, current, "invitation.resent", {"times_sent": current.times_sent})
    _tell(current, actor, role or "")
    return current


def _username_from(email: str) -> str:
    """A free username from the address (``siti.rahma@...`` -> ``siti.rahma``); the invitee may change it."""
    base = re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0], flags=re.ASCII)[:100] or "pengguna"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def invitation_send(
    *,
    actor: User,
    agency: Agency,
    email: str,
    full_name: str,
    role: str,
    unit: Unit | None,
    resend: bool = False,
) -> Invited:
    """Invite a person to the agency with a role (and unit), by e-mail; see ``Outcome`` for what happens.

    - a new address: an inactive account without a password, the role, and an invitation e-mail;
    - an address already invited here: nothing, unless ``resend`` (then a new link is sent);
    - an address of an active account (of another agency, say): the role is added to that account
      and its owner is told by e-mail; no second account is opened;
    - an address of someone invited elsewhere and not set up yet: the role, and this agency's invitation.
    """
    org.people_guard(actor=actor, agency=agency)
    email = email.strip()
    if role != "unit_operator":
        unit = None
    problems = org.membership_problems(agency=agency, role=role, unit=unit)
    if problems:
        raise ValidationError(problems)
    matches = list(User.objects.select_for_update().filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise ValidationError(
            {"email": _("Several accounts use %(email)s; ask an administrator which one to use.") % {"email": email}}
        )
    if not matches:
        person = org.user_create(
            actor=actor,
            username=_username_from(email),
            password=None,
            email=email,
            full_name=full_name.strip(),
            is_active=False,
        )
        org.membership_add(actor=actor, user=person, agency=agency, role=role, unit=unit)
        return Invited(Outcome.INVITED, person, _send(actor, agency, person, email, role))
    person = matches[0]
    open_here = _open_invitation(person, agency)
    if open_here is not None:
        if not resend:
            return Invited(Outcome.ASK_RESEND, person, open_here)
        return Invited(Outcome.RESENT, person, invitation_resend(actor=actor, invitation=open_here))
    if not person.is_active and not _is_pending(person):
        raise ValidationError(
            {
                "email": _(
                    "The account of %(email)s is deactivated. Reactivate it on the people page,"
                    " or ask an administrator."
                )
                % {"email": email}
            }
        )
    if Membership.objects.filter(user=person, agency=agency, role=role, unit=unit).exists():
        raise ValidationError(
            {"email": _("%(person)s already has this role in %(agency)s.") % {"person": person, "agency": agency}}
        )
    org.membership_add(actor=actor, user=person, agency=agency, role=role, unit=unit)
    if person.is_active:
        notification_enqueue(
            kind=Kind.INVITATION,
            recipients=[person.pk],
            context={"agency": agency.name, "role": role, "inviter": str(actor), "existing": True},
            link=reverse("evaluation:my_work"),
        )
        return Invited(Outcome.ADDED, person)
    return Invited(Outcome.INVITED, person, _send(actor, agency, person, person.email or email, role))


def username_problem(username: str, *, person: User) -> str | None:
    """What is wrong with a chosen username, in the reader's language, or None."""
    field = User._meta.get_field("username")
    try:
        field.run_validators(username)
    except ValidationError as exc:
        return " ".join(exc.messages)
    if User.objects.filter(username__iexact=username).exclude(pk=person.pk).exists():
        return _("The username %(username)s is taken; choose another one.") % {"username": username}
    return None


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str) -> User:
    """Set up the invited account: username, password, active. The link then never works again."""
    opened = open_link(token)
    if opened.state is not LinkState.OPEN or opened.invitation is None:
        raise ValidationError(_("This invitation link can no longer be used."), code=opened.state.value)
    invitation = Invitation.objects.select_for_update().select_related("agency").get(pk=opened.invitation.pk)
    if invitation.accepted_at is not None:  # accepted in the meantime, by a second click
        raise ValidationError(_("This invitation link can no longer be used."), code=LinkState.USED.value)
    person = User.objects.select_for_update().get(pk=invitation.user_id)
    problem = username_problem(username, person=person)
    if problem:
        raise ValidationError({"username": problem})
    password_validation.validate_password(password, person)
    person.username = username
    person.set_password(password)
    person.is_active = True
    person.save(update_fields=["username", "password", "is_active"])
    now = timezone.now()
    # Every open invitation of the person is used up: one account, set up once.
    Invitation.objects.filter(user=person, accepted_at__isnull=True).update(accepted_at=now)
    invitation.user = person
    audit_record(
        actor=person,
        agency_id=invitation.agency_id,
        subject_type="user",
        subject_id=person.pk,
        action="invitation.accepted",
        target=person.username,
        after={"username": person.username, "is_active": True},
    )
    return person
