"""The filters of the history page: by indicator, person, kind of change and date (query string)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.audit.actions import AuditAction
from spbe.core.fields import StrictCharField
from spbe.evaluation.forms import iso_date_field


class HistoryFilterForm(forms.Form):
    indicator = StrictCharField(label=_("Indicator"), required=False, max_length=10)
    person = forms.ChoiceField(label=_("Who"), required=False)
    action = forms.ChoiceField(label=_("What"), required=False)
    since = iso_date_field(_("From"))
    until = iso_date_field(_("Until"))

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = ("", _("everyone"))
        self.fields["person"].choices = [everyone, *((str(pk), name) for pk, name in people)]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", _("every change")), *AuditAction.choices]  # type: ignore[attr-defined]

    def clean_indicator(self) -> str:
        code: str = self.cleaned_data["indicator"].strip()
        if "," in code or ":" in code:
            raise forms.ValidationError(_("Give one indicator number, e.g. 12."))
        return code
