"""A person uses the calculator in Chromium: fill the levels, upload a file, switch language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.django_db(transaction=True)


def sukamaju_levels() -> dict[str, str]:
    rows = (EXAMPLES / "sukamaju-2022.csv").read_text().splitlines()[1:]
    return dict(row.split(",") for row in rows)


def test_fill_47_levels_and_read_the_index(live_server: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/calculator/")
    # the browser asks for English, yet the page is Indonesian
    assert page.locator("h1").inner_text() == "Kalkulator Indeks"
    page.select_option("#framework-select", "permenpanrb-59-2020")
    page.get_by_role("button", name="Pakai kerangka ini").click()
    for code, level in sukamaju_levels().items():
        page.select_option(f"#level_{code}", level)
    page.get_by_role("button", name="Hitung indeks").click()
    assert page.get_by_test_id("index").inner_text() == "2,75"
    assert page.get_by_test_id("predicate").inner_text() == "Baik"
    assert page.locator("tr.domain-row").count() == 4
    # what each level requires is one click away
    page.locator("#level_11 ~ details summary").click()
    assert page.locator("#level_11 ~ details dd").count() == 5


def test_upload_a_file_then_switch_to_english(live_server: Any, page: Any, tmp_path: Path) -> None:
    page.goto(f"{live_server.url}/calculator/?framework=permenpanrb-8-2026")
    page.set_input_files("#levels-file", str(EXAMPLES / "sukamaju-2026-pemdi.csv"))
    page.get_by_role("button", name="Hitung dari berkas").click()
    assert page.get_by_test_id("index").inner_text() == "1,94"
    assert page.get_by_test_id("predicate").inner_text() == "Cukup"
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Ganti").click()
    assert page.locator("h1").inner_text() == "Index calculator"


def test_a_bad_file_shows_row_errors(live_server: Any, page: Any, tmp_path: Path) -> None:
    bad = tmp_path / "lke.csv"
    bad.write_text("indicator,level\n1,3\n2,x\n", encoding="utf-8")
    page.goto(f"{live_server.url}/calculator/?framework=permenpanrb-59-2020")
    page.set_input_files("#levels-file", str(bad))
    page.get_by_role("button", name="Hitung dari berkas").click()
    alert = page.get_by_role("alert")
    assert "baris 3: indikator 2: nilai x bukan angka" in alert.inner_text()
    assert "indikator belum diberi nilai: 3, 4," in alert.inner_text()
    page.screenshot(path=str(tmp_path / "errors.png"))


def test_indicator_filters_update_the_table_in_place(live_server: Any, page: Any) -> None:
    from decimal import Decimal

    from spbe.evaluation.services.answers import answer_update
    from spbe.evaluation.services.assessments import assessment_create
    from spbe.organizations.models import Agency, Membership, Role, User

    agency = Agency.objects.create(name="Kota Filter", slug="filter", kind=Agency.Kind.CITY)
    user = User.objects.create_user(username="koord", password="kata-sandi-uji-1")
    Membership.objects.create(user=user, agency=agency, role=Role.COORDINATOR)
    assessment = assessment_create(actor=user, agency=agency, year=2024)
    answer_update(actor=user, answer=assessment.answers.get(code="7"), level=Decimal(2), justification="ada")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "koord")
    page.fill("#id_password", "kata-sandi-uji-1")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/indicators/")
    assert page.locator("#indicator-table tbody tr").count() == 47
    page.select_option("#f-status", "answered")  # no click: htmx reloads the table on change
    # a locator wait, not wait_for_function: a predicate string needs eval, which the CSP refuses
    expect(page.locator("#indicator-table tbody tr")).to_have_count(1)
    assert page.locator("#indicator-table tr[data-code='7']").count() == 1
    assert page.url.endswith("status=answered")
