"""The people page of an agency: who may reach it, role and unit changes, deactivation, the last
coordinator, and one's own profile. Every change is audited; a refused one changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from tests.accounts.conftest import log_in, logged_in
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.organizations import services
from spbe.organizations.models import Membership, Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "Kata-Sandi-Panjang-2024"


def _membership(user: User, regency: Regency) -> Membership:
    return Membership.objects.get(user=user, agency=regency.agency)


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


@pytest.mark.parametrize("role", ["operator", "internal", "external", "viewer"])
def test_members_who_are_not_coordinators_get_403_and_change_nothing(
    regency: Regency, client: Client, role: str
) -> None:
    client.force_login(getattr(regency, role))
    target = regency.other_operator
    before = AuditEvent.objects.count()
    assert client.get("/agencies/uji/people/").status_code == 403
    assert client.get("/agencies/uji/people/invite/").status_code == 403
    assert client.get(f"/agencies/uji/people/{target.pk}/").status_code == 403
    membership = _membership(target, regency)
    posted = client.post(
        f"/agencies/uji/people/{target.pk}/role/", {"membership": membership.pk, "role": Role.COORDINATOR}
    )
    assert posted.status_code == 403
    assert client.post(f"/agencies/uji/people/{target.pk}/active/", {"active": "0"}).status_code == 403
    target.refresh_from_db()
    assert target.is_active and _membership(target, regency).role == Role.UNIT_OPERATOR
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_people_of_another_agency_get_404(regency: Regency, client: Client, who: str) -> None:
    client.force_login(getattr(regency, who))  # the outsider coordinates another agency
    assert client.get("/agencies/uji/people/").status_code == 404
    assert client.post(f"/agencies/uji/people/{regency.operator.pk}/active/", {"active": "0"}).status_code == 404
    assert User.objects.get(pk=regency.operator.pk).is_active


def test_a_coordinator_cannot_reach_a_person_of_another_agency_through_their_own(
    regency: Regency, client: Client
) -> None:
    client.force_login(regency.coordinator)
    assert client.get(f"/agencies/uji/people/{regency.outsider.pk}/").status_code == 404
    assert client.post(f"/agencies/uji/people/{regency.outsider.pk}/active/", {"active": "0"}).status_code == 404
    assert User.objects.get(pk=regency.outsider.pk).is_active


def test_the_people_list_shows_roles_status_filters_and_search(regency: Regency, client: Client) -> None:
    User.objects.filter(pk=regency.viewer.pk).update(is_active=False, full_name="Pak Pimpinan")
    client.force_login(regency.coordinator)
    page = client.get("/agencies/uji/people/").content.decode()
    for name in ("koord", "op1", "op2", "asesor", "eksternal", "Pak Pimpinan"):
        assert name in page
    assert "<td>luar</td>" not in page and "<td>koord</td>" in page  # not of another agency
    assert "Diskominfo" in page and "dinonaktifkan" in page
    operators = client.get("/agencies/uji/people/?role=unit_operator").content.decode()
    assert "op1" in operators and "asesor" not in operators
    found = client.get("/agencies/uji/people/?q=pimpinan&status=deactivated").content.decode()
    assert "Pak Pimpinan" in found and "op1" not in found
    bad = client.get("/agencies/uji/people/?unit=abc")
    assert bad.status_code == 200 and "Perangkat daerah" in bad.content.decode()


def test_changing_a_role_and_unit_is_audited(regency: Regency, client: Client) -> None:
    client.force_login(regency.coordinator)
    membership = _membership(regency.operator, regency)
    response = client.post(
        f"/agencies/uji/people/{regency.operator.pk}/role/",
        {"membership": membership.pk, "role": Role.UNIT_OPERATOR, "unit": regency.bappeda.pk},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.unit == regency.bappeda
    (event,) = _events("membership.changed")
    assert event.actor == regency.coordinator and event.agency_id == regency.agency.pk
    assert event.before == {"unit": "Dinas Komunikasi dan Informatika"}
    assert event.after == {"unit": "Badan Perencanaan Pembangunan Daerah"}
    # a unit operator without a unit is refused by name
    page = client.post(
        f"/agencies/uji/people/{regency.operator.pk}/role/",
        {"membership": membership.pk, "role": Role.UNIT_OPERATOR, "unit": ""},
        follow=True,
    )
    assert "Perangkat daerah: operator perangkat daerah memerlukan" in page.content.decode()
    membership.refresh_from_db()
    assert membership.unit == regency.bappeda


def test_the_last_coordinator_cannot_demote_remove_or_deactivate_themself(regency: Regency) -> None:
    coordinator = _membership(regency.coordinator, regency)
    with pytest.raises(ValidationError, match="koordinator aktif"):
        services.person_role_change(
            actor=regency.coordinator, agency=regency.agency, membership=coordinator, role=Role.VIEWER, unit=None
        )
    with pytest.raises(ValidationError, match="koordinator aktif"):
        services.person_role_remove(actor=regency.coordinator, agency=regency.agency, membership=coordinator)
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR
    # with a second coordinator, stepping down is fine
    second = _membership(regency.internal, regency)
    services.person_role_change(
        actor=regency.coordinator, agency=regency.agency, membership=second, role=Role.COORDINATOR, unit=None
    )
    services.person_role_change(
        actor=regency.coordinator, agency=regency.agency, membership=coordinator, role=Role.VIEWER, unit=None
    )
    assert _membership(regency.coordinator, regency).role == Role.VIEWER


def test_a_superuser_cannot_deactivate_the_last_coordinator_either(regency: Regency) -> None:
    admin = User.objects.create_superuser(username="admin", password=PASSWORD)
    with pytest.raises(ValidationError, match="koordinator aktif"):
        services.person_set_active(actor=admin, agency=regency.agency, person=regency.coordinator, active=False)
    assert User.objects.get(pk=regency.coordinator.pk).is_active


def test_the_services_refuse_who_does_not_manage_the_agency(regency: Regency) -> None:
    membership = _membership(regency.operator, regency)
    for actor in (regency.internal, regency.outsider):
        with pytest.raises(PermissionDenied):
            services.person_role_change(
                actor=actor, agency=regency.agency, membership=membership, role=Role.VIEWER, unit=None
            )
        with pytest.raises(PermissionDenied):
            services.person_set_active(actor=actor, agency=regency.agency, person=regency.operator, active=False)
    assert _membership(regency.operator, regency).role == Role.UNIT_OPERATOR


def test_deactivating_ends_the_sessions_refuses_login_and_reactivating_restores_it(regency: Regency) -> None:
    regency.operator.set_password(PASSWORD)
    regency.operator.save()
    operator = Client()
    log_in(operator, "op1", PASSWORD)
    assert logged_in(operator) and operator.get("/home/").status_code == 200
    coordinator = Client()
    coordinator.force_login(regency.coordinator)
    response = coordinator.post(f"/agencies/uji/people/{regency.operator.pk}/active/", {"active": "0"}, follow=True)
    assert "dinonaktifkan" in response.content.decode()
    assert not User.objects.get(pk=regency.operator.pk).is_active
    (event,) = _events("user.deactivated")
    assert event.actor == regency.coordinator and event.after == {"is_active": False, "sessions_ended": 1}
    # the open session is gone, and signing in again is refused
    assert operator.get("/home/").status_code == 302
    again = Client()
    log_in(again, "op1", PASSWORD)
    assert not logged_in(again)
    people = coordinator.get("/agencies/uji/people/?status=deactivated").content.decode()
    assert "op1" in people
    coordinator.post(f"/agencies/uji/people/{regency.operator.pk}/active/", {"active": "1"})
    assert User.objects.get(pk=regency.operator.pk).is_active and _events("user.reactivated")
    log_in(again, "op1", PASSWORD)
    assert logged_in(again)


def test_a_coordinator_cannot_deactivate_themself_or_someone_working_for_another_agency(regency: Regency) -> None:
    with pytest.raises(ValidationError, match="akun Anda sendiri"):
        services.person_set_active(
            actor=regency.coordinator, agency=regency.agency, person=regency.coordinator, active=False
        )
    other = regency.outsider.memberships.get().agency
    Membership.objects.create(user=regency.operator, agency=other, role=Role.VIEWER)
    with pytest.raises(ValidationError, match="Kota Lain"):
        services.person_set_active(
            actor=regency.coordinator, agency=regency.agency, person=regency.operator, active=False
        )
    assert User.objects.get(pk=regency.operator.pk).is_active
    # a coordinator of both agencies may
    Membership.objects.create(user=regency.coordinator, agency=other, role=Role.COORDINATOR)
    services.person_set_active(actor=regency.coordinator, agency=regency.agency, person=regency.operator, active=False)
    assert not User.objects.get(pk=regency.operator.pk).is_active


def test_the_header_links_people_for_the_coordinator_and_the_profile_for_everyone(
    regency: Regency, client: Client
) -> None:
    client.force_login(regency.coordinator)
    page = client.get("/home/").content.decode()
    assert 'hx-get="/accounts/people-link/"' in page and 'href="/accounts/profile/">Profil saya' in page
    assert 'href="/agencies/uji/people/">Pengguna' in client.get("/accounts/people-link/").content.decode()
    client.force_login(regency.operator)
    page = client.get("/home/").content.decode()
    assert 'href="/accounts/profile/">Profil saya' in page
    assert "/agencies/" not in client.get("/accounts/people-link/").content.decode()
    client.logout()
    assert "/agencies/" not in client.get("/accounts/people-link/").content.decode()


def test_a_person_edits_their_own_profile_and_the_email_change_is_audited(regency: Regency, client: Client) -> None:
    client.force_login(regency.operator)
    page = client.get("/accounts/profile/").content.decode()
    assert "/accounts/password/change/" in page
    response = client.post("/accounts/profile/", {"full_name": "Operator Satu", "email": "op1@uji.go.id"})
    assert response.status_code == 302
    user = User.objects.get(pk=regency.operator.pk)
    assert (user.full_name, user.email) == ("Operator Satu", "op1@uji.go.id")
    (event,) = _events("account.profile_changed")
    assert event.actor == user and event.before == {"full_name": "", "email": ""}
    assert event.after == {"full_name": "Operator Satu", "email": "op1@uji.go.id"}
    # unchanged: nothing recorded
    client.post("/accounts/profile/", {"full_name": "Operator Satu", "email": "op1@uji.go.id"})
    assert len(_events("account.profile_changed")) == 1
    # an address of another account, or a broken one, is refused by name
    User.objects.filter(pk=regency.other_operator.pk).update(email="op2@uji.go.id")
    taken = client.post("/accounts/profile/", {"full_name": "x", "email": "OP2@uji.go.id"}).content.decode()
    assert "sudah dipakai akun lain" in taken
    broken = client.post("/accounts/profile/", {"full_name": "x", "email": "op1-at-uji"}).content.decode()
    assert "Surel: tulis alamat lengkap" in broken
    assert User.objects.get(pk=regency.operator.pk).email == "op1@uji.go.id"


def test_the_last_login_is_shown_in_indonesian_in_the_agency_s_zone(regency: Regency, client: Client) -> None:
    import datetime

    User.objects.filter(pk=regency.operator.pk).update(
        last_login=datetime.datetime(2026, 11, 30, 2, 5, tzinfo=datetime.UTC)  # 09.05 WIB
    )
    client.force_login(regency.coordinator)
    listing = client.get("/agencies/uji/people/").content.decode()
    person = client.get(f"/agencies/uji/people/{regency.operator.pk}/").content.decode()
    for page in (listing, person):
        assert "30 Nov. 2026, 9.05" in page
        assert "2026-11-30" not in page
