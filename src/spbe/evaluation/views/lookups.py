"""View helpers shared by the evaluation and report pages: find what the user may see, or answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest

from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Answer, Assessment
from spbe.evaluation.selectors import answers_visible_to, assessments_visible_to
from spbe.organizations.access import Access, access_for
from spbe.organizations.models import User


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def load_assessment(request: HttpRequest, pk: int, *, whole: bool = False) -> tuple[Assessment, Access]:
    """The assessment if the user may see it; ``whole`` pages (review, history, planner, reports)
    show every indicator, so they also need a role that sees every indicator."""
    assessment = assessments_visible_to(user_of(request)).filter(pk=pk).first()
    if assessment is None:
        raise Http404
    access = access_for(user_of(request), assessment.agency_id)
    if whole and not access.sees_every_indicator:
        raise Http404
    return assessment, access


def load_answer(request: HttpRequest, pk: int, code: str) -> tuple[Assessment, Access, Answer]:
    assessment, access = load_assessment(request, pk)
    answer = answers_visible_to(access, assessment).filter(code=code).first()
    if answer is None:
        raise Http404
    return assessment, access, answer


def report(request: HttpRequest, error: WorkflowError) -> None:
    for message in error.messages:
        messages.error(request, message)
