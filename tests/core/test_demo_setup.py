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

    out = io.StringIO()
    call_command("demo_setup", stdout=out)
    final = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2022)
    next_year = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2023)
    assert final.state == AssessmentState.FINAL and next_year.state == AssessmentState.FINAL
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
    assert final.agency.units.count() >= 30
    assert {m.role for m in Membership.objects.filter(agency=final.agency)} == set(Role.values)
    earlier = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2021)
    earlier_score = live_score(assessment_framework(earlier), list(earlier.answers.all()), verified=True)
    assert earlier_score is not None and str(earlier_score.result.index_rounded) == "2.28"
    plan = ActionPlan.objects.get(assessment=final, is_current=True)
    assert plan.target == Decimal("3.50") and plan.index_after >= Decimal("3.50") and plan.target_year == 2023
    assert actions_aimed_at(next_year)  # the 2023 assessment sees the plan's target levels
    assert Agency.objects.count() == 5
    # one build of the demo (it takes a while) checks the whole timeline too
    _assert_the_timeline_reaches_today(out.getvalue())


def _assert_the_timeline_reaches_today(printed: str) -> None:
    from spbe.evaluation import rules
    from spbe.evaluation.frameworks import assessment_framework
    from spbe.evaluation.models import Assessment, AssessmentState, ReviewStatus, StageReview
    from spbe.evaluation.scores import live_score
    from spbe.organizations.access import access_for
    from spbe.organizations.models import User

    sukamaju = Assessment.objects.filter(agency__slug="kabupaten-sukamaju")
    timeline = [(a.year, a.framework_id, a.state) for a in sukamaju.order_by("year")]
    assert timeline == [
        *((year, "permenpanrb-59-2020", AssessmentState.FINAL) for year in range(2021, 2026)),
        (2026, "permenpanrb-8-2026", AssessmentState.DRAFT),
    ]
    indices = {}
    for assessment in sukamaju.filter(state=AssessmentState.FINAL):
        verified = live_score(assessment_framework(assessment), list(assessment.answers.all()), verified=True)
        assert verified is not None and verified.complete
        indices[assessment.year] = str(verified.result.index_rounded)
    assert indices == {2021: "2.28", 2022: "2.75", 2023: "3.01", 2024: "3.22", 2025: "3.42"}

    pemdi = sukamaju.get(year=2026)
    assert pemdi.carried_from == sukamaju.get(year=2025)  # through the carry-over service
    answers = list(pemdi.answers.prefetch_related("units", "evidence"))
    assert all(a.units.all() for a in answers)
    still_carried = [a for a in answers if a.from_last_year]
    assert still_carried and all(a.self_level is None and a.justification for a in still_carried)
    entered = [a for a in answers if a.self_level is not None]
    assert 0 < len(entered) < 20 and any(a.self_level != a.self_level.to_integral_value() for a in entered)
    assert all(a.self_level == a.self_level.quantize(Decimal("0.01")) for a in entered)
    assert any(a.review_status == ReviewStatus.APPROVED for a in answers)
    assert any(a.review_status == ReviewStatus.REVISION for a in answers)
    confirmed = [a for a in answers if not a.from_last_year and a.self_level is None and a.justification]
    assert confirmed  # confirmed last year's texts, level still to come
    assert "2026 Indeks Pemdi" in printed and "2025 final 3,42" in printed
    assert [a.code for a in answers if a.external_pending] == ["7"]  # statistics waits for its index

    # Only this year's notices wait for the worker, addressed to people with an e-mail address;
    # the five years of history are read and never mailed.
    from spbe.notifications.models import MailState, Notification

    waiting = Notification.objects.filter(mail_state=MailState.PENDING)
    assert waiting.exists() and not waiting.filter(recipient__email="").exists()
    assert all("2026" in n.params.get("assessment", "") for n in waiting)
    unread = Notification.objects.filter(read_at__isnull=True)
    assert unread.exists() and all("2026" in n.params.get("assessment", "2026") for n in unread)

    external = User.objects.get(username="asesor.eksternal")
    open_stage = Assessment.objects.get(agency__slug="kota-cahayapura", year=2026)
    assert open_stage.framework_id == "permenpanrb-8-2026" and open_stage.state == AssessmentState.UNDER_REVIEW
    assert rules.VERIFY.allows(access_for(external, open_stage.agency), open_stage.state)
    recorded = StageReview.objects.filter(answer__assessment=open_stage, stage="document").count()
    assert 0 < recorded < 20
