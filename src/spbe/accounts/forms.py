"""The one form of the second factor: a six-digit code from the authenticator app."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

CODE = re.compile(r"[0-9]{6}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not CODE.fullmatch(code):
            raise forms.ValidationError(_("Enter the six digits (0-9) shown in your authenticator app."))
        return code
