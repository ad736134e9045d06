"""The live index of an assessment: from self levels, and from verified levels.

While levels are missing, the index is shown as a floor: unanswered indicators
count at the framework's lowest value, and the figure is marked as incomplete.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluation.models import Answer
from spbe.scoring import Framework, ScoreResult, score


@dataclass(frozen=True)
class LiveScore:
    result: ScoreResult
    missing: int  # indicators counted at the lowest value

    @property
    def complete(self) -> bool:
        return self.missing == 0


def live_score(framework: Framework, answers: Iterable[Answer], *, verified: bool = False) -> LiveScore | None:
    """Score the self (or verified) levels; ``None`` when no indicator has a level yet."""
    floor = Decimal(framework.values.minimum)
    levels: dict[str, Decimal] = {}
    missing = 0
    for answer in answers:
        value = answer.verified_level if verified else answer.self_level
        if value is None:
            missing += 1
            value = floor
        levels[answer.code] = value
    if missing == len(levels):
        return None
    return LiveScore(score(framework, levels), missing)
