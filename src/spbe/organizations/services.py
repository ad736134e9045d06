"""Every write to agencies, units, users and memberships, each with its audit event.

Each service is atomic and records who changed what, with the values before and after, in
the same transaction (``spbe.audit.services.audit_record``). The Django admin calls these
services and nothing else to change these rows. A deletion records what it takes with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.organizations.access import access_for
from spbe.organizations.models import Agency, Membership, Role, Unit, User

M = TypeVar("M", bound=models.Model)

AGENCY_FIELDS = ("name", "slug", "kind", "province", "time_zone")
UNIT_FIELDS = ("name", "short_name")
# What the admin may change on a person, apart from the password and the access lists.
USER_FIELDS = (
    "username",
    "full_name",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
)


# --------------------------------------------------------------------------- helpers


def _state(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Field values as JSON for the audit trail (foreign keys as their ids)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)  # type: ignore[union-attr]
        out[name] = value
    return out


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


def _apply(obj: models.Model, values: Mapping[str, Any], allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))} here")
    for name, value in values.items():
        setattr(obj, name, value)


def _lock(model: type[M], pk: Any) -> M:
    return model._default_manager.select_for_update().get(pk=pk)


def _update(
    model: type[M], pk: Any, values: Mapping[str, Any], fields: Iterable[str], *, exclude: list[str] | None = None
) -> tuple[M, dict[str, Any], dict[str, Any]]:
    """Lock, change the allowed ``fields`` named in ``values``, validate and save; returns the row
    and what changed (before, after) for the audit event."""
    current = _lock(model, pk)
    before = _state(current, fields)
    _apply(current, values, fields)
    current.full_clean(exclude=exclude)
    current.save()
    old, new = _changed(before, _state(current, fields))
    return current, old, new


def cascade_summary(obj: models.Model) -> dict[str, int]:
    """What deleting ``obj`` would delete with it, as counts per kind of row."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])
    counts: Counter[str] = Counter()
    for model, instances in collector.data.items():
        if model is not type(obj):
            counts[model._meta.label] += len(instances)
    for queryset in collector.fast_deletes:
        counts[queryset.model._meta.label] += queryset.count()
    return {label: n for label, n in sorted(counts.items()) if n}


# --------------------------------------------------------------------------- agencies


@transaction.atomic
def agency_create(
    *, actor: User, name: str, slug: str, kind: str, province: str = "", time_zone: str = Agency.Zone.WIB
) -> Agency:
    agency = Agency(name=name, slug=slug, kind=kind, province=province, time_zone=time_zone)
    agency.full_clean()
    agency.save()
    _record_agency(actor, agency, "agency.created", after=_state(agency, AGENCY_FIELDS))
    return agency


@transaction.atomic
def agency_update(*, actor: User, agency: Agency, **values: Any) -> Agency:
    """Change the fields named in ``values`` (name, slug, kind, province, time_zone)."""
    current, old, new = _update(Agency, agency.pk, values, AGENCY_FIELDS)
    if new:
        _record_agency(actor, current, "agency.updated", before=old, after=new)
    return current


@transaction.atomic
def agency_delete(*, actor: User, agency: Agency) -> None:
    """Delete an agency with its units and memberships (each recorded); its history protects it."""
    current = _lock(Agency, agency.pk)
    for unit in current.units.all():
        unit_delete(actor=actor, unit=unit)
    for membership in current.memberships.all():
        membership_remove(actor=actor, membership=membership)
    before = {**_state(current, AGENCY_FIELDS), "removed": cascade_summary(current)}
    _record_agency(actor, current, "agency.deleted", before=before)
    current.delete()


