"""The personal home: each role sees its own work, across agencies, and nothing of an agency it has
no role in; every item links to the page where it is done."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from tests.conftest import Regency

from spbe.evaluation.models import Action, ActionPlan, Answer, Assessment, AssessmentState, ReviewStatus
from spbe.evaluation.services.answers import answer_assign

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def section(html: str, anchor: str) -> str:
    """The HTML of one list of the home page ("" when the list is not shown)."""
    match = re.search(rf'<section class="work-list" id="{anchor}">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def codes(html: str, anchor: str) -> list[str]:
    return re.findall(r'<tr data-code="([^"]+)"', section(html, anchor))


def home(client: Client, user: object) -> str:
    client.force_login(user)  # type: ignore[arg-type]
    response = client.get("/home/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def work(regency: Regency, assessment: Assessment) -> Assessment:
    """1: Diskominfo, due in 3 days; 2: Diskominfo, sent back for revision; 3: Bappeda, overdue;
    4: Diskominfo, answered and waiting for review; 5 and up: not assigned."""
    answers = {a.code: a for a in assessment.answers.all()}
    soon, late = TODAY + datetime.timedelta(days=3), TODAY - datetime.timedelta(days=2)
    answer_assign(actor=regency.coordinator, answer=answers["1"], units=[regency.diskominfo], due_date=soon)
    answer_assign(actor=regency.coordinator, answer=answers["2"], units=[regency.diskominfo], due_date=None)
    answer_assign(actor=regency.coordinator, answer=answers["3"], units=[regency.bappeda], due_date=late)
    answer_assign(actor=regency.coordinator, answer=answers["4"], units=[regency.diskominfo], due_date=None)
    Answer.objects.filter(pk=answers["2"].pk).update(self_level=Decimal(2), review_status=ReviewStatus.REVISION)
    Answer.objects.filter(pk=answers["4"].pk).update(self_level=Decimal(3))
    return assessment


def test_the_first_page_after_signing_in_is_the_personal_home(client: Client, regency: Regency) -> None:
    response = client.post("/accounts/login/", {"username": "op1", "password": "pw-op1"})
    assert response.status_code == 302 and response["Location"] == "/home/"


def test_the_operator_sees_the_indicators_of_their_unit(client: Client, regency: Regency, work: Assessment) -> None:
    html = home(client, regency.operator)
    assert codes(html, "to-answer") == ["1"]
    assert codes(html, "revisions") == ["2"]
    assert codes(html, "deadlines") == ["1"]
    assert f'href="/assessments/{work.pk}/indicators/1/"' in section(html, "to-answer")
    assert "to-review" not in html and "to-verify" not in html
    assert "Progress per OPD" not in html and "Progres per OPD" not in html


def test_the_other_operator_sees_only_bappeda_and_its_overdue_item(
    client: Client, regency: Regency, work: Assessment
) -> None:
    html = home(client, regency.other_operator)
    assert codes(html, "to-answer") == ["3"]
    assert codes(html, "revisions") == []
    deadlines = section(html, "deadlines")
    assert codes(html, "deadlines") == ["3"]
    assert 'class="overdue-row"' in deadlines and "terlambat" in deadlines


def test_the_internal_assessor_sees_answers_waiting_for_review(
    client: Client, regency: Regency, work: Assessment
) -> None:
    html = home(client, regency.internal)
    assert codes(html, "to-review") == ["4"]  # 2 is with the operator for revision, the rest unanswered
    assert codes(html, "to-answer") == [] and codes(html, "deadlines") == []


def test_the_external_assessor_sees_the_verification_queue_once_under_review(
    client: Client, regency: Regency, work: Assessment
) -> None:
    html = home(client, regency.external)
    assert codes(html, "to-verify") == []
    assert "Belum ada yang perlu diverifikasi" in section(html, "to-verify")
    Assessment.objects.filter(pk=work.pk).update(state=AssessmentState.UNDER_REVIEW)
    Answer.objects.filter(assessment=work, code="1").update(verified_level=Decimal(3))
    html = home(client, regency.external)
    queue, waiting = codes(html, "to-verify"), work.answers.count() - 1
    assert "1" not in queue and len(queue) == 25  # the first 25, then a count and where to find the rest
    assert f'<span class="badge">{waiting}</span>' in section(html, "to-verify")
    assert f"Dan {waiting - 25} lagi" in section(html, "to-verify")
    assert f'href="/assessments/{work.pk}/indicators/2/"' in section(html, "to-verify")


def test_the_coordinator_sees_unassigned_indicators_every_deadline_and_the_board(
    client: Client, regency: Regency, work: Assessment
) -> None:
    html = home(client, regency.coordinator)
    to_answer = codes(html, "to-answer")
    assert "1" not in to_answer and "3" not in to_answer and "5" in to_answer  # assigned ones are the units'
    assert codes(html, "deadlines") == ["3", "1"]  # overdue first, then by date
    assert f'href="/assessments/{work.pk}/board/"' in html


def test_the_viewer_is_told_nothing_is_waiting(client: Client, regency: Regency, work: Assessment) -> None:
    html = home(client, regency.viewer)
    assert "Tidak ada yang menunggu Anda saat ini." in html
    assert all(codes(html, anchor) == [] for anchor in ("to-answer", "revisions", "deadlines"))


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_people_of_another_agency_see_nothing_of_this_one(
    client: Client, regency: Regency, work: Assessment, who: str
) -> None:
    Assessment.objects.filter(pk=work.pk).update(state=AssessmentState.UNDER_REVIEW)
    html = home(client, getattr(regency, who))
    assert "Kabupaten Uji" not in html
    assert f"/assessments/{work.pk}/" not in html


def test_a_user_without_a_role_is_told_whom_to_ask(client: Client) -> None:
    from spbe.organizations.models import User

    html = home(client, User.objects.create_user(username="baru", password="pw-baru"))
    assert "Minta koordinator SPBE" in html


def test_the_home_speaks_english_when_chosen(client: Client, regency: Regency, work: Assessment) -> None:
    client.cookies["django_language"] = "en"
    html = home(client, regency.operator)
    assert "My indicators to answer" in html and "Revisions requested of me" in html
    html = home(client, regency.other_operator)
    assert "overdue" in section(html, "deadlines")


def test_plan_actions_due_soon_are_on_their_units_home(client: Client, regency: Regency, work: Assessment) -> None:
    plan = ActionPlan.objects.create(
        assessment=work,
        target=Decimal("3.50"),
        target_year=2024,
        basis="self",
        reachable=True,
        index_before=Decimal(2),
        index_after=Decimal("3.50"),
        total_cost=Decimal(0),
        inputs={},
        adopted_by=regency.coordinator,
    )
    common = {"plan": plan, "from_level": Decimal(1), "to_level": 3, "cost": Decimal(0)}
    Action.objects.create(code="7", position=1, unit=regency.diskominfo, due_date=TODAY, **common)
    Action.objects.create(
        code="8", position=2, unit=regency.diskominfo, due_date=TODAY + datetime.timedelta(days=30), **common
    )
    Action.objects.create(code="9", position=3, unit=regency.bappeda, due_date=TODAY, **common)
    Action.objects.create(code="10", position=4, unit=regency.diskominfo, due_date=TODAY, status="done", **common)
    html = home(client, regency.operator)
    assert codes(html, "deadlines") == ["7", "1"]  # not next month's, not Bappeda's, not a finished one
    assert f'href="/assessments/{work.pk}/actions/"' in section(html, "deadlines")
    assert codes(home(client, regency.coordinator), "deadlines") == ["3", "7", "9", "1"]


def test_overdue_is_judged_in_the_agency_zone(
    client: Client, regency: Regency, work: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 23:30 WIB on 1 June is already 1:30 on 2 June in Jayapura (WIT): a 1 June due date has passed there.
    moment = datetime.datetime(2026, 6, 1, 16, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    Answer.objects.filter(assessment=work, code="3").update(due_date=datetime.date(2026, 6, 1))
    assert 'class="overdue-row"' not in section(home(client, regency.other_operator), "deadlines")
    type(regency.agency).objects.filter(pk=regency.agency.pk).update(time_zone="Asia/Jayapura")
    assert 'class="overdue-row"' in section(home(client, regency.other_operator), "deadlines")
