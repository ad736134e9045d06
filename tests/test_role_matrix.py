"""Every role against every object, in every state of the assessment, through every read and write URL.

Each cell holds four characters, one per state of the assessment (draft, submitted, under review,
final):

    2  the page (200)                 4  not found (404), and for a write nothing changed
    3  a write that took effect, then a redirect (302)
    r  a write refused with a message (a page or a redirect), nothing changed
    s  a write answered with a redirect (302); what it changed is another test's business

"Nothing changed" compares the assessment, its answers, units, evidence, reviews, plans, actions,
the assessments of the agency and the audit trail before and after. Every write runs in a
savepoint that is rolled back, so each role meets the same furnished assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from tests.conftest import Furnished, Regency, furnish

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import Action, ActionPlan, Answer, Assessment, Evidence, StageReview
from spbe.evaluation.services.plans import action_plan_preview

pytestmark = pytest.mark.django_db

ROLES = ("coordinator", "operator", "other_operator", "internal", "external", "viewer", "outsider", "stranger")
STATES = ("draft", "submitted", "under_review", "final")
AGENCY_NAME = b"Kabupaten Uji"


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[Furnished], str]
    expected: tuple[str, ...]  # one cell per role, in the order of ROLES
    data: Callable[[Furnished], dict[str, Any]] = lambda place: {}


def _a(suffix: str) -> Callable[[Furnished], str]:
    return lambda place: f"/assessments/{place.assessment.pk}/{suffix}"


def _i(suffix: str) -> Callable[[Furnished], str]:
    return lambda place: f"/assessments/{place.assessment.pk}/indicators/{place.code}/{suffix}"


def _confirmed_adoption(place: Furnished) -> dict[str, Any]:
    _plan, changes = action_plan_preview(
        actor=place.regency.coordinator,
        assessment=place.assessment,
        target=Decimal("3.75"),
        target_year=2024,
        limits={},
    )
    return {"target": "3,75", "target_year": "2024", "changes_digest": changes.digest}


def _answer_data(place: Furnished) -> dict[str, Any]:
    version = Answer.objects.get(assessment=place.assessment, code=place.code).version
    return {"level": "2", "justification": "Perbup baru", "version": str(version)}


EVERY_INDICATOR = ("2222", "4444", "4444", "2222", "4222", "2222", "4444", "4444")
SEES = ("2222", "2222", "2222", "2222", "4222", "2222", "4444", "4444")
ONLY_COORDINATOR = ("3333", "4444", "4444", "4444", "4444", "4444", "4444", "4444")

# fmt: off
CASES = [
    # reads                                 coordinator operator other_op internal external viewer outsider stranger
    Case("dashboard", "get", _a(""), SEES),
    Case("indicator list", "get", _a("indicators/"), SEES),
    Case("indicator", "get", _i(""),        ("2222", "2222", "4444", "2222", "4222", "2222", "4444", "4444")),
    Case("review screen", "get", _a("review/"), EVERY_INDICATOR),
    Case("history", "get", _a("history/"), EVERY_INDICATOR),
    Case("planner", "get", _a("plan/"), EVERY_INDICATOR),
    Case("Pemdi estimate", "get", _a("plan/pemdi-estimate/"), EVERY_INDICATOR),
    Case("crosswalk", "get", lambda place: "/frameworks-crosswalk/",
                                            ("2222", "2222", "2222", "2222", "2222", "2222", "2222", "2222")),
    Case("report pdf", "get", _a("report.pdf"), EVERY_INDICATOR),
    Case("report xlsx", "get", _a("report.xlsx"), EVERY_INDICATOR),
    Case("worksheet export", "get", _a("worksheet.xlsx"), SEES),
    Case("worksheet import page", "get", _a("worksheet/import/"),
                                            ("2222", "2222", "2222", "4444", "4444", "4444", "4444", "4444")),
    Case("actions", "get", _a("actions/"), SEES),
    Case("evidence download", "get", lambda place: f"/evidence/{place.evidence_file.pk}/download/",
                                            ("2222", "2222", "4444", "2222", "4222", "2222", "4444", "4444")),
    Case("assessment list", "get", lambda place: "/assessments/",
                                            ("2222", "2222", "2222", "2222", "2222", "2222", "2222", "2222")),
    Case("overview", "get", lambda place: "/overview/",
                                            ("2222", "2222", "2222", "2222", "2222", "2222", "2222", "2222")),
    Case("overview xlsx", "get", lambda place: "/overview.xlsx",
                                            ("2222", "2222", "2222", "2222", "2222", "2222", "2222", "2222")),
    Case("new assessment page", "get", lambda place: f"/agencies/{place.regency.agency.slug}/assessments/new/",
                                            ("2222", "4444", "4444", "4444", "4444", "4444", "4444", "4444")),
    Case("my work (home)", "get", lambda place: "/home/",
                                            ("2222", "2222", "2222", "2222", "2222", "2222", "2222", "2222")),
    Case("OPD board", "get", _a("board/"),  ("2222", "4444", "4444", "4444", "4444", "4444", "4444", "4444")),
    # writes
    Case("answer", "post", _i("answer/"),  ("3rrr", "3rrr", "4444", "4444", "4444", "4444", "4444", "4444"),
         _answer_data),
    # the furnished answer holds nothing from last year: confirming changes nothing, for whoever may answer
    Case("confirm carried answer", "post", _i("confirm/"),
                                            ("rrrr", "rrrr", "4444", "4444", "4444", "4444", "4444", "4444")),
    Case("assign", "post", _i("assign/"),  ("333r", "4444", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"units": [place.regency.diskominfo.pk, place.regency.bappeda.pk], "due_date": "2023-06-30"}),
    Case("internal review", "post", _i("review/"),
                                            ("4444", "4444", "4444", "3rrr", "4444", "4444", "4444", "4444"),
         lambda place: {"status": "revision", "note": "Lengkapi SK"}),
    Case("stage review", "post", _i("stage/"),
                                            ("4444", "4444", "4444", "4444", "4r3r", "4444", "4444", "4444"),
         lambda place: {"stage": "document", "level": "2", "notes": "SK belum ditandatangani"}),
    Case("evidence link", "post", _i("evidence/"),
                                            ("3rrr", "3rrr", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"url": "https://contoh.go.id/perbup", "title": "Perbup"}),
    Case("evidence detach", "post", _i("evidence/detach/"),
                                            ("3rrr", "3rrr", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"evidence": place.evidence_link.pk}),
    Case("submit", "post", _a("do/submit/"), ("3rrr", "4444", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"evidence_confirmed": "on"}),  # the furnished indicators other than 1 have no evidence
    Case("withdraw", "post", _a("do/withdraw/"),
                                            ("r3rr", "4444", "4444", "4444", "4444", "4444", "4444", "4444")),
    Case("start review", "post", _a("do/start_review/"),
                                            ("4444", "4444", "4444", "4444", "43rr", "4444", "4444", "4444")),
    Case("finalise", "post", _a("do/finalize/"),
                                            ("4444", "4444", "4444", "4444", "4r3r", "4444", "4444", "4444")),
    Case("unknown transition", "post", _a("do/explode/"),
                                            ("4444", "4444", "4444", "4444", "4444", "4444", "4444", "4444")),
    Case("action status", "post", lambda place: f"/assessments/{place.assessment.pk}/actions/{place.action.pk}/",
                                            ("3333", "3333", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"status": "in_progress", "note": "RKPD disusun"}),
    Case("action unit", "post", lambda place: f"/assessments/{place.assessment.pk}/actions/{place.action.pk}/",
                                            ("3333", "rrrr", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"unit": str(place.regency.bappeda.pk), "status": place.action.status}),
    # a plan is adopted already: adopting again first shows what would change, and writes on confirmation
    Case("adopt plan again", "post", _a("plan/adopt/"),
                                            ("rrrr", "4444", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"target": "3,75", "target_year": "2024"}),
    Case("adopt plan, confirmed", "post", _a("plan/adopt/"),
                                            ("ssss", "4444", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: _confirmed_adoption(place)),
    Case("worksheet import", "post", _a("worksheet/import/"),
                                            ("rrrr", "rrrr", "rrrr", "4444", "4444", "4444", "4444", "4444")),
    Case("worksheet import confirm", "post", _a("worksheet/import/confirm/"),
                                            ("rrrr", "rrrr", "rrrr", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"token": "forged"}),
    Case("start an assessment", "post", lambda place: f"/agencies/{place.regency.agency.slug}/assessments/new/",
         ONLY_COORDINATOR, lambda place: {"year": "2024"}),
    # bulk work: the same rules as the single actions
    Case("bulk assign page", "get", _a("bulk/assign/"),
                                            ("2222", "4444", "4444", "4444", "4444", "4444", "4444", "4444")),
    Case("bulk review page", "get", _a("bulk/review/"),
                                            ("4444", "4444", "4444", "2222", "4444", "4444", "4444", "4444")),
    Case("stage grid page", "get", _a("bulk/stage/?stage=interview"),
                                            ("4444", "4444", "4444", "4444", "4222", "4444", "4444", "4444")),
    Case("bulk assign", "post", _a("bulk/assign/"),
                                            ("333r", "4444", "4444", "4444", "4444", "4444", "4444", "4444"),
         lambda place: {"codes": ["1", "2"], "units": [place.regency.bappeda.pk], "due_date": "2023-06-30",
                        "mode": "replace"}),
    Case("bulk review", "post", _a("bulk/review/"),
                                            ("4444", "4444", "4444", "3rrr", "4444", "4444", "4444", "4444"),
         lambda place: {"codes": ["1", "2"], "status": "revision", "note": "Lengkapi SK"}),
    Case("stage grid", "post", _a("bulk/stage/?stage=document"),
                                            ("4444", "4444", "4444", "4444", "4r3r", "4444", "4444", "4444"),
         lambda place: {"stage": "document", "level_1": "2", "notes_1": "SK belum ditandatangani"}),
]
# fmt: on


def snapshot(place: Furnished) -> tuple[object, ...]:
    """Everything a write of the evaluation can change."""
    assessment = place.assessment
    answers = Answer.objects.filter(assessment=assessment).order_by("pk")
    return (
        Assessment.objects.filter(agency=assessment.agency).values_list("pk", "state").order_by("pk")[::1],
        answers.values_list(
            "self_level", "justification", "version", "review_status", "review_note", "verified_level", "due_date"
        )[::1],
        answers.values_list("pk", "units").order_by("pk", "units")[::1],
        Evidence.objects.filter(assessment=assessment).values_list("pk", "answers").order_by("pk", "answers")[::1],
        StageReview.objects.filter(answer__assessment=assessment).values_list("pk", "level", "notes")[::1],
        ActionPlan.objects.filter(assessment=assessment).values_list("pk", "is_current").order_by("pk")[::1],
        Action.objects.filter(plan__assessment=assessment)
        .values_list("pk", "unit", "status", "note")
        .order_by("pk")[::1],
        AuditEvent.objects.count(),
    )


def outcome(case: Case, response: Any, changed: bool) -> str:
    status = response.status_code
    if case.method == "get":
        return {200: "2", 302: "3", 404: "4"}.get(status, str(status))
    if status == 404:
        return "4" if not changed else "4!changed"
    if changed:
        return "3" if status == 302 else f"{status}!changed"
    return "r" if status in (200, 302) else str(status)


@pytest.mark.parametrize("state", STATES)
def test_role_matrix(
    client: Client,
    regency: Regency,
    assessment: Assessment,
    private_media: Path,
    monkeypatch: pytest.MonkeyPatch,
    state: str,
) -> None:
    # Who gets the PDF is decided before it is drawn; drawing it (seconds each) is tests/reports' business.
    monkeypatch.setattr("spbe.reports.pdf.render_pdf", lambda data: b"%PDF-1.4 stand-in")
    place = furnish(regency, assessment, state)
    column = STATES.index(state)
    wrong = []
    for case in CASES:
        for role, cell in zip(ROLES, case.expected, strict=True):
            expected = cell[column]
            client.force_login(getattr(regency, role))
            with transaction.atomic():
                before = snapshot(place)
                response = getattr(client, case.method)(case.url(place), case.data(place))
                changed = snapshot(place) != before
                transaction.set_rollback(True)
            got = outcome(case, response, changed)
            if expected == "s":
                got = "s" if response.status_code == 302 else got
            if got != expected:
                wrong.append(f"{case.name} as {role}: expected {expected}, got {got}")
            if role in ("outsider", "stranger") and response.status_code == 200:
                assert AGENCY_NAME not in response.content, f"{case.name} shows the agency to the {role}"
    assert wrong == []
