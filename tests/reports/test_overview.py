"""The overview ranks agencies by their index, shows last year's movement, and exports the same."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from spbe.evaluation.models import Answer, Assessment, AssessmentState
from spbe.evaluation.services.assessments import assessment_create
from spbe.organizations.models import Agency, Membership, Role, User
from spbe.reports.overview import overview_for

pytestmark = pytest.mark.django_db


def agency_with(name: str, kind: str, province: str, figures: dict[int, tuple[int, str]]) -> Agency:
    """An agency whose assessments score ``level`` everywhere: (level, "final" or "self") per year."""
    agency = Agency.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=kind, province=province)
    boss = User.objects.create_user(username=f"k-{agency.slug}", password="x")
    Membership.objects.create(user=boss, agency=agency, role=Role.COORDINATOR)
    for year, (level, state) in figures.items():
        assessment = assessment_create(actor=boss, agency=agency, year=year)
        if state == "final":
            Answer.objects.filter(assessment=assessment).update(self_level=level, verified_level=level)
            Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.FINAL)
        else:
            Answer.objects.filter(assessment=assessment).update(self_level=level)
    return agency


@pytest.fixture
def country() -> User:
    agency_with("Kabupaten Alpha", "regency", "Jawa Barat", {2022: (2, "final"), 2023: (3, "final")})
    agency_with("Kota Beta", "city", "Jawa Barat", {2022: (4, "final"), 2023: (3, "final")})
    agency_with("Kabupaten Gamma", "regency", "Bali", {2023: (4, "self")})
    agency_with("Kabupaten Delta", "regency", "Bali", {2022: (1, "final")})
    return User.objects.create_superuser(username="kementerian", password="x")


def test_ranking_movement_and_distribution(country: User) -> None:
    result = overview_for(country, year=2023)
    assert [(r.rank, r.agency.name, r.figure.index) for r in result.rows] == [
        (1, "Kabupaten Gamma", Decimal("4.00")),
        (2, "Kabupaten Alpha", Decimal("3.00")),
        (2, "Kota Beta", Decimal("3.00")),
    ]
    gamma, alpha, beta = result.rows
    assert not gamma.figure.final and gamma.previous is None
    assert alpha.movement == Decimal("1.00") and beta.movement == Decimal("-1.00")
    assert dict(result.distribution) == {"Memuaskan": 0, "Sangat Baik": 1, "Baik": 2, "Cukup": 0, "Kurang": 0}
    assert [a.name for a in result.without_figure] == ["Kabupaten Delta"]


def test_filters(country: User) -> None:
    assert [r.agency.name for r in overview_for(country, year=2023, kind="city").rows] == ["Kota Beta"]
    assert [r.agency.name for r in overview_for(country, year=2023, province="Bali").rows] == ["Kabupaten Gamma"]


def test_a_regency_user_sees_only_their_agency(country: User) -> None:
    local = User.objects.get(username="k-kabupaten-alpha")
    assert [r.agency.name for r in overview_for(local, year=2023).rows] == ["Kabupaten Alpha"]


def test_page_and_excel_show_the_same_numbers(client: Client, country: User) -> None:
    client.force_login(country)
    page = client.get("/overview/", {"year": "2023"}).content.decode()
    assert page.count("<tr data-agency=") == 3
    assert 'data-testid="count-baik">2<' in page and "▲ +1,00" in page and "▼ -1,00" in page
    response = client.get("/overview.xlsx", {"year": "2023"})
    book = load_workbook(io.BytesIO(response.content))
    ranking = book.worksheets[0]
    rows = [row for row in ranking.iter_rows(min_row=4, values_only=True) if row[0]]
    assert [(row[0], row[1], row[4], row[8]) for row in rows] == [
        (1, "Kabupaten Gamma", 4.0, None),
        (2, "Kabupaten Alpha", 3.0, 1.0),
        (2, "Kota Beta", 3.0, -1.0),
    ]
    distribution = book.worksheets[1]
    assert {r[0]: r[1] for r in distribution.iter_rows(min_row=2, max_col=2, values_only=True)}["Baik"] == 2
    assert distribution._charts  # the chart beside the numbers


def test_page_opens_on_the_latest_year_with_final_results(client: Client, country: User) -> None:
    client.force_login(country)
    page = client.get("/overview/").content.decode()
    assert "Ikhtisar indeks SPBE 2023" in page and page.count("<tr data-agency=") == 3
