"""Starting a new year carries last year's assignments and, as a choice, its texts and evidence as drafts."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from tests.conftest import Regency
from tests.evaluation.evidence_samples import make_pdf

from spbe.audit.models import AuditEvent
from spbe.evaluation.carry_over import carry_over_plan, last_year_levels
from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Answer, Assessment, Evidence, ReviewStatus
from spbe.evaluation.services.answers import answer_assign, answer_review, answer_update
from spbe.evaluation.services.assessments import assessment_create, assessment_delete, assessment_submit
from spbe.evaluation.services.carry_over import answer_confirm_carried
from spbe.evaluation.services.evidence import evidence_add_link, evidence_upload
from spbe.scoring import get_framework

pytestmark = pytest.mark.usefixtures("english", "private_media")


def _answer(assessment: Assessment, code: str) -> Answer:
    return assessment.answers.get(code=code)


def _last_year(regency: Regency, year: int = 2025) -> Assessment:
    """A 59/2020 assessment with assignments, justifications, a file and a link, and verified levels."""
    old = assessment_create(actor=regency.coordinator, agency=regency.agency, year=year)
    c = regency.coordinator
    answer_assign(actor=c, answer=_answer(old, "7"), units=[regency.diskominfo], due_date=None)
    answer_assign(actor=c, answer=_answer(old, "18"), units=[regency.bappeda], due_date=None)
    answer_assign(actor=c, answer=_answer(old, "25"), units=[regency.diskominfo, regency.bappeda], due_date=None)
    answer_update(actor=c, answer=_answer(old, "18"), level=Decimal(3), justification="SPLP dipakai 12 aplikasi.")
    answer_update(actor=c, answer=_answer(old, "7"), level=Decimal(2), justification="Perbup SPLP 2024.")
    evidence_upload(
        actor=c, assessment=old, answers=[_answer(old, "18")], name="splp.pdf", stream=io.BytesIO(make_pdf())
    )
    evidence_add_link(actor=c, assessment=old, answers=[_answer(old, "7")], url="https://jdih.uji.go.id/splp")
    Answer.objects.filter(assessment=old, code__in=["7", "18"]).update(verified_level=Decimal(2))
    Answer.objects.filter(assessment=old, code="25").update(verified_level=Decimal(4))
    return old


def test_same_framework_copies_the_assignments_but_no_levels_or_texts_by_default(regency: Regency) -> None:
    old = _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025)
    assert new.carried_from == old
    assert set(_answer(new, "25").units.all()) == {regency.diskominfo, regency.bappeda}
    assert list(_answer(new, "18").units.all()) == [regency.bappeda]
    assert not _answer(new, "1").units.exists()
    assert not new.answers.exclude(self_level=None).exists()
    assert not new.answers.exclude(justification="").exists() and not new.evidence.exists()
    assert not new.answers.filter(from_last_year=True).exists()
    (summary,) = AuditEvent.objects.filter(subject_id=new.pk, action="assessment.carried_over")
    assert summary.after["assignments"] == 4 and summary.after["source"]["year"] == 2024
    assert AuditEvent.objects.filter(subject_id=new.pk, action="answer.carried").count() == 3


def test_same_framework_with_texts_carries_justifications_and_evidence_as_references(regency: Regency) -> None:
    old = _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    carried = _answer(new, "18")
    assert carried.justification == "SPLP dipakai 12 aplikasi." and carried.from_last_year
    assert carried.self_level is None  # levels are given fresh
    (copy,) = carried.evidence.all()
    (original,) = _answer(old, "18").evidence.all()
    assert copy.assessment_id == new.pk and copy.stored_name == original.stored_name  # the same file, not a copy
    assert _answer(new, "7").evidence.get().url == "https://jdih.uji.go.id/splp"
    assert not _answer(new, "25").from_last_year  # units only: nothing to confirm
    # last year's verified level is shown beside the answer, as information
    assert last_year_levels(new)["18"].level == 2 and not last_year_levels(new)["18"].estimated


def test_deleting_last_years_assessment_keeps_the_file_the_new_one_names(  # type: ignore[no-untyped-def]
    regency: Regency, django_capture_on_commit_callbacks
) -> None:
    from spbe.evaluation import evidence_store

    old = _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    stored = _answer(new, "18").evidence.get().stored_name
    regency.coordinator.is_superuser = True
    regency.coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        assessment_delete(actor=regency.coordinator, assessment=old)
    assert evidence_store.path_of(stored).exists()
    assert Evidence.objects.filter(stored_name=stored).count() == 1


def test_59_2020_to_pemdi_goes_through_the_crosswalk(regency: Regency) -> None:
    _last_year(regency, 2025)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2026, carry_texts=True)
    assert new.framework_id == "permenpanrb-8-2026"
    # Pemdi 16 Integrasi Aplikasi <- 59/2020 7 and 18: the union of their units
    integration = _answer(new, "16")
    assert set(integration.units.all()) == {regency.diskominfo, regency.bappeda}
    assert "[59/2020 #7] Perbup SPLP 2024." in integration.justification
    assert "[59/2020 #18] SPLP dipakai 12 aplikasi." in integration.justification
    assert integration.evidence.count() == 2 and integration.from_last_year
    # Pemdi 3 SDM <- 59/2020 25
    assert set(_answer(new, "3").units.all()) == {regency.diskominfo, regency.bappeda}
    # one evidence row per source item, attached wherever its indicators map (16 and 18 both use 59/2020 18)
    assert new.evidence.count() == 2
    assert _answer(new, "18").evidence.count() == 1
    beside = last_year_levels(new)
    assert beside["16"].estimated and beside["16"].level == 2 and beside["3"].level == 4
    event = AuditEvent.objects.get(subject_id=new.pk, action="assessment.carried_over")
    assert event.after["crosswalk"] == "permenpanrb-59-2020-to-permenpanrb-8-2026"


def test_the_latest_earlier_assessment_is_the_source(regency: Regency) -> None:
    _last_year(regency, 2023)
    later = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2024)
    plan = carry_over_plan(regency.agency, 2025, get_framework("permenpanrb-59-2020"))
    assert plan is not None and plan.source == later and plan.assignments == 4
    assert carry_over_plan(regency.agency, 2023, get_framework("permenpanrb-59-2020")) is None


def test_a_carried_answer_cannot_be_approved_until_confirmed_or_edited(regency: Regency) -> None:
    _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    carried = _answer(new, "18")
    # a level alone set behind the form's back still leaves the confirmation missing
    Answer.objects.filter(pk=carried.pk).update(self_level=Decimal(3))
    with pytest.raises(WorkflowError, match="18 still holds last year's justification"):
        answer_review(actor=regency.internal, answer=carried, status=ReviewStatus.APPROVED, note="")
    confirmed = answer_confirm_carried(actor=regency.other_operator, answer=carried)
    assert not confirmed.from_last_year
    assert AuditEvent.objects.filter(subject_id=new.pk, action="answer.confirmed").count() == 1
    answer_review(actor=regency.internal, answer=carried, status=ReviewStatus.APPROVED, note="")
    assert _answer(new, "18").review_status == ReviewStatus.APPROVED


def test_saving_the_answer_confirms_it(regency: Regency) -> None:
    _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    carried = _answer(new, "7")
    unchanged = answer_update(actor=regency.operator, answer=carried, level=None, justification=carried.justification)
    assert unchanged.from_last_year  # saved unchanged: nothing happens
    saved = answer_update(actor=regency.operator, answer=carried, level=Decimal(3), justification=carried.justification)
    assert not saved.from_last_year
    event = AuditEvent.objects.filter(subject_id=new.pk, action="answer.updated").last()
    assert event is not None and event.before["from_last_year"] is True


def test_submission_lists_unconfirmed_answers(regency: Regency) -> None:
    _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    Answer.objects.filter(assessment=new).update(
        self_level=Decimal(3), justification="ok", review_status=ReviewStatus.APPROVED
    )
    with pytest.raises(WorkflowError) as caught:
        assessment_submit(actor=regency.coordinator, assessment=new)
    assert "last year's answer, not yet confirmed: 7, 18" in caught.value.message


def test_only_someone_who_may_answer_confirms(regency: Regency) -> None:
    from spbe.evaluation.errors import NotAllowed

    _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    with pytest.raises(NotAllowed):
        answer_confirm_carried(actor=regency.operator, answer=_answer(new, "18"))  # Bappeda's indicator
    with pytest.raises(NotAllowed):
        answer_confirm_carried(actor=regency.internal, answer=_answer(new, "18"))
    assert _answer(new, "18").from_last_year


def test_confirming_twice_says_there_is_nothing_left_to_confirm(regency: Regency) -> None:
    _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    answer_confirm_carried(actor=regency.coordinator, answer=_answer(new, "7"))
    with pytest.raises(WorkflowError, match="7 holds nothing from last year"):
        answer_confirm_carried(actor=regency.coordinator, answer=_answer(new, "7"))
    assert AuditEvent.objects.filter(subject_id=new.pk, action="answer.confirmed").count() == 1


def test_a_bulk_approval_refuses_the_batch_with_an_unconfirmed_answer(regency: Regency) -> None:
    from spbe.evaluation.services.bulk import BatchRefused, bulk_review

    _last_year(regency, 2024)
    new = assessment_create(actor=regency.coordinator, agency=regency.agency, year=2025, carry_texts=True)
    Answer.objects.filter(assessment=new, code__in=["1", "18"]).update(self_level=Decimal(3), justification="ok")
    with pytest.raises(BatchRefused) as caught:
        bulk_review(actor=regency.internal, assessment=new, codes=["1", "18"], status=ReviewStatus.APPROVED, note="")
    assert [r.code for r in caught.value.refusals] == ["18"]
    assert not new.answers.filter(review_status=ReviewStatus.APPROVED).exists()  # all or nothing
