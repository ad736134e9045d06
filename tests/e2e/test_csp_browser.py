"""The main pages run under the strict Content-Security-Policy without a single violation."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from spbe.evaluation.services.answers import answer_update
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.plans import action_plan_adopt
from spbe.organizations.models import Agency, Membership, Role, User
from spbe.scoring import get_framework, read_levels_path

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]

# Runs before the page's own scripts (not subject to the CSP) and records every violation it reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


def visit(page: Any, url: str) -> list[str]:
    response = page.goto(url)
    assert response.ok, f"{url}: HTTP {response.status}"
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"{url}: no strict CSP header ({policy!r})"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page.wait_for_load_state("load")
    return list(page.evaluate("() => window.__cspViolations"))


def test_main_pages_run_without_csp_violations(live_server: Any, page: Any) -> None:
    agency = Agency.objects.create(name="Kabupaten Aman", slug="aman", kind=Agency.Kind.REGENCY)
    user = User.objects.create_user(username="koord", password="kata-sandi-uji-1")
    Membership.objects.create(user=user, agency=agency, role=Role.COORDINATOR)
    assessment = assessment_create(actor=user, agency=agency, year=2023)
    levels = read_levels_path(ROOT / "examples" / "sukamaju-2022.csv", get_framework("permenpanrb-59-2020"))
    for answer in assessment.answers.all():
        answer_update(actor=user, answer=answer, level=levels[answer.code], justification="ok")
    action_plan_adopt(actor=user, assessment=assessment, target=Decimal("3.50"), target_year=2024, limits={})
    page.context.add_init_script(RECORD_VIOLATIONS)
    base = live_server.url
    found: dict[str, list[str]] = {}

    def check(path: str) -> None:
        if violations := visit(page, base + path):
            found[path] = violations

    check("/accounts/login/")
    page.fill("#id_username", "koord")
    page.fill("#id_password", "kata-sandi-uji-1")
    page.click("main form button[type=submit]")
    for path in [
        "/",
        "/frameworks/",
        "/frameworks/permenpanrb-59-2020/",
        "/calculator/?framework=permenpanrb-8-2026",
        "/assessments/",
        f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/indicators/",
        f"/assessments/{assessment.pk}/indicators/13/",
        f"/assessments/{assessment.pk}/review/",
        f"/assessments/{assessment.pk}/history/",
        f"/assessments/{assessment.pk}/plan/",
        f"/assessments/{assessment.pk}/actions/",
        f"/assessments/{assessment.pk}/worksheet/import/",
        "/overview/",
    ]:
        check(path)
    # htmx at work under the policy: the filter reloads the table in place
    check(f"/assessments/{assessment.pk}/indicators/")
    page.select_option("#f-status", "answered")
    expect(page).to_have_url(re.compile(r"status=answered"))
    expect(page.locator("#indicator-table tbody tr")).to_have_count(47)
    assert page.evaluate("() => window.__cspViolations") == []
    assert found == {}


def test_the_calculator_result_bars_show_under_the_policy(live_server: Any, page: Any) -> None:
    page.context.add_init_script(RECORD_VIOLATIONS)
    assert visit(page, f"{live_server.url}/calculator/?framework=permenpanrb-59-2020") == []
    page.set_input_files("#levels-file", str(ROOT / "examples" / "sukamaju-2022.csv"))
    page.click("form:has(#levels-file) button[type=submit]")
    bar = page.locator("#result meter.bar.big")
    expect(bar).to_have_attribute("value", "55.0")
    assert bar.bounding_box()["width"] > 100
    assert page.evaluate("() => window.__cspViolations") == []
