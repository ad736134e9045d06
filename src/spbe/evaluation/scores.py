"""The live index of an assessment: from self levels, and from verified levels.

While levels are missing, the index is shown as a floor: unanswered indicators
count at the framework's lowest value, and the figure is marked as incomplete.
An indicator marked "external value pending" (its value comes from another national
index not yet available) also counts at the lowest value, whatever level it holds,
and the figure says how many such indicators it includes. Since every value is at
least the lowest (1.00 for 8/2026), the index never falls below it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluation.models import Answer, LevelValue
from spbe.scoring import Framework, ScoreResult, score


@dataclass(frozen=True)
class LiveScore:
    result: ScoreResult
    missing: int  # indicators counted at the lowest value
    external_pending: int = 0  # indicators counted at the lowest value while an external value is awaited

    @property
    def complete(self) -> bool:
        return self.missing == 0


def live_score(framework: Framework, answers: Iterable[Answer], *, verified: bool = False) -> LiveScore | None:
    """Score the self (or verified) levels; ``None`` when no indicator has a level yet."""
    floor = Decimal(framework.values.minimum)
    levels: dict[str, LevelValue] = {}
    missing = 0
    pending = 0
    for answer in answers:
        value = answer.verified_level if verified else answer.self_level
        if answer.external_pending:
            pending += 1
            value = floor
        elif value is None:
            missing += 1
            value = floor
        levels[answer.code] = value
    if missing + pending == len(levels):
        return None  # no indicator has a value of its own: a pending external value alone is no figure
    return LiveScore(score(framework, levels), missing, pending)
