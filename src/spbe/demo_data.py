"""The demo regency, Kabupaten Sukamaju, from 2021 to today (December 2026).

2021 final 2.28 (Cukup), 2022 final 2.75 (Baik) with a plan to 3.50, then 2023, 2024 and 2025
final under 59/2020 (3.01, 3.22, 3.42, all Baik), and the first Indeks Pemdi (8/2026)
self-assessment in progress, carried over from 2025 through the carry-over service. A
neighbour's 2026 Pemdi assessment is under external review, so the external assessor has an
open stage.

Everything is created through the same services people use, so the demo also has a
complete audit trail. Running it again changes nothing but the demo passwords.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from spbe.evaluation.models import Answer, Assessment, ReviewStatus, Stage
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update, stage_review_record
from spbe.evaluation.services.assessments import (
    assessment_create,
    assessment_finalize,
    assessment_start_review,
    assessment_submit,
)
from spbe.evaluation.services.carry_over import answer_confirm_carried
from spbe.evaluation.services.evidence import evidence_add_link, evidence_upload
from spbe.evaluation.services.plans import action_plan_adopt
from spbe.notifications.models import MailState, Notification
from spbe.organizations.models import Agency, Membership, Role, Unit, User

AGENCY_SLUG = "kabupaten-sukamaju"
PASSWORD = "sukamaju-demo"

UNITS = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappelitbangda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Sekretariat Daerah - Bagian Organisasi", "Bag. Organisasi"),
    ("Sekretariat Daerah - Bagian Hukum", "Bag. Hukum"),
    ("Sekretariat Daerah - Bagian Pengadaan Barang dan Jasa", "Bag. PBJ"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Pertanian dan Ketahanan Pangan", "Distankp"),
    ("Dinas Perikanan", "Diskan"),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "Diskopukm"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag"),
    ("Dinas Pariwisata, Kepemudaan dan Olahraga", "Disparpora"),
    ("Dinas Tenaga Kerja", "Disnaker"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Badan Pendapatan Daerah", "Bapenda"),
    ("Rumah Sakit Umum Daerah Sukamaju", "RSUD"),
]

# Who owns each indicator of PermenPANRB 59/2020 in a typical regency.
OWNERS = {
    **{str(n): "Diskominfo" for n in range(1, 11)},
    "1": "Diskominfo",
    "2": "Diskominfo",
    "9": "Inspektorat",
    "10": "Bag. Organisasi",
    "11": "Diskominfo",
    "12": "Diskominfo",
    "13": "Bappelitbangda",
    "14": "Bag. Organisasi",
    **{str(n): "Diskominfo" for n in range(15, 24)},
    "19": "Diskominfo",
    "20": "Bag. Organisasi",
    "24": "BPKAD",
    "25": "BKPSDM",
    "26": "Dispusip",
    "27": "Bag. Organisasi",
    "28": "Diskominfo",
    "29": "Inspektorat",
    "30": "Inspektorat",
    "31": "Inspektorat",
    "32": "Bappelitbangda",
    "33": "BPKAD",
    "34": "BPKAD",
    "35": "Bag. PBJ",
    "36": "BKPSDM",
    "37": "Dispusip",
    "38": "BPKAD",
    "39": "Inspektorat",
    "40": "Bag. Organisasi",
    "41": "BKPSDM",
    "42": "Diskominfo",
    "43": "Diskominfo",
    "44": "Bag. Hukum",
    "45": "DPMPTSP",
    "46": "Disdukcapil",
    "47": "Dinkes",
}

# The 2022 levels as verified by the ministry: an index of 2.75 (Baik). Same as examples/sukamaju-2022.csv.
VERIFIED_2022 = [
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    2,
    4,
    2,
    2,
    3,
    3,
    3,
    3,
    2,
    2,
    3,
    2,
    2,
    2,
    2,
    2,
    3,
    2,
    2,
    3,
    2,
    2,
    1,
    3,
    3,
    4,
    4,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    2,
    3,
    3,
]
# 2021: an index of 2.28 (Cukup), the year before the story starts.
VERIFIED_2021 = [
    2,
    2,
    3,
    3,
    2,
    2,
    2,
    3,
    2,
    3,
    2,
    2,
    2,
    2,
    3,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    1,
    1,
    1,
    3,
    3,
    3,
    3,
    3,
    2,
    3,
    2,
    3,
    2,
    2,
    3,
    3,
    2,
    2,
    2,
]
# What the regency claimed in its self-assessment that year: a little optimistic, as usual.
SELF_2022_RAISED = {"11": 3, "12": 3, "21": 3, "22": 3, "31": 2, "45": 3}
# What the regency claimed in its later self-assessments over what was verified.
SELF_RAISED = {2023: {"14": 4, "20": 3, "43": 4}, 2024: {"21": 4, "45": 4}, 2025: {"31": 3}}
# Each later year raises some indicators over the year before (verified levels, 59/2020):
# 2023 an index of 3.01, 2024 3.22, 2025 3.42 - all Baik, computed by the engine (see the demo test).
RAISED_2023 = {
    "9": 3,
    "11": 3,
    "12": 3,
    "13": 3,
    "17": 3,
    "21": 3,
    "22": 3,
    "24": 3,
    "29": 2,
    "30": 2,
    "31": 2,
    "33": 4,
    "37": 4,
    "42": 4,
    "45": 3,
}
RAISED_2024 = {
    "14": 4,
    "18": 3,
    "20": 3,
    "23": 3,
    "26": 3,
    "27": 3,
    "32": 4,
    "35": 4,
    "36": 4,
    "43": 4,
    "46": 3,
}
RAISED_2025 = {"1": 4, "11": 4, "15": 4, "16": 4, "19": 4, "22": 4, "28": 4, "41": 4, "47": 4}


def raised(levels: list[int], raises: dict[str, int]) -> list[int]:
    return [max(level, raises.get(str(n), 0)) for n, level in enumerate(levels, start=1)]


VERIFIED_2023 = raised(VERIFIED_2022, RAISED_2023)
VERIFIED_2024 = raised(VERIFIED_2023, RAISED_2024)
VERIFIED_2025 = raised(VERIFIED_2024, RAISED_2025)

# 2026, Indeks Pemdi (8/2026), carried over from 2025: levels entered so far (exact, at most 2 decimals).
ENTERED_2026 = {
    "1": Decimal("3.50"),
    "2": Decimal("3"),
    "3": Decimal("3.25"),
    "4": Decimal("2.50"),
    "13": Decimal("3.75"),
    "14": Decimal("3.50"),
    "16": Decimal("3"),
    "17": Decimal("3.25"),
}
APPROVED_2026 = ["1", "2", "13", "14"]
CONFIRMED_2026 = ["9", "10"]  # last year's texts confirmed, this year's level still to come
# Kota Cahayapura's 2026 Pemdi self-assessment, under external review.
NEIGHBOUR_2026 = "Kota Cahayapura"
NEIGHBOUR_LEVELS_2026 = {str(n): Decimal("3.25") if n % 3 else Decimal("3.50") for n in range(1, 21)}
NEIGHBOUR_DOCUMENT_STAGE = [str(n) for n in range(1, 13)]  # the document stage is recorded for 1-12 so far

PEOPLE = [
    # username, full name, role, unit short name
    ("koordinator", "Rina Kusumawati (Kepala Bidang e-Government, Diskominfo)", Role.COORDINATOR, None),
    ("operator.diskominfo", "Andi Pratama (Operator Diskominfo)", Role.UNIT_OPERATOR, "Diskominfo"),
    ("operator.bkpsdm", "Sari Wulandari (Operator BKPSDM)", Role.UNIT_OPERATOR, "BKPSDM"),
    ("operator.inspektorat", "Dedi Hermawan (Operator Inspektorat)", Role.UNIT_OPERATOR, "Inspektorat"),
    ("asesor.internal", "Maya Lestari (Tim Asesor Internal)", Role.INTERNAL_ASSESSOR, None),
    ("asesor.eksternal", "Budi Santoso (Asesor Eksternal KemenPANRB)", Role.EXTERNAL_ASSESSOR, None),
    ("pimpinan", "Drs. H. Suhendar (Sekretaris Daerah)", Role.VIEWER, None),
]

# Neighbouring agencies (all fictional) with final 2021 and 2022 results, for the overview page.
# name, kind, province, level everywhere in 2021, in 2022 (the verified index equals that level)
NEIGHBOURS = [
    ("Kota Cahayapura", Agency.Kind.CITY, "Jawa Barat", 3, 4),
    ("Kabupaten Lembahhijau", Agency.Kind.REGENCY, "Jawa Barat", 2, 2),
    ("Kabupaten Pesisir Raya", Agency.Kind.REGENCY, "Jawa Tengah", 2, 3),
    ("Provinsi Nusantara Tengah", Agency.Kind.PROVINCE, "Nusantara Tengah", 3, 3),
]
OVERVIEW_LOGIN = "kementerian"


def demo_logins() -> list[tuple[str, str, str]]:
    logins = [(username, PASSWORD, str(role.label)) for username, _, role, _ in PEOPLE]
    return [*logins, (OVERVIEW_LOGIN, PASSWORD, "Viewer of all five demo agencies: try the overview")]


def build_demo() -> bool:
    """Create the demo regency and its assessments; False when it already exists."""
    if Agency.objects.filter(slug=AGENCY_SLUG).exists():
        _reset_passwords()
        return False
    with transaction.atomic():
        agency = Agency.objects.create(
            name="Kabupaten Sukamaju", slug=AGENCY_SLUG, kind=Agency.Kind.REGENCY, province="Jawa Barat"
        )
        units = {short: Unit.objects.create(agency=agency, name=name, short_name=short) for name, short in UNITS}
        people = {}
        for username, full_name, role, unit in PEOPLE:
            user = User.objects.create_user(
                username=username, password=PASSWORD, full_name=full_name, email=f"{username}@sukamaju.example"
            )
            Membership.objects.create(user=user, agency=agency, role=role, unit=units[unit] if unit else None)
            people[username] = user
        roles = {
            "coordinator": people["koordinator"],
            "internal": people["asesor.internal"],
            "external": people["asesor.eksternal"],
        }
        _final(agency, 2021, VERIFIED_2021, {}, roles, units)
        final_2022 = _final(agency, 2022, VERIFIED_2022, SELF_2022_RAISED, roles, units)
        action_plan_adopt(
            actor=people["koordinator"], assessment=final_2022, target=Decimal("3.50"), target_year=2023, limits={}
        )
        _final(agency, 2023, VERIFIED_2023, SELF_RAISED[2023], roles, units)
        _final(agency, 2024, VERIFIED_2024, SELF_RAISED[2024], roles, units)
        _final(agency, 2025, VERIFIED_2025, SELF_RAISED[2025], roles, units)
        _pemdi_2026(agency, units, people)
        _neighbours(roles["external"])
        _history_is_not_mailed()
    return True


def _history_is_not_mailed() -> None:
    """The notices of the years before 2026 are history: read, and never sent by e-mail.

    Only this year's notices (the 2026 assignments, reviews and reminders) wait for the worker, so
    `make demo` shows a handful of e-mails in the console instead of five years of them.
    """
    past = {f"/assessments/{pk}/" for pk in Assessment.objects.filter(year__lt=2026).values_list("pk", flat=True)}
    old = [n.pk for n in Notification.objects.only("pk", "link") if any(n.link.startswith(p) for p in past)]
    Notification.objects.filter(pk__in=old).update(mail_state=MailState.NONE, read_at=timezone.now())


def _neighbours(external: User) -> None:
    viewer = User.objects.create_user(
        username=OVERVIEW_LOGIN, password=PASSWORD, full_name="Analis KemenPANRB", email="analis@kementerian.example"
    )
    Membership.objects.create(user=viewer, agency=Agency.objects.get(slug=AGENCY_SLUG), role=Role.VIEWER)
    for name, kind, province, level_2021, level_2022 in NEIGHBOURS:
        slug = name.lower().replace(" ", "-")
        agency = Agency.objects.create(name=name, slug=slug, kind=kind, province=province)
        coordinator = User.objects.create_user(
            username=f"koordinator.{slug}", password=PASSWORD, email=f"koordinator@{slug}.example"
        )
        internal = User.objects.create_user(
            username=f"asesor.{slug}", password=PASSWORD, email=f"asesor@{slug}.example"
        )
        Membership.objects.create(user=coordinator, agency=agency, role=Role.COORDINATOR)
        Membership.objects.create(user=internal, agency=agency, role=Role.INTERNAL_ASSESSOR)
        Membership.objects.create(user=external, agency=agency, role=Role.EXTERNAL_ASSESSOR)
        Membership.objects.create(user=viewer, agency=agency, role=Role.VIEWER)
        roles = {"coordinator": coordinator, "internal": internal, "external": external}
        for year, level in ((2021, level_2021), (2022, level_2022)):
            _final(agency, year, [level] * 47, {}, roles)
        if name == NEIGHBOUR_2026:
            _neighbour_pemdi_2026(agency, roles)


def _reset_passwords() -> None:
    for username in [*(p[0] for p in PEOPLE), OVERVIEW_LOGIN]:
        user = User.objects.filter(username=username).first()
        if user:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])


def _assign_all(assessment: Assessment, units: dict[str, Unit], coordinator: User) -> None:
    for answer in assessment.answers.all():
        answer_assign(actor=coordinator, answer=answer, units=[units[OWNERS[answer.code]]], due_date=None)


def _final(
    agency: Agency,
    year: int,
    verified_levels: list[int],
    claimed: dict[str, int],
    people: dict[str, User],
    units: dict[str, Unit] | None = None,
) -> Assessment:
    """A whole evaluation cycle through the services: answers, evidence, review, verification, final."""
    coordinator, internal, external = people["coordinator"], people["internal"], people["external"]
    assessment = assessment_create(actor=coordinator, agency=agency, year=year)
    if units:
        _assign_all(assessment, units, coordinator)
    answers = list(assessment.answers.order_by("position"))
    for answer, verified in zip(answers, verified_levels, strict=True):
        level = claimed.get(answer.code, verified)
        answer_update(
            actor=coordinator,
            answer=answer,
            level=Decimal(level),
            justification=f"Bukti dukung tingkat {level} tersedia pada dokumen unit {OWNERS[answer.code]}.",
        )
        answer_review(actor=internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    by_aspect: dict[str, list[Answer]] = {}
    for answer in answers:
        by_aspect.setdefault(answer.aspect_code, []).append(answer)
    for aspect, members in by_aspect.items():
        title = f"Bukti dukung {aspect} - {agency.name} {year}"
        evidence_upload(
            actor=coordinator,
            assessment=assessment,
            answers=members,
            name=f"bukti-{aspect.lower()}-{year}.pdf",
            stream=io.BytesIO(demo_pdf(title)),
            title=title,
        )
    assessment_submit(actor=coordinator, assessment=assessment)
    assessment_start_review(actor=external, assessment=assessment)
    for answer, verified in zip(answers, verified_levels, strict=True):
        level = claimed.get(answer.code, verified)
        stage_review_record(
            actor=external, answer=answer, stage=Stage.DOCUMENT, level=Decimal(level), notes="Dokumen diterima."
        )
        if level != verified:
            stage_review_record(
                actor=external,
                answer=answer,
                stage=Stage.INTERVIEW,
                level=Decimal(verified),
                notes="Belum ada bukti penerapan di seluruh perangkat daerah.",
            )
    assessment_finalize(actor=external, assessment=assessment)
    return assessment


def _pemdi_2026(agency: Agency, units: dict[str, Unit], people: dict[str, User]) -> None:
    """The first Pemdi self-assessment, carried over from 2025 (assignments, texts and evidence)."""
    coordinator, internal = people["koordinator"], people["asesor.internal"]
    assessment = assessment_create(actor=coordinator, agency=agency, year=2026, carry_texts=True)
    answers = {a.code: a for a in assessment.answers.all()}
    # The carried assignments get this year's due dates (two already overdue); geospatial and
    # statistics (6, 7) had no 59/2020 counterpart and are assigned here.
    new_owners = {"6": [units["Bappelitbangda"]], "7": [units["Diskominfo"]]}
    for code, answer in answers.items():
        due = datetime.date(2026, 11, 27) if code in ("19", "20") else datetime.date(2026, 12, 11)
        owners = new_owners.get(code) or list(answer.units.all())
        answer_assign(actor=coordinator, answer=answer, units=owners, due_date=due)
    for code, level in ENTERED_2026.items():
        answer = answers[code]
        operator = people["operator.diskominfo"] if code == "13" else coordinator
        answer_update(
            actor=operator,
            answer=answer,
            level=level,
            justification=(answer.justification + "\n\n" if answer.justification else "")
            + "Diperbarui untuk Indeks Pemdi 2026 sesuai kriteria PermenPANRB 8/2026.",
        )
    for code in APPROVED_2026:
        answer_review(actor=internal, answer=answers[code], status=ReviewStatus.APPROVED, note="")
    answer_review(
        actor=internal,
        answer=answers["3"],
        status=ReviewStatus.REVISION,
        note="Lampirkan data sertifikasi kompetensi ASN bidang digital tahun 2026.",
    )
    for code in CONFIRMED_2026:
        answer_confirm_carried(actor=coordinator, answer=answers[code])
    # Statistics (7) takes its value from the statistics index (EPSS), not published yet for 2026.
    answer_update(
        actor=coordinator,
        answer=answers["7"],
        level=None,
        justification="Nilai mengikuti hasil EPSS 2026 dari BPS; menunggu publikasi.",
        external_pending=True,
    )
    evidence_add_link(
        actor=coordinator,
        assessment=assessment,
        answers=[answers["1"], answers["13"]],
        url="https://jdih.sukamaju.example/perbup/arsitektur-pemdi-2026",
        title="Perbup Arsitektur Pemerintah Digital Kabupaten Sukamaju 2026-2030",
    )


def _neighbour_pemdi_2026(agency: Agency, people: dict[str, User]) -> None:
    """A neighbour's 2026 Pemdi assessment submitted and under external review, part-way through the document stage."""
    coordinator, internal, external = people["coordinator"], people["internal"], people["external"]
    assessment = assessment_create(actor=coordinator, agency=agency, year=2026)
    answers = {a.code: a for a in assessment.answers.all()}
    for code, level in NEIGHBOUR_LEVELS_2026.items():
        answer_update(
            actor=coordinator,
            answer=answers[code],
            level=level,
            justification=f"Bukti dukung Indeks Pemdi 2026 indikator {code} terlampir.",
        )
        answer_review(actor=internal, answer=answers[code], status=ReviewStatus.APPROVED, note="")
    assessment_submit(actor=coordinator, assessment=assessment)
    assessment_start_review(actor=external, assessment=assessment)
    for code in NEIGHBOUR_DOCUMENT_STAGE:
        stage_review_record(
            actor=external,
            answer=answers[code],
            stage=Stage.DOCUMENT,
            level=NEIGHBOUR_LEVELS_2026[code] - Decimal("0.25") if code in ("4", "8") else NEIGHBOUR_LEVELS_2026[code],
            notes="Dokumen diperiksa.",
        )


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with a title line, standing in for a scanned decree."""
    text = title.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    content = b"BT /F1 16 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += b"trailer << /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n"
    out += str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)
