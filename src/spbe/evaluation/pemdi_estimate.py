"""The estimated Pemdi index (8/2026) of a 59/2020 assessment, through the crosswalk. An estimate, not a result."""

from __future__ import annotations

from fractions import Fraction

from spbe.evaluation.models import Assessment
from spbe.scoring.crosswalk import CrosswalkEstimate, crosswalk_between, estimate_from

PEMDI = "permenpanrb-8-2026"


def pemdi_estimate_for(assessment: Assessment) -> CrosswalkEstimate | None:
    """The estimate from the best levels known per indicator (verified, else self-assessed).

    None for an assessment whose framework has no crosswalk into 8/2026 (8/2026 itself, 5/2018).
    """
    crosswalk = crosswalk_between(assessment.framework_id, PEMDI)
    if crosswalk is None:
        return None
    levels: dict[str, Fraction | None] = {}
    for code, verified, claimed in assessment.answers.values_list("code", "verified_level", "self_level"):
        best = verified if verified is not None else claimed
        levels[code] = Fraction(best) if best is not None else None
    return estimate_from(crosswalk, levels)
