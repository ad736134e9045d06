"""Report data built by hand, as rich as a real regency's, for the renderer tests."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from spbe.reports.data import (
    IndicatorLine,
    PlanSection,
    PlanStepLine,
    ReportData,
    ScoreLine,
    TrendPoint,
)
from spbe.reports.xlsx import render_xlsx

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


def book_of(data: ReportData) -> Workbook:
    return load_workbook(io.BytesIO(render_xlsx(data)))


def sheet_named(book: Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def chart_kinds(sheet: Worksheet) -> list[str]:
    """openpyxl keeps a loaded sheet's charts in the private ``_charts`` list."""
    charts: list[object] = sheet._charts  # type: ignore[attr-defined]
    return sorted(type(chart).__name__ for chart in charts)
