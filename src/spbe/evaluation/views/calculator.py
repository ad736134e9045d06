"""The index calculator: upload a levels file or fill the levels, see the index.

The same core as ``spbe score``: same parsing, same errors, same numbers.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from spbe.evaluation.presenters import framework_tree, result_view
from spbe.scoring import (
    Framework,
    SpbeInputError,
    UnknownFrameworkError,
    all_frameworks,
    current_year,
    framework_for_year,
    get_framework,
    levels_from_form,
    read_levels,
    score,
)
from spbe.scoring.levels_file import MAX_FILE_BYTES
from spbe.scoring.numbers import format_number

FIELD_PREFIX = "level_"


@require_http_methods(["GET", "HEAD", "POST"])
def calculator(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "id"
    errors: list[str] = []
    framework = _chosen_framework(request, errors, lang)
    entered: dict[str, str] = {}
    result = None
    if request.method == "POST" and not errors:
        upload = request.FILES.get("levels_file")
        try:
            if upload is not None:
                levels = read_levels(upload.read(MAX_FILE_BYTES + 1), framework)
                entered = {code: format_number(value) for code, value in levels.items()}
            else:
                entered = {i.code: request.POST.get(FIELD_PREFIX + i.code, "").strip() for i in framework.indicators}
                levels = levels_from_form(entered, framework)
            result = result_view(score(framework, levels), lang)
        except SpbeInputError as exc:
            errors = exc.messages(lang)
    return render(
        request,
        "evaluation/calculator.html",
        {
            "framework": framework,
            "frameworks": all_frameworks(),
            "tree": framework_tree(framework, lang, entered),
            "levels": framework.levels,
            "field_prefix": FIELD_PREFIX,
            "errors": errors,
            "result": result,
        },
    )


@require_safe
def levels_template(request: HttpRequest) -> HttpResponse:
    """A CSV with every indicator code and an empty level, ready to fill in."""
    framework = _chosen_framework(request, [], get_language() or "id")
    lines = ["indicator,level"] + [f"{indicator.code}," for indicator in framework.indicators]
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{framework.id}-levels.csv"'
    return response


def _chosen_framework(request: HttpRequest, errors: list[str], lang: str) -> Framework:
    framework_id = request.POST.get("framework") or request.GET.get("framework")
    if framework_id:
        try:
            return get_framework(framework_id)
        except UnknownFrameworkError as exc:
            errors.extend(exc.messages(lang))
    return framework_for_year(current_year())
