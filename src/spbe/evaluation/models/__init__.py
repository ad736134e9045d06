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
)
from spbe.evaluation.models.levels import ExactLevelField, LevelInput, LevelValue, level_text, level_value
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
    "ExactLevelField",
    "LevelInput",
    "LevelValue",
    "ReviewStatus",
    "Stage",
    "StageReview",
    "level_text",
    "level_value",
]
