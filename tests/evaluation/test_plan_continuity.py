"""A new year's planner starts from the best levels known, and last year's plan for this year is followed."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from tests.conftest import Regency

from spbe.evaluation.models import Action, ActionPlan, Answer, Assessment, AssessmentState
from spbe.evaluation.plan_start import LAST_YEAR, LOWEST, SELF, VERIFIED, starting_levels
from spbe.evaluation.services.assessments import assessment_create
from spbe.evaluation.services.plans import action_plan_adopt

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def _last_year(regency: Regency) -> tuple[Assessment, ActionPlan]:
    """2022, final, every indicator verified at 2, with a plan adopted for 2023."""
    previous = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2022)
    Answer.objects.filter(assessment=previous).update(self_level=Decimal(2), verified_level=Decimal(2))
    plan = action_plan_adopt(
        actor=regency.coordinator, assessment=previous, target=Decimal("2.50"), target_year=2023, limits={}
    )
    Assessment.objects.filter(pk=previous.pk).update(state=AssessmentState.FINAL)
    actions = list(plan.actions.order_by("position"))
    Action.objects.filter(pk__in=[a.pk for a in actions[:2]]).update(unit=regency.diskominfo)
    Action.objects.filter(pk__in=[a.pk for a in actions[2:]]).update(unit=regency.bappeda)
    return previous, plan


def test_starting_levels_prefer_verified_then_self_then_last_year_then_the_lowest(
    regency: Regency, assessment: Assessment
) -> None:
    previous = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2022)
    Answer.objects.filter(assessment=previous).exclude(code="4").update(verified_level=Decimal(2))
    Assessment.objects.filter(pk=previous.pk).update(state=AssessmentState.FINAL)
    Answer.objects.filter(assessment=assessment, code="1").update(self_level=Decimal(3), verified_level=Decimal(4))
    Answer.objects.filter(assessment=assessment, code="2").update(self_level=Decimal(3))
    start = starting_levels(assessment, list(assessment.answers.all()))
    assert (start.levels["1"], start.sources["1"]) == (Decimal(4), VERIFIED)
    assert (start.levels["2"], start.sources["2"]) == (Decimal(3), SELF)
    assert (start.levels["3"], start.sources["3"]) == (Decimal(2), LAST_YEAR)
    assert (start.levels["4"], start.sources["4"]) == (Decimal(1), LOWEST)  # not verified last year either
    assert start.previous is not None and start.previous.year == 2022
    assert start.basis == "mixed"


def test_a_draft_with_unanswered_indicators_still_gets_a_plan_and_says_where_levels_came_from(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    _last_year(regency)
    Answer.objects.filter(assessment=assessment, code="1").update(self_level=Decimal(4))
    client.force_login(regency.coordinator)
    page = client.get(f"/assessments/{assessment.pk}/plan/", {"target": "2,60"}).content.decode()
    assert 'data-testid="index-after"' in page  # a plan, not "a plan needs a level for every indicator"
    assert re.search(r'data-testid="source-1">penilaian mandiri<', page)
    assert re.search(r'data-testid="source-2">terverifikasi tahun lalu<', page)
    legend = _text(page.split('data-testid="start-legend"', 1)[1].encode())
    assert legend.startswith(">Level awal: 1 indikator penilaian mandiri · 46 indikator terverifikasi tahun lalu")
    assert "penilaian final 2022" in legend
    # adopting it records where each starting level came from
    action_plan_adopt(
        actor=regency.coordinator, assessment=assessment, target=Decimal("2.60"), target_year=2024, limits={}
    )
    adopted = ActionPlan.objects.get(assessment=assessment, is_current=True)
    assert adopted.basis == "mixed" and adopted.inputs["sources"]["2"] == LAST_YEAR


def test_last_year_s_plan_appears_on_this_year_s_dashboard_with_its_progress(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    _previous, plan = _last_year(regency)
    steps = list(plan.actions.order_by("position"))
    reached, missed = steps[0], steps[1]
    Answer.objects.filter(assessment=assessment, code=reached.code).update(self_level=Decimal(reached.to_level))
    Answer.objects.filter(assessment=assessment, code=missed.code).update(self_level=Decimal(missed.to_level - 1))
    client.force_login(regency.viewer)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    section = page.split('data-testid="plan-progress"', 1)[1].split("</section>", 1)[0]
    assert "Rencana yang ditetapkan pada 2022 untuk 2023" in _text(section.encode())
    assert "Target 2,50" in _text(section.encode())
    assert f"1 dari {len(steps)} langkah tercapai" in _text(section.encode())
    rows = dict(re.findall(r'<tr data-code="(\w+)">(.*?)</tr>', section))
    assert set(rows) == {s.code for s in steps}
    assert "tercapai" in _text(rows[reached.code].encode()) and "belum" in _text(rows[missed.code].encode())


def test_each_operator_s_home_lists_the_plan_steps_of_their_own_units(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    _previous, plan = _last_year(regency)
    steps = list(plan.actions.order_by("position"))
    mine = {s.code for s in steps[:2]}
    client.force_login(regency.operator)  # Diskominfo
    page = client.get("/home/").content.decode()
    section = page.split('id="plan-steps"', 1)[1].split("</section>", 1)[0]
    assert set(re.findall(r'<tr data-code="(\w+)"', section)) == mine
    assert "Langkah rencana aksi yang ditetapkan untuk unit saya" in _text(section.encode())
    client.force_login(regency.other_operator)  # Bappeda
    page = client.get("/home/").content.decode()
    section = page.split('id="plan-steps"', 1)[1].split("</section>", 1)[0]
    assert set(re.findall(r'<tr data-code="(\w+)"', section)) == {s.code for s in steps[2:]}


def test_re_planning_shows_progress_against_the_plan_adopted_on_the_same_assessment(
    client: Client, regency: Regency, assessment: Assessment
) -> None:
    Answer.objects.filter(assessment=assessment).update(self_level=Decimal(2))
    plan = action_plan_adopt(
        actor=regency.coordinator, assessment=assessment, target=Decimal("2.50"), target_year=2024, limits={}
    )
    first = plan.actions.order_by("position").first()
    assert first is not None
    Answer.objects.filter(assessment=assessment, code=first.code).update(self_level=Decimal(first.to_level))
    client.force_login(regency.coordinator)
    page = client.get(f"/assessments/{assessment.pk}/plan/").content.decode()
    section = page.split('data-testid="plan-progress"', 1)[1].split("</section>", 1)[0]
    assert "Kemajuan terhadap rencana yang ditetapkan" in _text(section.encode())
    rows = dict(re.findall(r'<tr data-code="(\w+)">(.*?)</tr>', section))
    assert "tercapai" in _text(rows[first.code].encode())
    assert sum("belum" in _text(row.encode()) for row in rows.values()) == len(rows) - 1


def test_a_first_pemdi_year_starts_from_last_year_s_59_2020_result_through_the_crosswalk(
    client: Client, regency: Regency
) -> None:
    """2026 is the first 8/2026 year: indicators without a level start from the crosswalk's estimate."""
    from spbe.evaluation.plan_start import ESTIMATE
    from spbe.scoring.crosswalk import crosswalk_between, estimate_from

    previous = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025)
    Answer.objects.filter(assessment=previous).update(self_level=Decimal(3), verified_level=Decimal(3))
    Answer.objects.filter(assessment=previous, position__gt=30).update(verified_level=Decimal(2))
    Assessment.objects.filter(pk=previous.pk).update(state=AssessmentState.FINAL)
    pemdi = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2026)
    Answer.objects.filter(assessment=pemdi, code="1").update(self_level=Decimal("3.50"))

    start = starting_levels(pemdi, list(pemdi.answers.all()))
    crosswalk = crosswalk_between("permenpanrb-59-2020", "permenpanrb-8-2026")
    assert crosswalk is not None
    expected = estimate_from(crosswalk, dict(previous.answers.values_list("code", "verified_level"))).levels()
    assert (start.levels["1"], start.sources["1"]) == (Decimal("3.50"), SELF)
    estimated = [code for code, source in start.sources.items() if source == ESTIMATE]
    assert len(estimated) >= 15  # every indicator the crosswalk maps (6 and 7 map to nothing)
    for code in estimated:
        assert start.levels[code] <= expected[code] < start.levels[code] + Decimal("0.01")
    assert start.sources["6"] == LOWEST and start.levels["6"] == 1

    client.force_login(regency.coordinator)
    page = _text(client.get(f"/assessments/{pemdi.pk}/plan/").content)
    assert "diperkirakan dari level terverifikasi tahun lalu melalui pemetaan (tidak resmi)" in page
