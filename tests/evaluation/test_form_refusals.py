"""Forms that used to do nothing, or store too much, now refuse and say why."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.conftest import Regency
from tests.evaluation.test_plan_readoption import EXAMPLE

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Action, Answer, Assessment, AssessmentState, Evidence, ReviewStatus, StageReview
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.evidence import evidence_add_link
from spbe.evaluation.services.plans import action_plan_adopt
from spbe.scoring import get_framework, read_levels_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client: Client, regency: Regency) -> Client:
    client.force_login(regency.coordinator)
    client.cookies["django_language"] = "en"
    return client


def _page(assessment: Assessment, code: str = "1", what: str = "") -> str:
    return f"/assessments/{assessment.pk}/indicators/{code}/{what}"


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def _answer(assessment: Assessment, code: str = "1") -> Answer:
    return Answer.objects.get(assessment=assessment, code=code)


# ---------------------------------------------------------------- the answer form's version


@pytest.mark.parametrize("version", [None, "", "x", "３", "١", "99999999999999999999999"])
def test_an_answer_without_a_usable_version_is_refused_with_a_reason(
    coordinator: Client, assessment: Assessment, version: str | None
) -> None:
    data = {"level": "3", "justification": "Ada SK"}
    if version is not None:
        data["version"] = version
    response = coordinator.post(_page(assessment, what="answer/"), data)
    assert response.status_code == 200
    assert "The form has lost its version number" in _text(response)
    assert _answer(assessment).self_level is None


# ---------------------------------------------------------------- NUL characters


def test_a_nul_character_is_refused_naming_the_field(coordinator: Client, assessment: Assessment) -> None:
    coordinator.cookies["django_language"] = "id"
    response = coordinator.post(
        _page(assessment, what="answer/"), {"level": "3", "justification": "Ada\x00SK", "version": "0"}
    )
    assert "Penjelasan berisi karakter NUL" in _text(response)
    assert _answer(assessment).justification == ""


def test_nul_in_review_note_evidence_title_and_link_is_refused(
    coordinator: Client, regency: Regency, assessment: Assessment
) -> None:
    reviewer = Client()
    reviewer.force_login(regency.internal)
    reviewer.cookies["django_language"] = "en"
    answer_update(actor=regency.coordinator, answer=_answer(assessment), level=Decimal(3), justification="ok")
    response = reviewer.post(_page(assessment, what="review/"), {"status": "revision", "note": "lengkapi\x00"})
    assert "Note for the unit contains a NUL character" in _text(response)
    assert _answer(assessment).review_status == ReviewStatus.PENDING
    response = coordinator.post(_page(assessment, what="evidence/"), {"url": "https://a.example/\x00", "title": "x"})
    assert "Link contains a NUL character" in _text(response)
    response = coordinator.post(_page(assessment, what="evidence/"), {"url": "https://a.example/", "title": "a\x00"})
    assert "Title contains a NUL character" in _text(response)
    assert not Evidence.objects.exists()


# ---------------------------------------------------------------- length limits in the form


def test_long_texts_are_refused_by_the_forms(coordinator: Client, regency: Regency, assessment: Assessment) -> None:
    response = coordinator.post(
        _page(assessment, what="evidence/"), {"url": "https://a.example/" + "a" * 2003, "title": ""}
    )
    assert "Link is too long: 2021 characters, at most 500." in _text(response)
    response = coordinator.post(_page(assessment, what="evidence/"), {"url": "https://a.example/", "title": "t" * 201})
    assert "Title is too long: 201 characters, at most 200." in _text(response)
    assert not Evidence.objects.exists()
    response = coordinator.post(
        _page(assessment, what="answer/"), {"level": "3", "justification": "j" * 10_001, "version": "0"}
    )
    assert "Justification is too long: 10001 characters, at most 10000." in _text(response)
    answer_update(actor=regency.coordinator, answer=_answer(assessment), level=Decimal(3), justification="ok")
    reviewer = Client()
    reviewer.force_login(regency.internal)
    reviewer.cookies["django_language"] = "en"
    response = reviewer.post(_page(assessment, what="review/"), {"status": "revision", "note": "n" * 2_000_000})
    assert "Note for the unit is too long: 2000000 characters, at most 2000." in _text(response)
    assert _answer(assessment).review_note == ""


def test_long_stage_notes_are_refused(client: Client, regency: Regency, assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.UNDER_REVIEW)
    client.force_login(regency.external)
    client.cookies["django_language"] = "en"
    response = client.post(
        _page(assessment, what="stage/"), {"stage": "document", "level": "3", "notes": "n" * 2_000_000}, follow=True
    )
    assert "Notes is too long: 2000000 characters, at most 2000." in _text(response)
    response = client.post(
        _page(assessment, what="stage/"), {"stage": "document", "level": "3", "notes": "\x00"}, follow=True
    )
    assert "Notes contains a NUL character" in _text(response)
    assert not StageReview.objects.exists()


# ---------------------------------------------------------------- a write refused on a final assessment


def test_an_assignment_refused_on_a_final_assessment_says_why(
    coordinator: Client, regency: Regency, assessment: Assessment
) -> None:
    answer_assign(actor=regency.coordinator, answer=_answer(assessment), units=[regency.diskominfo], due_date=None)
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.FINAL)
    response = coordinator.post(
        _page(assessment, what="assign/"), {"units": [str(regency.bappeda.pk)], "due_date": "2023-06-30"}
    )
    assert response.status_code == 200 and "The assessment is final." in _text(response)
    assert list(_answer(assessment).units.all()) == [regency.diskominfo]


# ---------------------------------------------------------------- an empty file


def test_an_empty_evidence_file_is_refused_as_empty(
    coordinator: Client, assessment: Assessment, private_media: object
) -> None:
    empty = SimpleUploadedFile("sk.pdf", b"", "application/pdf")
    response = coordinator.post(_page(assessment, what="evidence/"), {"file": empty, "title": ""})
    assert "The chosen file is empty (0 bytes)" in _text(response)
    assert not Evidence.objects.exists()


# ---------------------------------------------------------------- ASCII digits only, everywhere


@pytest.mark.parametrize("year", ["２０２４", "٢٠٢٤", "2024.0", "99999999999999999999"])
def test_the_year_of_a_new_assessment_takes_ascii_digits_only(coordinator: Client, year: str) -> None:
    response = coordinator.post("/agencies/uji/assessments/new/", {"year": year, "framework": ""})
    assert "Evaluation year must be a whole number from 2018 to 2100, written with the digits 0-9." in _text(response)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("unit", ["١", "３", "9223372036854775808", "-1"])
def test_unit_ids_take_ascii_digits_only(
    coordinator: Client, regency: Regency, assessment: Assessment, unit: str
) -> None:
    response = coordinator.post(_page(assessment, what="assign/"), {"units": [unit], "due_date": ""})
    assert response.status_code == 200
    assert f"Choose the units from the list: {unit} is not a unit of this agency." in _text(response)
    assert not _answer(assessment).units.exists()


def test_evidence_ids_take_ascii_digits_only(coordinator: Client, regency: Regency, assessment: Assessment) -> None:
    evidence = evidence_add_link(
        actor=regency.coordinator, assessment=assessment, answers=[_answer(assessment, "2")], url="https://a.example/"
    )
    arabic_indic = str(evidence.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = coordinator.post(_page(assessment, what="evidence/attach/"), {"evidence": arabic_indic})
    assert response.status_code == 404
    assert not evidence.answers.filter(code="1").exists()


# ---------------------------------------------------------------- the action list


@pytest.fixture
def action(regency: Regency, assessment: Assessment) -> Action:
    levels = read_levels_path(EXAMPLE, get_framework("permenpanrb-59-2020"))
    for answer in assessment.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=levels[answer.code], justification="ok")
    plan = action_plan_adopt(
        actor=regency.coordinator, assessment=assessment, target=Decimal("3.50"), target_year=2024, limits={}
    )
    return plan.actions.order_by("position")[0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("note", "x" * 2001, "Note is too long: 2001 characters, at most 2000."),
        ("note", "a\x00b", "Note contains a NUL character"),
        ("due_date", "30-06-2024", "Enter the date as a date, e.g. 2023-06-30."),
        ("unit", "３", "Choose a unit of this agency."),
        ("unit", "9223372036854775808", "Choose a unit of this agency."),
        ("status", "finished", "Select a valid choice. finished is not one of the available choices."),
    ],
)
def test_the_action_list_refuses_bad_input_with_a_reason(
    coordinator: Client, assessment: Assessment, action: Action, field: str, value: str, message: str
) -> None:
    data = {"unit": "", "due_date": "2024-06-30", "status": "planned", "note": "ok", field: value}
    events = AuditEvent.objects.count()
    response = coordinator.post(f"/assessments/{assessment.pk}/actions/{action.pk}/", data, follow=True)
    assert response.status_code == 200
    assert f"Action for indicator {action.code}: {message}" in _text(response)
    fresh = Action.objects.get(pk=action.pk)
    assert (fresh.note, fresh.due_date, fresh.status) == ("", None, "planned")
    assert AuditEvent.objects.count() == events


def test_the_action_list_still_saves_good_input(coordinator: Client, assessment: Assessment, action: Action) -> None:
    data = {"unit": "", "due_date": "2024-06-30", "status": "in_progress", "note": "Rapat"}
    coordinator.post(f"/assessments/{assessment.pk}/actions/{action.pk}/", data)
    fresh = Action.objects.get(pk=action.pk)
    assert (fresh.note, fresh.due_date, fresh.status) == ("Rapat", datetime.date(2024, 6, 30), "in_progress")


# ---------------------------------------------------------------- levels, filters


@pytest.mark.parametrize("level", ["３", "١", "1,٢٦"])
def test_a_level_takes_ascii_digits_only(coordinator: Client, assessment: Assessment, level: str) -> None:
    response = coordinator.post(
        _page(assessment, what="answer/"), {"level": level, "justification": "", "version": "0"}
    )
    assert "Enter the level as a number, e.g. 3 or 1,26." in _text(response)
    assert _answer(assessment).self_level is None


def test_a_nul_in_the_indicator_filters_filters_nothing(coordinator: Client, assessment: Assessment) -> None:
    response = coordinator.get(f"/assessments/{assessment.pk}/indicators/", {"domain": "D1\x00", "aspect": "\x00"})
    assert response.status_code == 200 and _text(response).count("/indicators/1/") >= 1


def test_too_many_units_are_refused(coordinator: Client, regency: Regency, assessment: Assessment) -> None:
    response = coordinator.post(_page(assessment, what="assign/"), {"units": [str(regency.bappeda.pk)] * 501})
    assert "Choose at most 500." in _text(response)
    assert not _answer(assessment).units.exists()
