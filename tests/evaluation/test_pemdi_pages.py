"""Pages and reports name frameworks by title; the calculator tells a file's framework from its
codes; a pending external value is flagged in the PDF and XLSX reports."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook
from tests.conftest import Regency, furnish

from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_update
from spbe.evaluation.services.assessments import assessment_create
from spbe.reports.build import report_data_for
from spbe.reports.pdf import render_pdf
from spbe.reports.xlsx import render_xlsx
from spbe.scoring import get_framework

INTERNAL_IDS = ("permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026")


def visible_text(html: bytes) -> str:
    """What a reader sees: no tags, attributes, scripts or styles."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", html.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def levels_file(codes: list[str], value: str = "2") -> SimpleUploadedFile:
    body = "indicator,level\n" + "".join(f"{code},{value}\n" for code in codes)
    return SimpleUploadedFile("nilai.csv", body.encode(), "text/csv")


def test_the_calculator_picks_8_2026_from_a_20_indicator_file(client: Client) -> None:
    codes = [i.code for i in get_framework("permenpanrb-8-2026").indicators]
    response = client.post("/calculator/", {"framework": "", "levels_file": levels_file(codes)})
    text = visible_text(response.content)
    assert "Kerangka dipilih dari kode indikator berkas: Indeks Pemerintah Digital (Pemdi)" in text
    assert 'data-testid="index">2,00<' in response.content.decode()


def test_the_file_s_codes_win_over_a_framework_they_do_not_fit(client: Client) -> None:
    codes = [i.code for i in get_framework("permenpanrb-59-2020").indicators]
    response = client.post("/calculator/", {"framework": "permenpanrb-8-2026", "levels_file": levels_file(codes)})
    text = visible_text(response.content)
    assert "Kerangka dipilih dari kode indikator berkas: Indeks SPBE - PermenPANRB Nomor 59 Tahun 2020" in text


def test_a_file_that_fits_several_frameworks_asks_to_choose(client: Client) -> None:
    response = client.post("/calculator/", {"framework": "", "levels_file": levels_file(["1", "2", "3"])})
    text = visible_text(response.content)
    assert "cocok dengan lebih dari satu kerangka" in text and "pilih kerangka berkas" in text
    assert 'data-testid="index"' not in response.content.decode()
    # with the framework chosen, the same file is read with it and its missing rows are named
    response = client.post(
        "/calculator/", {"framework": "permenpanrb-8-2026", "levels_file": levels_file(["1", "2", "3"])}
    )
    assert "indikator belum diberi nilai: 4, 5" in visible_text(response.content)


@pytest.mark.django_db
def test_pages_never_show_a_framework_s_internal_id(client: Client, regency: Regency) -> None:
    older = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2023)
    furnished = furnish(regency, older, "final")
    pemdi = assessment_create(
        actor=regency.coordinator, agency=regency.agency, year=2026, framework_id="permenpanrb-8-2026"
    )
    for answer in pemdi.answers.all():  # exact values on every page that shows them
        level = Fraction(7, 6) if answer.code == "13" else Decimal("1.265") if answer.code == "14" else Decimal(2)
        answer_update(actor=regency.coordinator, answer=answer, level=level, justification="x")
    client.force_login(regency.coordinator)
    pages = [
        "/",
        "/frameworks/",
        "/frameworks/permenpanrb-59-2020/",
        "/frameworks/permenpanrb-8-2026/",
        "/calculator/",
        "/assessments/",
        "/home/",
    ]
    for assessment in (furnished.assessment, pemdi):
        base = f"/assessments/{assessment.pk}/"
        pages += [base, base + "indicators/", base + "indicators/1/", base + "review/", base + "history/"]
        pages += [base + "plan/", base + "actions/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content)
        for internal in INTERNAL_IDS:
            assert internal not in text, (url, internal)
    # and the report of an assessment whose trend spans two frameworks
    for language in ("id", "en"):
        data = report_data_for(pemdi, language)
        book = load_workbook(io.BytesIO(render_xlsx(data)))
        cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert not [c for c in cells if any(internal in c for internal in INTERNAL_IDS)]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, check=True, timeout=60)
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.mark.django_db
def test_a_pending_external_value_is_flagged_in_the_pdf_and_xlsx(regency: Regency, tmp_path: Path) -> None:
    pemdi: Assessment = assessment_create(
        actor=regency.coordinator, agency=regency.agency, year=2026, framework_id="permenpanrb-8-2026"
    )
    for answer in pemdi.answers.all():
        answer_update(
            actor=regency.coordinator,
            answer=answer,
            level=Decimal(3),
            justification="x",
            external_pending=True if answer.code == "18" else None,
        )
    data = report_data_for(pemdi, "id")
    assert data.self_index == Decimal("2.94")  # indicator 18 weighs 3 and counts as 1: 3 - 2 x 3/100
    text = pdf_text(render_pdf(data), tmp_path)
    assert "Termasuk nilai eksternal yang menunggu: 1 indikator" in text
    assert "Nilai eksternal menunggu" in text
    book = load_workbook(io.BytesIO(render_xlsx(data)))
    indicators = book["Indikator"]
    flags = {str(row[0]): row[9] for row in indicators.iter_rows(min_row=2, values_only=True) if row[0]}
    assert flags["18"] == "Nilai eksternal menunggu" and not flags["1"]
    assert "nilai eksternal" in str(book["Ringkasan"]["D11"].value)


def test_the_calculator_keeps_7_6_exact_from_a_file(client: Client) -> None:
    codes = [i.code for i in get_framework("permenpanrb-8-2026").indicators]
    response = client.post("/calculator/", {"framework": "", "levels_file": levels_file(codes, "7/6")})
    html = response.content.decode()
    assert 'data-testid="index">1,17<' in html
    assert 'value="7/6"' in html  # the form below holds the exact values for another calculation


def test_a_framework_chosen_on_the_page_is_the_upload_s_framework(client: Client) -> None:
    html = client.get("/calculator/", {"framework": "permenpanrb-59-2020"}).content.decode()
    upload = html.split('id="upload-framework"')[1].split("</select>")[0]
    assert '<option value="permenpanrb-59-2020" selected>' in upload
    upload = client.get("/calculator/").content.decode().split('id="upload-framework"')[1].split("</select>")[0]
    assert " selected" not in upload  # nobody chose: the file's codes decide
