"""Indeks Pemdi (8/2026) as the live instrument: exact values kept from form to report,
never below 1.00, and "external value pending" for indicators 5, 6, 7 and 18."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment
from spbe.evaluation.scores import live_score
from spbe.evaluation.services.answers import answer_update, stage_review_record
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.worksheet import worksheet_import_apply, worksheet_import_preview

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def pemdi(regency: Regency) -> Assessment:
    return assessment_create(
        actor=regency.coordinator, agency=regency.agency, year=2026, framework_id="permenpanrb-8-2026"
    )


def text_of(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def stored_text(answer: Answer) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT self_level FROM evaluation_answer WHERE id = %s", [answer.pk])
        return str(cursor.fetchone()[0])


def save(client: Client, assessment: Assessment, code: str, level: str, **extra: str) -> object:
    answer = assessment.answers.get(code=code)
    data = {"level": level, "justification": "dasar", "version": str(answer.version), **extra}
    return client.post(f"/assessments/{assessment.pk}/indicators/{code}/answer/", data)


def test_levels_typed_in_the_form_are_stored_exactly(client: Client, regency: Regency, pemdi: Assessment) -> None:
    client.force_login(regency.coordinator)
    assert save(client, pemdi, "13", "7/6").status_code == 302  # type: ignore[attr-defined]
    assert save(client, pemdi, "14", "1,265").status_code == 302  # type: ignore[attr-defined]
    assert save(client, pemdi, "1", "1.26").status_code == 302  # type: ignore[attr-defined]
    thirteen, fourteen = pemdi.answers.get(code="13"), pemdi.answers.get(code="14")
    assert thirteen.self_level == Fraction(7, 6) and stored_text(thirteen) == "7/6"
    assert fourteen.self_level == Decimal("1.265") and stored_text(fourteen) == "1.265"
    # the indicator page shows two decimals and offers the exact value back for editing
    page = client.get(f"/assessments/{pemdi.pk}/indicators/13/").content.decode()
    assert 'value="7/6"' in page
    listing = text_of(client.get(f"/assessments/{pemdi.pk}/indicators/").content)
    assert "1,17" in listing and "1,27" in listing  # 7/6 and 1.265, half-up
    # saving the page unchanged changes nothing
    version = pemdi.answers.get(code="13").version
    save(client, pemdi, "13", "7/6")
    assert pemdi.answers.get(code="13").version == version


def test_the_index_from_7_6_is_the_exact_fraction(regency: Regency, pemdi: Assessment) -> None:
    framework = assessment_framework(pemdi)
    for answer in pemdi.answers.all():
        value = Fraction(7, 6) if answer.aspect_code == "A5" else 1
        answer_update(actor=regency.coordinator, answer=answer, level=value, justification="x")
    live = live_score(framework, list(pemdi.answers.all()))
    assert live is not None and live.complete
    assert live.result.index == Fraction(61, 60)  # 1 + (7/6 - 1) x 10/100
    assert str(live.result.index_rounded) == "1.02"
    assert next(a for a in live.result.aspects if a.code == "A5").index == Fraction(7, 6)


def test_a_value_below_one_is_refused_naming_the_indicator_and_range(
    client: Client, regency: Regency, pemdi: Assessment
) -> None:
    client.force_login(regency.coordinator)
    response = save(client, pemdi, "3", "0,9")
    text = text_of(response.content)  # type: ignore[attr-defined]
    assert "Indikator 3" in text and "0.9" in text and "1 sampai 5" in text
    assert pemdi.answers.get(code="3").self_level is None
    with translation.override("en"), pytest.raises(WorkflowError, match="never below 1"):
        answer_update(
            actor=regency.coordinator, answer=pemdi.answers.get(code="3"), level=Decimal("0.99"), justification=""
        )


def test_a_fraction_over_zero_is_refused(client: Client, regency: Regency, pemdi: Assessment) -> None:
    client.force_login(regency.coordinator)
    response = save(client, pemdi, "4", "7/0")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "7/0" in text_of(response.content)  # type: ignore[attr-defined]
    assert pemdi.answers.get(code="4").self_level is None


def test_whole_level_frameworks_keep_whole_levels(regency: Regency, assessment: Assessment) -> None:
    answer = assessment.answers.get(code="1")
    with pytest.raises(WorkflowError):
        answer_update(actor=regency.coordinator, answer=answer, level=Fraction(7, 6), justification="")
    with pytest.raises(WorkflowError):
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal("2.5"), justification="")
    answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="")
    answer.refresh_from_db()
    assert answer.self_level == 3 and str(answer.self_level) == "3.00"  # as the decimal column gave it


def test_stage_levels_keep_exact_values(regency: Regency, pemdi: Assessment) -> None:
    Assessment.objects.filter(pk=pemdi.pk).update(state="under_review")
    answer = pemdi.answers.get(code="2")
    stage_review_record(actor=regency.external, answer=answer, stage="document", level=Fraction(4, 3), notes="")
    answer.refresh_from_db()
    assert answer.verified_level == Fraction(4, 3)


def _export(client: Client, assessment: Assessment) -> bytes:
    response = client.get(f"/assessments/{assessment.pk}/worksheet.xlsx")
    assert response.status_code == 200
    return response.content


def test_worksheet_round_trip_keeps_7_6(client: Client, regency: Regency, pemdi: Assessment) -> None:
    answer_update(
        actor=regency.coordinator, answer=pemdi.answers.get(code="13"), level=Fraction(7, 6), justification="a"
    )
    client.force_login(regency.coordinator)
    data = _export(client, pemdi)
    sheet = load_workbook(io.BytesIO(data))["LKE"]
    cells = {str(row[0].value): row[5].value for row in sheet.iter_rows(min_row=6)}
    assert cells["13"] == "7/6"  # the exact value, not 1.1666666666666667
    preview = worksheet_import_preview(actor=regency.coordinator, assessment=pemdi, data=data)
    assert preview.changes == [] and preview.problems == []
    # and a fraction typed into the file comes in exactly
    book = load_workbook(io.BytesIO(data))
    for row in book["LKE"].iter_rows(min_row=6):
        if str(row[0].value) == "14":
            row[5].value = "5/3"
    out = io.BytesIO()
    book.save(out)
    preview = worksheet_import_preview(actor=regency.coordinator, assessment=pemdi, data=out.getvalue())
    assert [(c.code, c.level_after) for c in preview.changes] == [("14", "5/3")]
    worksheet_import_apply(
        actor=regency.coordinator,
        assessment=pemdi,
        changes=[[c.code, c.level_after, c.justification_after, c.version] for c in preview.changes],
    )
    assert pemdi.answers.get(code="14").self_level == Fraction(5, 3)


def test_external_value_pending_counts_as_one_and_is_flagged(
    client: Client, regency: Regency, pemdi: Assessment
) -> None:
    for answer in pemdi.answers.all():
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(3), justification="x")
    client.force_login(regency.coordinator)
    page = client.get(f"/assessments/{pemdi.pk}/indicators/5/").content.decode()
    assert 'name="external_pending"' in page
    assert 'name="external_pending"' not in client.get(f"/assessments/{pemdi.pk}/indicators/1/").content.decode()
    response = save(client, pemdi, "5", "3", external_pending="on", justification="x")
    assert response.status_code == 302  # type: ignore[attr-defined]
    answer = pemdi.answers.get(code="5")
    assert answer.external_pending and answer.self_level == 3
    event = AuditEvent.objects.filter(subject_id=pemdi.pk, action="answer.updated").latest("id")
    assert event.after["external_pending"] is True and event.before["external_pending"] is False
    # indicator 5 weighs 5: 3 - 2 x 5/100
    live = live_score(assessment_framework(pemdi), list(pemdi.answers.all()))
    assert live is not None and live.result.index == Fraction("2.9") and live.external_pending == 1
    dashboard = text_of(client.get(f"/assessments/{pemdi.pk}/").content)
    assert "2,90" in dashboard
    assert "Termasuk nilai eksternal yang menunggu: 1 indikator menunggu indeks nasional lain" in dashboard
    assert "Nilai eksternal menunggu" in text_of(client.get(f"/assessments/{pemdi.pk}/indicators/").content)
    assert "Nilai eksternal menunggu" in text_of(client.get(f"/assessments/{pemdi.pk}/review/").content)
    # saving the page again unchanged keeps the mark; unticking removes it
    save(client, pemdi, "5", "3", external_pending="on", justification="x")
    assert pemdi.answers.get(code="5").version == answer.version
    save(client, pemdi, "5", "3", justification="x")
    assert not pemdi.answers.get(code="5").external_pending


def test_only_indicators_fed_by_another_index_can_wait_for_it(regency: Regency, pemdi: Assessment) -> None:
    with pytest.raises(WorkflowError):
        answer_update(
            actor=regency.coordinator,
            answer=pemdi.answers.get(code="1"),
            level=None,
            justification="",
            external_pending=True,
        )
    framework = assessment_framework(pemdi)
    assert [i.code for i in framework.indicators if i.external] == ["5", "6", "7", "18"]


def test_a_pemdi_index_with_unanswered_indicators_is_never_below_one(
    client: Client, regency: Regency, pemdi: Assessment
) -> None:
    answer_update(actor=regency.coordinator, answer=pemdi.answers.get(code="1"), level=Decimal(1), justification="")
    client.force_login(regency.coordinator)
    html = client.get(f"/assessments/{pemdi.pk}/").content.decode()
    assert 'data-testid="self-index">1,00<' in html  # the 19 unanswered count at 1.00, not 0
    assert "sementara: 19 dari 20 indikator belum bernilai" in text_of(html.encode())


def test_a_pending_external_value_alone_makes_no_verified_figure(
    client: Client, regency: Regency, pemdi: Assessment
) -> None:
    """Nothing verified yet: the verified index stays "no figure", even with an indicator waiting for its index."""
    answer_update(
        actor=regency.coordinator,
        answer=pemdi.answers.get(code="7"),
        level=None,
        justification="menunggu EPSS",
        external_pending=True,
    )
    answer_update(actor=regency.coordinator, answer=pemdi.answers.get(code="1"), level=Decimal(3), justification="x")
    client.force_login(regency.coordinator)
    html = client.get(f"/assessments/{pemdi.pk}/").content.decode()
    assert 'data-testid="verified-index">—<' in html
    assert 'data-testid="self-index">1,10<' in html  # 1 at 3, 7 pending at 1.00, the rest at 1.00
