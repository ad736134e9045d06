"""Shared test setup.

Every test that touches the database is marked ``db`` so that ``make test`` can run
exactly those again on PostgreSQL (``pytest -m db``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation
from tests.evaluation.evidence_samples import make_pdf

from spbe.evaluation.models import Action, Answer, Assessment, Evidence, ReviewStatus
from spbe.evaluation.services.answers import answer_assign
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.evidence import evidence_add_link, evidence_upload
from spbe.evaluation.services.plans import action_plan_adopt
from spbe.organizations.models import Agency, Membership, Role, Unit, User

DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DB_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.db)


@pytest.fixture(autouse=True)
def _let_transactional_tests_flush_the_audit_trail(request: pytest.FixtureRequest) -> object:
    """Audit rows refuse deletion (a database trigger). Tests that commit for real end by
    flushing every table; on SQLite that flush needs the deliberate maintenance switch."""
    if not DB_FIXTURES.intersection({"transactional_db", "live_server"}).intersection(request.fixturenames):
        yield None
        return
    request.getfixturevalue("transactional_db")
    yield None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO audit_maintenance (reason) VALUES ('test flush')")


# A small regency with a user for every role, and a fresh 2023 assessment.


@dataclass
class Regency:
    agency: Agency
    diskominfo: Unit
    bappeda: Unit
    coordinator: User
    operator: User  # Diskominfo
    other_operator: User  # Bappeda
    internal: User
    external: User
    viewer: User
    outsider: User  # no role here; coordinator elsewhere
    stranger: User  # no role here; external assessor assigned to another agency only


def make_user(username: str) -> User:
    return User.objects.create_user(username=username, password="pw-" + username)


@pytest.fixture
def regency(db: None) -> Regency:
    agency = Agency.objects.create(name="Kabupaten Uji", slug="uji", kind=Agency.Kind.REGENCY, province="Jawa Barat")
    other = Agency.objects.create(name="Kota Lain", slug="lain", kind=Agency.Kind.CITY)
    diskominfo = Unit.objects.create(agency=agency, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    bappeda = Unit.objects.create(agency=agency, name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    names = ("koord", "op1", "op2", "asesor", "eksternal", "pimpinan", "luar", "asing")
    people = {name: make_user(name) for name in names}
    Membership.objects.create(user=people["koord"], agency=agency, role=Role.COORDINATOR)
    Membership.objects.create(user=people["op1"], agency=agency, role=Role.UNIT_OPERATOR, unit=diskominfo)
    Membership.objects.create(user=people["op2"], agency=agency, role=Role.UNIT_OPERATOR, unit=bappeda)
    Membership.objects.create(user=people["asesor"], agency=agency, role=Role.INTERNAL_ASSESSOR)
    Membership.objects.create(user=people["eksternal"], agency=agency, role=Role.EXTERNAL_ASSESSOR)
    Membership.objects.create(user=people["pimpinan"], agency=agency, role=Role.VIEWER)
    Membership.objects.create(user=people["luar"], agency=other, role=Role.COORDINATOR)
    Membership.objects.create(user=people["asing"], agency=other, role=Role.EXTERNAL_ASSESSOR)
    return Regency(
        agency,
        diskominfo,
        bappeda,
        people["koord"],
        people["op1"],
        people["op2"],
        people["asesor"],
        people["eksternal"],
        people["pimpinan"],
        people["luar"],
        people["asing"],
    )


@pytest.fixture
def assessment(regency: Regency) -> Assessment:
    return assessment_create(actor=regency.coordinator, agency=regency.agency, year=2023)


@pytest.fixture
def english() -> Iterator[None]:
    """Read service and check messages in English (the pages default to Indonesian)."""
    with translation.override("en"):
        yield


@pytest.fixture
def private_media(settings: object, tmp_path: Path) -> Path:
    """Evidence files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    return tmp_path / "media"


@dataclass
class Furnished:
    """An assessment with one of everything a URL can point at."""

    assessment: Assessment
    code: str  # an indicator assigned to Diskominfo, with a file and a link as evidence
    evidence_file: Evidence
    evidence_link: Evidence
    action: Action  # of the current plan, owned by Diskominfo
    regency: Regency


def furnish(regency: Regency, assessment: Assessment, state: str) -> Furnished:
    """Answer, approve and verify every indicator, adopt a plan, add evidence, then put the
    assessment in ``state`` (set directly: what matters here is who may do what in each state)."""
    answer = assessment.answers.get(code="1")
    answer_assign(actor=regency.coordinator, answer=answer, units=[regency.diskominfo], due_date=None)
    evidence_file = evidence_upload(
        actor=regency.coordinator, assessment=assessment, answers=[answer], name="sk.pdf", stream=io.BytesIO(make_pdf())
    )
    evidence_link = evidence_add_link(
        actor=regency.coordinator, assessment=assessment, answers=[answer], url="https://contoh.go.id/sk"
    )
    Answer.objects.filter(assessment=assessment).update(
        self_level=Decimal(3), justification="ok", review_status=ReviewStatus.APPROVED, verified_level=Decimal(3)
    )
    plan = action_plan_adopt(
        actor=regency.coordinator, assessment=assessment, target=Decimal("3.50"), target_year=2024, limits={}
    )
    action = plan.actions.order_by("position").first()
    assert action is not None
    Action.objects.filter(pk=action.pk).update(unit=regency.diskominfo)
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    assessment.refresh_from_db()
    action.refresh_from_db()
    return Furnished(assessment, "1", evidence_file, evidence_link, action, regency)
