"""The report renderers: PDF (WeasyPrint), workbook (XlsxWriter) and SVG charts.

The reports are built by hand from plain data: a 47-indicator report on the 2020
framework (4 domains, 8 aspects, a plan, three years of trend) and a 20-indicator
draft on the 2026 framework (no domains, fractional self levels, nothing verified).
"""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zoneinfo
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from spbe.reports.charts import bars_svg, radar_svg, trend_svg
from spbe.reports.data import (
    IndicatorLine,
    PlanSection,
    PlanStepLine,
    ReportData,
    ScoreLine,
    TrendPoint,
)
from spbe.reports.pdf import render_pdf, report_html, shorten
from spbe.reports.xlsx import (
    DOMAIN_HEADER_ROW,
    INDEX_ROW,
    PREDICATE_ROW,
    SELF_INDEX_ROW,
    VERIFIED_INDEX_ROW,
    aspect_header_row,
    render_xlsx,
    sheet_names,
)

SVG = "{http://www.w3.org/2000/svg}"
FORMULA = '=HYPERLINK("http://example.invalid/x","klik")'

# --- the 2020 framework: domains, aspects (with their domain) and 47 indicators -----------

DOMAINS = [
    ("D1", "Kebijakan Internal SPBE", "13"),
    ("D2", "Tata Kelola SPBE", "25"),
    ("D3", "Manajemen SPBE", "16.5"),
    ("D4", "Layanan SPBE", "45.5"),
]
ASPECTS = [
    ("A1", "Kebijakan Internal Tata Kelola SPBE", "13", "D1"),
    ("A2", "Perencanaan Strategis SPBE", "10", "D2"),
    ("A3", "Teknologi Informasi dan Komunikasi", "10", "D2"),
    ("A4", "Penyelenggara SPBE", "5", "D2"),
    ("A5", "Penerapan Manajemen SPBE", "12", "D3"),
    ("A6", "Audit TIK", "4.5", "D3"),
    ("A7", "Layanan Administrasi Pemerintahan Berbasis Elektronik", "27.5", "D4"),
    ("A8", "Layanan Publik Berbasis Elektronik", "18", "D4"),
]
# aspect, weight, subject of "Tingkat Kematangan ...", verified level, self level
INDICATORS = [
    ("A1", "1.3", "Kebijakan Internal Arsitektur SPBE Instansi Pusat/Pemerintah Daerah", 3, 3),
    ("A1", "1.3", "Kebijakan Internal Peta Rencana SPBE Instansi Pusat/Pemerintah Daerah", 3, 4),
    ("A1", "1.3", "Kebijakan Internal Manajemen Data", 2, 3),
    ("A1", "1.3", "Kebijakan Internal Pembangunan Aplikasi SPBE", 3, 3),
    ("A1", "1.3", "Kebijakan Internal Layanan Pusat Data", 4, 4),
    ("A1", "1.3", "Kebijakan Internal Layanan Jaringan Intra Instansi Pusat/Pemerintah Daerah", 3, 3),
    ("A1", "1.3", "Kebijakan Internal Penggunaan Sistem Penghubung Layanan Instansi Pusat/Pemerintah Daerah", 3, 4),
    ("A1", "1.3", "Kebijakan Internal Manajemen Keamanan Informasi", 2, 2),
    ("A1", "1.3", "Kebijakan Internal Audit TIK", 4, 4),
    ("A1", "1.3", "Kebijakan Internal Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah", 3, 3),
    ("A2", "2.5", "Arsitektur SPBE Instansi Pusat/Pemerintah Daerah", 2, 3),
    ("A2", "2.5", "Peta Rencana SPBE Instansi Pusat/Pemerintah Daerah", 3, 3),
    ("A2", "2.5", "Keterpaduan Rencana dan Anggaran SPBE", 2, 2),
    ("A2", "2.5", "Inovasi Proses Bisnis SPBE", 3, 3),
    ("A3", "2.5", "Pembangunan Aplikasi SPBE", 3, 3),
    ("A3", "2.5", "Layanan Pusat Data", 4, 4),
    ("A3", "2.5", "Layanan Jaringan Intra Instansi Pusat/Pemerintah Daerah", 3, 4),
    ("A3", "2.5", "Penggunaan Sistem Penghubung Layanan Instansi Pusat/Pemerintah Daerah", 2, 3),
    ("A4", "2.5", "Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah", 3, 3),
    ("A4", "2.5", "Kolaborasi Penerapan SPBE", 3, 3),
    ("A5", "1.5", "Penerapan Manajemen Risiko SPBE", 2, 2),
    ("A5", "1.5", "Penerapan Manajemen Keamanan Informasi", 3, 3),
    ("A5", "1.5", "Penerapan Manajemen Data", 2, 3),
    ("A5", "1.5", "Penerapan Manajemen Aset TIK", 3, 3),
    ("A5", "1.5", "Penerapan Kompetensi Sumber Daya Manusia", 3, 3),
    ("A5", "1.5", "Penerapan Manajemen Pengetahuan", 3, 3),
    ("A5", "1.5", "Penerapan Manajemen Perubahan", 3, 3),
    ("A5", "1.5", "Penerapan Manajemen Layanan SPBE", 3, 4),
    ("A6", "1.5", "Pelaksanaan Audit Infrastruktur SPBE", 3, 3),
    ("A6", "1.5", "Pelaksanaan Audit Aplikasi SPBE", 3, 3),
    ("A6", "1.5", "Pelaksanaan Audit Keamanan SPBE", 3, 3),
    ("A7", "2.75", "Layanan Perencanaan", 2, 3),
    ("A7", "2.75", "Layanan Penganggaran", 2, 2),
    ("A7", "2.75", "Layanan Keuangan", 3, 3),
    ("A7", "2.75", "Layanan Pengadaan Barang dan Jasa", 2, 3),
    ("A7", "2.75", "Layanan Kepegawaian", 3, 3),
    ("A7", "2.75", "Layanan Kearsipan Dinamis", 2, 2),
    ("A7", "2.75", "Layanan Pengelolaan Barang Milik Negara/Daerah", 3, 3),
    ("A7", "2.75", "Layanan Pengawasan Internal Pemerintah", 3, 3),
    ("A7", "2.75", "Layanan Akuntabilitas Kinerja Organisasi", 3, 4),
    ("A7", "2.75", "Layanan Kinerja Pegawai", 3, 3),
    ("A8", "3", "Layanan Pengaduan Pelayanan Publik", 3, 3),
    ("A8", "3", "Layanan Data Terbuka", 2, 3),
    ("A8", "3", "Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)", 3, 3),
    ("A8", "3", "Layanan Publik Sektor 1", 2, 2),
    ("A8", "3", "Layanan Publik Sektor 2", 3, 3),
    ("A8", "3", "Layanan Publik Sektor 3", 3, 4),
]
UNITS = ["Diskominfo", "Bappeda", "BKPSDM", "BPKAD", "Inspektorat"]
LONG = (
    "Peraturan Bupati tentang {subject} telah ditetapkan dan diundangkan dalam Berita Daerah. "
    "Kebijakan tersebut mengatur ruang lingkup, peran perangkat daerah, serta mekanisme reviu "
    "dan evaluasi berkala; hasil reviu tahun lalu telah ditindaklanjuti melalui rapat koordinasi "
    "Tim Koordinasi SPBE dan dituangkan dalam notulen serta rencana tindak lanjut yang dipantau "
    "setiap triwulan oleh Sekretariat Daerah bersama Dinas Komunikasi dan Informatika."
)


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _weighted(pairs: list[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    known = [(weight, level) for weight, level in pairs if level is not None]
    if not known:
        return None
    total = sum((weight * level for weight, level in known), Decimal(0))
    return _round(total / sum((weight for weight, _level in known), Decimal(0)))


def full_report(language: str = "id") -> ReportData:
    indicators = []
    for number, (aspect, weight, subject, verified, self_level) in enumerate(INDICATORS, start=1):
        justification = LONG.format(subject=subject) if number % 3 else f"Sudah ada {subject.lower()}."
        if number == 5:
            justification = FORMULA
        evidence = [f"Perbup No. {number} Tahun 2024 tentang {subject}", f"Notulen rapat reviu {number}"]
        if number == 7:
            evidence += [f"Lampiran {index}" for index in range(1, 6)]
        indicators.append(
            IndicatorLine(
                code=str(number),
                name=f"Tingkat Kematangan {subject}",
                aspect_code=aspect,
                weight=Decimal(weight),
                self_level=Decimal(self_level),
                verified_level=Decimal(verified),
                justification=justification,
                evidence=evidence,
                units=[UNITS[number % len(UNITS)]],
            )
        )
    aspects = [
        ScoreLine(
            code,
            name,
            Decimal(weight),
            _weighted([(i.weight, i.self_level) for i in indicators if i.aspect_code == code]),
            _weighted([(i.weight, i.verified_level) for i in indicators if i.aspect_code == code]),
            domain,
        )
        for code, name, weight, domain in ASPECTS
    ]
    domains = [
        ScoreLine(
            code,
            name,
            Decimal(weight),
            _weighted([(i.weight, i.self_level) for i in indicators if _domain_of(i.aspect_code) == code]),
            _weighted([(i.weight, i.verified_level) for i in indicators if _domain_of(i.aspect_code) == code]),
        )
        for code, name, weight in DOMAINS
    ]
    self_index = _weighted([(i.weight, i.self_level) for i in indicators])
    verified_index = _weighted([(i.weight, i.verified_level) for i in indicators])
    assert verified_index == Decimal("2.75")
    steps = [
        PlanStepLine(
            "3",
            "Tingkat Kematangan Kebijakan Internal Manajemen Data",
            Decimal(2),
            3,
            Decimal(2),
            "Diskominfo",
            datetime.date(2026, 3, 31),
            "Selesai" if language == "id" else "Done",
        ),
        PlanStepLine(
            "11",
            "Tingkat Kematangan Arsitektur SPBE Instansi Pusat/Pemerintah Daerah",
            Decimal(2),
            3,
            Decimal("1250000"),
            "Bappeda",
            datetime.date(2026, 6, 30),
            "Berjalan" if language == "id" else "In progress",
        ),
        PlanStepLine(
            "32",
            "Tingkat Kematangan Layanan Perencanaan",
            Decimal(2),
            3,
            Decimal("2500000.50"),
            "Bappeda",
            datetime.date(2026, 9, 30),
            "Belum dimulai" if language == "id" else "Not started",
        ),
        PlanStepLine(
            "43",
            "Tingkat Kematangan Layanan Data Terbuka",
            Decimal(2),
            3,
            Decimal(2),
            "Diskominfo",
            None,
            "Belum dimulai" if language == "id" else "Not started",
        ),
    ]
    return ReportData(
        language=language,
        agency="Kabupaten Sukamaju",
        agency_kind="Kabupaten" if language == "id" else "Regency",
        province="Jawa Barat",
        year=2025,
        framework_id="permenpanrb-59-2020",
        framework_title="Indeks SPBE - PermenPANRB Nomor 59 Tahun 2020",
        state="Final",
        generated_at=datetime.datetime(2026, 1, 15, 14, 5, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
        zone_label="WIB",
        index=verified_index,
        predicate="Baik" if language == "id" else "Good",
        index_is_verified=True,
        self_index=self_index,
        verified_index=verified_index,
        domains=domains,
        aspects=aspects,
        indicators=indicators,
        level_maximum=5,
        plan=PlanSection(
            target=Decimal("3.00"),
            reachable=True,
            index_before=verified_index,
            index_after=Decimal("3.01"),
            cost=Decimal("3750006.50"),
            steps=steps,
        ),
        trend=[
            TrendPoint(2023, "permenpanrb-59-2020", Decimal("2.31"), "Cukup", True),
            TrendPoint(2024, "permenpanrb-59-2020", Decimal("2.52"), "Cukup", True),
            TrendPoint(2025, "permenpanrb-59-2020", verified_index, "Baik", True),
        ],
    )


def _domain_of(aspect_code: str) -> str:
    return next(domain for code, _name, _weight, domain in ASPECTS if code == aspect_code)


PEMDI_ASPECTS = [
    ("A1", "Tata Kelola dan Manajemen", "10"),
    ("A2", "Penyelenggara", "10"),
    ("A3", "Data", "15"),
    ("A4", "Keamanan Pemerintah Digital", "15"),
    ("A5", "Teknologi Pemerintah Digital", "10"),
    ("A6", "Keterpaduan Layanan Digital Pemerintah", "15"),
    ("A7", "Kepuasan Pengguna Layanan Digital Pemerintah", "25"),
]
PEMDI_INDICATORS = [
    ("A1", "5", "Tata Kelola Pemdi", "1.26"),
    ("A1", "5", "Manajemen Layanan Digital Pemerintah", "1.5"),
    ("A2", "5", "Sumber Daya Manusia Pemdi", "2"),
    ("A2", "5", "Kolaborasi Pemdi", "1.75"),
    ("A3", "5", "Tata Kelola Data", "1.26"),
    ("A3", "3", "Penyelenggaraan Informasi Geospasial", "1"),
    ("A3", "3", "Pembangunan Statistik", "1.33"),
    ("A3", "4", "Pelindungan Data Pribadi", "1"),
    ("A4", "4", "Pelaksanaan Audit Keamanan Pemdi dan Teknologi Pemdi", "1"),
    ("A4", "4", "Keamanan Pemdi", "1.26"),
    ("A4", "3", "Penerapan Kriptografi untuk Keamanan Data", "1"),
    ("A4", "4", "Kapabilitas Penanganan Insiden Siber", "1.5"),
    ("A5", "5", "Aplikasi Pemdi", "2.25"),
    ("A5", "5", "Infrastruktur Pemdi", "1.8"),
    ("A6", "4", "Keterpaduan Proses Bisnis Pemdi Lintas Unit dan Instansi", "1"),
    ("A6", "4", "Integrasi Aplikasi", "1.26"),
    ("A6", "4", "Portal Layanan Digital Pemerintah", "1.5"),
    ("A6", "3", "Interoperabilitas Data", "1"),
    ("A7", "10", "Fasilitas Dukungan Pengguna Layanan Digital Pemerintah", "1.4"),
    ("A7", "15", "Pengelolaan Kepuasan Pengguna Layanan Digital Pemerintah", "1.2"),
]


def pemdi_draft(language: str = "id") -> ReportData:
    indicators = [
        IndicatorLine(
            code=str(number),
            name=name,
            aspect_code=aspect,
            weight=Decimal(weight),
            self_level=Decimal(level),
            verified_level=None,
            justification="" if number == 4 else f"Sebagian {name.lower()} sudah berjalan.",
            evidence=[] if number % 4 == 0 else [f"Dokumen {name}"],
            units=[],
        )
        for number, (aspect, weight, name, level) in enumerate(PEMDI_INDICATORS, start=1)
    ]
    aspects = [
        ScoreLine(
            code,
            name,
            Decimal(weight),
            _weighted([(i.weight, i.self_level) for i in indicators if i.aspect_code == code]),
            None,
        )
        for code, name, weight in PEMDI_ASPECTS
    ]
    self_index = _weighted([(i.weight, i.self_level) for i in indicators])
    return ReportData(
        language=language,
        agency="Kota Lautan",
        agency_kind="Kota",
        province="Maluku",
        year=2026,
        framework_id="permenpanrb-8-2026",
        framework_title="Indeks Pemerintah Digital (Pemdi) - PermenPANRB Nomor 8 Tahun 2026",
        state="Draf",
        generated_at=datetime.datetime(2026, 11, 30, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Jayapura")),
        zone_label="WIT",
        index=self_index,
        predicate="Kurang",
        index_is_verified=False,
        self_index=self_index,
        verified_index=None,
        domains=[],
        aspects=aspects,
        indicators=indicators,
        level_maximum=5,
    )


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
    book = _book(draft)
    summary = _sheet(book, "Summary")
    assert _chart_kinds(summary) == []
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


# --- workbook -----------------------------------------------------------------------------


def _book(data: ReportData) -> Workbook:
    return load_workbook(io.BytesIO(render_xlsx(data)))


def _sheet(book: Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _chart_kinds(sheet: Worksheet) -> list[str]:
    """openpyxl keeps a loaded sheet's charts in the private ``_charts`` list."""
    charts: list[object] = sheet._charts  # type: ignore[attr-defined]
    return sorted(type(chart).__name__ for chart in charts)


def test_workbook_holds_the_figures_where_documented(full_id: ReportData) -> None:
    book = _book(full_id)
    names = sheet_names("id")
    assert book.sheetnames == ["Ringkasan", "Indikator", "Rencana Aksi", "Tren"]
    summary = _sheet(book, names["summary"])
    assert summary["B3"].value == "Kabupaten Sukamaju"
    assert summary["B6"].value == 2025
    assert summary[f"B{INDEX_ROW}"].value == pytest.approx(2.75)
    assert summary[f"B{INDEX_ROW}"].number_format == "0.00"
    assert summary[f"B{PREDICATE_ROW}"].value == "Baik"
    assert summary[f"B{SELF_INDEX_ROW}"].value == pytest.approx(float(full_id.self_index or 0))
    assert summary[f"B{VERIFIED_INDEX_ROW}"].value == pytest.approx(2.75)
    for offset, domain in enumerate(full_id.domains, start=DOMAIN_HEADER_ROW + 1):
        assert summary[f"A{offset}"].value == domain.code
        assert summary[f"B{offset}"].value == domain.name
        assert summary[f"D{offset}"].value == pytest.approx(float(domain.self_index or 0))
        assert summary[f"E{offset}"].value == pytest.approx(float(domain.verified_index or 0))
        assert isinstance(summary[f"E{offset}"].value, (int, float))  # a number, not text
    header = aspect_header_row(full_id)
    assert header == 37
    for offset, aspect in enumerate(full_id.aspects, start=header + 1):
        assert summary[f"A{offset}"].value == aspect.code
        assert summary[f"D{offset}"].value == pytest.approx(float(aspect.self_index or 0))
        assert summary[f"E{offset}"].value == pytest.approx(float(aspect.verified_index or 0))
        assert summary[f"F{offset}"].value == aspect.domain_code
    assert _chart_kinds(summary) == ["BarChart", "RadarChart"]


def test_workbook_indicator_sheet(full_id: ReportData) -> None:
    sheet = _sheet(_book(full_id), "Indikator")
    assert sheet.max_row == 1 + 47
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:I48"
    assert [sheet.cell(row, 1).value for row in range(2, 49)] == [str(n) for n in range(1, 48)]
    assert sheet["E3"].value == 4 and sheet["F3"].value == 2 + 1  # indicator 2: self 4, verified 3
    formula_cell = sheet["G6"]  # indicator 5's justification
    assert formula_cell.value == FORMULA
    assert formula_cell.data_type == "s"
    assert "Notulen rapat reviu 7" in sheet["H8"].value and "Lampiran 5" in sheet["H8"].value


def test_workbook_plan_and_trend_sheets(full_id: ReportData) -> None:
    book = _book(full_id)
    plan = _sheet(book, "Rencana Aksi")
    assert plan["B3"].value == pytest.approx(3.0)
    assert plan["B7"].value == pytest.approx(3750006.5)
    assert plan["A10"].value == "3" and plan["E11"].value == pytest.approx(1250000)
    assert plan["G10"].value == datetime.datetime(2026, 3, 31)
    assert plan["G13"].value is None
    trend = _sheet(book, "Tren")
    assert [trend.cell(row, 1).value for row in (2, 3, 4)] == [2023, 2024, 2025]
    assert trend["C4"].value == pytest.approx(2.75)
    assert _chart_kinds(trend) == ["LineChart"]


def test_workbook_in_english_and_without_domains(full_en: ReportData, pemdi: ReportData) -> None:
    assert _book(full_en).sheetnames == ["Summary", "Indicators", "Action plan", "Trend"]
    book = _book(pemdi)
    assert book.sheetnames == ["Ringkasan", "Indikator"]
    summary = _sheet(book, "Ringkasan")
    header = aspect_header_row(pemdi)
    assert header == DOMAIN_HEADER_ROW
    assert summary[f"D{header + 1}"].value == pytest.approx(float(pemdi.aspects[0].self_index or 0))
    assert summary[f"E{header + 1}"].value is None
    assert summary[f"B{VERIFIED_INDEX_ROW}"].value is None
    assert _chart_kinds(summary) == ["BarChart", "RadarChart"]
    indicators = _sheet(book, "Indikator")
    assert indicators.max_row == 21
    assert indicators["E2"].value == pytest.approx(1.26)


# --- charts -------------------------------------------------------------------------------


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


def _text(root: ET.Element) -> str:
    """Every drawn text, one piece per (t)span: wrapped labels come back with spaces between lines."""
    return " ".join(" ".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def _font_sizes(root: ET.Element) -> set[float]:
    return {float(node.attrib["font-size"]) for node in root.iter() if "font-size" in node.attrib}


def test_radar_has_every_label_and_value(full_id: ReportData) -> None:
    labels = [line.name for line in full_id.domains]
    series = [
        ("Mandiri", [line.self_index for line in full_id.domains]),
        ("Terverifikasi", [line.verified_index for line in full_id.domains]),
    ]
    root = _parse(radar_svg(labels, series, 5, title="Indeks per domain"))
    text = " ".join(_text(root).split())
    for label in labels:
        assert label in text
    for _name, values in series:
        for value in values:
            assert f"{value:.2f}" in text
    assert "Mandiri" in text and "Terverifikasi" in text
    assert all(str(level) in text for level in range(1, 6))  # the scale
    assert min(_font_sizes(root)) >= 9
    assert root.findtext(f"{SVG}title") == "Indeks per domain"
    assert "Kebijakan Internal SPBE" in (root.findtext(f"{SVG}desc") or "")


def test_radar_with_few_axes_and_missing_values_still_draws() -> None:
    for labels in ([], ["Tata Kelola"], ["Tata Kelola", "Layanan"]):
        values: list[Decimal | None] = [Decimal("1.26")] * len(labels)
        root = _parse(radar_svg(labels, [("Mandiri", values)], 5, fmt=lambda v: f"{v:.2f}".replace(".", ",")))
        text = _text(root)
        assert all(label in text for label in labels)
        if labels:
            assert "1,26" in text
    root = _parse(radar_svg(["a", "b", "c"], [("s", [Decimal(1), None, Decimal(6)])], 5))
    assert "–" in _text(root) and "6.00" in _text(root)


def test_bars_label_every_bar(full_id: ReportData) -> None:
    labels = [f"{line.code} {line.name}" for line in full_id.aspects]
    series = [
        ("Self & co <x>", [line.self_index for line in full_id.aspects]),
        ("Verified", [line.verified_index for line in full_id.aspects]),
    ]
    svg = bars_svg(labels, series, 5, title="Aspects <&>")
    root = _parse(svg)
    text = " ".join(_text(root).split())
    for line in full_id.aspects:
        assert line.code in text
        assert f"{line.self_index:.2f}" in text and f"{line.verified_index:.2f}" in text
    assert "Self & co <x>" in text
    assert len(list(root.iter(f"{SVG}rect"))) == 16
    assert min(_font_sizes(root)) >= 9
    assert bars_svg(labels, series, 5, title="Aspects <&>") == svg  # deterministic


def test_trend_shows_each_year_and_value() -> None:
    points = [(2023, Decimal("2.31")), (2024, Decimal("2.52")), (2025, Decimal("2.75"))]
    root = _parse(trend_svg(points, 5, title="Tren", provisional={2025}, provisional_label="belum terverifikasi"))
    text = _text(root)
    for year, value in points:
        assert str(year) in text and f"{value:.2f}" in text
    assert "belum terverifikasi" in text
    assert _parse(trend_svg([(2025, Decimal("3"))], 5)) is not None
