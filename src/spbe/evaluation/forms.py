"""Forms of the assessment workflow: they parse input; services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.parsing import whole_number
from spbe.evaluation.models import ReviewStatus, Stage
from spbe.organizations.models import Unit
from spbe.scoring.numbers import parse_decimal_text


class LevelField(forms.CharField):
    """A level typed or chosen by a person: "3", "1,26" or "1.26"; empty means no level."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_decimal_text(text, decimal_comma=True)
        if parsed is None:
            raise forms.ValidationError(_("Enter the level as a number, e.g. 3 or 1,26."), code="invalid")
        return parsed


class AnswerForm(forms.Form):
    level = LevelField(label=_("Level"), required=False)
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(ReviewStatus.APPROVED, _("Approve")), (ReviewStatus.REVISION, _("Request revision"))]
    )
    note = forms.CharField(label=_("Note for the unit"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    level = LevelField(label=_("Level"), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class UnitsField(forms.ModelMultipleChoiceField):
    """Units chosen from the agency's list. A value that cannot be a unit's number (not ASCII digits,
    or beyond what the database stores) is refused like any unit not in the list, before a query."""

    default_error_messages = {
        "invalid_choice": _("Choose the units from the list: %(value)s is not a unit of this agency."),
    }

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for item in value:
                if whole_number(str(item), minimum=1, maximum=2**63 - 1) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(item)[:24]}
                    )
        return super().clean(value)


class AssignForm(forms.Form):
    units = UnitsField(queryset=Unit.objects.none(), required=False, label=_("Units"))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("or a link"), required=False, assume_scheme="https")
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Choose a file or give a link (one of the two)."))
        return data


class AttachForm(forms.Form):
    evidence = forms.IntegerField()


class CreateAssessmentForm(forms.Form):
    year = forms.IntegerField(label=_("Evaluation year"), min_value=2018, max_value=2100)
    framework = forms.ChoiceField(label=_("Framework"), required=False)

    def __init__(self, *args: Any, frameworks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [("", _("The framework in force that year")), *frameworks]  # type: ignore[attr-defined]
