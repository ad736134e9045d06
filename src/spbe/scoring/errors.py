"""Errors a user can cause, carrying every problem found so none is hidden."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spbe.scoring.messages import DEFAULT_LANGUAGE, render


@dataclass(frozen=True)
class Problem:
    """One thing to fix, as a message key with its parameters and, for files, its row."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    row: int | None = None

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        params = {
            name: value.message(lang) if isinstance(value, Problem) else value for name, value in self.params.items()
        }
        text = render(self.key, params, lang)
        if self.row is not None:
            return render("row", {"row": self.row, "message": text}, lang)
        return text


class SpbeInputError(ValueError):
    """Input that cannot be used; ``problems`` names every offending item."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("an input error needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.message("en"))

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """All problems on one line, in ``lang``."""
        return "; ".join(problem.message(lang) for problem in self.problems)

    def messages(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        return [problem.message(lang) for problem in self.problems]


class FrameworkError(SpbeInputError):
    """Framework data that is malformed or whose weights do not add up."""


class UnknownFrameworkError(SpbeInputError):
    """A framework id or year that matches no shipped framework."""


class ScoringError(SpbeInputError):
    """Levels that do not fit the framework: missing, unknown or not allowed."""


class LevelsFileError(SpbeInputError):
    """A levels file (CSV or XLSX) that cannot be read into levels."""