def _record_agency(
    actor: User,
    agency: Agency,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    # Not filed under the agency itself: an agency nobody has used yet can still be deleted.
    audit_record(
        actor=actor,
        agency_id=None,
        subject_type="agency",
        subject_id=agency.pk,
        action=action,
        target=agency.name,
        before=before,
        after=after,
    )


# --------------------------------------------------------------------------- units


@transaction.atomic
def unit_create(*, actor: User, agency: Agency, name: str, short_name: str = "") -> Unit:
    unit = Unit(agency=agency, name=name, short_name=short_name)
    unit.full_clean()
    unit.save()
    _record_unit(actor, unit, "unit.created", after=_state(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, **values: Any) -> Unit:
    """Rename a unit (name, short_name); it never moves to another agency."""
    current, old, new = _update(Unit, unit.pk, values, UNIT_FIELDS)
    if new:
        _record_unit(actor, current, "unit.updated", before=old, after=new)
    return current


@transaction.atomic
def unit_delete(*, actor: User, unit: Unit) -> None:
    """Delete a unit; its members lose that role (each recorded), its assignments are listed."""
    current = _lock(Unit, unit.pk)
    for membership in current.members.all():
        membership_remove(actor=actor, membership=membership)
    before = {**_state(current, UNIT_FIELDS), "removed": cascade_summary(current)}
    _record_unit(actor, current, "unit.deleted", before=before)
    current.delete()


def _record_unit(
    actor: User, unit: Unit, action: str, *, before: dict[str, Any] | None = None, after: dict[str, Any] | None = None
) -> None:
    audit_record(
        actor=actor,
        agency_id=unit.agency_id,
        subject_type="unit",
        subject_id=unit.pk,
        action=action,
        target=unit.name,
        before=before,
        after=after,
    )


# --------------------------------------------------------------------------- memberships


def membership_problems(*, agency: Agency | None, role: str, unit: Unit | None) -> dict[str, str]:
    """What is wrong with a membership, per field, in the user's language (empty when fine)."""
    problems: dict[str, str] = {}
    if role == Role.UNIT_OPERATOR and unit is None:
        problems["unit"] = _("A unit operator needs the unit they work for.")
    if unit is not None and agency is not None and unit.agency_id != agency.pk:
        problems["unit"] = _("%(unit)s belongs to %(other)s, not to %(agency)s.") % {
            "unit": unit,
            "other": unit.agency,
            "agency": agency,
        }
    return problems


def _check_membership(membership: Membership) -> None:
    problems = membership_problems(agency=membership.agency, role=membership.role, unit=membership.unit)
    if problems:
        raise ValidationError(problems)
    membership.full_clean()


def _membership_state(membership: Membership) -> dict[str, Any]:
    return {
        "user": membership.user.username,
        "role": membership.role,
        "unit": membership.unit.name if membership.unit_id else None,  # type: ignore[union-attr]
    }


@transaction.atomic
def membership_add(*, actor: User, user: User, agency: Agency, role: str, unit: Unit | None = None) -> Membership:
    """Give a user a role in an agency (a unit operator also names their unit)."""
    membership = Membership(user=user, agency=agency, role=role, unit=unit)
    _check_membership(membership)
    membership.save()
    _record_membership(actor, membership, "membership.added", after=_membership_state(membership))
    return membership


@transaction.atomic
def membership_change(
    *,
    actor: User,
    membership: Membership,
    role: str,
    unit: Unit | None,
    user: User | None = None,
    agency: Agency | None = None,
) -> Membership:
    """Set a membership's role and unit (and, when given, its person or agency)."""
    current: Membership = (
        Membership.objects.select_for_update(of=("self",)).select_related("user", "unit").get(pk=membership.pk)
    )
    before = _membership_state(current)
    before_agency = current.agency_id
    if user is not None:
        current.user = user
    if agency is not None:
        current.agency = agency
    current.role = role
    current.unit = unit
    _check_membership(current)
    current.save()
    after = _membership_state(current)
    if current.agency_id != before_agency:
        # Moving a role to another agency is recorded in both: a removal there, an addition here.
        _record_membership(actor, membership, "membership.removed", before=before, agency_id=before_agency)
        _record_membership(actor, current, "membership.added", after=after)
        return current
    old, new = _changed(before, after)
    if new:
        _record_membership(actor, current, "membership.changed", before=old, after=new)
    return current


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    current: Membership = (
        Membership.objects.select_for_update(of=("self",)).select_related("user", "unit").get(pk=membership.pk)
    )
    _record_membership(actor, current, "membership.removed", before=_membership_state(current))
    current.delete()


def _record_membership(
    actor: User,
    membership: Membership,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    agency_id: int | None = None,
) -> None:
    audit_record(
        actor=actor,
        agency_id=agency_id or membership.agency_id,
        subject_type="user",
        subject_id=membership.user_id,
        action=action,
        target=str(membership.user),
        before=before,
        after=after,
    )


# --------------------------------------------------------------------------- users


def _user_access(user: User) -> dict[str, list[str]]:
    return {
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(
            f"{app}.{code}" for app, code in user.user_permissions.values_list("content_type__app_label", "codename")
        ),
    }


@transaction.atomic
def user_create(*, actor: User, username: str, password: str | None, **values: Any) -> User:
    """Create a person; ``password=None`` leaves them without a usable password."""
    user = User(username=username)
    _apply(user, values, USER_FIELDS)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    _record_user(actor, user, "user.created", after=_state(user, USER_FIELDS))
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, **values: Any) -> User:
    """Change a person's name, e-mail, or their active, staff and superuser switches."""
    current, old, new = _update(User, user.pk, values, USER_FIELDS, exclude=["password"])
    if new:
        _record_user(actor, current, "user.updated", before=old, after=new)
    return current


@transaction.atomic
def user_set_access(*, actor: User, user: User, groups: Iterable[Group], permissions: Iterable[Permission]) -> None:
    """Set the Django groups and admin permissions a person holds."""
    before = _user_access(user)
    user.groups.set(list(groups))
    user.user_permissions.set(list(permissions))
    old, new = _changed(before, _user_access(user))
    if new:
        _record_user(actor, user, "user.access_changed", before=old, after=new)


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str | None) -> None:
    """Set a new password (``None``: no usable password). The trail never holds the password."""
    current = _lock(User, user.pk)
    if password is None:
        current.set_unusable_password()
    else:
        current.set_password(password)
    current.save(update_fields=["password"])
    record_password_change(actor=actor, user=current, usable=password is not None)


