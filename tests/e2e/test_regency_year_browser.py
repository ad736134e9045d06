"""Issue 8's story in Chromium: a regency's 2026 Pemdi year, from carrying 2025 over to the external grid.

The coordinator starts 2026 (8/2026) from the 2025 assessment (59/2020) through the crosswalk,
assigns every indicator in one screen and watches the operator's work appear on the OPD board; the
internal assessor approves a filtered batch in one action; the external assessor records the
document stage of every indicator on one grid. The notifications of each step wait in the outbox.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.e2e.test_workflow_browser import log_in, person

from spbe.evaluation.models import Answer, Assessment, AssessmentState, ReviewStatus, Stage
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.assessments import assessment_create, assessment_start_review, assessment_submit
from spbe.notifications.models import MailState, Notification
from spbe.organizations.models import Agency, Role, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pemdi_year_from_carry_over_to_the_external_grid(live_server: Any, page: Any) -> None:
    base = live_server.url
    agency = Agency.objects.create(name="Kabupaten Contoh", slug="contoh", kind=Agency.Kind.REGENCY)
    diskominfo = Unit.objects.create(agency=agency, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    bappeda = Unit.objects.create(agency=agency, name="Bappeda", short_name="Bappeda")
    coordinator = person("koord", agency, Role.COORDINATOR)
    operator = person("operator", agency, Role.UNIT_OPERATOR, diskominfo)
    internal = person("asesor", agency, Role.INTERNAL_ASSESSOR)
    external = person("eksternal", agency, Role.EXTERNAL_ASSESSOR)
    for user in (coordinator, operator, internal, external):
        user.email = f"{user.username}@contoh.go.id"
        user.save(update_fields=["email"])
    # Last year, under 59/2020: Diskominfo owned the first 23 indicators, Bappeda the rest.
    last_year = assessment_create(actor=coordinator, agency=agency, year=2025)
    for answer in last_year.answers.order_by("position"):
        owner = diskominfo if answer.position <= 23 else bappeda
        answer_assign(actor=coordinator, answer=answer, units=[owner], due_date=None)
    Answer.objects.filter(assessment=last_year).update(
        self_level=Decimal(3), verified_level=Decimal(3), review_status=ReviewStatus.APPROVED
    )
    Assessment.objects.filter(pk=last_year.pk).update(state=AssessmentState.FINAL)
    page.on("dialog", lambda dialog: dialog.accept())

    # 1. The coordinator previews what 2025 hands over to 2026, then starts the Pemdi assessment.
    log_in(page, base, "koord")
    page.goto(f"{base}/agencies/contoh/assessments/new/")
    page.fill("#id_year", "2026")
    page.click("button[name=preview]")
    preview = page.get_by_test_id("carry-preview").inner_text()
    assert "2025" in preview and "8/2026" in preview
    page.click("form.stacked button.primary")
    pemdi = Assessment.objects.get(agency=agency, year=2026)
    assert pemdi.framework_id == "permenpanrb-8-2026" and pemdi.carried_from_id == last_year.pk
    assert pemdi.answers.filter(units__isnull=False).distinct().count() > 0  # assignments came across

    # 2. One screen assigns all 20 indicators to Diskominfo, replacing what was carried over.
    page.goto(f"{base}/assessments/{pemdi.pk}/bulk/assign/")
    page.check("input[data-select-all=codes]")
    page.select_option("#id_units", [str(diskominfo.pk)])
    page.check("input[name=mode][value=replace]")
    # carried over through the crosswalk, some indicators already belong to Diskominfo alone
    changed = 20 - Answer.objects.filter(assessment=pemdi, units=diskominfo).exclude(units=bappeda).count()
    assert 0 < changed < 20
    page.click("#bulk-assign-form button[type=submit]")
    said = page.get_by_role("status").inner_text()
    assert said == f"{changed} dari 20 indikator terpilih disimpan; sisanya memang sudah demikian."
    assert set(pemdi.answers.values_list("units", flat=True)) == {diskominfo.pk}

    # 3. The operator answers indicator 1 with a fractional Pemdi value ...
    log_in(page, base, "operator")
    page.goto(f"{base}/assessments/{pemdi.pk}/indicators/1/")
    page.fill("#id_level", "3,25")
    page.fill("#id_justification", "Arsitektur Pemdi ditetapkan dengan Peraturan Bupati 2026")
    page.click("#answer button[type=submit]")
    assert page.get_by_role("status").is_visible()
    # ... and the coordinator sees it on the OPD board.
    log_in(page, base, "koord")
    page.goto(f"{base}/assessments/{pemdi.pk}/board/")
    row = page.locator(f"tr[data-unit='{diskominfo.pk}'] td")
    assert [row.nth(n).inner_text() for n in (1, 2)] == ["20", "1"]  # assigned, answered

    # 4. The rest is answered behind the scenes; the internal assessor approves Diskominfo's batch at once.
    for answer in pemdi.answers.exclude(code="1"):
        answer_update(actor=operator, answer=answer, level=Decimal("2.5"), justification="Bukti dukung 2026")
    log_in(page, base, "asesor")
    page.goto(f"{base}/assessments/{pemdi.pk}/bulk/review/?unit={diskominfo.pk}")
    assert page.locator("tr[data-code]").count() == 20
    page.check("input[data-select-all=codes]")
    page.check("#id_evidence_confirmed")  # no evidence attached: the policy asks for a confirmation
    page.click("#bulk-review-form button[type=submit]")
    assert "20 indikator disimpan." in page.get_by_role("status").inner_text()
    assert pemdi.answers.filter(review_status=ReviewStatus.APPROVED).count() == 20

    # 5. Submitted and under review, the external assessor records the document stage on one grid.
    assessment_submit(actor=coordinator, assessment=pemdi)
    assessment_start_review(actor=external, assessment=pemdi)
    log_in(page, base, "eksternal")
    page.goto(f"{base}/assessments/{pemdi.pk}/bulk/stage/?stage={Stage.DOCUMENT}")
    for code in range(1, 21):
        page.fill(f"input[name=level_{code}]", "2,75")
    page.fill("textarea[name=notes_1]", "SK dan Perbup diperiksa")
    page.click("#stage-grid-form button[type=submit]")
    assert "20 indikator disimpan." in page.get_by_role("status").inner_text()
    reviewed = Answer.objects.filter(assessment=pemdi, stage_reviews__stage=Stage.DOCUMENT).distinct()
    assert reviewed.count() == 20
    assert {a.verified_level for a in Answer.objects.filter(assessment=pemdi)} == {Decimal("2.75")}

    # Every step told the people concerned, through the outbox the worker delivers.
    waiting = Notification.objects.filter(mail_state=MailState.PENDING)
    assert waiting.filter(recipient=operator, kind="assigned").exists()
    assert waiting.filter(recipient=operator, kind="approved").exists()
