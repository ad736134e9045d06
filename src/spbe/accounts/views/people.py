"""The people page of an agency: its coordinator lists, invites, and changes people (no Django admin).

The URL map lets members of the agency reach these views; a member who does not manage its people
(``Access.manages_people``) gets 403 here, anyone else already got 404. Every write is a service of
``spbe.organizations.services`` or ``spbe.accounts.invitations``, audited in its transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from spbe.accounts.invitations import Outcome, invitation_resend, invitation_send
from spbe.accounts.people_forms import InviteForm, PeopleFilterForm, RoleForm
from spbe.organizations import services
from spbe.organizations.access import access_for
from spbe.organizations.models import Agency, Invitation, Membership, User
from spbe.organizations.selectors import agencies_visible_to, people_of, person_in

PAGE = 50  # people per page


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _agency(request: HttpRequest, slug: str) -> Agency:
    """The agency, if the user manages its people; a member who does not gets 403, others 404."""
    agency = agencies_visible_to(_me(request)).filter(slug=slug).first()
    if agency is None:
        raise Http404
    access = access_for(_me(request), agency)
    if not access.can_view:
        raise Http404
    if not access.manages_people:
        raise PermissionDenied(_("Only a coordinator of %(agency)s manages its people.") % {"agency": agency})
    return agency


def _person(agency: Agency, user_id: int) -> User:
    person = person_in(agency, user_id)
    if person is None:
        raise Http404
    return person


def _roles_here(someone: User) -> list[Membership]:
    """The person's roles in the agency, prefetched by ``people_of``."""
    return list(getattr(someone, "roles_here", []))


def _open_invitation(someone: User) -> Invitation | None:
    found: list[Invitation] = getattr(someone, "open_invitations", [])
    return found[0] if found else None


def _problems(exc: ValidationError) -> list[str]:
    return list(exc.messages)


@require_safe
def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(request, slug)
    form = PeopleFilterForm(request.GET, agency=agency)
    found = {}
    if form.is_valid():
        data = form.cleaned_data
        found = {"q": data["q"], "role": data["role"], "unit": data["unit"], "status": data["status"]}
    page = Paginator(people_of(agency, **found), PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/list.html",
        {"agency": agency, "form": form, "page": page, "query": query.urlencode(), "me": _me(request)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(request, slug)
    form = InviteForm(request.POST or None, agency=agency)
    ask: Invitation | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = invitation_send(
                actor=_me(request),
                agency=agency,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                unit=data["unit"],
                resend=request.POST.get("resend") == "1",
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            texts = {
                Outcome.INVITED: _("The invitation to %(email)s is on its way; it shows here until accepted."),
                Outcome.RESENT: _("The invitation to %(email)s was sent again; the earlier link no longer works."),
                Outcome.ADDED: _("%(email)s already has an account: the role was added to it and they were told."),
            }
            if result.outcome is Outcome.ASK_RESEND:
                ask = result.invitation
            else:
                messages.success(request, texts[result.outcome] % {"email": data["email"]})
                return redirect("people:person", slug=agency.slug, user_id=result.person.pk)
    return render(request, "people/invite.html", {"agency": agency, "form": form, "ask": ask})


@require_safe
def person(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    agency = _agency(request, slug)
    someone = _person(agency, user_id)
    roles = [(m, RoleForm(initial={"role": m.role, "unit": m.unit_id}, agency=agency)) for m in _roles_here(someone)]
    return render(
        request,
        "people/person.html",
        {
            "agency": agency,
            "person": someone,
            "roles": roles,
            "invitation": _open_invitation(someone),
            "active_refusal": services.person_active_refusal(actor=_me(request), agency=agency, person=someone),
        },
    )


def _membership(agency: Agency, someone: User, request: HttpRequest) -> Membership:
    raw = request.POST.get("membership", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise Http404
    found = Membership.objects.filter(pk=int(raw), agency=agency, user=someone).first()
    if found is None:
        raise Http404
    return found


@require_POST
def role_save(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    agency = _agency(request, slug)
    someone = _person(agency, user_id)
    membership = _membership(agency, someone, request)
    form = RoleForm(request.POST, agency=agency)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("people:person", slug=slug, user_id=user_id)
    data = form.cleaned_data
    if (data["role"], data["unit"].pk if data["unit"] else None) == (membership.role, membership.unit_id):
        return redirect("people:person", slug=slug, user_id=user_id)  # unchanged: nothing to say
    try:
        services.person_role_change(
            actor=_me(request), agency=agency, membership=membership, role=data["role"], unit=data["unit"]
        )
    except ValidationError as exc:
        for problem in _problems(exc):
            messages.error(request, problem)
    else:
        messages.success(request, _("The role of %(person)s is changed.") % {"person": someone})
    return redirect("people:person", slug=slug, user_id=user_id)


@require_POST
def role_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    agency = _agency(request, slug)
    someone = _person(agency, user_id)
    membership = _membership(agency, someone, request)
    try:
        services.person_role_remove(actor=_me(request), agency=agency, membership=membership)
    except ValidationError as exc:
        for problem in _problems(exc):
            messages.error(request, problem)
        return redirect("people:person", slug=slug, user_id=user_id)
    messages.success(request, _("The role is removed from %(person)s.") % {"person": someone})
    if person_in(agency, someone.pk) is None:
        return redirect("people:list", slug=slug)
    return redirect("people:person", slug=slug, user_id=user_id)


@require_POST
def set_active(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    agency = _agency(request, slug)
    someone = _person(agency, user_id)
    active = request.POST.get("active") == "1"
    try:
        services.person_set_active(actor=_me(request), agency=agency, person=someone, active=active)
    except ValidationError as exc:
        for problem in _problems(exc):
            messages.error(request, problem)
    else:
        text = (
            _("%(person)s is active again and can sign in.")
            if active
            else _("%(person)s is deactivated: signed out everywhere and unable to sign in.")
        )
        messages.success(request, text % {"person": someone})
    return redirect("people:person", slug=slug, user_id=user_id)


@require_POST
def resend(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    agency = _agency(request, slug)
    someone = _person(agency, user_id)
    invitation = _open_invitation(someone)
    if invitation is None:
        messages.error(request, _("%(person)s has no open invitation to send again.") % {"person": someone})
        return redirect("people:person", slug=slug, user_id=user_id)
    try:
        invitation_resend(actor=_me(request), invitation=invitation)
    except ValidationError as exc:
        for problem in _problems(exc):
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("The invitation was sent again to %(email)s; the earlier link no longer works.")
            % {"email": someone.email},
        )
    return redirect("people:person", slug=slug, user_id=user_id)