def record_password_change(*, actor: User, user: User, usable: bool) -> None:
    """Record that a password was set (by a form that saves it itself); call in its transaction."""
    _record_user(actor, user, "user.password_changed", after={"usable": usable})


@transaction.atomic
def user_delete(*, actor: User, user: User) -> None:
    """Delete a person with their memberships (each recorded); anyone with history stays."""
    current = _lock(User, user.pk)
    for membership in current.memberships.all():
        membership_remove(actor=actor, membership=membership)
    before = {**_state(current, USER_FIELDS), "removed": cascade_summary(current)}
    _record_user(actor, current, "user.deleted", before=before)
    current.delete()


def _record_user(
    actor: User, user: User, action: str, *, before: dict[str, Any] | None = None, after: dict[str, Any] | None = None
) -> None:
    audit_record(
        actor=actor,
        agency_id=None,
        subject_type="user",
        subject_id=user.pk,
        action=action,
        target=user.username,
        before=before,
        after=after,
    )


# --------------------------------------------------------------------------- people of an agency
# What a coordinator does on the people page. Each service checks that the actor manages the
# agency's people (``Access.manages_people``), then reuses the services above.


def people_guard(*, actor: User, agency: Agency) -> None:
    """Only a coordinator of the agency (or a superuser) manages its people."""
    if not access_for(actor, agency).manages_people:
        raise PermissionDenied(_("Only a coordinator of %(agency)s manages its people.") % {"agency": agency})


