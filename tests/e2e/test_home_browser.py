"""After signing in, an operator finds their indicator on the home page and a coordinator sorts the OPD board."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from spbe.evaluation.services.answers import answer_assign
from spbe.evaluation.services.assessments import assessment_create
from spbe.organizations.models import Agency, Membership, Role, Unit, User

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "rahasia-uji-123"


def log_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/home/")


def test_home_and_board_in_the_browser(live_server: Any, page: Any) -> None:
    base = live_server.url
    agency = Agency.objects.create(name="Kabupaten Rumah", slug="rumah", kind=Agency.Kind.REGENCY)
    bappeda = Unit.objects.create(agency=agency, name="Bappeda", short_name="Bappeda")
    dinkes = Unit.objects.create(agency=agency, name="Dinas Kesehatan", short_name="Dinkes")
    coordinator = User.objects.create_user(username="koord", password=PASSWORD)
    operator = User.objects.create_user(username="operator", password=PASSWORD)
    Membership.objects.create(user=coordinator, agency=agency, role=Role.COORDINATOR)
    Membership.objects.create(user=operator, agency=agency, role=Role.UNIT_OPERATOR, unit=dinkes)
    assessment = assessment_create(actor=coordinator, agency=agency, year=2025)
    late = timezone.localdate() - datetime.timedelta(days=3)
    answers = {a.code: a for a in assessment.answers.all()}
    answer_assign(actor=coordinator, answer=answers["1"], units=[bappeda], due_date=None)
    answer_assign(actor=coordinator, answer=answers["2"], units=[dinkes], due_date=late)

    log_in(page, base, "operator")
    assert page.locator("#to-answer tr[data-code]").count() == 1
    assert page.locator("#deadlines tr.overdue-row").count() == 1
    page.click("#to-answer tr[data-code='2'] a")
    page.wait_for_url(f"{base}/assessments/{assessment.pk}/indicators/2/")

    log_in(page, base, "koord")
    page.click(f"a[href='/assessments/{assessment.pk}/board/']")
    page.wait_for_url(f"{base}/assessments/{assessment.pk}/board/")
    page.click("#opd-board thead a[href='?sort=overdue']")
    page.wait_for_url("**/board/?sort=overdue")
    page.click("#opd-board thead a[href='?sort=-overdue']")
    page.wait_for_url("**/board/?sort=-overdue")
    first = page.locator("#opd-board tbody tr").first
    assert "Dinkes" in first.inner_text() and "overdue-row" in (first.get_attribute("class") or "")
