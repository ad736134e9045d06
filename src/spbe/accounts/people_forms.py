"""Forms of people management and of one's own account: filters, invitation, role, profile, account set-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from spbe.accounts.invitations import username_problem
from spbe.core.fields import StrictCharField, StrictModelChoiceField, refuse_nul
from spbe.organizations.models import Agency, Role, User
from spbe.organizations.selectors import units_of


def _required(label: Any) -> dict[str, Any]:
    return {"required": _("%(field)s: fill this in.") % {"field": label}}


class StrictEmailField(forms.EmailField):
    """An e-mail address, at most 254 characters, its mistakes named with the field."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=254, **kwargs)
        self.error_messages["invalid"] = _("%(field)s: write a whole address, like nama@instansi.go.id.") % {
            "field": self.label
        }
        self.error_messages["max_length"] = _("%(field)s is too long: at most 254 characters.") % {"field": self.label}

    def to_python(self, value: Any) -> str:
        text = "" if value in self.empty_values else str(value)
        refuse_nul(self.label, text)
        return str(super().to_python(text)).strip()


def _role_field(**kwargs: Any) -> forms.ChoiceField:
    label = _("Role")
    return forms.ChoiceField(label=label, choices=Role.choices, error_messages=_required(label), **kwargs)


def _unit_field(agency: Agency) -> StrictModelChoiceField:
    label = _("Unit")
    return StrictModelChoiceField(
        label=label,
        queryset=units_of(agency),
        required=False,
        empty_label=_("- none -"),
        help_text=_("Needed for a unit operator: the unit (OPD) they answer for."),
        error_messages={"invalid_choice": _("Unit: choose one of the units of this agency.")},
    )


class _RoleAndUnit(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.UNIT_OPERATOR and not data.get("unit"):
            self.add_error("unit", _("Unit: a unit operator needs the unit they work for; choose it."))
        elif data.get("role") and data.get("role") != Role.UNIT_OPERATOR:
            data["unit"] = None
        return data


class PeopleFilterForm(forms.Form):
    q = StrictCharField(label=_("Search"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("every role")), *Role.choices], required=False)
    unit = StrictModelChoiceField(
        label=_("Unit"), queryset=User.objects.none(), required=False, empty_label=_("every unit")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("everyone")),
            ("active", _("active")),
            ("pending", _("invitation pending")),
            ("deactivated", _("deactivated")),
        ],
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(agency)  # type: ignore[attr-defined]


class InviteForm(_RoleAndUnit):
    email = StrictEmailField(label=_("E-mail"), error_messages=_required(_("E-mail")))
    full_name = StrictCharField(label=_("Full name"), max_length=200, error_messages=_required(_("Full name")))

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["unit"] = _unit_field(agency)


class RoleForm(_RoleAndUnit):
    """One role a person holds in the agency (the membership is named by the view, not the form)."""

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["unit"] = _unit_field(agency)


class ProfileForm(forms.Form):
    full_name = StrictCharField(label=_("Full name"), max_length=200, required=False)
    email = StrictEmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Notifications, invitations and password reset links are sent to this address."),
    )


class AccountSetupForm(forms.Form):
    """The invitee chooses a username and a password (the project's password rules)."""

    username = StrictCharField(
        label=_("Username"),
        max_length=150,
        error_messages=_required(_("Username")),
        help_text=_("Letters, digits and . @ + - _ only; you sign in with it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=_required(_("Password")),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=_required(_("Password again")),
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        self.person = person
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        problem = username_problem(username, person=self.person)
        if problem:
            raise forms.ValidationError(_("Username: %(problem)s") % {"problem": problem})
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Password again: the two passwords differ; type the same one twice."))
        elif first:
            candidate = User(
                username=data.get("username") or self.person.username,
                email=self.person.email,
                full_name=self.person.full_name,
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", [_("Password: %(problem)s") % {"problem": m} for m in exc.messages])
        return data