def _active_coordinators(agency: Agency) -> set[int]:
    return set(
        Membership.objects.filter(agency=agency, role=Role.COORDINATOR, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def _keep_a_coordinator(agency: Agency, *, losing: int, field: str) -> None:
    """Refuse a change that takes the agency's last active coordinator (user ``losing``) away."""
    if _active_coordinators(agency) == {losing}:
        raise ValidationError(
            {
                field: _(
                    "%(agency)s needs at least one active coordinator: give the coordinator role to someone else first."
                )
                % {"agency": agency}
            }
        )


def _membership_of(agency: Agency, membership: Membership) -> Membership:
    current = Membership.objects.select_related("user", "unit").filter(pk=membership.pk, agency=agency).first()
    if current is None:
        raise PermissionDenied(_("This role is not held in %(agency)s.") % {"agency": agency})
    return current


@transaction.atomic
def person_role_change(
    *, actor: User, agency: Agency, membership: Membership, role: str, unit: Unit | None
) -> Membership:
    """Change one role a person holds in the agency, and its unit (none unless a unit operator)."""
    people_guard(actor=actor, agency=agency)
    current = _membership_of(agency, membership)
    if role != Role.UNIT_OPERATOR:
        unit = None
    if current.role == Role.COORDINATOR and role != Role.COORDINATOR and current.user.is_active:
        _keep_a_coordinator(agency, losing=current.user_id, field="role")
    return membership_change(actor=actor, membership=current, role=role, unit=unit)


@transaction.atomic
def person_role_remove(*, actor: User, agency: Agency, membership: Membership) -> None:
    """Take one role away from a person in the agency (their account stays)."""
    people_guard(actor=actor, agency=agency)
    current = _membership_of(agency, membership)
    if current.role == Role.COORDINATOR and current.user.is_active:
        _keep_a_coordinator(agency, losing=current.user_id, field="role")
    membership_remove(actor=actor, membership=current)


def person_active_refusal(*, actor: User, agency: Agency, person: User) -> str | None:
    """Why the actor may not deactivate or reactivate ``person`` from this agency's page, or None."""
    if person.pk == actor.pk:
        return _("You cannot deactivate or reactivate your own account.")
    if (person.is_superuser or person.is_staff) and not actor.is_superuser:
        return _("%(person)s is an administrator; only a superuser can change their account.") % {"person": person}
    if not person.has_usable_password() and person.invitations.filter(accepted_at__isnull=True).exists():
        return _("%(person)s has not accepted the invitation yet; send it again or remove the role.") % {
            "person": person
        }
    if not actor.is_superuser:
        others = (
            Agency.objects.filter(memberships__user=person)
            .exclude(pk=agency.pk)
            .exclude(pk__in=Membership.objects.filter(user=actor, role=Role.COORDINATOR).values("agency_id"))
            .distinct()
        )
        names = ", ".join(a.name for a in others)
        if names:
            return _(
                "%(person)s also works for %(agencies)s: remove their roles here instead, or ask an administrator."
            ) % {"person": person, "agencies": names}
    return None


def _end_sessions(user: User) -> int:
    """Delete the person's open sessions (database sessions); returns how many were ended."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def person_set_active(*, actor: User, agency: Agency, person: User, active: bool) -> User:
    """Deactivate (sign-in refused, every session ended) or reactivate a person of the agency."""
    people_guard(actor=actor, agency=agency)
    current = _lock(User, person.pk)
    if not Membership.objects.filter(user=current, agency=agency).exists():
        raise PermissionDenied(_("%(person)s holds no role in %(agency)s.") % {"person": current, "agency": agency})
    refusal = person_active_refusal(actor=actor, agency=agency, person=current)
    if refusal:
        raise ValidationError(refusal)
    if current.is_active == active:
        return current
    if not active:
        _keep_a_coordinator(agency, losing=current.pk, field="__all__")
    current.is_active = active
    current.save(update_fields=["is_active"])
    ended = 0 if active else _end_sessions(current)
    audit_record(
        actor=actor,
        agency_id=agency.pk,
        subject_type="user",
        subject_id=current.pk,
        action="user.reactivated" if active else "user.deactivated",
        target=current.username,
        before={"is_active": not active},
        after={"is_active": active, **({} if active else {"sessions_ended": ended})},
    )
    return current


# --------------------------------------------------------------------------- one's own profile

PROFILE_FIELDS = ("full_name", "email")


def email_taken(email: str, *, by_other_than: User | None = None) -> bool:
    """Whether another account already uses this e-mail address (compared without case)."""
    others = User.objects.filter(email__iexact=email.strip())
    if by_other_than is not None:
        others = others.exclude(pk=by_other_than.pk)
    return bool(email.strip()) and others.exists()


@transaction.atomic
def profile_update(*, user: User, full_name: str, email: str) -> User:
    """A person changes their own name and e-mail address; a change is recorded, before and after."""
    if email_taken(email, by_other_than=user):
        raise ValidationError({"email": _("Another account already uses this e-mail address; use another one.")})
    current, old, new = _update(
        User, user.pk, {"full_name": full_name, "email": email.strip()}, PROFILE_FIELDS, exclude=["password"]
    )
    if new:
        _record_user(current, current, "account.profile_changed", before=old, after=new)
    return current
