"""``manage.py evidence_check`` finds files without rows and rows without files."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.conftest import Regency
from tests.evaluation.evidence_samples import make_pdf

from spbe.evaluation.models import Assessment, Evidence
from spbe.evaluation.services.evidence import evidence_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "private_media")]


def upload(regency: Regency, assessment: Assessment) -> Evidence:
    return evidence_upload(
        actor=regency.coordinator,
        assessment=assessment,
        answers=[assessment.answers.get(code="1")],
        name="SK.pdf",
        stream=io.BytesIO(make_pdf()),
    )


def stray_file(media: Path, name: str = "0" * 40 + ".pdf", *, age_minutes: float = 120) -> Path:
    folder = media / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"left behind by a crash")
    then = time.time() - age_minutes * 60
    os.utime(path, (then, then))
    return path


def run(*args: str) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("evidence_check", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_matching_files_and_rows_pass(regency: Regency, assessment: Assessment) -> None:
    upload(regency, assessment)
    out, error = run()
    assert error is None
    assert "0 file(s) without a row, 0 row(s) without a file" in out


def test_a_file_without_a_row_is_reported_and_fails(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    upload(regency, assessment)
    orphan = stray_file(private_media)
    out, error = run()
    assert error is not None and error.returncode == 1
    assert f"file without a row: {orphan.name}" in out
    assert orphan.exists()  # reporting never deletes


def test_a_row_without_its_file_is_reported_and_fails(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = upload(regency, assessment)
    (private_media / "evidence" / str(evidence.stored_name)).unlink()
    out, error = run("--delete-orphans")
    assert error is not None and "1 row(s) without a file" in str(error)
    assert f"row without its file: evidence {evidence.pk} 'SK.pdf'" in out
    assert Evidence.objects.filter(pk=evidence.pk).exists()  # rows are never deleted


def test_delete_orphans_removes_only_old_files_without_rows(
    regency: Regency, assessment: Assessment, private_media: Path
) -> None:
    evidence = upload(regency, assessment)
    old = stray_file(private_media, "a" * 40 + ".pdf")
    young = stray_file(private_media, "b" * 40 + ".pdf", age_minutes=1)
    out, error = run("--delete-orphans")
    assert error is not None  # it found strays, even though it removed them
    assert f"file without a row, removed: {old.name}" in out
    assert not old.exists()
    assert young.exists() and "younger than the grace period" in out
    assert (private_media / "evidence" / str(evidence.stored_name)).exists()
    out, error = run("--grace", "0", "--delete-orphans")
    assert not young.exists()
    out, error = run()
    assert error is None


def test_a_negative_grace_is_refused() -> None:
    _out, error = run("--grace", "-1")
    assert error is not None and "--grace" in str(error)
