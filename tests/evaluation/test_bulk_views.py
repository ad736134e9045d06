"""Bulk pages as their users meet them: one submit saves a selection, a refusal names every row."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus, StageReview
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.scoring import get_framework

pytestmark = pytest.mark.django_db


def _url(assessment: Assessment, page: str) -> str:
    return f"/assessments/{assessment.pk}/bulk/{page}/"


def _codes(html: str) -> list[str]:
    return re.findall(r'<tr data-code="([^"]+)"', html)


def test_the_coordinator_assigns_a_selection_to_two_units_in_one_submit(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    client.force_login(regency.coordinator)
    response = client.post(
        _url(assessment, "assign"),
        {
            "codes": ["1", "2", "3"],
            "units": [regency.diskominfo.pk, regency.bappeda.pk],
            "due_date": "2023-06-30",
            "mode": "add",
        },
        follow=True,
    )
    assert "3 indikator disimpan." in response.content.decode()
    for code in ("1", "2", "3"):
        answer = Answer.objects.get(assessment=assessment, code=code)
        assert answer.units.count() == 2 and str(answer.due_date) == "2023-06-30"
    assert Answer.objects.get(assessment=assessment, code="4").units.count() == 0
    assert AuditEvent.objects.filter(subject_id=assessment.pk, action="answer.assigned").count() == 3


def test_the_assign_page_submitted_with_nothing_selected_changes_nothing(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    client.force_login(regency.coordinator)
    before = AuditEvent.objects.count()
    response = client.post(_url(assessment, "assign"), {"mode": "add", "due_date": ""}, follow=True)
    assert "Pilih sedikitnya satu indikator." in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_refused_review_batch_names_every_refused_row_and_saves_nothing(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    answer = Answer.objects.get(assessment=assessment, code="1")
    answer_update(actor=regency.coordinator, answer=answer, level=Decimal(2), justification="ok")
    client.force_login(regency.internal)
    client.cookies["django_language"] = "en"
    url = _url(assessment, "review") + "?status="
    response = client.post(url, {"codes": ["1", "5", "6"], "status": "approved", "note": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in html
    assert "Indicator 5 has no level to approve yet." in html and "Indicator 6 has no level" in html
    assert set(Answer.objects.filter(assessment=assessment).values_list("review_status", flat=True)) == {"pending"}
    # the selection is kept so the assessor can untick the refused rows
    assert re.findall(r'name="codes" value="(\w+)"[^>]*checked', html) == ["1", "5", "6"]


def test_the_review_page_shows_the_answers_waiting_for_review_by_default(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    for code in ("2", "7"):
        answer = Answer.objects.get(assessment=assessment, code=code)
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="ok")
    answer_assign(
        actor=regency.coordinator,
        answer=Answer.objects.get(assessment=assessment, code="7"),
        units=[regency.bappeda],
        due_date=None,
    )
    client.force_login(regency.internal)
    assert _codes(client.get(_url(assessment, "review")).content.decode()) == ["2", "7"]
    by_unit = client.get(_url(assessment, "review"), {"unit": regency.bappeda.pk}).content.decode()
    assert _codes(by_unit) == ["7"]
    every = client.get(_url(assessment, "review"), {"status": ""}).content.decode()
    assert len(_codes(every)) == 47


def test_the_review_page_filters_by_aspect(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.internal)
    aspect = Answer.objects.get(assessment=assessment, code="1").aspect_code
    of_aspect = Answer.objects.filter(assessment=assessment, aspect_code=aspect).order_by("position")
    expected = list(of_aspect.values_list("code", flat=True))
    html = client.get(_url(assessment, "review"), {"status": "", "aspect": aspect}).content.decode()
    assert _codes(html) == expected and 0 < len(expected) < 47


def test_the_external_records_a_stage_on_one_grid(client: Client, regency: Regency, assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.UNDER_REVIEW)
    client.force_login(regency.external)
    page = client.get(_url(assessment, "stage"), {"stage": "interview"})
    assert len(_codes(page.content.decode())) == 47
    data = {"stage": "interview", "level_1": "3", "notes_1": "Wawancara kepala dinas", "level_2": "2"}
    response = client.post(_url(assessment, "stage") + "?stage=interview", data, follow=True)
    assert "2 indikator disimpan." in response.content.decode()
    reviews = StageReview.objects.filter(answer__assessment=assessment, stage="interview")
    assert set(reviews.values_list("answer__code", "level")) == {("1", Decimal(3)), ("2", Decimal(2))}
    # shown again with the saved values, and saving it unchanged records nothing
    html = client.get(_url(assessment, "stage"), {"stage": "interview"}).content.decode()
    assert 'name="level_2" value="2"' in html and "Wawancara kepala dinas" in html


def test_a_grid_row_that_is_not_a_level_is_named(client: Client, regency: Regency, assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.UNDER_REVIEW)
    client.force_login(regency.external)
    response = client.post(_url(assessment, "stage"), {"stage": "document", "level_1": "3", "level_4": "tiga"})
    assert "Indikator 4:" in response.content.decode()
    assert not StageReview.objects.exists()


@pytest.mark.parametrize("role", ["operator", "viewer", "outsider", "external"])
def test_other_roles_do_not_reach_the_bulk_assign_page(
    client: Client, regency: Regency, assessment: Assessment, role: str
) -> None:
    client.force_login(getattr(regency, role))
    assert client.get(_url(assessment, "assign")).status_code == 404
    post = client.post(_url(assessment, "assign"), {"codes": ["1"], "units": [regency.diskominfo.pk], "mode": "add"})
    assert post.status_code == 404
    assert Answer.objects.get(assessment=assessment, code="1").units.count() == 0


def test_a_final_assessment_tells_the_coordinator_why_nothing_can_be_assigned(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.FINAL)
    client.force_login(regency.coordinator)
    client.cookies["django_language"] = "en"
    response = client.post(
        _url(assessment, "assign"), {"codes": ["1"], "units": [regency.diskominfo.pk], "mode": "add"}, follow=True
    )
    assert "The assessment is final; assignments can no longer change." in response.content.decode()
    assert Answer.objects.get(assessment=assessment, code="1").units.count() == 0


def test_the_indicator_list_searches_number_and_name(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    url = f"/assessments/{assessment.pk}/indicators/"
    assert _codes(client.get(url, {"q": "12"}).content.decode()) == ["12"]
    framework = get_framework("permenpanrb-59-2020")
    with_word = [i.code for i in framework.indicators if "arsitektur" in i.label("id").casefold()]
    assert _codes(client.get(url, {"q": "Arsitektur"}).content.decode()) == with_word
    assert 0 < len(with_word) < 47
    # the English name is searched too, and every word must match
    assert _codes(client.get(url, {"q": "internal architecture"}).content.decode()) == ["1"]
    assert _codes(client.get(url, {"q": "tidak ada indikator begini"}).content.decode()) == []
    assert len(_codes(client.get(url, {"q": "\x00" * 3}).content.decode())) == 47


def test_approved_answers_are_not_waiting_for_review(client: Client, regency: Regency, assessment: Assessment) -> None:
    answer = Answer.objects.get(assessment=assessment, code="1")
    answer_update(actor=regency.coordinator, answer=answer, level=Decimal(2), justification="ok")
    client.force_login(regency.internal)
    data = {"codes": ["1"], "status": "approved", "note": "", "evidence_confirmed": "on"}  # 1 has no evidence
    client.post(_url(assessment, "review"), data)
    assert Answer.objects.get(pk=answer.pk).review_status == ReviewStatus.APPROVED
    assert _codes(client.get(_url(assessment, "review")).content.decode()) == []


def test_a_revision_batch_without_a_note_is_told_once(client: Client, regency: Regency, assessment: Assessment) -> None:
    for code in ("1", "2", "3"):
        answer = Answer.objects.get(assessment=assessment, code=code)
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(2), justification="ok")
    client.force_login(regency.internal)
    response = client.post(_url(assessment, "review"), {"codes": ["1", "2", "3"], "status": "revision", "note": " "})
    html = response.content.decode()
    assert html.count("Sebutkan apa yang harus diperbaiki") == 1
    assert set(Answer.objects.filter(assessment=assessment).values_list("review_status", flat=True)) == {"pending"}
