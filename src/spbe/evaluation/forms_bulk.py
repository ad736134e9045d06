"""Forms of the bulk pages: they parse the selection; the bulk services decide what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.fields import StrictCharField
from spbe.evaluation.forms import NOTE_LENGTH, LevelField, UnitsField, iso_date_field
from spbe.evaluation.models import ReviewStatus, Stage
from spbe.evaluation.services.bulk import ASSIGN_ADD, ASSIGN_REPLACE, StageRow
from spbe.organizations.models import Unit


class _SelectionForm(forms.Form):
    """A form whose ``codes`` are the indicators the person ticked, from the rows the page shows."""

    codes = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Indicators"),
        error_messages={"invalid_choice": _("Indicator %(value)s is not on this page; reload it and select again.")},
    )

    def __init__(self, *args: Any, codes: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(c, c) for c in codes]  # type: ignore[attr-defined]


class BulkAssignForm(_SelectionForm):
    units = UnitsField(queryset=Unit.objects.none(), required=False, label=_("Units"))
    due_date = iso_date_field(_("Due date (empty: keep each indicator's)"))
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[
            (ASSIGN_ADD, _("Add these units to the units each indicator has")),
            (ASSIGN_REPLACE, _("Replace each indicator's units with these")),
        ],
        initial=ASSIGN_ADD,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, codes: Sequence[str], units: Any, **kwargs: Any) -> None:
        super().__init__(*args, codes=codes, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class BulkReviewForm(_SelectionForm):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ReviewStatus.APPROVED, _("Approve")), (ReviewStatus.REVISION, _("Request revision"))],
        initial=ReviewStatus.APPROVED,
        widget=forms.RadioSelect,
    )
    note = StrictCharField(
        label=_("Note for the units"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=NOTE_LENGTH,
    )
    evidence_confirmed = forms.BooleanField(
        label=_("I approve the selected indicators even where they have no evidence"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ReviewStatus.REVISION and not (data.get("note") or "").strip():
            # said once for the batch, not once per selected row
            self.add_error("note", _("Say what must be revised: the note is required."))
        return data


class StageGridForm(forms.Form):
    """One stage for many indicators: a level and notes per row (``level_<code>``, ``notes_<code>``)."""

    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)

    def __init__(self, *args: Any, codes: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = list(codes)
        for code in self.codes:
            self.fields[f"level_{code}"] = LevelField(label=_("Level"), required=False)
            self.fields[f"notes_{code}"] = StrictCharField(
                label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=NOTE_LENGTH
            )

    def rows(self) -> list[StageRow]:
        data = self.cleaned_data
        return [StageRow(code, data.get(f"level_{code}"), data.get(f"notes_{code}") or "") for code in self.codes]

    def bound_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(code, self[f"level_{code}"], self[f"notes_{code}"]) for code in self.codes]
