"""Home page and OPD board benchmark: a regency of 30 OPD x 47 indicators, through the Django test client.

Each figure is the median time of repeated full requests (middleware, URL guard, queries, template),
after one warm-up request, on a fresh SQLite database like the other benchmarks.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

GOAL_MS = 150


def _timed(client: object, url: str, rounds: int) -> tuple[float, float, float]:
    get = client.get  # type: ignore[attr-defined]
    assert get(url).status_code == 200  # warm templates and the framework cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(times), min(times), max(times)


def run(rounds: int = 30) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SPBE_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings.dev")
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        call_command("migrate", verbosity=0)
        from benchmarks.regency import build_regency

        place = build_regency("bench", units=30, indicators=47)
        cases = [
            ("Home page (my work), coordinator: 2 assessments of 47 indicators, 30 OPD", place.coordinator, "/home/"),
            ("Home page (my work), unit operator of one OPD", place.operator, "/home/"),
            ("Home page (my work), external assessor (47 to verify)", place.external, "/home/"),
            (
                "OPD board, 30 OPD x 47 indicators, sorted by overdue",
                place.coordinator,
                f"/assessments/{place.draft.pk}/board/?sort=-overdue",
            ),
        ]
        results = []
        for name, user, url in cases:
            client = Client()
            client.force_login(user)
            median, low, high = _timed(client, url, rounds)
            results.append(
                {
                    "name": name,
                    "figure": f"median {median:.1f} ms (min {low:.1f}, max {high:.1f}; {rounds} requests)",
                    "goal": f"under {GOAL_MS} ms",
                    "met": "yes" if median < GOAL_MS else "NO",
                }
            )
        results += _bulk(place, rounds=max(5, rounds // 3))
    return results


def _bulk(place: object, rounds: int) -> list[dict[str, str]]:
    """One bulk assignment of every indicator to two OPD, as the coordinator's one screen does it.

    Alternates between two pairs of units, so every round really changes 47 rows (each with its
    audit event and its notifications), the way a coordinator's first assignment of the year does.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from spbe.evaluation.services.bulk import ASSIGN_REPLACE, bulk_assign

    draft = place.draft  # type: ignore[attr-defined]
    units = list(draft.agency.units.order_by("pk")[:4])
    codes = list(draft.answers.order_by("position").values_list("code", flat=True))
    times, queries = [], []
    for n in range(rounds):
        chosen = units[:2] if n % 2 else units[2:]
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            bulk_assign(
                actor=place.coordinator,  # type: ignore[attr-defined]
                assessment=draft,
                codes=codes,
                units=chosen,
                due_date=None,
                mode=ASSIGN_REPLACE,
            )
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured.captured_queries))
    median = statistics.median(times)
    return [
        {
            "name": f"Bulk assign: all {len(codes)} indicators to 2 OPD in one transaction (service, audit + notices)",
            "figure": (
                f"median {median:.0f} ms (min {min(times):.0f}, max {max(times):.0f}; {rounds} batches); "
                f"{statistics.median(queries):.0f} queries, {statistics.median(queries) / len(codes):.1f} per indicator"
            ),
            "goal": "under 2 s",
            "met": "yes" if median < 2000 else "NO",
        }
    ]
