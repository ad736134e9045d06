"""The coordinator's progress board per OPD: counts per unit, server-side sorting, overdue rows marked,
and a query count that does not grow with the number of indicators or units."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from benchmarks.regency import build_regency
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.conftest import Regency

from spbe.evaluation.models import Answer, Assessment, ReviewStatus
from spbe.evaluation.services.answers import answer_assign
from spbe.evaluation.services.evidence import evidence_add_link
from spbe.organizations.models import Unit

pytestmark = pytest.mark.django_db


def board(client: Client, assessment: Assessment, query: str = "") -> str:
    response = client.get(f"/assessments/{assessment.pk}/board/{query}")
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> dict[str, tuple[list[int], bool]]:
    """Per unit name: the figures (assigned, answered, with evidence, approved, overdue) and the overdue mark."""
    found = {}
    for attrs, body in re.findall(r"<tr data-unit=\"\d+\"([^>]*)>(.*?)</tr>", html, re.S):
        name = re.search(r"<a [^>]*>([^<]+)</a>", body)
        assert name is not None
        figures = [int(n) for n in re.findall(r'<td class="num">(?:<span class="overdue">)?(\d+)', body)]
        found[name.group(1)] = (figures, 'class="overdue-row"' in attrs)
    return found


def order(html: str) -> list[str]:
    return list(rows(html))


@pytest.fixture
def progress(regency: Regency, assessment: Assessment) -> Assessment:
    """Diskominfo: 1 (answered, approved, with evidence), 2 (overdue), 3 (shared with Bappeda, answered).
    Bappeda: 3. Inspektorat: nothing."""
    Unit.objects.create(agency=regency.agency, name="Inspektorat Daerah", short_name="Inspektorat")
    answers = {a.code: a for a in assessment.answers.all()}
    late = timezone.localdate() - datetime.timedelta(days=1)
    both = [regency.diskominfo, regency.bappeda]
    answer_assign(actor=regency.coordinator, answer=answers["1"], units=[regency.diskominfo], due_date=late)
    answer_assign(actor=regency.coordinator, answer=answers["2"], units=[regency.diskominfo], due_date=late)
    answer_assign(actor=regency.coordinator, answer=answers["3"], units=both, due_date=None)
    Answer.objects.filter(pk=answers["1"].pk).update(self_level=Decimal(3), review_status=ReviewStatus.APPROVED)
    Answer.objects.filter(pk=answers["3"].pk).update(self_level=Decimal(2))
    evidence_add_link(
        actor=regency.coordinator, assessment=assessment, answers=[answers["1"]], url="https://contoh.go.id/sk"
    )
    return assessment


def test_the_board_counts_per_unit_and_marks_overdue_rows(
    client: Client, regency: Regency, progress: Assessment
) -> None:
    client.force_login(regency.coordinator)
    html = board(client, progress)
    assert rows(html) == {
        "Bappeda": ([1, 1, 0, 0, 0], False),
        "Diskominfo": ([3, 2, 1, 1, 1], True),
        "Inspektorat": ([0, 0, 0, 0, 0], False),
    }
    unassigned = progress.answers.count() - 3
    assert f"{unassigned} indikator belum ditugaskan" in html
    assert f'href="/assessments/{progress.pk}/indicators/?unit={regency.diskominfo.pk}"' in html


def test_the_board_sorts_on_the_server_with_links(client: Client, regency: Regency, progress: Assessment) -> None:
    client.force_login(regency.coordinator)
    assert order(board(client, progress)) == ["Bappeda", "Diskominfo", "Inspektorat"]
    html = board(client, progress, "?sort=assigned")
    assert order(html) == ["Inspektorat", "Bappeda", "Diskominfo"]
    assert 'aria-sort="ascending"' in html and 'href="?sort=-assigned"' in html  # the header link turns it round
    assert order(board(client, progress, "?sort=-assigned")) == ["Diskominfo", "Bappeda", "Inspektorat"]
    assert order(board(client, progress, "?sort=-overdue")) == ["Diskominfo", "Bappeda", "Inspektorat"]
    assert order(board(client, progress, "?sort=-unit")) == ["Inspektorat", "Diskominfo", "Bappeda"]
    assert order(board(client, progress, "?sort=drop+table")) == ["Bappeda", "Diskominfo", "Inspektorat"]


def test_the_board_speaks_both_languages(client: Client, regency: Regency, progress: Assessment) -> None:
    client.force_login(regency.coordinator)
    html = board(client, progress)
    assert "Kemajuan per OPD" in html and "Terjawab" in html and "Dengan bukti dukung" in html
    client.cookies["django_language"] = "en"
    html = board(client, progress)
    assert "Progress per OPD" in html and "With evidence" in html and "Overdue" in html


@pytest.mark.parametrize("who", ["operator", "internal", "external", "viewer", "outsider", "stranger"])
def test_only_the_coordinator_opens_the_board(client: Client, regency: Regency, progress: Assessment, who: str) -> None:
    client.force_login(getattr(regency, who))
    assert client.get(f"/assessments/{progress.pk}/board/").status_code == 404


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm the framework cache, as a running server has
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["coordinator", "operator", "internal", "external", "viewer"])
def test_home_and_board_queries_do_not_grow_with_indicators_or_units(client: Client, role: str) -> None:
    small = build_regency("kecil", units=3, indicators=10, years=(2027, 2026))  # Pemdi 8/2026, 20 indicators
    large = build_regency("besar", units=30, indicators=47, years=(2025, 2024))  # 59/2020, 47 indicators
    assert large.draft.answers.count() == 47 and small.draft.answers.count() == 20
    counts = {}
    for name, place in (("small", small), ("large", large)):
        client.force_login(getattr(place, role))
        counts[f"home {name}"] = _queries(client, "/home/")
        if role == "coordinator":
            counts[f"board {name}"] = _queries(client, f"/assessments/{place.draft.pk}/board/?sort=-overdue")
    assert counts["home small"] == counts["home large"], counts
    assert counts["home large"] <= 12, counts
    if role == "coordinator":
        assert counts["board small"] == counts["board large"], counts
        assert counts["board large"] <= 12, counts
