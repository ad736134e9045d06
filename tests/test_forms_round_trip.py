"""Every form of the application, submitted unchanged as a browser would, changes nothing.

For each role of a regency in use (assigned indicators with due dates, answers with levels and
justifications, internal reviews, evidence, an adopted plan whose actions have due dates, statuses and
notes, an assessment under external review with stage levels, a draft with decimal levels) and in both
languages, the test opens every page that shows a form, reads each form as Chromium does (see
``tests.browser_forms``: an ``<input type=date>`` whose value is not ISO submits empty) and submits it:

- a POST form must leave every table as it was, write no audit event with a difference, show no error,
  and, when the page shows the form again, show it with the same values;
- a GET form (filters, the planner's inputs) must come back with the same values.

Forms that are commands rather than edits carry ``data-command`` in their template and are counted, not
submitted. The counts per page are asserted, so the test cannot pass by finding no forms.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from tests.browser_forms import Form, forms_of
from tests.conftest import Regency

from spbe.audit.models import AuditEvent
from spbe.evaluation.models import ActionStatus, Assessment, ReviewStatus, Stage
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update, stage_review_record
from spbe.evaluation.services.assessments import assessment_create, assessment_start_review, assessment_submit
from spbe.evaluation.services.evidence import evidence_add_link, evidence_attach
from spbe.evaluation.services.plans import action_plan_adopt, action_update
from spbe.organizations.models import User
from spbe.scoring import get_framework, read_levels_path

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ERROR_MARKS = ('class="error"', "notice error", "field-error", "errorlist")


def _answer_everything(assessment: Assessment, coordinator: User, internal: User, levels: dict[str, Any]) -> None:
    for answer in assessment.answers.order_by("position"):
        answer_update(
            actor=coordinator,
            answer=answer,
            level=levels[answer.code],
            justification=f"Dokumen {answer.code} tersedia.\nDitetapkan dengan SK Bupati.",
        )
        answer_review(actor=internal, answer=answer, status=ReviewStatus.APPROVED, note="Sesuai")


@pytest.fixture
def in_use(regency: Regency) -> dict[str, Assessment]:
    """A regency as the demo shows it: three assessments, each with data behind every form."""
    r = regency
    levels_2020 = read_levels_path(EXAMPLES / "sukamaju-2022.csv", get_framework("permenpanrb-59-2020"))

    # 2022: submitted and under external review, with stage levels and notes recorded
    reviewed = assessment_create(actor=r.coordinator, agency=r.agency, year=2022)
    _answer_everything(reviewed, r.coordinator, r.internal, levels_2020)
    assessment_submit(actor=r.coordinator, assessment=reviewed)
    assessment_start_review(actor=r.external, assessment=reviewed)
    for code in ("1", "13"):
        answer = reviewed.answers.get(code=code)
        stage_review_record(
            actor=r.external, answer=answer, stage=Stage.DOCUMENT, level=Decimal(3), notes="Dokumen lengkap"
        )
        stage_review_record(
            actor=r.external, answer=answer, stage=Stage.INTERVIEW, level=Decimal(2), notes="Belum konsisten"
        )

    # 2023: a draft in progress, assigned with due dates, reviewed, with evidence and an adopted plan
    draft = assessment_create(actor=r.coordinator, agency=r.agency, year=2023)
    for answer in draft.answers.order_by("position"):
        answer_update(
            actor=r.coordinator,
            answer=answer,
            level=levels_2020[answer.code],
            justification=f"Kebijakan {answer.code}:\nPerbup tahun 2021.",
        )
    assignments = {
        "1": ([r.diskominfo], datetime.date(2023, 6, 30)),
        "2": ([r.diskominfo, r.bappeda], datetime.date(2023, 7, 15)),
        "13": ([r.bappeda], datetime.date(2023, 12, 1)),
    }
    for code, (units, due) in assignments.items():
        answer_assign(actor=r.coordinator, answer=draft.answers.get(code=code), units=units, due_date=due)
    answer_review(actor=r.internal, answer=draft.answers.get(code="1"), status=ReviewStatus.APPROVED, note="Baik")
    answer_review(
        actor=r.internal, answer=draft.answers.get(code="2"), status=ReviewStatus.REVISION, note="Lampirkan SK"
    )
    link = evidence_add_link(
        actor=r.coordinator,
        assessment=draft,
        answers=[draft.answers.get(code="1")],
        url="https://jdih.example.go.id/perbup-12-2021",
        title="Perbup 12/2021",
    )
    evidence_add_link(
        actor=r.coordinator,
        assessment=draft,
        answers=[draft.answers.get(code="13")],
        url="https://example.go.id/rkpd",
        title="RKPD",
    )
    evidence_attach(actor=r.coordinator, evidence=link, answer=draft.answers.get(code="2"))
    plan = action_plan_adopt(actor=r.coordinator, assessment=draft, target=Decimal("3.50"), target_year=2024, limits={})
    for position, action in enumerate(plan.actions.order_by("position")):
        status = [ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.PLANNED][position % 3]
        action_update(
            actor=r.coordinator,
            action=action,
            unit=r.bappeda if position % 2 else r.diskominfo,
            due_date=datetime.date(2024, 3, 1) + datetime.timedelta(days=30 * position),
            status=status,
            note=f"Tahap {position + 1}: rapat koordinasi",
        )

    # 2026: the decimal-level framework, a level with a decimal comma
    decimal = assessment_create(actor=r.coordinator, agency=r.agency, year=2026)
    answer_update(actor=r.coordinator, answer=decimal.answers.get(code="1"), level=Decimal("1.26"), justification="a")
    answer_assign(
        actor=r.coordinator,
        answer=decimal.answers.get(code="1"),
        units=[r.diskominfo],
        due_date=datetime.date(2026, 1, 31),
    )
    return {"reviewed": reviewed, "draft": draft, "decimal": decimal}


def _pages(a: dict[str, Assessment]) -> list[tuple[str, str]]:
    draft, reviewed, decimal = a["draft"].pk, a["reviewed"].pk, a["decimal"].pk
    return [
        ("indicator", f"/assessments/{draft}/indicators/1/"),
        ("indicator", f"/assessments/{draft}/indicators/2/"),
        ("indicator", f"/assessments/{draft}/indicators/13/"),
        ("indicator", f"/assessments/{reviewed}/indicators/1/"),
        ("indicator", f"/assessments/{reviewed}/indicators/13/"),
        ("indicator", f"/assessments/{decimal}/indicators/1/"),
        ("indicator list", f"/assessments/{draft}/indicators/?unit=&status=answered"),
        ("actions", f"/assessments/{draft}/actions/"),
        ("planner", f"/assessments/{draft}/plan/"),
        ("planner", f"/assessments/{draft}/plan/?target=3,60&target_year=2025&cap_11=2&cost_12_4=1,5"),
        ("dashboard", f"/assessments/{draft}/"),
        ("dashboard", f"/assessments/{reviewed}/"),
        ("worksheet import", f"/assessments/{draft}/worksheet/import/"),
        ("assessment create", "/agencies/uji/assessments/new/"),
        ("overview", "/overview/"),
        ("history", f"/assessments/{reviewed}/history/?action=answer.verified"),
        ("bulk assign", f"/assessments/{draft}/bulk/assign/"),
        ("bulk review", f"/assessments/{draft}/bulk/review/?status="),
        ("stage grid", f"/assessments/{reviewed}/bulk/stage/?stage=document"),
        ("stage grid", f"/assessments/{reviewed}/bulk/stage/?stage=interview&q=&aspect=&unit=&status="),
        # people management (the coordinator's) and one's own profile (everyone's)
        ("people", "/agencies/uji/people/"),
        ("people", "/agencies/uji/people/?q=op&role=unit_operator&unit=&status=active"),
        ("person", f"/agencies/uji/people/{User.objects.get(username='op1').pk}/"),
        ("person", f"/agencies/uji/people/{User.objects.get(username='koord').pk}/"),
        ("invite", "/agencies/uji/people/invite/"),
        ("profile", "/accounts/profile/"),
    ]


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for label in ("organizations", "evaluation", "audit"):
        for model in apps.get_app_config(label).get_models():
            if model is not AuditEvent:
                tables[model._meta.label] = list(model.objects.order_by("pk").values())
    return tables


def _differing_events(since: int) -> list[str]:
    return [
        f"{e.action} {e.target}: {e.before} -> {e.after}"
        for e in AuditEvent.objects.filter(pk__gt=since)
        if e.before != e.after
    ]


def _same_form(form: Form, html: str) -> Form | None:
    """The form in ``html`` at the same place: same action, method and position among its kind."""

    def key(f: Form) -> tuple[str, str, str]:
        return (f.action, f.method, f.attrs.get("id", ""))

    peers = [f for f in forms_of(html) if key(f) == key(form)]
    return peers[0] if len(peers) == 1 else None


def _values(form: Form) -> list[tuple[str, str]]:
    return sorted(pair for pair in form.data() if pair[0] != "csrfmiddlewaretoken")


def _calculator_filled(client: Client) -> tuple[str, str]:
    """The calculator after a person typed the 2026 example levels (decimal commas) into its form."""
    url = "/calculator/?framework=permenpanrb-8-2026"
    levels = read_levels_path(EXAMPLES / "sukamaju-2026-pemdi.csv", get_framework("permenpanrb-8-2026"))
    (form,) = [f for f in forms_of(client.get(url).content.decode()) if f.method == "post" and not f.command]
    data = dict(form.data())
    for name in list(data):
        code = name.rsplit("_", 1)[-1] if "_" in name else ""
        if code in levels:
            data[name] = str(levels[code]).replace(".", ",")
    return "calculator", client.post("/calculator/", data).content.decode()


def _submit_post(client: Client, page: str, url: str, form: Form, problems: list[str]) -> None:
    before, last_event = _snapshot(), AuditEvent.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    data = form.data()
    target = form.action or url.split("#")[0]
    response = client.post(target, _as_query(data), follow=True)
    where = f"{page} {url} -> {target}"
    if response.status_code != 200:
        problems.append(f"{where}: HTTP {response.status_code}")
        return
    html = response.content.decode()
    after = _snapshot()
    for table, rows in before.items():
        if after[table] != rows:
            changed = [
                {key: (b[key], a[key]) for key in b if a.get(key) != b[key]}
                for b, a in zip(rows, after[table], strict=False)
                if a != b
            ]
            problems.append(f"{where}: {table} changed {changed[:2] or (len(rows), len(after[table]))}")
    problems.extend(f"{where}: audit {event}" for event in _differing_events(last_event))
    shown = [mark for mark in ERROR_MARKS if mark in html]
    if shown:
        problems.append(f"{where}: the page shows an error ({shown[0]}): {_errors(html)}")
    again = _same_form(form, html)
    if again is not None and _values(again) != _values(form):
        problems.append(f"{where}: shown again as {_values(again)} instead of {_values(form)}")


def _submit_get(client: Client, page: str, url: str, form: Form, problems: list[str]) -> None:
    target = form.action or url.split("?")[0]
    response = client.get(target, _as_query(form.data()))
    where = f"{page} {url} -> GET {target}"
    if response.status_code != 200:
        problems.append(f"{where}: HTTP {response.status_code}")
        return
    again = _same_form(form, response.content.decode())
    if again is None:
        problems.append(f"{where}: the form is not shown again")
    elif _values(again) != _values(form):
        problems.append(f"{where}: shown again as {_values(again)} instead of {_values(form)}")


def _as_query(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped


def _errors(html: str) -> str:
    import re

    return " | ".join(re.findall(r'<li class="error">(.*?)</li>', html))[:300] or html[html.find("error") - 200 :][:400]


ROLES = ["coordinator", "operator", "other_operator", "internal", "external", "viewer"]


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_form_submitted_unchanged_changes_nothing(
    client: Client, regency: Regency, in_use: dict[str, Assessment], language: str
) -> None:
    submitted: Counter[str] = Counter()
    commands: Counter[str] = Counter()
    problems: list[str] = []
    for role in ROLES:
        client.force_login(getattr(regency, role))
        client.cookies["django_language"] = language
        pages: list[tuple[str, str, str]] = []
        for page, url in _pages(in_use):
            response = client.get(url)
            if response.status_code == 200:
                pages.append((page, url, response.content.decode()))
        name, html = _calculator_filled(client)
        pages.append((name, "/calculator/", html))
        for page, url, html in pages:
            for form in forms_of(html):
                if form.command:
                    commands[f"{page} [{form.command}]"] += 1
                elif form.method == "post":
                    submitted[page] += 1
                    _submit_post(client, page, url, form, problems)
                else:
                    submitted[f"{page} (GET)"] += 1
                    _submit_get(client, page, url, form, problems)
    table = "\n".join(f"  {page}: {n}" for page, n in sorted(submitted.items()))
    print(f"\n[{language}] forms submitted unchanged per page:\n{table}\ncommands counted, not sent: {dict(commands)}")
    assert not problems, "\n".join(problems[:30])
    # the minimum: what the fixture guarantees each page shows (so the test cannot pass vacuously)
    assert submitted["indicator"] >= 6 * 2 + 3  # answer and assignment forms, and the external's stage forms
    assert submitted["actions"] >= 6  # the coordinator's rows and the operators' own rows
    assert submitted["planner (GET)"] >= 3 * 2  # the planner's inputs, for the three roles that see it
    assert submitted["calculator"] >= 6 and submitted["calculator (GET)"] >= 6
    assert submitted["indicator list (GET)"] >= 5
    assert submitted["bulk assign"] >= 1 and submitted["bulk review"] >= 1 and submitted["stage grid"] >= 2
    assert submitted["history (GET)"] >= 3
    assert submitted["stage grid (GET)"] >= 2 and submitted["bulk assign (GET)"] >= 1
    assert commands["planner [adopt]"] >= 2 and commands["dashboard [transition]"] >= 1
    assert submitted["person"] >= 2 and submitted["people (GET)"] >= 2 and submitted["profile"] >= len(ROLES)
    assert commands["invite [invite]"] >= 1 and commands["person [deactivate]"] >= 1
