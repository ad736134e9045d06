"""Form fields with the project's strict rules for what people type: ASCII digits, no NUL, a length limit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from spbe.core.parsing import whole_number

# The largest whole number any form accepts: well inside a 64-bit database integer.
MAX_WHOLE = 2**62


def refuse_nul(label: object, value: str) -> None:
    """PostgreSQL cannot store a NUL character in text: refuse it with the field's name."""
    if "\x00" in value:
        raise forms.ValidationError(
            _("%(field)s contains a NUL character (\\0), which cannot be stored; remove it.") % {"field": label},
            code="null_characters_not_allowed",
        )


class StrictIntegerField(forms.Field):
    """A whole number written with the ASCII digits 0-9 only ("١" or "３" are refused), within bounds."""

    widget = forms.TextInput

    def __init__(self, *, min_value: int = 0, max_value: int = MAX_WHOLE, **kwargs: Any) -> None:
        self.min_value = min_value
        self.max_value = max_value
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["inputmode"] = "numeric"
        return attrs

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        parsed = whole_number(text, minimum=self.min_value, maximum=self.max_value)
        if parsed is None:
            raise forms.ValidationError(
                _("%(field)s must be a whole number from %(minimum)s to %(maximum)s, written with the digits 0-9.")
                % {"field": self.label or _("This field"), "minimum": self.min_value, "maximum": self.max_value},
                code="invalid",
            )
        return parsed


class StrictCharField(forms.CharField):
    """Text with a length limit always (default 2,000 characters) and a NUL character refused by name."""

    def __init__(self, *, max_length: int = 2000, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        # Django's own NUL and length validators speak without the field's name; ours name it.
        self.validators = [
            v for v in self.validators if not isinstance(v, MaxLengthValidator | ProhibitNullCharactersValidator)
        ]

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value) or "")
        refuse_nul(self.label or _("This field"), text)
        if self.max_length is not None and len(text) > self.max_length:
            raise forms.ValidationError(
                _("%(field)s is too long: %(length)s characters, at most %(maximum)s.")
                % {"field": self.label or _("This field"), "length": len(text), "maximum": self.max_length},
                code="max_length",
            )
        return str(text)


class StrictURLField(forms.URLField):
    """A link with a length limit (the model's 500 characters) and a NUL character refused by name."""

    def __init__(self, *, max_length: int = 500, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def to_python(self, value: Any) -> str:
        raw = "" if value in self.empty_values else str(value)
        refuse_nul(self.label or _("This field"), raw)
        if self.max_length is not None and len(raw.strip()) > self.max_length:
            raise forms.ValidationError(
                _("%(field)s is too long: %(length)s characters, at most %(maximum)s.")
                % {"field": self.label or _("This field"), "length": len(raw.strip()), "maximum": self.max_length},
                code="max_length",
            )
        return str(super().to_python(value))


def _strict_keys(field: forms.ModelChoiceField, values: list[Any]) -> None:  # type: ignore[type-arg]
    """Refuse a choice that is not an ASCII whole number before it reaches the database (no overflow)."""
    for value in values:
        if whole_number(str(value), minimum=1, maximum=MAX_WHOLE) is None:
            raise forms.ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(value)[:24]}
            )


class StrictModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of one row by its id, the id written with ASCII digits only."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            _strict_keys(self, [value])
        return super().to_python(value)


class StrictModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A choice of rows by their ids, each id written with ASCII digits only, at most ``max_choices``."""

    max_choices = 500

    def _check_values(self, value: Any) -> Any:
        if len(value) > self.max_choices:
            raise forms.ValidationError(
                _("Choose at most %(maximum)s.") % {"maximum": self.max_choices}, code="too_many"
            )
        _strict_keys(self, list(value))
        return super()._check_values(value)  # type: ignore[misc]
