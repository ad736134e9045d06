"""Every change made in the Django admin to agencies, units, people and roles is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.conftest import Regency
from tests.organizations.admin_forms import form_data, inline_row, row_index

from spbe.audit.models import AuditEvent
from spbe.organizations.models import Agency, Membership, Role, Unit, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def root() -> User:
    return User.objects.create_superuser(username="root", password="pw-root-admin", email="root@example.go.id")


@pytest.fixture
def admin_client(root: User) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(root)
    return client


def agency_page(client: Client, agency: Agency) -> tuple[str, dict[str, Any]]:
    url = f"/admin/organizations/agency/{agency.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response)


def events(**filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


@pytest.mark.parametrize("page", ["agency", "unit", "user"])
def test_submitting_a_page_unchanged_changes_and_records_nothing(
    admin_client: Client, regency: Regency, page: str
) -> None:
    pk = {"agency": regency.agency.pk, "unit": regency.diskominfo.pk, "user": regency.operator.pk}[page]
    url = f"/admin/organizations/{page}/{pk}/change/"
    before = AuditEvent.objects.count()
    response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert AuditEvent.objects.count() == before


def test_a_unit_added_in_the_agency_page_is_recorded(admin_client: Client, regency: Regency, root: User) -> None:
    url, data = agency_page(admin_client, regency.agency)
    inline_row(data, "units", name="Inspektorat Daerah", short_name="Inspektorat")
    assert admin_client.post(url, data).status_code == 302
    unit = Unit.objects.get(agency=regency.agency, name="Inspektorat Daerah")
    [event] = events(action="unit.created")
    assert (event.actor, event.agency_id, event.subject_id) == (root, regency.agency.pk, unit.pk)
    assert event.after == {"name": "Inspektorat Daerah", "short_name": "Inspektorat"}


def test_a_role_changed_in_the_agency_page_is_recorded(admin_client: Client, regency: Regency, root: User) -> None:
    membership = Membership.objects.get(user=regency.viewer, agency=regency.agency)
    url, data = agency_page(admin_client, regency.agency)
    data[f"memberships-{row_index(data, 'memberships', membership.pk)}-role"] = Role.INTERNAL_ASSESSOR
    assert admin_client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.INTERNAL_ASSESSOR
    [event] = events(action="membership.changed")
    assert event.actor == root and event.subject_type == "user" and event.subject_id == regency.viewer.pk
    assert (event.before, event.after) == ({"role": "viewer"}, {"role": "internal_assessor"})


def test_a_membership_removed_in_the_agency_page_is_recorded(admin_client: Client, regency: Regency) -> None:
    membership = Membership.objects.get(user=regency.operator, agency=regency.agency)
    url, data = agency_page(admin_client, regency.agency)
    data[f"memberships-{row_index(data, 'memberships', membership.pk)}-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    [event] = events(action="membership.removed")
    assert event.before == {"user": "op1", "role": "unit_operator", "unit": "Dinas Komunikasi dan Informatika"}


def test_a_unit_of_another_agency_is_refused_with_a_message(admin_client: Client, regency: Regency) -> None:
    elsewhere = Unit.objects.create(agency=Agency.objects.get(slug="lain"), name="Dinas Kota")
    url, data = agency_page(admin_client, regency.agency)
    inline_row(data, "memberships", user=regency.viewer.pk, role=Role.UNIT_OPERATOR, unit=elsewhere.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Dinas Kota belongs to Kota Lain, not to Kabupaten Uji." in response.content.decode()
    assert not Membership.objects.filter(unit=elsewhere).exists()
    assert not events(action="membership.added")


def test_the_bulk_delete_action_records_each_unit_and_the_roles_it_took(admin_client: Client, regency: Regency) -> None:
    response = admin_client.post(
        "/admin/organizations/unit/",
        {"action": "delete_selected", "_selected_action": [regency.diskominfo.pk, regency.bappeda.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(agency=regency.agency).exists()
    deleted = events(action="unit.deleted")
    assert sorted(e.subject_id for e in deleted) == sorted([regency.diskominfo.pk, regency.bappeda.pk])
    removed = events(action="membership.removed")
    assert sorted(e.subject_id for e in removed) == sorted([regency.operator.pk, regency.other_operator.pk])


def test_an_agency_with_units_is_not_deleted(admin_client: Client, regency: Regency) -> None:
    url = f"/admin/organizations/agency/{regency.agency.pk}/delete/"
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Remove the units and memberships of Kabupaten Uji first." in response.content.decode()
    assert Agency.objects.filter(pk=regency.agency.pk).exists() and regency.agency.units.count() == 2


def test_an_unused_agency_added_then_deleted_is_recorded(admin_client: Client) -> None:
    data = {
        "name": "Kabupaten Baru",
        "slug": "baru",
        "kind": "regency",
        "province": "Bali",
        "time_zone": "Asia/Makassar",
        "units-TOTAL_FORMS": "0",
        "units-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    assert admin_client.post("/admin/organizations/agency/add/", data).status_code == 302
    agency = Agency.objects.get(slug="baru")
    response = admin_client.post(f"/admin/organizations/agency/{agency.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Agency.objects.filter(slug="baru").exists()
    assert [e.action for e in events(subject_type="agency")] == ["agency.created", "agency.deleted"]


def test_making_someone_staff_is_recorded(admin_client: Client, regency: Regency, root: User) -> None:
    url = f"/admin/organizations/user/{regency.viewer.pk}/change/"
    data = form_data(admin_client.get(url))
    data["is_staff"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    regency.viewer.refresh_from_db()
    assert regency.viewer.is_staff
    [event] = events(action="user.updated")
    assert (event.actor, event.subject_id) == (root, regency.viewer.pk)
    assert (event.before, event.after) == ({"is_staff": False}, {"is_staff": True})


def test_a_role_added_on_the_person_page_is_recorded(admin_client: Client, regency: Regency) -> None:
    url = f"/admin/organizations/user/{regency.outsider.pk}/change/"
    data = form_data(admin_client.get(url))
    inline_row(data, "memberships", agency=regency.agency.pk, role=Role.VIEWER)
    assert admin_client.post(url, data).status_code == 302
    [event] = events(action="membership.added")
    assert event.agency_id == regency.agency.pk and event.after == {"user": "luar", "role": "viewer", "unit": None}


def test_a_password_change_is_recorded_without_the_password(admin_client: Client, regency: Regency) -> None:
    url = f"/admin/organizations/user/{regency.viewer.pk}/password/"
    new = "Kata-sandi-baru-yang-panjang-2026"
    response = admin_client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    regency.viewer.refresh_from_db()
    assert regency.viewer.check_password(new)
    [event] = events(action="user.password_changed")
    assert event.subject_id == regency.viewer.pk and event.after == {"usable": True}
    assert new not in str(event.before) + str(event.after)


def test_a_person_added_in_the_admin_is_recorded(admin_client: Client) -> None:
    new = "Kata-sandi-baru-yang-panjang-2026"
    response = admin_client.post(
        "/admin/organizations/user/add/",
        {
            "username": "baru",
            "password1": new,
            "password2": new,
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="baru")
    assert user.check_password(new)
    [event] = events(action="user.created")
    assert event.subject_id == user.pk and event.after is not None and event.after["username"] == "baru"
