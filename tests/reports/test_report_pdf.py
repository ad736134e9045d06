"""The PDF report: text in the reader's language, every part present, nothing fetched."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from tests.reports.report_samples import book_of, chart_kinds, sheet_named

from spbe.reports.data import (
    ReportData,
    ScoreLine,
)
from spbe.reports.pdf import render_pdf, report_html, shorten
from spbe.reports.xlsx import (
    INDEX_ROW,
    aspect_header_row,
)

# --- PDF ----------------------------------------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def _first_page_renders(pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
        capture_output=True,
        check=True,
        timeout=60,
    )
    pages = list(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    assert pages[0].read_bytes().startswith(b"\x89PNG")


def _page_count(pdf: bytes, tmp_path: Path) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    source = tmp_path / "count.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(["pdfinfo", str(source)], capture_output=True, check=True, timeout=60, text=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def test_pdf_in_indonesian_shows_the_index_with_a_decimal_comma(full_id_pdf: bytes, tmp_path: Path) -> None:
    assert full_id_pdf.startswith(b"%PDF")
    _first_page_renders(full_id_pdf, tmp_path)
    text = _pdf_text(full_id_pdf, tmp_path)
    assert "2,75" in text
    assert "Baik" in text
    assert "Kabupaten Sukamaju" in text
    assert "Indeks" in text and "Predikat" in text
    assert "WIB" in text and "15 Januari 2026" in text
    assert "1.250.000" in text  # a step's cost, grouped the Indonesian way
    # every indicator's code and name is there (names are wrapped in the table: compare words)
    flat = " ".join(text.split())
    for subject in ("Layanan Publik Sektor 3", "Kebijakan Internal Audit TIK", "Inovasi Proses Bisnis SPBE"):
        assert subject in flat
    assert "Notulen rapat reviu 47" in flat


def test_pdf_has_a_page_for_each_part_and_a_running_footer(full_id_pdf: bytes, tmp_path: Path) -> None:
    pages = _page_count(full_id_pdf, tmp_path)
    assert 5 <= pages <= 14
    text = _pdf_text(full_id_pdf, tmp_path)
    page_texts = text.split("\f")
    assert "Kabupaten Sukamaju" in page_texts[1]
    assert f"{pages}" in page_texts[pages - 1]  # "page n of n" on the last page
    assert "2025" in page_texts[pages - 1]
    assert all(page.strip() for page in page_texts[:pages]), "no empty page"


def test_pdf_in_english_says_index_and_predicate(full_en: ReportData, tmp_path: Path) -> None:
    pdf = render_pdf(full_en)
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert "Index" in text and "Predicate" in text
    assert "2.75" in text and "2,75" not in text
    assert "Good" in text
    assert "1,250,000" in text
    assert "Action plan" in text and "Trend" in text


def test_pdf_without_domains_plan_or_trend(pemdi: ReportData, tmp_path: Path) -> None:
    pdf = render_pdf(pemdi)
    _first_page_renders(pdf, tmp_path)
    text = _pdf_text(pdf, tmp_path)
    assert "1,26" in text  # a fractional level
    assert f"{pemdi.index}".replace(".", ",") in text
    assert "WIT" in text
    html = report_html(pemdi)
    assert 'class="plan"' not in html and 'class="trend"' not in html
    assert html.count("<svg") == 2  # the aspect radar stands in for the domain radar, plus the bars


def test_a_draft_without_figures_gets_a_notice_instead_of_empty_charts(full_en: ReportData, tmp_path: Path) -> None:
    def blank(lines: list[ScoreLine]) -> list[ScoreLine]:
        return [replace(line, self_index=None, verified_index=None) for line in lines]

    draft = replace(
        full_en,
        index=None,
        predicate=None,
        index_is_verified=False,
        self_index=None,
        verified_index=None,
        domains=blank(full_en.domains),
        aspects=blank(full_en.aspects),
        plan=None,
        trend=[],
    )
    html = report_html(draft)
    assert "<svg" not in html
    assert "No index yet" in html
    text = _pdf_text(render_pdf(draft), tmp_path)
    assert "No index yet" in " ".join(text.split())
    book = book_of(draft)
    summary = sheet_named(book, "Summary")
    assert chart_kinds(summary) == []
    assert summary[f"B{INDEX_ROW}"].value is None
    assert summary[f"A{aspect_header_row(draft) + 1}"].value == "A1"  # the tables stay


def test_html_holds_each_chart_with_its_table_and_footer_text(full_id: ReportData) -> None:
    html = report_html(full_id)
    assert html.count("<svg") == 3  # domain radar, aspect bars, trend
    assert 'lang="id"' in html
    assert "counter(page)" in html and "counter(pages)" in html
    assert "Kabupaten Sukamaju" in html
    # the formula-like justification is plain text in the PDF too
    assert "=HYPERLINK(&quot;" in html


def test_agency_names_cannot_break_out_of_the_footer_css(full_id: ReportData, tmp_path: Path) -> None:
    tricky = replace(full_id, agency='Kab. "Uji" \\ </style><h1>x</h1>')
    html = report_html(tricky)
    assert "</style><h1>" not in html
    pdf = render_pdf(tricky)
    assert pdf.startswith(b"%PDF")
    assert 'Kab. "Uji"' in _pdf_text(pdf, tmp_path)


def test_the_pdf_renderer_refuses_to_fetch_anything() -> None:
    from spbe.reports.pdf import _offline_fetcher

    fetcher = _offline_fetcher()
    for url in ("http://example.invalid/logo.png", "file:///etc/passwd", "https://example.invalid/a.css"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher(url)
    assert fetcher("data:text/plain,ok").read() == b"ok"


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("  satu   dua  ", 20) == "satu dua"
    cut = shorten("kata " * 100, 50)
    assert len(cut) <= 50 and cut.endswith("kata…")
