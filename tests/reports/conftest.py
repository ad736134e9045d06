"""Fixtures for the renderer tests: a full 2020-framework report and a 2026 draft without domains."""

from __future__ import annotations

import pytest
from tests.reports.report_samples import full_report, pemdi_draft

from spbe.reports.data import (
    ReportData,
)
from spbe.reports.pdf import render_pdf


@pytest.fixture(scope="module")
def full_id() -> ReportData:
    return full_report("id")


@pytest.fixture(scope="module")
def full_en() -> ReportData:
    return full_report("en")


@pytest.fixture(scope="module")
def pemdi() -> ReportData:
    return pemdi_draft("id")


@pytest.fixture(scope="module")
def full_id_pdf(full_id: ReportData) -> bytes:
    return render_pdf(full_id)
