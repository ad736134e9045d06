"""Forms of the assessment workflow: they parse input; services decide what is allowed.

Every field is strict in one way (spbe.core.fields): ASCII digits only, a length limit, no NUL;
dates are rendered as ISO yyyy-mm-dd, the only value an ``<input type=date>`` accepts.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.fields import (
    StrictCharField,
    StrictIntegerField,
    StrictModelChoiceField,
    StrictModelMultipleChoiceField,
    StrictURLField,
)
from spbe.evaluation.models import ActionStatus, ReviewStatus, Stage
from spbe.organizations.models import Unit
from spbe.scoring.numbers import ZeroDenominatorError, parse_level_text

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOTE_LENGTH = 2000
JUSTIFICATION_LENGTH = 10_000
TITLE_LENGTH = 200
URL_LENGTH = 500


class IsoDateInput(forms.DateInput):
    """``<input type=date>``: the browser shows the date in the reader's locale but only takes ISO."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def iso_date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=IsoDateInput(),
        error_messages={"invalid": _("Enter the date as a date, e.g. 2023-06-30.")},
    )


class LevelField(forms.CharField):
    """A level typed or chosen by a person: "3", "1,26", "1.26" or an exact fraction "7/6"; empty
    means no level. Whether the framework allows the value is the service's decision."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=40, **kwargs)

    def to_python(self, value: Any) -> Decimal | Fraction | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            parsed = parse_level_text(text, decimal_comma=True) if text.isascii() else None
        except ZeroDenominatorError:
            raise forms.ValidationError(
                _("The fraction %(value)s divides by zero; enter the level as e.g. 3, 1,26 or 7/6."),
                code="invalid",
                params={"value": text},
            ) from None
        if parsed is None:
            raise forms.ValidationError(_("Enter the level as a number, e.g. 3 or 1,26."), code="invalid")
        return parsed

    def run_validators(self, value: Any) -> None:
        return None  # the text was checked in to_python; the Decimal has no length to check


class AnswerForm(forms.Form):
    level = LevelField(label=_("Level"), required=False)
    external_pending = forms.BooleanField(label=_("External value pending"), required=False)
    justification = StrictCharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=JUSTIFICATION_LENGTH,
    )
    version = StrictIntegerField(widget=forms.HiddenInput, label=_("Version"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_error("version"):
            # A hidden field: its error would not be seen next to it.
            del self.errors["version"]
            raise forms.ValidationError(
                _(
                    "The form has lost its version number, so it cannot tell whether someone else saved meanwhile; "
                    "reload the page and save again."
                ),
                code="version",
            )
        return data


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(ReviewStatus.APPROVED, _("Approve")), (ReviewStatus.REVISION, _("Request revision"))]
    )
    note = StrictCharField(
        label=_("Note for the unit"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=NOTE_LENGTH
    )
    evidence_confirmed = forms.BooleanField(
        label=_("I approve although this indicator has no evidence"), required=False
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    level = LevelField(label=_("Level"), required=False)
    notes = StrictCharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=NOTE_LENGTH
    )


class UnitsField(StrictModelMultipleChoiceField):
    """Units chosen from the agency's list; a value that cannot be a unit's number is refused like any
    unit not in the list, before a query."""

    default_error_messages = {
        "invalid_choice": _("Choose the units from the list: %(value)s is not a unit of this agency."),
    }


class AssignForm(forms.Form):
    units = UnitsField(queryset=Unit.objects.none(), required=False, label=_("Units"))
    due_date = iso_date_field(_("Due date"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,
        error_messages={"empty": _("The chosen file is empty (0 bytes); choose the file that holds the evidence.")},
    )
    url = StrictURLField(label=_("Link"), required=False, assume_scheme="https", max_length=URL_LENGTH)
    title = StrictCharField(label=_("Title"), max_length=TITLE_LENGTH, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_error("file") or self.has_error("url"):
            return data  # the field's own message says what is wrong
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Choose a file or give a link (one of the two)."))
        return data


class AttachForm(forms.Form):
    evidence = StrictIntegerField(min_value=1)


class ActionForm(forms.Form):
    """One row of the action list; fields the person may not change are sent as they are."""

    unit = StrictModelChoiceField(queryset=Unit.objects.none(), required=False, label=_("Responsible unit"))
    due_date = iso_date_field(_("Due date"))
    status = forms.ChoiceField(choices=ActionStatus.choices, label=_("Status"))
    note = StrictCharField(label=_("Note"), required=False, max_length=NOTE_LENGTH)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].error_messages["invalid_choice"] = _("Choose a unit of this agency.")


class CreateAssessmentForm(forms.Form):
    year = StrictIntegerField(label=_("Evaluation year"), min_value=2018, max_value=2100)
    framework = forms.ChoiceField(label=_("Framework"), required=False)
    carry_texts = forms.BooleanField(
        label=_("Also copy last year's justifications and evidence links as drafts"),
        help_text=_('They are marked "from last year" and must be confirmed or edited before approval.'),
        required=False,
    )

    def __init__(self, *args: Any, frameworks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [("", _("The framework in force that year")), *frameworks]  # type: ignore[attr-defined]
