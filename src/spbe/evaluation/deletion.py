"""What happens whenever evaluation rows are deleted, however the deletion is started.

These receivers see every ORM deletion, a cascade included: a final assessment refuses to be
deleted, and an evidence row takes its file with it once the deletion commits (ADR 0018).
"""

from __future__ import annotations

from typing import Any

from django.db.models import ProtectedError
from django.db.models.signals import post_delete, pre_delete
from django.utils.translation import gettext as _

from spbe.evaluation import evidence_store
from spbe.evaluation.models import Assessment, AssessmentState, Evidence


def final_assessment_message(assessment: Assessment) -> str:
    return _("The %(year)s assessment of %(agency)s is final and cannot be deleted.") % {
        "year": assessment.year,
        "agency": assessment.agency,
    }


def refuse_final_assessment(sender: type[Assessment], instance: Assessment, **kwargs: Any) -> None:
    # The state as stored, not as held in memory: a changed-but-unsaved object proves nothing.
    if Assessment.objects.filter(pk=instance.pk, state=AssessmentState.FINAL).exists():
        raise ProtectedError(final_assessment_message(instance), {instance})


def _still_used(stored_name: str) -> bool:
    return Evidence.objects.filter(stored_name=stored_name).exists()


def remove_file_after_commit(sender: type[Evidence], instance: Evidence, **kwargs: Any) -> None:
    if instance.stored_name:
        evidence_store.remove_after_commit(instance.stored_name, still_used=_still_used)


def connect() -> None:
    pre_delete.connect(refuse_final_assessment, sender=Assessment, dispatch_uid="spbe.final_assessment")
    post_delete.connect(remove_file_after_commit, sender=Evidence, dispatch_uid="spbe.evidence_file")
