"""One's own account: the profile page, and setting up an account from an invitation link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from spbe.accounts.invitations import invitation_accept
from spbe.accounts.people_forms import AccountSetupForm, ProfileForm
from spbe.accounts.security_log import security_event
from spbe.organizations.invitations import LinkState, open_link
from spbe.organizations.models import Agency, Role, User
from spbe.organizations.services import profile_update


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    form = ProfileForm(request.POST or None, initial={"full_name": me.full_name, "email": me.email})
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user=me, full_name=form.cleaned_data["full_name"], email=form.cleaned_data["email"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    memberships = me.memberships.select_related("agency", "unit").order_by("agency__name", "role")
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee chooses a username and a password; then they are signed in."""
    opened = open_link(token)
    if opened.state is not LinkState.OPEN or opened.invitation is None:
        return render(request, "accounts/invitation.html", {"state": opened.state.value, "form": None}, status=200)
    person = opened.invitation.user
    form = AccountSetupForm(request.POST or None, person=person, initial={"username": person.username})
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            code = getattr(exc, "code", None)
            if code in {state.value for state in LinkState}:
                return render(request, "accounts/invitation.html", {"state": code, "form": None})
            for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            security_event("invitation.accepted", request=request, user_id=user.pk)
            messages.success(request, _("Welcome, %(name)s: your account is ready.") % {"name": user})
            return redirect("evaluation:my_work")
    return render(
        request,
        "accounts/invitation.html",
        {"state": "open", "form": form, "invitation": opened.invitation, "person": person},
    )


@require_safe
def people_link(request: HttpRequest) -> HttpResponse:
    """The header's link to the people page of each agency the user coordinates, fetched after the
    page loads (like the unread badge: no query on every page); empty when signed out."""
    user = request.user
    managed: list[Agency] = []
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        managed = list(Agency.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR).distinct()[:5])
    return render(request, "people/_nav_link.html", {"managed": managed})
