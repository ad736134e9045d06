"""The pure scoring core: frameworks as data, the exact index, levels input.

Nothing here imports Django; the web app, the CLI and reports all call it.
"""

from spbe.scoring.calculator import GroupScore, ScoreResult, find_problems, score
from spbe.scoring.errors import (
    FrameworkError,
    LevelsFileError,
    Problem,
    ScoringError,
    SpbeInputError,
    UnknownFrameworkError,
)
from spbe.scoring.levels_file import levels_from_form, read_levels, read_levels_path
from spbe.scoring.loader import load_framework_data, load_framework_text
from spbe.scoring.model import Framework, Indicator
from spbe.scoring.registry import (
    all_frameworks,
    current_year,
    framework_for_year,
    framework_snapshot,
    get_framework,
)

__all__ = [
    "Framework",
    "FrameworkError",
    "GroupScore",
    "Indicator",
    "LevelsFileError",
    "Problem",
    "ScoreResult",
    "ScoringError",
    "SpbeInputError",
    "UnknownFrameworkError",
    "all_frameworks",
    "current_year",
    "find_problems",
    "framework_for_year",
    "framework_snapshot",
    "get_framework",
    "levels_from_form",
    "load_framework_data",
    "load_framework_text",
    "read_levels",
    "read_levels_path",
    "score",
]
