"""The same labelled figure on the dashboard, the review screen, the planner, the PDF and the workbook.

The 2023 draft of the demo used to show 2,28 on the dashboard, a dash in the PDF and an unlabelled
provisional figure on the review screen: each computed and named it its own way.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook
from tests.conftest import Regency

from spbe.evaluation.figures import assessment_figures
from spbe.evaluation.frameworks import assessment_framework
from spbe.evaluation.models import Answer, Assessment, ReviewStatus
from spbe.reports.xlsx import INDEX_ROW

pytestmark = pytest.mark.django_db

ANSWERED = 28  # of 47, like the demo's 2023 draft


def _draft(assessment: Assessment) -> None:
    codes = list(assessment.answers.order_by("position").values_list("code", flat=True))[:ANSWERED]
    Answer.objects.filter(assessment=assessment, code__in=codes).update(
        self_level=Decimal(3), justification="ok", review_status=ReviewStatus.PENDING
    )
    # one verified value on a draft is enough to make the verified figure provisional too
    Answer.objects.filter(assessment=assessment, code=codes[0]).update(verified_level=Decimal(2))


def _text(content: bytes) -> str:
    page = re.sub(r"<[^>]+>", " ", content.decode())
    return " ".join(html.unescape(page).split())


def _pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_every_place_shows_the_same_labelled_figure(client: Client, regency: Regency, assessment: Assessment) -> None:
    _draft(assessment)
    answers = list(assessment.answers.all())
    figures = assessment_figures(assessment_framework(assessment), answers, state=assessment.state)
    assert figures.self_index.provisional and figures.self_index.missing == 47 - ANSWERED
    shown = figures.self_index.shown
    assert "," in shown  # Indonesian format, e.g. 2,28
    self_line = f"Indeks penilaian mandiri {shown}"
    self_note = f"sementara: {47 - ANSWERED} dari 47 indikator belum bernilai"
    verified_line = f"Indeks terverifikasi {figures.verified_index.shown}"
    verified_note = "sementara: 46 dari 47 indikator belum bernilai"

    client.force_login(regency.coordinator)
    pages = {
        "dashboard": _text(client.get(f"/assessments/{assessment.pk}/").content),
        "review screen": _text(client.get(f"/assessments/{assessment.pk}/review/").content),
        "planner": _text(client.get(f"/assessments/{assessment.pk}/plan/").content),
        "PDF": _pdf_text(client.get(f"/assessments/{assessment.pk}/report.pdf").content),
    }
    for place, text in pages.items():
        assert self_line in text, place
        assert self_note in text, place
        assert verified_line.split()[0] in text and figures.verified_index.shown in text, place
        assert verified_note in text, place
    for place in ("dashboard", "review screen", "planner"):
        assert verified_line in pages[place], place

    book = load_workbook(io.BytesIO(client.get(f"/assessments/{assessment.pk}/report.xlsx").content))
    summary = book.worksheets[0]
    assert summary[f"B{INDEX_ROW}"].value == pytest.approx(float(figures.self_index.index or 0))
    assert summary[f"C{INDEX_ROW}"].value == f"Indeks penilaian mandiri ({self_note})"


def test_english_names_the_figures_in_the_same_words(client: Client, regency: Regency, assessment: Assessment) -> None:
    _draft(assessment)
    client.force_login(regency.coordinator)
    client.cookies["django_language"] = "en"
    text = _text(client.get(f"/assessments/{assessment.pk}/review/").content)
    assert "Self-assessment index" in text and "Verified index" in text
    assert f"provisional: {47 - ANSWERED} of 47 indicators have no value yet" in text


def test_a_figure_without_any_value_says_so(assessment: Assessment) -> None:
    figures = assessment_figures(assessment_framework(assessment), assessment.answers.all())
    assert figures.self_index.live is None and figures.self_index.shown == "—"
    assert figures.self_index.missing == 47 and not figures.self_index.provisional
    assert "47" in figures.self_index.note
