"""Errors a user can cause, carrying every problem found so none is hidden."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

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


class _Titled(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def title_en(self) -> str: ...


def framework_name(framework: _Titled) -> Problem:
    """A framework's title in the reader's language, for a message (never its internal id)."""
    return Problem("framework_title", {"title": framework.title, "title_en": framework.title_en})


MAX_SHOWN = 20  # problems listed before "... and N more"; a file may have half a million bad rows


def more_text(count: int, lang: str = DEFAULT_LANGUAGE, *, rows: bool = True) -> str:
    """ "... and 498,990 more rows" in ``lang``, with the language's thousands separator."""
    number = f"{count:,}"
    if lang != "en":
        number = number.replace(",", ".")
    return render("more_rows" if rows else "more_problems", {"count": number}, lang)


class ProblemList:
    """Collects problems but keeps only the first ``keep``, counting the rest."""

    def __init__(self, keep: int = MAX_SHOWN) -> None:
        self.keep = keep
        self.kept: list[Problem] = []
        self.dropped = 0

    def append(self, problem: Problem) -> None:
        if len(self.kept) < self.keep:
            self.kept.append(problem)
        else:
            self.dropped += 1

    def __bool__(self) -> bool:
        return bool(self.kept)

    def __len__(self) -> int:
        return len(self.kept) + self.dropped


class SpbeInputError(ValueError):
    """Input that cannot be used; ``problems`` names the offending items.

    At most ``MAX_SHOWN`` are listed; the rest (including ``dropped`` ones that a
    ``ProblemList`` never kept) are summed up in one last line.
    """

    def __init__(self, problems: Sequence[Problem] | ProblemList) -> None:
        dropped = 0
        if isinstance(problems, ProblemList):
            dropped = problems.dropped
            problems = problems.kept
        if not problems:
            raise ValueError("an input error needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.dropped = dropped
        super().__init__(self.message("en"))

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The problems on one line, in ``lang``."""
        return "; ".join(self.messages(lang))

    def messages(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        shown = [problem.message(lang) for problem in self.problems[:MAX_SHOWN]]
        hidden = self.problems[MAX_SHOWN:]
        more = len(hidden) + self.dropped
        if more:
            rows = all(problem.row is not None for problem in self.problems)
            shown.append(more_text(more, lang, rows=rows))
        return shown


class FrameworkError(SpbeInputError):
    """Framework data that is malformed or whose weights do not add up."""


class UnknownFrameworkError(SpbeInputError):
    """A framework id or year that matches no shipped framework."""


class ScoringError(SpbeInputError):
    """Levels that do not fit the framework: missing, unknown or not allowed."""


class LevelsFileError(SpbeInputError):
    """A levels file (CSV or XLSX) that cannot be read into levels."""


class SpreadsheetError(LevelsFileError):
    """An uploaded spreadsheet that is damaged or larger than we agree to read."""
