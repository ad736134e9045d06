"""A coordinator turns the cheapest plan into tracked actions in Chromium."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from spbe.evaluation.models import ActionPlan, ActionStatus
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.assessments import assessment_create
from spbe.organizations.models import Agency, Membership, Role, Unit, User
from spbe.scoring import get_framework, read_levels_path

pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sukamaju-2022.csv"


def test_plan_adopt_and_track(live_server: Any, page: Any) -> None:
    agency = Agency.objects.create(name="Kabupaten Rencana", slug="rencana", kind=Agency.Kind.REGENCY)
    bappeda = Unit.objects.create(agency=agency, name="Bappeda", short_name="Bappeda")
    user = User.objects.create_user(username="koord", password="kata-sandi-uji-1")
    Membership.objects.create(user=user, agency=agency, role=Role.COORDINATOR)
    assessment = assessment_create(actor=user, agency=agency, year=2023)
    levels = read_levels_path(EXAMPLE, get_framework("permenpanrb-59-2020"))
    for answer in assessment.answers.all():
        answer_update(actor=user, answer=answer, level=levels[answer.code], justification="ok")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "koord")
    page.fill("#id_password", "kata-sandi-uji-1")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/plan/")
    assert page.get_by_test_id("index-before").inner_text() == "2,75"
    assert page.get_by_test_id("index-after").inner_text() == "3,50"
    assert page.locator("#plan-steps tr[data-code='11']").count() == 1
    cost_before = page.get_by_test_id("plan-cost").inner_text()

    # lock indicator 11: the plan recalculates in place, without it, and costs more
    page.click("details.plan-inputs summary")
    page.select_option("#cap_11", "2")
    # a locator wait, not wait_for_function: a predicate string needs eval, which the CSP refuses
    expect(page.locator("#plan-steps tr[data-code='11']")).to_have_count(0)
    assert page.get_by_test_id("plan-cost").inner_text() != cost_before

    page.click("#plan-result button.primary")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/actions/")
    adopted = ActionPlan.objects.get(assessment=assessment, is_current=True)
    assert not adopted.actions.filter(code="11").exists()
    action = adopted.actions.order_by("position").first()
    assert action is not None
    row = page.locator(f"tr[data-code='{action.code}']")
    row.locator("select[name=unit]").select_option(str(bappeda.pk))
    row.locator("select[name=status]").select_option(ActionStatus.DONE)
    page.click(f"#action-{action.pk} button")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.unit == bappeda
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    assert page.get_by_test_id("actions-done").inner_text() == f"1 / {adopted.actions.count()}"

    # the date typed in the action list survives a save of the row unchanged (Chromium's date input)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/actions/")
    row = page.locator(f"tr[data-code='{action.code}']")
    row.locator("input[name=due_date]").fill("2024-06-30")
    row.locator("input[name=note]").fill("Rapat koordinasi")
    page.click(f"#action-{action.pk} button")
    page.wait_for_load_state()
    page.click(f"#action-{action.pk} button")  # saved again as shown
    page.wait_for_load_state()
    action.refresh_from_db()
    assert str(action.due_date) == "2024-06-30" and action.note == "Rapat koordinasi"

    # adopting the same plan again asks first, and the tracked action keeps its work
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/plan/?target=3%2C50&cap_11=2")
    page.click("#plan-result button.primary")
    page.wait_for_selector("#plan-changes")
    assert page.locator(f"#plan-changes tr[data-code='{action.code}'][data-change='kept']").count() == 1
    assert ActionPlan.objects.get(assessment=assessment, is_current=True) == adopted  # nothing written yet
    page.click("#confirm-adopt-form button.primary")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/actions/")
    readopted = ActionPlan.objects.get(assessment=assessment, is_current=True)
    assert readopted != adopted
    kept = readopted.actions.get(code=action.code)
    assert (kept.status, kept.unit, str(kept.due_date), kept.note) == (
        ActionStatus.DONE,
        bappeda,
        "2024-06-30",
        "Rapat koordinasi",
    )


def test_saving_an_assignment_unchanged_keeps_its_due_date(live_server: Any, page: Any) -> None:
    """The Indonesian page once rendered the date as 30-06-2023, which Chromium's date input drops."""
    agency = Agency.objects.create(name="Kabupaten Tenggat", slug="tenggat", kind=Agency.Kind.REGENCY)
    unit = Unit.objects.create(agency=agency, name="Diskominfo", short_name="Diskominfo")
    user = User.objects.create_user(username="koord", password="kata-sandi-uji-1")
    Membership.objects.create(user=user, agency=agency, role=Role.COORDINATOR)
    assessment = assessment_create(actor=user, agency=agency, year=2023)
    answer = assessment.answers.get(code="1")
    answer_assign(actor=user, answer=answer, units=[unit], due_date=datetime.date(2023, 6, 30))

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "koord")
    page.fill("#id_password", "kata-sandi-uji-1")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/indicators/1/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.input_value("#id_due_date") == "2023-06-30"
    page.click("#assignment button[type=submit]")
    page.wait_for_selector(".messages")
    answer.refresh_from_db()
    assert answer.due_date == datetime.date(2023, 6, 30)
