"""Coordinator, operator and assessors take an assessment from draft to final in Chromium."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from spbe.evaluation.models import Assessment, AssessmentState, ReviewStatus, Stage
from spbe.evaluation.services.answers import answer_review, answer_update, stage_review_record
from spbe.organizations.models import Agency, Membership, Role, Unit, User
from spbe.scoring import get_framework, score

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "rahasia-uji-123"


def person(username: str, agency: Agency, role: str, unit: Unit | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
    return user


def log_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/home/")  # the personal home (LOGIN_REDIRECT_URL)


def test_draft_to_final_in_the_browser(live_server: Any, page: Any) -> None:
    base = live_server.url
    agency = Agency.objects.create(name="Kabupaten Contoh", slug="contoh", kind=Agency.Kind.REGENCY)
    bappeda = Unit.objects.create(agency=agency, name="Bappeda", short_name="Bappeda")
    coordinator = person("koord", agency, Role.COORDINATOR)
    person("operator", agency, Role.UNIT_OPERATOR, bappeda)
    internal = person("asesor", agency, Role.INTERNAL_ASSESSOR)
    external = person("eksternal", agency, Role.EXTERNAL_ASSESSOR)
    page.on("dialog", lambda dialog: dialog.accept())

    # the coordinator starts the 2023 assessment and assigns indicator 13 to Bappeda
    log_in(page, base, "koord")
    page.goto(f"{base}/agencies/contoh/assessments/new/")
    page.fill("#id_year", "2023")
    page.click("form.stacked button[type=submit]")
    assessment = Assessment.objects.get(agency=agency, year=2023)
    page.goto(f"{base}/assessments/{assessment.pk}/indicators/13/")
    page.select_option("#id_units", str(bappeda.pk))
    page.click("#assignment button[type=submit]")

    # the operator answers it
    log_in(page, base, "operator")
    page.goto(f"{base}/assessments/{assessment.pk}/indicators/")
    assert page.locator("tr[data-code]").count() == 1
    page.click("tr[data-code='13'] a")
    page.check("input[name=level][value='4']")
    page.fill("#id_justification", "RKPD memuat belanja SPBE tiga tahun berturut-turut")
    page.click("#answer button[type=submit]")
    assert page.get_by_role("status").is_visible()

    # the remaining 46 are answered and approved behind the scenes; the assessor approves 13 here
    for answer in assessment.answers.exclude(code="13"):
        answer_update(actor=coordinator, answer=answer, level=Decimal(3), justification="ada")
        answer_review(actor=internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    log_in(page, base, "asesor")
    page.goto(f"{base}/assessments/{assessment.pk}/indicators/13/")
    page.check("#id_evidence_confirmed")  # 13 has no evidence: approving it needs a confirmation
    page.click("#internal-review button[value=approved]")

    # the coordinator submits
    log_in(page, base, "koord")
    page.goto(f"{base}/assessments/{assessment.pk}/")
    page.check("#id_evidence_confirmed")  # the submit summary lists the indicators without evidence
    page.click("form[action$='/do/submit/'] button")
    assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.SUBMITTED

    # the external assessor reviews, verifies indicator 13 at level 3 and finalises
    log_in(page, base, "eksternal")
    page.goto(f"{base}/assessments/{assessment.pk}/")
    page.click("form[action$='/do/start_review/'] button")
    for answer in assessment.answers.exclude(code="13"):
        stage_review_record(actor=external, answer=answer, stage=Stage.DOCUMENT, level=Decimal(3), notes="")
    page.goto(f"{base}/assessments/{assessment.pk}/indicators/13/")
    page.fill("#level-interview", "3")
    page.fill("#notes-interview", "Belum konsisten di RKPD 2021")
    page.click("form.stage-form:has(input[value=interview]) button")
    assert page.get_by_test_id("verified-level").inner_text() == "3"
    page.goto(f"{base}/assessments/{assessment.pk}/")
    page.click("form[action$='/do/finalize/'] button")

    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.FINAL
    expected = score(get_framework("permenpanrb-59-2020"), {a.code: a.verified_level for a in assessment.answers.all()})
    shown = page.get_by_test_id("verified-index").inner_text()
    assert shown == str(expected.index_rounded).replace(".", ",")
    assert page.get_by_test_id("self-index").inner_text() == "3,03"  # 13 claimed 4: 3 + 2.5/100, rounded
