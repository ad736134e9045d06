"""Submit an admin change form as a browser would: every field as rendered, unless changed."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse


def form_data(response: HttpResponse) -> dict[str, Any]:
    """The values the admin page rendered (main form, inline management forms and rows)."""
    context: Any = response.context  # type: ignore[attr-defined]
    forms: list[Any] = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data: dict[str, Any] = {}
    for form in forms:
        for field in form:
            if field.field.disabled:
                continue
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = str(value)
    return data


def inline_row(data: dict[str, Any], prefix: str, **fields: Any) -> dict[str, Any]:
    """Add one new row to the inline ``prefix`` of ``data``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = str(value)
    return data


def row_index(data: dict[str, Any], prefix: str, pk: int) -> int:
    """Which row of the inline ``prefix`` holds the object ``pk``."""
    for key, value in data.items():
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(pk):
            return int(key.split("-")[1])
    raise KeyError(f"{prefix} row {pk} not on the page")
