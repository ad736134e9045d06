"""The coordinator assigns a selection in one screen and the internal assessor approves a batch, in Chromium."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.e2e.test_workflow_browser import log_in, person

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Answer, Assessment, ReviewStatus
from spbe.evaluation.services.answers import answer_update
from spbe.organizations.models import Agency, Role, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_assign_then_approve_a_batch_in_the_browser(live_server: Any, page: Any) -> None:
    base = live_server.url
    agency = Agency.objects.create(name="Kabupaten Contoh", slug="contoh", kind=Agency.Kind.REGENCY)
    bappeda = Unit.objects.create(agency=agency, name="Bappeda", short_name="Bappeda")
    diskominfo = Unit.objects.create(agency=agency, name="Diskominfo", short_name="Diskominfo")
    coordinator = person("koord", agency, Role.COORDINATOR)
    person("asesor", agency, Role.INTERNAL_ASSESSOR)
    log_in(page, base, "koord")
    page.goto(f"{base}/agencies/contoh/assessments/new/")
    page.fill("#id_year", "2023")
    page.click("form.stacked button[type=submit]")
    assessment = Assessment.objects.get(agency=agency, year=2023)

    # the coordinator ticks three indicators and gives them to two units with one due date
    page.goto(f"{base}/assessments/{assessment.pk}/bulk/assign/")
    for code in ("1", "2", "3"):
        page.check(f"tr[data-code='{code}'] input[name=codes]")
    page.select_option("#id_units", [str(bappeda.pk), str(diskominfo.pk)])
    page.fill("#id_due_date", "2023-06-30")
    page.click("#bulk-assign-form button[type=submit]")
    assert "3 indikator disimpan." in page.get_by_role("status").inner_text()
    assert page.locator("tr[data-code='2'] td").nth(3).inner_text() == "Bappeda, Diskominfo"
    assert AuditEvent.objects.filter(subject_id=assessment.pk, action="answer.assigned").count() == 3

    # two answers wait for review; the assessor filters by unit and approves both at once
    for code in ("1", "3"):
        answer = Answer.objects.get(assessment=assessment, code=code)
        answer_update(actor=coordinator, answer=answer, level=Decimal(3), justification="SK Bupati")
    log_in(page, base, "asesor")
    page.goto(f"{base}/assessments/{assessment.pk}/bulk/review/?unit={bappeda.pk}")
    assert page.locator("tr[data-code]").count() == 2
    page.check("input[data-select-all=codes]")  # every row shown
    page.check("#id_evidence_confirmed")  # neither has evidence: the assessor confirms approving anyway
    page.click("#bulk-review-form button[type=submit]")
    assert "2 indikator disimpan." in page.get_by_role("status").inner_text()
    approved = Answer.objects.filter(assessment=assessment, review_status=ReviewStatus.APPROVED)
    assert sorted(approved.values_list("code", flat=True)) == ["1", "3"]
    assert page.locator("tr[data-code]").count() == 0  # nothing is waiting for review any more
