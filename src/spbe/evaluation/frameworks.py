"""The framework an assessment was created with, rebuilt from its frozen snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spbe.scoring import Framework, load_framework_data

if TYPE_CHECKING:
    from spbe.evaluation.models import Assessment

_CACHE_SIZE = 256
_cache: dict[tuple[int, str], Framework] = {}


def assessment_framework(assessment: Assessment) -> Framework:
    """Validated once per process and assessment: a snapshot never changes after creation.

    Built from the snapshot the caller already loaded, so it costs no query.
    """
    snapshot = assessment.framework_snapshot
    key = (assessment.pk, f"{snapshot.get('id')}:{snapshot.get('data_version')}")
    framework = _cache.get(key)
    if framework is None:
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        framework = _cache[key] = load_framework_data(snapshot, source=assessment.framework_id)
    return framework
