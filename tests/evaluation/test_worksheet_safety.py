"""A worksheet import proves where the file came from, and no file can knock the server over."""

from __future__ import annotations

import io
import re
import tracemalloc
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook
from tests.conftest import Regency
from tests.evaluation.test_worksheet import edit, export
from tests.hostile_files import chartsheet_named, declared_dimension_bomb

from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_update
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.worksheet import worksheet_import_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOT_OURS = re.escape("was not exported from this assessment, or its identity sheet (spbe-meta) is missing or altered")


def rewrite(data: bytes, change: object) -> bytes:
    book = load_workbook(io.BytesIO(data))
    change(book)  # type: ignore[operator]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def post(client: Client, assessment: Assessment, data: bytes) -> str:
    upload = SimpleUploadedFile("LKE.xlsx", data, "application/octet-stream")
    response = client.post(f"/assessments/{assessment.pk}/worksheet/import/", {"worksheet": upload})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def last_year(regency: Regency) -> Assessment:
    old = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2022)
    for answer in old.answers.all()[:26]:
        answer_update(actor=regency.coordinator, answer=answer, level=Decimal(2), justification="teks 2022")
    return old


def test_a_workbook_without_its_identity_sheet_is_refused(
    client: Client, regency: Regency, assessment: Assessment, last_year: Assessment
) -> None:
    client.force_login(regency.coordinator)

    def drop_meta(book: object) -> None:
        del book["spbe-meta"]  # type: ignore[index]

    stripped = rewrite(export(client, last_year), drop_meta)
    with pytest.raises(WorkflowError, match=NOT_OURS):
        worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=stripped)
    assert not assessment.answers.filter(justification="teks 2022").exists()


def test_an_edited_identity_sheet_is_refused(
    client: Client, regency: Regency, assessment: Assessment, last_year: Assessment
) -> None:
    client.force_login(regency.coordinator)

    def claim_this_year(book: object) -> None:
        book["spbe-meta"]["B1"] = assessment.pk  # type: ignore[index]

    def alter_proof(book: object) -> None:
        sheet = book["spbe-meta"]  # type: ignore[index]
        proof = str(sheet["B5"].value)
        sheet["B5"] = proof[:-3] + ("AAA" if not proof.endswith("AAA") else "BBB")

    old_file = export(client, last_year)
    with pytest.raises(WorkflowError, match="another assessment"):
        worksheet_import_preview(
            actor=regency.coordinator, assessment=assessment, data=rewrite(old_file, claim_this_year)
        )
    this_file = export(client, assessment)
    with pytest.raises(WorkflowError, match=NOT_OURS):
        worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=rewrite(this_file, alter_proof))


def test_an_edited_version_column_cannot_overwrite_a_newer_answer(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    client.force_login(regency.coordinator)
    exported = export(client, assessment)
    newer = assessment.answers.get(code="5")
    answer_update(actor=regency.coordinator, answer=newer, level=Decimal(4), justification="diperbarui di aplikasi")
    newer.refresh_from_db()

    def forge_version(book: object) -> None:
        sheet = book["LKE"]  # type: ignore[index]
        for row in sheet.iter_rows(min_row=6):
            if str(row[0].value) == "5":
                row[5].value, row[6].value, row[10].value = 2, "versi lama", newer.version

    preview = worksheet_import_preview(
        actor=regency.coordinator, assessment=assessment, data=rewrite(exported, forge_version)
    )
    assert preview.changes == [] and len(preview.conflicts) == 1
    assert "version of indicator 5 was changed in the file" in preview.conflicts[0]


def test_a_viewer_cannot_make_the_server_read_a_worksheet(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    client.force_login(regency.viewer)
    upload = SimpleUploadedFile("LKE.xlsx", declared_dimension_bomb(40_000), "application/octet-stream")
    response = client.post(f"/assessments/{assessment.pk}/worksheet/import/", {"worksheet": upload})
    assert response.status_code == 404  # refused by the URL map before the body is parsed


def test_the_hostile_spreadsheet_is_refused_for_an_operator_in_bounded_memory(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    client.force_login(regency.operator)
    tracemalloc.start()
    try:
        html = post(client, assessment, declared_dimension_bomb(40_000))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "sebuah sheet memiliki lebih dari 5000 baris" in html
    assert peak < 60_000_000


@pytest.mark.parametrize(
    ("chart_name", "expected"),
    [("LKE", "Buku kerja tidak memiliki sheet bernama LKE"), ("spbe-meta", "lembar identitasnya (spbe-meta)")],
)
def test_a_chart_sheet_in_place_of_a_data_sheet_is_explained(
    client: Client, regency: Regency, assessment: Assessment, chart_name: str, expected: str
) -> None:
    client.force_login(regency.coordinator)
    html = post(client, assessment, chartsheet_named(chart_name, export(client, assessment)))
    assert expected in html


def test_an_empty_file_is_called_empty(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    assert "Berkas kosong (0 bita)" in post(client, assessment, b"")


def test_a_long_list_of_row_problems_is_cut_short(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)

    def add_unknown_rows(book: object) -> None:
        sheet = book["LKE"]  # type: ignore[index]
        for n in range(30):
            sheet.append([f"x{n}", "", "", "", 1, 3, "", "", "", "", 0])

    html = post(client, assessment, rewrite(export(client, assessment), add_unknown_rows))
    assert html.count("is not in this assessment") == 0  # the page is Indonesian
    assert html.count("tidak ada dalam penilaian ini") == 20
    assert "... dan 10 baris lainnya" in html


def test_the_round_trip_still_works_through_a_fresh_export(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    client.force_login(regency.coordinator)
    data = edit(export(client, assessment), {"2": (3, "Perbup 1/2023")})
    preview = worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=data)
    assert [c.code for c in preview.changes] == ["2"] and preview.export_id
