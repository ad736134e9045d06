"""`make demo` runs demo_setup on every start: it must be repeatable and print the logins."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_setup_twice_keeps_one_working_admin() -> None:
    for _ in range(2):
        out = io.StringIO()
        call_command("demo_setup", "--url", "http://127.0.0.1:8123/", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    assert "admin / sukamaju-admin" in text
    users = get_user_model().objects.filter(username="admin")
    assert users.count() == 1
    assert users.get().check_password("sukamaju-admin") and users.get().is_superuser


@pytest.mark.django_db
def test_demo_setup_refuses_without_debug() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_setup")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_demo_tells_the_2_75_story() -> None:
    from spbe.evaluation.frameworks import assessment_framework
    from spbe.evaluation.models import ActionPlan, Assessment, AssessmentState
    from spbe.evaluation.scores import live_score
    from spbe.evaluation.selectors import actions_aimed_at
    from spbe.organizations.models import Agency, Membership, Role

    call_command("demo_setup", stdout=io.StringIO())
    final = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2022)
    draft = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2023)
    assert final.state == AssessmentState.FINAL and draft.state == AssessmentState.DRAFT
    answers = list(final.answers.prefetch_related("evidence"))
    verified = live_score(assessment_framework(final), answers, verified=True)
    assert verified is not None and verified.complete
    assert str(verified.result.index_rounded) == "2.75" and verified.result.predicate.name == "Baik"
    self_score = live_score(assessment_framework(final), answers)
    assert self_score is not None and self_score.result.index > verified.result.index
    assert all(answer.evidence.all() for answer in answers)
    example = Path(__file__).resolve().parents[2] / "examples" / "sukamaju-2022.csv"
    rows = dict(line.split(",") for line in example.read_text().splitlines()[1:])
    assert {a.code: int(a.verified_level) for a in answers if a.verified_level is not None} == {
        code: int(level) for code, level in rows.items()
    }
    assert 0 < draft.answers.exclude(self_level=None).count() < 47
    assert final.agency.units.count() >= 30
    assert {m.role for m in Membership.objects.filter(agency=final.agency)} == set(Role.values)
    earlier = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2021)
    earlier_score = live_score(assessment_framework(earlier), list(earlier.answers.all()), verified=True)
    assert earlier_score is not None and str(earlier_score.result.index_rounded) == "2.28"
    plan = ActionPlan.objects.get(assessment=final, is_current=True)
    assert plan.target == Decimal("3.50") and plan.index_after >= Decimal("3.50") and plan.target_year == 2023
    assert actions_aimed_at(draft)  # the 2023 draft sees the plan's target levels
    assert Agency.objects.count() == 5
