"""Carry-over in the browser: the start page previews it, carried answers are marked and confirmed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Answer, Assessment
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.evidence import evidence_add_link

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def client(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def _previous(regency: Regency) -> Assessment:
    old = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025)
    answers = {a.code: a for a in old.answers.all()}
    answer_assign(actor=regency.coordinator, answer=answers["18"], units=[regency.diskominfo], due_date=None)
    answer_assign(actor=regency.coordinator, answer=answers["25"], units=[regency.bappeda], due_date=None)
    answer_update(actor=regency.coordinator, answer=answers["18"], level=Decimal(3), justification="SPLP berjalan.")
    evidence_add_link(actor=regency.coordinator, assessment=old, answers=[answers["18"]], url="https://uji.go.id/splp")
    Answer.objects.filter(assessment=old).update(verified_level=Decimal(2))
    Answer.objects.filter(assessment=old, code="18").update(verified_level=Decimal(4))
    return old


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(response.content.decode().split())


def test_the_start_page_shows_what_will_be_carried_over_before_creating(client: Client, regency: Regency) -> None:
    _previous(regency)
    client.force_login(regency.coordinator)
    page = client.get(f"/agencies/{regency.agency.slug}/assessments/new/")
    text = _text(page)
    assert 'value="2026"' in text  # the year after the latest one
    assert "From the 2025 assessment" in text
    # 59/2020 18 serves Pemdi 16 and 18, 59/2020 25 serves Pemdi 3
    assert "3 unit assignments, on 3 indicators" in text
    assert "2 justifications" in text and "1 evidence item" in text
    assert "Estimated Pemdi index (8/2026)" in text and "not an official value" in text
    assert Assessment.objects.filter(year=2026).count() == 0  # the preview creates nothing
    preview = client.post(f"/agencies/{regency.agency.slug}/assessments/new/", {"year": "2025", "preview": "1"})
    assert "There is no earlier assessment to carry over from" in _text(preview)
    same = client.post(f"/agencies/{regency.agency.slug}/assessments/new/", {"year": "2027", "preview": "1"})
    assert "From the 2025 assessment" in _text(same) and Assessment.objects.count() == 1


def test_starting_with_texts_carries_them_and_writes_audit_events(client: Client, regency: Regency) -> None:
    _previous(regency)
    client.force_login(regency.coordinator)
    response = client.post(f"/agencies/{regency.agency.slug}/assessments/new/", {"year": "2026", "carry_texts": "on"})
    new = Assessment.objects.get(agency=regency.agency, year=2026)
    assert response.status_code == 302 and new.framework_id == "permenpanrb-8-2026"
    assert AuditEvent.objects.filter(subject_id=new.pk, action="assessment.carried_over").count() == 1
    assert AuditEvent.objects.filter(subject_id=new.pk, action="answer.carried").count() == 3
    carried = new.answers.get(code="16")
    assert carried.from_last_year and "SPLP berjalan." in carried.justification

    listing = _text(client.get(f"/assessments/{new.pk}/indicators/"))
    assert listing.count('data-testid="from-last-year"') == 2  # Pemdi 16 and 18 hold the text
    filtered = _text(client.get(f"/assessments/{new.pk}/indicators/?status=from_last_year"))
    assert 'data-code="16"' in filtered and 'data-code="3"' not in filtered

    client.force_login(regency.operator)  # Diskominfo owns 59/2020 18, hence Pemdi 16
    page = _text(client.get(f"/assessments/{new.pk}/indicators/16/"))
    assert "carried over from the 2025 assessment" in page
    assert "Verified in 2025 (estimated through the crosswalk from 59/2020 indicators 7, 18): 3.00" in page
    assert "Confirm last year" in page
    confirmed = client.post(f"/assessments/{new.pk}/indicators/16/confirm/")
    assert confirmed.status_code == 302
    assert not new.answers.get(code="16").from_last_year
    assert AuditEvent.objects.filter(subject_id=new.pk, action="answer.confirmed").count() == 1


def test_starting_without_texts_carries_assignments_only(client: Client, regency: Regency) -> None:
    _previous(regency)
    client.force_login(regency.coordinator)
    client.post(f"/agencies/{regency.agency.slug}/assessments/new/", {"year": "2026"})
    new = Assessment.objects.get(agency=regency.agency, year=2026)
    assert list(new.answers.get(code="16").units.all()) == [regency.diskominfo]
    assert not new.answers.filter(from_last_year=True).exists() and not new.evidence.exists()


def test_the_planner_and_the_crosswalk_page_show_the_estimate(client: Client, regency: Regency) -> None:
    old = _previous(regency)
    client.force_login(regency.coordinator)
    planner = _text(client.get(f"/assessments/{old.pk}/plan/"))
    assert "Estimated Pemdi index (8/2026):" in planner and "an estimate, not an official value" in planner
    estimate = _text(client.get(f"/assessments/{old.pk}/plan/pemdi-estimate/"))
    assert "No official crosswalk from PermenPANRB 59/2020" in estimate
    assert "16. " in estimate and "18. " in estimate
    public = client.get("/frameworks-crosswalk/")
    assert public.status_code == 200 and "962/2021" in public.content.decode()
    pemdi = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2026)
    assert client.get(f"/assessments/{pemdi.pk}/plan/pemdi-estimate/").status_code == 404
    assert "Estimated Pemdi index" not in _text(client.get(f"/assessments/{pemdi.pk}/plan/"))
