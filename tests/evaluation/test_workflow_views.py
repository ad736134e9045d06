"""The workflow through the browser's eyes: who sees what, and pages that stay fast."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.conftest import Regency

from spbe.evaluation.errors import NotAllowed
from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update
from spbe.evaluation.services.assessments import assessment_create, assessment_submit
from spbe.evaluation.services.evidence import evidence_add_link
from spbe.scoring import get_framework, read_levels_path, score

pytestmark = pytest.mark.django_db


def login(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    return client


def url(assessment: Assessment, suffix: str = "") -> str:
    return f"/assessments/{assessment.pk}/{suffix}"


def test_pages_need_login(client: Client, assessment: Assessment) -> None:
    response = client.get(url(assessment))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_outsiders_get_404(client: Client, regency: Regency, assessment: Assessment) -> None:
    login(client, regency.outsider)
    for suffix in ("", "indicators/", "indicators/1/", "review/", "history/"):
        assert client.get(url(assessment, suffix)).status_code == 404


def test_external_assessor_sees_the_assessment_only_once_submitted(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    login(client, regency.external)
    assert client.get(url(assessment)).status_code == 404
    assert b"Kabupaten Uji" not in client.get("/assessments/").content
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.SUBMITTED)
    assert client.get(url(assessment)).status_code == 200


def test_operator_sees_only_their_units_indicators(client: Client, regency: Regency, assessment: Assessment) -> None:
    answer_assign(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="15"),
        units=[regency.diskominfo],
        due_date=None,
    )
    answer_assign(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="13"),
        units=[regency.bappeda],
        due_date=None,
    )
    login(client, regency.operator)
    listing = client.get(url(assessment, "indicators/")).content.decode()
    assert 'data-code="15"' in listing and 'data-code="13"' not in listing
    assert listing.count("<tr data-code=") == 1
    assert client.get(url(assessment, "indicators/13/")).status_code == 404
    response = client.post(url(assessment, "indicators/13/answer/"), {"level": "5", "justification": "x", "version": 0})
    assert response.status_code == 404
    assert assessment.answers.get(code="13").self_level is None
    assert client.get(url(assessment, "history/")).status_code == 404


def test_operator_answers_through_the_form(client: Client, regency: Regency, assessment: Assessment) -> None:
    target = assessment.answers.get(code="15")
    answer_assign(actor=regency.coordinator, answer=target, units=[regency.diskominfo], due_date=None)
    login(client, regency.operator)
    response = client.post(
        url(assessment, "indicators/15/answer/"),
        {"level": "3", "justification": "SOP aplikasi", "version": 0},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.self_level == 3 and target.justification == "SOP aplikasi"
    # a level the framework does not allow comes back with the reason, nothing stored
    response = client.post(url(assessment, "indicators/15/answer/"), {"level": "7", "justification": "x", "version": 1})
    assert response.status_code == 200
    assert "Indikator 15: 7 bukan level yang diizinkan (1 sampai 5)." in response.content.decode()
    target.refresh_from_db()
    assert target.self_level == 3


def test_stale_form_is_refused_with_a_message(client: Client, regency: Regency, assessment: Assessment) -> None:
    target = assessment.answers.get(code="2")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(2), justification="a")
    login(client, regency.coordinator)
    response = client.post(url(assessment, "indicators/2/answer/"), {"level": "4", "justification": "b", "version": 0})
    assert response.status_code == 200
    assert Answer.objects.get(pk=target.pk).self_level == 2


def test_dashboard_index_equals_the_engine(client: Client, regency: Regency, assessment: Assessment) -> None:
    from pathlib import Path

    levels = read_levels_path(
        Path(__file__).resolve().parents[2] / "examples" / "sukamaju-2022.csv",
        get_framework("permenpanrb-59-2020"),
    )
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=levels[answer.code], justification="ok")
    login(client, regency.viewer)
    html = client.get(url(assessment)).content.decode()
    expected = score(get_framework("permenpanrb-59-2020"), levels).index_rounded
    assert f'data-testid="self-index">{str(expected).replace(".", ",")}<' in html
    assert 'data-testid="self-predicate">Baik<' in html
    assert 'data-testid="answered">47 / 47<' in html


def test_incomplete_dashboard_is_marked_provisional(client: Client, regency: Regency, assessment: Assessment) -> None:
    answer_update(
        actor=regency.coordinator, answer=assessment.answers.get(code="1"), level=Decimal(5), justification=""
    )
    login(client, regency.coordinator)
    html = client.get(url(assessment)).content.decode()
    assert "Indeks penilaian mandiri" in html
    assert "sementara: 46 dari 47 indikator belum bernilai" in html


def many_evidence(regency: Regency, assessment: Assessment, count: int) -> None:
    answers = list(assessment.answers.all()[:count])
    for n, answer in enumerate(answers):
        answer_assign(
            actor=regency.coordinator,
            answer=answer,
            units=[regency.diskominfo, regency.bappeda],
            due_date=None,
        )
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="j")
        evidence_add_link(
            actor=regency.coordinator,
            assessment=assessment,
            answers=[answer],
            url=f"https://contoh.go.id/{n}",
            title=f"Bukti {n}",
        )
        evidence_add_link(
            actor=regency.coordinator,
            assessment=assessment,
            answers=[answer],
            url=f"https://contoh.go.id/{n}b",
            title=f"Bukti {n}b",
        )


@pytest.mark.parametrize("suffix", ["", "indicators/", "review/"])
def test_query_count_does_not_grow_with_indicators_or_evidence(
    client: Client, regency: Regency, assessment: Assessment, suffix: str
) -> None:
    login(client, regency.coordinator)
    many_evidence(regency, assessment, 2)
    client.get(url(assessment, suffix))  # warm the framework cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(assessment, suffix)).status_code == 200
    many_evidence(regency, Assessment.objects.get(pk=assessment.pk), 40)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(assessment, suffix)).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 12


def test_transitions_through_the_browser(client: Client, regency: Regency, assessment: Assessment) -> None:
    login(client, regency.coordinator)
    response = client.post(url(assessment, "do/submit/"), follow=True)
    assert "indikator tanpa level: 1, 2, 3" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="ok")
        answer_review(actor=regency.internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    client.post(url(assessment, "do/submit/"))  # no indicator has evidence: the coordinator must confirm
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT
    client.post(url(assessment, "do/submit/"), {"evidence_confirmed": "on"})
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    assert client.post(url(assessment, "do/explode/")).status_code == 404


def test_history_shows_who_changed_what(client: Client, regency: Regency, assessment: Assessment) -> None:
    answer_update(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="4"),
        level=Decimal(2),
        justification="Perbup 5/2022",
    )
    login(client, regency.internal)
    html = client.get(url(assessment, "history/")).content.decode()
    # the rows a person reads (the filter's <option value> carries the code, unseen)
    rows = html.split('<table class="data history">', 1)[1]
    assert "indikator 4" in rows and "Perbup 5/2022" in rows and "koord" in rows
    assert "indicator 4" not in html and "answer.updated" not in rows


def test_coordinator_starts_an_assessment_in_the_browser(client: Client, regency: Regency) -> None:
    login(client, regency.coordinator)
    response = client.post("/agencies/uji/assessments/new/", {"year": "2024", "framework": ""})
    created = Assessment.objects.get(agency=regency.agency, year=2024)
    assert response.status_code == 302 and response["Location"] == f"/assessments/{created.pk}/"
    response = client.post("/agencies/uji/assessments/new/", {"year": "2024", "framework": ""})
    assert response.status_code == 200 and "2024" in response.content.decode()
    login(client, regency.operator)
    assert client.get("/agencies/uji/assessments/new/").status_code == 404


def test_second_submission_of_same_year_other_agency_is_independent(regency: Regency) -> None:
    from spbe.organizations.models import Agency

    other = Agency.objects.get(slug="lain")
    created = assessment_create(actor=regency.outsider, agency=other, year=2023)
    assert created.answers.count() == 47
    with pytest.raises(NotAllowed):
        assessment_submit(actor=regency.coordinator, assessment=created)
