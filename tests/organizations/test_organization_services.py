"""The organization services: each change is atomic with its audit event, before and after."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_assign
from spbe.organizations import services
from spbe.organizations.models import Agency, Membership, Role, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_failed_audit_write_leaves_the_membership_unchanged(
    regency: Regency, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: object) -> None:
        raise DatabaseError("disk full while writing the audit event")

    monkeypatch.setattr("spbe.organizations.services.audit_record", broken)
    membership = Membership.objects.get(user=regency.viewer, agency=regency.agency)
    with pytest.raises(DatabaseError):
        services.membership_change(
            actor=regency.coordinator, membership=membership, role=Role.INTERNAL_ASSESSOR, unit=None
        )
    with pytest.raises(DatabaseError):
        services.unit_create(actor=regency.coordinator, agency=regency.agency, name="Inspektorat")
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER
    assert not Unit.objects.filter(name="Inspektorat").exists()


def test_an_unchanged_save_records_nothing(regency: Regency) -> None:
    before = AuditEvent.objects.count()
    services.unit_update(actor=regency.coordinator, unit=regency.bappeda, name=regency.bappeda.name)
    membership = Membership.objects.get(user=regency.operator)
    services.membership_change(
        actor=regency.coordinator, membership=membership, role=membership.role, unit=membership.unit
    )
    assert AuditEvent.objects.count() == before


def test_a_unit_operator_needs_a_unit_of_the_same_agency(regency: Regency) -> None:
    elsewhere = Unit.objects.create(agency=Agency.objects.get(slug="lain"), name="Dinas Kota")
    with pytest.raises(ValidationError, match="belongs to Kota Lain"):
        services.membership_add(
            actor=regency.coordinator,
            user=regency.viewer,
            agency=regency.agency,
            role=Role.UNIT_OPERATOR,
            unit=elsewhere,
        )
    with pytest.raises(ValidationError, match="needs the unit"):
        services.membership_add(
            actor=regency.coordinator, user=regency.viewer, agency=regency.agency, role=Role.UNIT_OPERATOR
        )
    assert not AuditEvent.objects.filter(action="membership.added").exists()


def test_moving_a_role_to_another_agency_is_recorded_in_both(regency: Regency) -> None:
    other = Agency.objects.get(slug="lain")
    membership = Membership.objects.get(user=regency.viewer, agency=regency.agency)
    services.membership_change(
        actor=regency.coordinator, membership=membership, role=Role.VIEWER, unit=None, agency=other
    )
    removed = AuditEvent.objects.get(action="membership.removed")
    added = AuditEvent.objects.get(action="membership.added")
    assert (removed.agency_id, added.agency_id) == (regency.agency.pk, other.pk)


def test_deleting_a_unit_records_its_members_and_the_assignments_it_ends(
    regency: Regency, assessment: Assessment
) -> None:
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="1"), units=[regency.diskominfo], due_date=None
    )
    services.unit_delete(actor=regency.coordinator, unit=regency.diskominfo)
    removed = AuditEvent.objects.get(action="membership.removed")
    assert removed.subject_id == regency.operator.pk
    deleted = AuditEvent.objects.get(action="unit.deleted")
    assert deleted.before is not None and deleted.before["removed"] == {"evaluation.Answer_units": 1}


def test_switches_on_a_person_are_recorded_with_before_and_after(regency: Regency) -> None:
    services.user_update(actor=regency.coordinator, user=regency.viewer, is_active=False, is_superuser=True)
    event = AuditEvent.objects.get(action="user.updated")
    assert event.before == {"is_active": True, "is_superuser": False}
    assert event.after == {"is_active": False, "is_superuser": True}
    with pytest.raises(TypeError, match="password"):
        services.user_update(actor=regency.coordinator, user=regency.viewer, password="x")


def test_a_password_set_by_the_service_is_recorded_without_it(regency: Regency) -> None:
    services.user_set_password(actor=regency.coordinator, user=regency.viewer, password="Panjang-sekali-2026")
    regency.viewer.refresh_from_db()
    assert regency.viewer.check_password("Panjang-sekali-2026")
    event = AuditEvent.objects.get(action="user.password_changed")
    assert event.after == {"usable": True} and "Panjang" not in str(event.after)
