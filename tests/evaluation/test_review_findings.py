"""Defects found in review, kept as tests: scoping leaks, stale writes and input that crashed."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.models import Answer, Assessment, AssessmentState, Evidence
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.assessments import assessment_submit
from spbe.evaluation.services.evidence import evidence_add_link, evidence_attach, evidence_upload
from spbe.evaluation.services.plans import action_plan_adopt, levels_digest, planning_levels
from spbe.scoring import get_framework, read_levels_path

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "private_media")]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sukamaju-2022.csv"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def split(regency: Regency, assessment: Assessment) -> Assessment:
    """Indicator 1 belongs to Diskominfo (operator), 13 to Bappeda (other_operator)."""
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="1"), units=[regency.diskominfo], due_date=None
    )
    answer_assign(
        actor=regency.coordinator, answer=assessment.answers.get(code="13"), units=[regency.bappeda], due_date=None
    )
    return assessment


@pytest.fixture
def scored(regency: Regency, split: Assessment) -> Assessment:
    levels = read_levels_path(EXAMPLE, get_framework("permenpanrb-59-2020"))
    for answer in split.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=levels[answer.code], justification="ok")
    return split


def test_an_operator_cannot_attach_and_then_download_another_units_evidence(
    client: Client, regency: Regency, split: Assessment
) -> None:
    secret = evidence_upload(
        actor=regency.other_operator,
        assessment=split,
        answers=[split.answers.get(code="13")],
        name="rahasia.pdf",
        stream=io.BytesIO(PDF),
        title="Rahasia Bappeda",
    )
    with pytest.raises(NotAllowed):
        evidence_attach(actor=regency.operator, evidence=secret, answer=split.answers.get(code="1"))
    client.force_login(regency.operator)
    page = client.get(f"/assessments/{split.pk}/indicators/1/").content.decode()
    assert "Rahasia Bappeda" not in page
    response = client.post(f"/assessments/{split.pk}/indicators/1/evidence/attach/", {"evidence": secret.pk})
    assert response.status_code == 404
    assert client.get(f"/evidence/{secret.pk}/download/").status_code == 404


def test_an_operator_sees_only_their_own_actions(client: Client, regency: Regency, scored: Assessment) -> None:
    adopted = action_plan_adopt(
        actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={}
    )
    codes = set(adopted.actions.values_list("code", flat=True))
    assert "13" in codes
    client.force_login(regency.operator)
    page = client.get(f"/assessments/{scored.pk}/actions/").content.decode()
    assert '<tr data-code="13">' not in page
    assert page.count("<tr data-code=") == len(codes & {"1"})


def test_the_overview_shows_no_drafts_to_external_assessors(
    client: Client, regency: Regency, scored: Assessment
) -> None:
    client.force_login(regency.external)
    assert "Kabupaten Uji" not in client.get("/overview/", {"year": "2023"}).content.decode()
    client.force_login(regency.coordinator)
    assert "Kabupaten Uji" in client.get("/overview/", {"year": "2023"}).content.decode()


def test_adoption_refuses_a_plan_computed_from_older_levels(regency: Regency, scored: Assessment) -> None:
    shown = levels_digest(planning_levels(scored, list(scored.answers.all())).levels)
    answer_update(actor=regency.coordinator, answer=scored.answers.get(code="11"), level=Decimal(5), justification="x")
    with pytest.raises(WorkflowError, match="levels changed"):
        action_plan_adopt(
            actor=regency.coordinator,
            assessment=scored,
            target=Decimal("3.50"),
            target_year=2024,
            limits={},
            expected_levels=shown,
        )
    assert not scored.action_plans.exists()


def test_evidence_cannot_be_added_with_a_stale_draft_object(regency: Regency, scored: Assessment) -> None:
    stale = Assessment.objects.get(pk=scored.pk)
    Assessment.objects.filter(pk=scored.pk).update(state=AssessmentState.SUBMITTED)
    with pytest.raises(WorkflowError, match="submitted"):
        evidence_add_link(
            actor=regency.coordinator,
            assessment=stale,
            answers=[scored.answers.get(code="1")],
            url="https://contoh.go.id/sk",
            title="SK",
        )
    with pytest.raises(WorkflowError, match="submitted"):
        evidence_upload(
            actor=regency.coordinator,
            assessment=stale,
            answers=[scored.answers.get(code="1")],
            name="sk.pdf",
            stream=io.BytesIO(PDF),
        )
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"cap_11": "²"},
        {"target_year": "²"},
        {"target_year": "99999999999"},
        {"cost_11_3": "9" * 40},
        {"cost_11_3": "99999999999"},
    ],
)
def test_odd_planner_input_never_crashes(client: Client, regency: Regency, scored: Assessment, query: dict) -> None:
    client.force_login(regency.coordinator)
    assert client.get(f"/assessments/{scored.pk}/plan/", query).status_code == 200


def test_adoption_bounds_the_year_and_the_costs(client: Client, regency: Regency, scored: Assessment) -> None:
    client.force_login(regency.coordinator)
    response = client.post(
        f"/assessments/{scored.pk}/plan/adopt/",
        {"target": "3.50", "target_year": "99999999999", "cost_11_3": "99999999999"},
    )
    assert response.status_code == 302 and not scored.action_plans.exists()
    with pytest.raises(WorkflowError, match="ten years"):
        action_plan_adopt(
            actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2040, limits={}
        )


def test_only_the_coordinator_reaches_adoption(client: Client, regency: Regency, scored: Assessment) -> None:
    client.force_login(regency.operator)
    assert client.post(f"/assessments/{scored.pk}/plan/adopt/", {"target": "3.50"}).status_code == 404


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/overview/", {"year": "²"}),
        ("/overview/", {"year": "99999999999999999999"}),
        ("/overview.xlsx", {"year": "²"}),
    ],
)
def test_odd_overview_input_never_crashes(client: Client, regency: Regency, url: str, query: dict) -> None:
    client.force_login(regency.coordinator)
    assert client.get(url, query).status_code == 200


def test_odd_list_and_action_input_never_crashes(client: Client, regency: Regency, scored: Assessment) -> None:
    client.force_login(regency.coordinator)
    assert client.get(f"/assessments/{scored.pk}/indicators/", {"unit": "²"}).status_code == 200
    adopted = action_plan_adopt(
        actor=regency.coordinator, assessment=scored, target=Decimal("3.50"), target_year=2024, limits={}
    )
    action = adopted.actions.first()
    assert action is not None
    url = f"/assessments/{scored.pk}/actions/{action.pk}/"
    for data in ({"due_date": "2023-02-30", "status": "done"}, {"unit": "²", "status": "done"}):
        assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.status == "planned"


def test_a_damaged_xlsx_levels_file_is_reported(client: Client) -> None:
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator", "level"])
    for n in range(1, 48):
        sheet.append([n, 3])
    raw = io.BytesIO()
    book.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lke.xlsx", out.getvalue())
    response = client.post("/calculator/", {"framework": "permenpanrb-59-2020", "levels_file": upload})
    assert response.status_code == 200 and "bukan lembar kerja .xlsx yang sah" in response.content.decode()


def test_a_huge_csv_field_is_reported(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.csv", b'indicator,level\n"' + b"a" * 200_000 + b'",3\n')
    response = client.post("/calculator/", {"framework": "permenpanrb-59-2020", "levels_file": upload})
    assert response.status_code == 200 and "berkas tidak dapat dibaca" in response.content.decode()


def test_submission_still_works_after_the_fixes(regency: Regency, scored: Assessment) -> None:
    Answer.objects.filter(assessment=scored).update(review_status="approved")
    assessment_submit(actor=regency.coordinator, assessment=scored)
    scored.refresh_from_db()
    assert scored.state == AssessmentState.SUBMITTED
