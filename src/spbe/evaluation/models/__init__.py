"""Evaluation models: assessments with their answers, reviews and evidence; action plans."""

from spbe.evaluation.models.assessment import (
    STAGE_ORDER,
    Answer,
    Assessment,
    AssessmentState,
    Evidence,
    ReviewStatus,
    Stage,
    StageReview,
    level_text,
)
from spbe.evaluation.models.plans import Action, ActionPlan, ActionStatus

__all__ = [
    "STAGE_ORDER",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "Answer",
    "Assessment",
    "AssessmentState",
    "Evidence",
    "ReviewStatus",
    "Stage",
    "StageReview",
    "level_text",
]
