"""The framework an assessment was created with, rebuilt from its frozen snapshot."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spbe.scoring import Framework, load_framework_data

if TYPE_CHECKING:
    from spbe.evaluation.models import Assessment


def assessment_framework(assessment: Assessment) -> Framework:
    return _from_snapshot(assessment.pk, assessment.framework_id, _snapshot_key(assessment))


def _snapshot_key(assessment: Assessment) -> str:
    data = assessment.framework_snapshot
    return f"{data.get('id')}:{data.get('data_version')}"


@lru_cache(maxsize=256)
def _from_snapshot(assessment_id: int, framework_id: str, key: str) -> Framework:
    # The snapshot of an assessment never changes, so (id, version) identifies it.
    from spbe.evaluation.models import Assessment

    snapshot = Assessment.objects.values_list("framework_snapshot", flat=True).get(pk=assessment_id)
    return load_framework_data(snapshot, source=framework_id)
