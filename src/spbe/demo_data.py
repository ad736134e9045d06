"""The demo regency: Kabupaten Sukamaju scored 2.75 (Baik) in 2022 and is working on 2023.

Everything is created through the same services people use, so the demo also has a
complete audit trail. Running it again changes nothing but the demo passwords.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.db import transaction

from spbe.evaluation.models import Answer, Assessment, ReviewStatus, Stage
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update, stage_review_record
from spbe.evaluation.services.assessments import (
    assessment_create,
    assessment_finalize,
    assessment_start_review,
    assessment_submit,
)
from spbe.evaluation.services.evidence import evidence_add_link, evidence_upload
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
# What the regency claimed in its self-assessment that year: a little optimistic, as usual.
SELF_2022_RAISED = {"11": 3, "12": 3, "21": 3, "22": 3, "31": 2, "45": 3}
# 2023 draft in progress: levels entered so far.
DRAFT_2023 = {
    "1": 3,
    "2": 3,
    "3": 3,
    "4": 3,
    "5": 3,
    "6": 3,
    "7": 3,
    "8": 3,
    "9": 3,
    "10": 4,
    "11": 3,
    "12": 3,
    "13": 3,
    "15": 3,
    "16": 3,
    "19": 3,
    "24": 2,
    "25": 3,
    "29": 2,
    "32": 3,
    "33": 4,
    "34": 4,
    "35": 4,
    "36": 3,
    "37": 4,
    "42": 4,
    "43": 3,
    "44": 3,
}

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


def demo_logins() -> list[tuple[str, str, str]]:
    return [(username, PASSWORD, str(role.label)) for username, _, role, _ in PEOPLE]


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
            user = User.objects.create_user(username=username, password=PASSWORD, full_name=full_name)
            Membership.objects.create(user=user, agency=agency, role=role, unit=units[unit] if unit else None)
            people[username] = user
        _final_2022(agency, units, people)
        _draft_2023(agency, units, people)
    return True


def _reset_passwords() -> None:
    for username, *_ in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])


def _assign_all(assessment: Assessment, units: dict[str, Unit], coordinator: User) -> None:
    for answer in assessment.answers.all():
        answer_assign(actor=coordinator, answer=answer, units=[units[OWNERS[answer.code]]], due_date=None)


def _final_2022(agency: Agency, units: dict[str, Unit], people: dict[str, User]) -> None:
    coordinator, internal, external = (
        people["koordinator"],
        people["asesor.internal"],
        people["asesor.eksternal"],
    )
    assessment = assessment_create(actor=coordinator, agency=agency, year=2022)
    _assign_all(assessment, units, coordinator)
    answers = list(assessment.answers.order_by("position"))
    for answer, verified in zip(answers, VERIFIED_2022, strict=True):
        claimed = SELF_2022_RAISED.get(answer.code, verified)
        answer_update(
            actor=coordinator,
            answer=answer,
            level=Decimal(claimed),
            justification=f"Bukti dukung tingkat {claimed} tersedia pada dokumen unit {OWNERS[answer.code]}.",
        )
        answer_review(actor=internal, answer=answer, status=ReviewStatus.APPROVED, note="")
    by_aspect: dict[str, list[Answer]] = {}
    for answer in answers:
        by_aspect.setdefault(answer.aspect_code, []).append(answer)
    for aspect, members in by_aspect.items():
        title = f"Bukti dukung {aspect} - Kabupaten Sukamaju 2022"
        evidence_upload(
            actor=coordinator,
            assessment=assessment,
            answers=members,
            name=f"bukti-{aspect.lower()}-2022.pdf",
            stream=io.BytesIO(demo_pdf(title)),
            title=title,
        )
    assessment_submit(actor=coordinator, assessment=assessment)
    assessment_start_review(actor=external, assessment=assessment)
    for answer, verified in zip(answers, VERIFIED_2022, strict=True):
        claimed = SELF_2022_RAISED.get(answer.code, verified)
        stage_review_record(
            actor=external,
            answer=answer,
            stage=Stage.DOCUMENT,
            level=Decimal(claimed),
            notes="Dokumen diterima.",
        )
        if claimed != verified:
            stage_review_record(
                actor=external,
                answer=answer,
                stage=Stage.INTERVIEW,
                level=Decimal(verified),
                notes="Belum ada bukti penerapan di seluruh perangkat daerah.",
            )
    assessment_finalize(actor=external, assessment=assessment)


def _draft_2023(agency: Agency, units: dict[str, Unit], people: dict[str, User]) -> None:
    coordinator, internal = people["koordinator"], people["asesor.internal"]
    assessment = assessment_create(actor=coordinator, agency=agency, year=2023)
    _assign_all(assessment, units, coordinator)
    answers = {a.code: a for a in assessment.answers.all()}
    for code, level in DRAFT_2023.items():
        answer_update(
            actor=coordinator,
            answer=answers[code],
            level=Decimal(level),
            justification="Diperbarui dari hasil evaluasi 2022; lihat bukti dukung terlampir.",
        )
    for code in ("1", "2", "3", "4", "5", "6", "7", "8", "32", "33"):
        answer_review(actor=internal, answer=answers[code], status=ReviewStatus.APPROVED, note="")
    answer_review(
        actor=internal,
        answer=answers["10"],
        status=ReviewStatus.REVISION,
        note="Lampirkan SK Tim Koordinasi SPBE yang terbaru (2023).",
    )
    evidence_add_link(
        actor=coordinator,
        assessment=assessment,
        answers=[answers["1"], answers["11"]],
        url="https://jdih.sukamajukab.go.id/perbup/arsitektur-spbe-2023",
        title="Perbup Arsitektur SPBE Kabupaten Sukamaju 2023-2027",
    )
    Answer.objects.filter(assessment=assessment, code__in=["13", "14", "20"]).update(due_date="2023-06-30")


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
