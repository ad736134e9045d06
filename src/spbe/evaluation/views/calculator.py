"""The index calculator: upload a levels file or fill the levels, see the index.

The same core as ``spbe score``: same parsing, same errors, same numbers.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
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
from spbe.scoring.detect import frameworks_for_codes
from spbe.scoring.levels_file import MAX_FILE_BYTES, file_indicator_codes
from spbe.scoring.numbers import exact_level_text

FIELD_PREFIX = "level_"


@require_http_methods(["GET", "HEAD", "POST"])
def calculator(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "id"
    errors: list[str] = []
    framework = _chosen_framework(request, errors, lang)
    entered: dict[str, str] = {}
    result = None
    detected = ""
    if request.method == "POST" and not errors:
        upload = request.FILES.get("levels_file")
        try:
            if upload is not None:
                data = upload.read(MAX_FILE_BYTES + 1)
                found = _framework_of_file(request, data, framework, lang)
                if isinstance(found, str):
                    raise _Ambiguous(found)
                if found is not framework or not request.POST.get("framework"):
                    detected = found.label(lang)
                framework = found
                levels = read_levels(data, framework)
                entered = {code: exact_level_text(value) for code, value in levels.items()}  # 7/6 stays 7/6
            else:
                entered = {i.code: request.POST.get(FIELD_PREFIX + i.code, "").strip() for i in framework.indicators}
                levels = levels_from_form(entered, framework)
            result = result_view(score(framework, levels), lang)
        except _Ambiguous as exc:
            errors = [exc.message]
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
            "detected": detected,
            # a framework the person chose on the page is also the upload's; else the codes decide
            "upload_choice": framework.id if (request.POST.get("framework") or request.GET.get("framework")) else "",
        },
    )


class _Ambiguous(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _framework_of_file(request: HttpRequest, data: bytes, page_framework: Framework, lang: str) -> Framework | str:
    """The framework to read an uploaded file with, or a message asking the person to choose.

    The file's indicator codes decide when they fit one framework only (its complete set of
    codes, or codes only one framework knows); a framework chosen in the upload form is kept
    while the codes fit it; when they fit several and none was chosen, the person chooses.
    """
    chosen = request.POST.get("framework") or ""
    fitting = frameworks_for_codes(file_indicator_codes(data), all_frameworks())
    if len(fitting) == 1:
        return fitting[0]
    if chosen:
        return page_framework
    if len(fitting) > 1:
        names = "; ".join(f.label(lang) for f in fitting)
        return _(
            "The indicator codes of the file fit more than one framework (%(names)s): "
            "choose the file's framework in the upload form and upload it again."
        ) % {"names": names}
    return page_framework  # fits none: reading it with the page's framework names the unknown codes


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
