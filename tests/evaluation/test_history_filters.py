"""The history page: every event reachable through pages, narrowed by indicator, person, change and date."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Answer, Assessment
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.bulk import bulk_assign

pytestmark = pytest.mark.django_db


def _rows(html: str) -> int:
    body = html.split('<table class="data history">', 1)[1].split("</table>", 1)[0]
    return body.count("<tr><td>")


def _url(assessment: Assessment) -> str:
    return f"/assessments/{assessment.pk}/history/"


def _assign_everything_twice(regency: Regency, assessment: Assessment) -> None:
    """47 + 47 assignment events, plus the event of starting the assessment."""
    codes = [a.code for a in assessment.answers.order_by("position")]
    for unit in (regency.diskominfo, regency.bappeda):
        bulk_assign(
            actor=regency.coordinator, assessment=assessment, codes=codes, units=[unit], due_date=None, mode="replace"
        )


def test_the_history_is_paged_and_the_oldest_event_is_reachable(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    _assign_everything_twice(regency, assessment)
    total = AuditEvent.objects.filter(subject_id=assessment.pk).count()
    assert total == 95
    client.force_login(regency.coordinator)
    first = client.get(_url(assessment)).content.decode()
    assert _rows(first) == 95 and "Halaman" not in first  # one page while there are at most 100
    # two pages once there are more than 100 events
    _assign_everything_twice(regency, assessment)
    first = client.get(_url(assessment)).content.decode()
    assert _rows(first) == 100 and "Halaman 1 dari 2" in first
    second = client.get(_url(assessment), {"page": "2"}).content.decode()
    assert _rows(second) == 189 - 100
    assert "Penilaian dimulai" in second  # the oldest event: the assessment was started


def test_the_history_filters_by_indicator_person_and_change(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    one = Answer.objects.get(assessment=assessment, code="1")
    eleven = Answer.objects.get(assessment=assessment, code="11")
    answer_assign(actor=regency.coordinator, answer=one, units=[regency.diskominfo], due_date=None)
    answer_assign(actor=regency.coordinator, answer=eleven, units=[regency.diskominfo], due_date=None)
    answer_update(actor=regency.operator, answer=one, level=Decimal(2), justification="SK")
    client.force_login(regency.coordinator)
    assert _rows(client.get(_url(assessment), {"indicator": "1"}).content.decode()) == 2  # not indicator 11
    by_person = client.get(_url(assessment), {"person": str(regency.operator.pk)}).content.decode()
    assert _rows(by_person) == 1
    by_action = client.get(_url(assessment), {"action": "answer.assigned"}).content.decode()
    assert _rows(by_action) == 2
    both = client.get(_url(assessment), {"action": "answer.assigned", "indicator": "11"}).content.decode()
    assert _rows(both) == 1


def test_the_history_filters_by_day_in_the_agency_zone(
    client: Client, regency: Regency, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 23:30 UTC on 1 March is 06:30 on 2 March in Jakarta (WIB, UTC+7)
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime.datetime(2023, 3, 1, 23, 30, tzinfo=datetime.UTC))
    answer_assign(
        actor=regency.coordinator,
        answer=Answer.objects.get(assessment=assessment, code="1"),
        units=[regency.diskominfo],
        due_date=None,
    )
    monkeypatch.undo()
    client.force_login(regency.coordinator)
    on_the_second = {"action": "answer.assigned", "since": "2023-03-02", "until": "2023-03-02"}
    assert _rows(client.get(_url(assessment), on_the_second).content.decode()) == 1
    on_the_first = {"action": "answer.assigned", "since": "2023-03-01", "until": "2023-03-01"}
    assert _rows(client.get(_url(assessment), on_the_first).content.decode()) == 0


def test_a_bad_filter_says_what_to_fix_in_english_too(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    client.cookies["django_language"] = "en"
    html = client.get(_url(assessment), {"since": "kemarin", "indicator": "1,2"}).content.decode()
    assert "Enter the date as a date, e.g. 2023-06-30." in html
    assert "Give one indicator number, e.g. 12." in html
    assert re.search(r"<tr><td>", html)  # the history is still shown, unfiltered
