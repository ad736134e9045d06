"""The assignment form: the role is checked before anything is parsed, and unit numbers that cannot
be a unit of the agency are refused with a message instead of an HTTP 500."""

from __future__ import annotations

import pytest
from django.conf import LazySettings
from django.test import Client
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Assessment
from spbe.organizations.models import Agency, Unit

pytestmark = pytest.mark.django_db
HUGE = "9223372036854775808"  # one more than the largest 64-bit id


def assign(client: Client, assessment: Assessment, units: list[str]) -> object:
    client.raise_request_exception = False
    return client.post(f"/assessments/{assessment.pk}/indicators/1/assign/", {"units": units, "due_date": "2023-06-30"})


@pytest.mark.parametrize("who", ["viewer", "operator", "internal", "external", "outsider"])
def test_a_role_that_may_not_assign_gets_404_before_the_form_is_read(
    client: Client, regency: Regency, assessment: Assessment, who: str
) -> None:
    client.force_login(getattr(regency, who))
    response = assign(client, assessment, [HUGE])
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert not assessment.answers.get(code="1").units.exists()


def test_the_view_checks_the_role_itself_without_the_url_map(
    client: Client, regency: Regency, assessment: Assessment, settings: LazySettings
) -> None:
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "spbe.permissions.UrlGuardMiddleware"]
    client.force_login(regency.viewer)
    assert assign(client, assessment, [HUGE]).status_code == 404  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", [HUGE, "99999999999999999999999", "-1", "0", "abc", "١", "３", "1.5", " "])
def test_a_unit_number_that_cannot_exist_is_refused_with_a_message(
    client: Client, regency: Regency, assessment: Assessment, value: str
) -> None:
    client.force_login(regency.coordinator)
    events = AuditEvent.objects.count()
    response = assign(client, assessment, [str(regency.diskominfo.pk), value])
    assert response.status_code == 200  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "Pilih perangkat daerah dari daftar:" in html and "bukan perangkat daerah di instansi ini." in html
    answer = assessment.answers.get(code="1")
    assert not answer.units.exists() and answer.due_date is None
    assert AuditEvent.objects.count() == events


def test_a_unit_of_another_agency_is_refused_with_the_same_message(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    elsewhere = Unit.objects.create(agency=Agency.objects.get(slug="lain"), name="Dinas Lain")
    client.force_login(regency.coordinator)
    html = assign(client, assessment, [str(elsewhere.pk)]).content.decode()  # type: ignore[attr-defined]
    assert f"Pilih perangkat daerah dari daftar: {elsewhere.pk} bukan perangkat daerah di instansi ini." in html
    assert not assessment.answers.get(code="1").units.exists()


def test_the_message_in_english(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.cookies["django_language"] = "en"
    client.force_login(regency.coordinator)
    html = assign(client, assessment, [HUGE]).content.decode()  # type: ignore[attr-defined]
    assert f"Choose the units from the list: {HUGE[:24]} is not a unit of this agency." in html


def test_valid_units_are_still_assigned(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    response = assign(client, assessment, [str(regency.diskominfo.pk), str(regency.bappeda.pk)])
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert set(assessment.answers.get(code="1").units.all()) == {regency.diskominfo, regency.bappeda}
