"""The worksheet (LKE) goes out to Excel and comes back without losing or overwriting anything."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Assessment
from spbe.evaluation.services.answers import answer_assign, answer_update
from spbe.evaluation.services.worksheet import worksheet_import_apply, worksheet_import_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(client: Client, assessment: Assessment) -> bytes:
    response = client.get(f"/assessments/{assessment.pk}/worksheet.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return response.content


def edit(data: bytes, changes: dict[str, tuple[object, str]]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book["LKE"]
    for row in sheet.iter_rows(min_row=6):
        code = str(row[0].value)
        if code in changes:
            row[5].value, row[6].value = changes[code]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_export_has_one_row_per_indicator_and_no_formulas(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    answer_update(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="3"),
        level=Decimal(2),
        justification='=HYPERLINK("http://evil.example","klik")',
    )
    client.force_login(regency.coordinator)
    book = load_workbook(io.BytesIO(export(client, assessment)))
    sheet = book["LKE"]
    rows = [row for row in sheet.iter_rows(min_row=6, values_only=True) if row[0]]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 48)]
    third = rows[2]
    assert third[4] == 1.3 and third[5] == 2
    cell = sheet.cell(row=8, column=7)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, never a formula
    assert sheet.cell(row=5, column=6).value == "Level mandiri"
    assert book["spbe-meta"].sheet_state == "hidden"


def test_round_trip_preview_then_apply(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    changed = edit(export(client, assessment), {"1": (3, "Perbup 7/2023"), "44": ("4", "JDIH terintegrasi")})
    response = client.post(f"/assessments/{assessment.pk}/worksheet/import/", {"worksheet": _file(changed)})
    html = response.content.decode()
    assert response.status_code == 200 and "Perbup 7/2023" in html and 'name="token"' in html
    assert assessment.answers.get(code="1").self_level is None  # nothing saved by the preview
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(f"/assessments/{assessment.pk}/worksheet/import/confirm/", {"token": token})
    assert response.status_code == 302
    assert assessment.answers.get(code="1").self_level == 3
    assert assessment.answers.get(code="44").justification == "JDIH terintegrasi"
    assert AuditEvent.objects.filter(subject_id=assessment.pk, action="worksheet.imported").count() == 1
    # exporting again and importing unchanged gives nothing to save
    preview = worksheet_import_preview(
        actor=regency.coordinator, assessment=assessment, data=export(client, assessment)
    )
    assert preview.changes == [] and preview.unchanged == 47


def test_a_newer_answer_is_never_overwritten(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    exported = export(client, assessment)
    answer_update(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="5"),
        level=Decimal(4),
        justification="diperbarui di aplikasi",
    )
    preview = worksheet_import_preview(
        actor=regency.coordinator,
        assessment=assessment,
        data=edit(exported, {"5": (2, "versi lama"), "6": (3, "x")}),
    )
    assert [c.code for c in preview.changes] == ["6"]
    assert len(preview.conflicts) == 1 and "indikator 5" in preview.conflicts[0].lower().replace(
        "indicator", "indikator"
    )
    worksheet_import_apply(
        actor=regency.coordinator, assessment=assessment, changes=[c.as_token() for c in preview.changes]
    )
    assert assessment.answers.get(code="5").self_level == 4
    assert assessment.answers.get(code="6").self_level == 3


def test_apply_is_all_or_nothing(regency: Regency, assessment: Assessment) -> None:
    stale = [["7", "3", "a", 0], ["8", "3", "b", 0]]
    answer_update(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="8"),
        level=Decimal(1),
        justification="baru",
    )
    with pytest.raises(WorkflowError, match="8"):
        worksheet_import_apply(actor=regency.coordinator, assessment=assessment, changes=stale)
    assert assessment.answers.get(code="7").self_level is None


def test_row_errors_block_the_import(client: Client, regency: Regency, assessment: Assessment) -> None:
    client.force_login(regency.coordinator)
    bad = edit(export(client, assessment), {"2": (7, "x"), "3": ("tiga", "y"), "4": (3, "z")})
    preview = worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=bad)
    assert not preview.can_apply
    assert any(p.startswith("baris 7") or p.startswith("row 7") for p in preview.problems)
    assert any("tiga" in p for p in preview.problems)


def test_operator_may_import_only_their_indicators(client: Client, regency: Regency, assessment: Assessment) -> None:
    answer_assign(
        actor=regency.coordinator,
        answer=assessment.answers.get(code="15"),
        units=[regency.diskominfo],
        due_date=None,
    )
    client.force_login(regency.coordinator)
    data = edit(export(client, assessment), {"15": (3, "ok"), "16": (3, "bukan milik saya")})
    preview = worksheet_import_preview(actor=regency.operator, assessment=assessment, data=data)
    assert [c.code for c in preview.changes] == ["15"]
    assert any("indicator 16 is not assigned to your unit; the row is skipped" in c for c in preview.conflicts)
    assert preview.can_apply


def test_wrong_files_are_refused(client: Client, regency: Regency, assessment: Assessment) -> None:
    from spbe.evaluation.services.assessments import assessment_create

    with pytest.raises(WorkflowError, match="Excel"):
        worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=b"indicator,level\n1,3\n")
    client.force_login(regency.coordinator)
    other = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2024)
    with pytest.raises(WorkflowError, match="another assessment"):
        worksheet_import_preview(actor=regency.coordinator, assessment=other, data=export(client, assessment))


def _file(data: bytes) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("LKE.xlsx", data, XLSX)


def test_multi_line_justification_survives_an_unchanged_round_trip(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    from spbe.evaluation.models import ReviewStatus
    from spbe.evaluation.services.answers import answer_review

    target = assessment.answers.get(code="9")
    answer_update(actor=regency.coordinator, answer=target, level=Decimal(2), justification="Baris satu\r\nBaris dua")
    answer_review(actor=regency.internal, answer=target, status=ReviewStatus.APPROVED, note="")
    client.force_login(regency.coordinator)
    preview = worksheet_import_preview(
        actor=regency.coordinator, assessment=assessment, data=export(client, assessment)
    )
    assert preview.changes == [] and preview.unchanged == 47
    target.refresh_from_db()
    assert target.justification == "Baris satu\nBaris dua" and target.review_status == ReviewStatus.APPROVED


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "NaN"])
def test_odd_version_cells_are_conflicts_not_crashes(
    client: Client, regency: Regency, assessment: Assessment, bad: object
) -> None:
    client.force_login(regency.coordinator)
    book = load_workbook(io.BytesIO(export(client, assessment)))
    sheet = book["LKE"]
    sheet.cell(row=6, column=6).value = 3
    sheet.cell(row=6, column=11).value = bad
    out = io.BytesIO()
    book.save(out)
    preview = worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=out.getvalue())
    assert preview.changes == [] and len(preview.conflicts) == 1


def test_a_damaged_sheet_is_refused_clearly(client: Client, regency: Regency, assessment: Assessment) -> None:
    import zipfile

    client.force_login(regency.coordinator)
    source = zipfile.ZipFile(io.BytesIO(export(client, assessment)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(WorkflowError, match="not an Excel workbook"):
        worksheet_import_preview(actor=regency.coordinator, assessment=assessment, data=out.getvalue())
