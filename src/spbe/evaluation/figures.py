"""The two figures of an assessment, named and computed in one place for every page and report.

- the **self-assessment index** (indeks penilaian mandiri): from the levels the agency gave itself;
- the **verified index** (indeks terverifikasi): from the levels the external assessors gave.

Either is **provisional** (sementara) while some indicators have no value yet: those count at the
framework's lowest value, and the figure says how many they are ("sementara: 19 dari 47 indikator
belum bernilai"). The dashboard, the review screen, the planner, the PDF and the workbook all
show ``assessment_figures(...)``, so they cannot disagree (ADR 0026).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from spbe.evaluation.models import Answer, AssessmentState
from spbe.evaluation.scores import LiveScore, live_score
from spbe.scoring import Framework, ScoreResult

SELF = "self"
VERIFIED = "verified"
NO_FIGURE = "—"


@dataclass(frozen=True)
class IndexFigure:
    """One labelled figure: its kind, the score (``None`` while no indicator has a value) and the count."""

    kind: str  # SELF or VERIFIED
    live: LiveScore | None
    total: int  # indicators of the assessment

    @property
    def result(self) -> ScoreResult | None:
        return self.live.result if self.live is not None else None

    @property
    def index(self) -> Decimal | None:
        """The index rounded half-up to two decimals, as the ministry publishes it."""
        return self.live.result.index_rounded if self.live is not None else None

    @property
    def missing(self) -> int:
        """Indicators without a value (all of them while there is no figure)."""
        return self.live.missing if self.live is not None else self.total

    @property
    def provisional(self) -> bool:
        return self.live is not None and self.live.missing > 0

    @property
    def complete(self) -> bool:
        return self.live is not None and self.live.missing == 0

    @property
    def label(self) -> str:
        return _("Self-assessment index") if self.kind == SELF else _("Verified index")

    @property
    def shown(self) -> str:
        """The index in the active language's format (2,28 / 2.28), or a dash while there is none."""
        if self.index is None:
            return NO_FIGURE
        return formats.number_format(self.index, decimal_pos=2, use_l10n=True)

    @property
    def predicate(self) -> str:
        """The predicate band of the figure, in the active language ("" while there is no figure)."""
        return self.live.result.predicate.label(get_language() or "id") if self.live is not None else ""

    @property
    def note(self) -> str:
        """Why the figure is not final yet: provisional with how many indicators lack a value, or none yet."""
        if self.live is None:
            return ngettext(
                "no figure yet: %(total)d indicator has no value",
                "no figure yet: none of the %(total)d indicators has a value",
                self.total,
            ) % {"total": self.total}
        if not self.live.missing:
            return ""
        return ngettext(
            "provisional: %(missing)d of %(total)d indicators has no value yet",
            "provisional: %(missing)d of %(total)d indicators have no value yet",
            self.live.missing,
        ) % {"missing": self.live.missing, "total": self.total}

    @property
    def text(self) -> str:
        """Label, figure and note in one line, e.g. "Self-assessment index 2,28 (provisional: ...)"."""
        line = f"{self.label} {self.shown}"
        return f"{line} ({self.note})" if self.note else line


@dataclass(frozen=True)
class AssessmentFigures:
    self_index: IndexFigure
    verified_index: IndexFigure
    final: bool  # the assessment is final: the verified index is the result

    @property
    def headline(self) -> IndexFigure:
        """The figure that stands for the assessment: verified once final, else the self-assessment."""
        return self.verified_index if self.final and self.verified_index.live is not None else self.self_index


def assessment_figures(framework: Framework, answers: Iterable[Answer], *, state: str = "") -> AssessmentFigures:
    """Both figures over every answer of the assessment (pass them all: the figures are about the agency)."""
    answers = list(answers)
    return AssessmentFigures(
        self_index=IndexFigure(SELF, live_score(framework, answers), len(answers)),
        verified_index=IndexFigure(VERIFIED, live_score(framework, answers, verified=True), len(answers)),
        final=state == AssessmentState.FINAL,
    )
