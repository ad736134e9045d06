"""Ten people save one answer at the same moment, on a file-based database (run by test_concurrent_saves.py).

Run in its own process because the test suite's SQLite database lives in memory, where
locking behaves differently: ``python concurrent_saves.py service|view`` prints one JSON
object with what each save got and the final state.
"""

from __future__ import annotations

import json
import sys
import threading
from decimal import Decimal

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from spbe.audit.models import AuditEvent  # noqa: E402
from spbe.evaluation.models import Answer  # noqa: E402
from spbe.evaluation.services.answers import answer_update  # noqa: E402
from spbe.evaluation.services.assessments import assessment_create  # noqa: E402
from spbe.organizations.models import Agency, Membership, Role, User  # noqa: E402

SAVES = 10


def setup() -> tuple[User, Answer]:
    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(name="Kabupaten Uji", slug="uji", kind=Agency.Kind.REGENCY)
    coordinator = User.objects.create_user(username="koord", password="pw-koord-secret")
    Membership.objects.create(user=coordinator, agency=agency, role=Role.COORDINATOR)
    assessment = assessment_create(actor=coordinator, agency=agency, year=2023)
    return coordinator, Answer.objects.filter(assessment=assessment).order_by("code").first()  # type: ignore[return-value]


def through_service(actor: User, answer: Answer, number: int) -> str:
    try:
        answer_update(actor=actor, answer=answer, level=Decimal(1 + number % 5), justification=f"save {number}")
        return "saved"
    except OperationalError as exc:
        return f"error: {exc}"


def through_view(client: Client, url: str, number: int, version: int) -> str:
    response = client.post(url, {"level": str(1 + number % 5), "justification": f"save {number}", "version": version})
    text = response.content.decode()
    if response.status_code == 302:
        return "saved"
    if response.status_code == 200 and "changed by someone else" in text:
        return "conflict"
    if response.status_code == 503 and "The database is busy, try again in a moment." in text:
        return "busy"
    return f"HTTP {response.status_code}"


def main(mode: str) -> None:
    actor, answer = setup()
    url = f"/assessments/{answer.assessment_id}/indicators/{answer.code}/answer/"
    clients = []
    for _ in range(SAVES):
        client = Client()
        client.cookies["django_language"] = "en"
        client.force_login(actor)
        clients.append(client)
    events_before = AuditEvent.objects.count()
    connection.close()
    start = threading.Barrier(SAVES)
    outcomes: list[str] = [""] * SAVES

    def run(number: int) -> None:
        start.wait()
        try:
            if mode == "service":
                outcomes[number] = through_service(actor, answer, number)
            else:
                outcomes[number] = through_view(clients[number], url, number, answer.version)
        except Exception as exc:  # reported, so the test shows it
            outcomes[number] = f"{type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    final = Answer.objects.get(pk=answer.pk)
    print(
        json.dumps(
            {
                "outcomes": outcomes,
                "version_before": answer.version,
                "version_after": final.version,
                "justification": final.justification,
                "level": str(final.self_level),
                "new_events": AuditEvent.objects.count() - events_before,
                "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
