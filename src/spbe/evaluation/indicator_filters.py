"""The filters and the text search of indicator lists, read from the query string, shared by every list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from spbe.core.parsing import whole_number
from spbe.evaluation.models import Answer, ReviewStatus
from spbe.scoring import Framework

SEARCH_LENGTH = 100

STATUS_FILTERS: dict[str, Callable[[Answer], bool]] = {
    "unanswered": lambda a: a.self_level is None,
    "answered": lambda a: a.self_level is not None,
    "waiting": lambda a: a.self_level is not None and a.review_status == ReviewStatus.PENDING,
    "no_evidence": lambda a: not a.evidence.all(),
    "revision": lambda a: a.review_status == ReviewStatus.REVISION,
    "approved": lambda a: a.review_status == ReviewStatus.APPROVED,
    "unverified": lambda a: a.verified_level is None,
    "verified": lambda a: a.verified_level is not None,
    "unassigned": lambda a: not a.units.all(),
}

STATUS_LABELS = [
    ("unanswered", _("Not answered")),
    ("answered", _("Answered")),
    ("waiting", _("Waiting for review")),
    ("no_evidence", _("Without evidence")),
    ("revision", _("Revision requested")),
    ("approved", _("Approved internally")),
    ("unverified", _("Not verified")),
    ("verified", _("Verified")),
    ("unassigned", _("Not assigned")),
]


def filter_code(text: str | None) -> str:
    """A domain or aspect code from the query string; anything else (a NUL, a long text) filters nothing."""
    return text if text and len(text) <= 10 and text.isascii() and text.isprintable() else ""


def search_text(text: str | None) -> str:
    """The search words: printable, at most ``SEARCH_LENGTH`` characters; anything else searches nothing."""
    text = (text or "").strip()
    return text if len(text) <= SEARCH_LENGTH and text.isprintable() else ""


def matches(framework: Framework, answer: Answer, words: str) -> bool:
    """Whether the indicator's number or its name (in either language) holds every word of the search."""
    if not words:
        return True
    indicator = framework.indicator(answer.code)
    names = [indicator.label("id"), indicator.label("en")] if indicator else []
    haystack = " ".join([answer.code, *names]).casefold()
    return all(word in haystack for word in words.casefold().split())


@dataclass(frozen=True)
class Filters:
    domain: str = ""
    aspect: str = ""
    unit: str = ""
    status: str = ""
    q: str = ""

    @classmethod
    def read(cls, params: QueryDict, *, status: str = "") -> Filters:
        return cls(
            domain=filter_code(params.get("domain")),
            aspect=filter_code(params.get("aspect")),
            unit=params.get("unit", "") if whole_number(params.get("unit", ""), minimum=1, maximum=2**62) else "",
            status=params.get("status", status) if params.get("status", status) in STATUS_FILTERS else "",
            q=search_text(params.get("q")),
        )

    def apply(self, framework: Framework, queryset: QuerySet[Answer]) -> list[Answer]:
        if self.domain:
            queryset = queryset.filter(domain_code=self.domain)
        if self.aspect:
            queryset = queryset.filter(aspect_code=self.aspect)
        if self.unit:
            queryset = queryset.filter(Q(units__id=int(self.unit)))
        answers = list(queryset)
        if self.status:
            answers = [a for a in answers if STATUS_FILTERS[self.status](a)]
        return [a for a in answers if matches(framework, a, self.q)]
