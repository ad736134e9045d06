"""Framework browser: domains, aspects, indicators, weights and level criteria."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from spbe.evaluation.presenters import framework_tree
from spbe.scoring import UnknownFrameworkError, all_frameworks, get_framework


@require_safe
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/framework_list.html", {"frameworks": all_frameworks()})


@require_safe
def framework_detail(request: HttpRequest, framework_id: str) -> HttpResponse:
    try:
        framework = get_framework(framework_id)
    except UnknownFrameworkError as exc:
        raise Http404(exc.message(get_language() or "id")) from None
    return render(
        request,
        "evaluation/framework_detail.html",
        {"framework": framework, "tree": framework_tree(framework, get_language() or "id")},
    )
