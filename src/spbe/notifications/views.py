"""The signed-in user's own notifications and notification settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.notifications import selectors, services
from spbe.notifications.models import ACCOUNT_KINDS, Kind
from spbe.notifications.texts import subject
from spbe.organizations.models import User

PAGE = 100


def _me(request: HttpRequest) -> User:
    """The signed-in user (the URL map lets only signed-in users reach these views)."""
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "HEAD"])
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.notifications_for(_me(request))[:PAGE])
    items = [{"row": n, "subject": subject(n.kind, n.params)} for n in rows]
    return render(request, "notifications/list.html", {"items": items})


@require_http_methods(["GET", "HEAD"])
def unread_badge(request: HttpRequest) -> HttpResponse:
    """The unread count of the header link, fetched by the page after it loads (no query on every page).

    Signed out (a page left open after logout), the badge is empty rather than a redirect to login.
    """
    user = request.user
    unread = selectors.unread_count(user) if isinstance(user, User) and user.is_authenticated else 0
    return render(request, "notifications/_unread_badge.html", {"unread": unread})


@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id", "")
    if raw == "all":
        services.notification_mark_read(user=_me(request))
        return redirect("notifications:list")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        messages.error(request, _("Choose a notification to mark as read."))
        return redirect("notifications:list")
    notification = selectors.notifications_for(_me(request)).filter(pk=int(raw)).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(user=_me(request), notification_id=notification.pk)
    if request.POST.get("open") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("notifications:list")


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        choices = {
            kind: (f"{kind}-email" in request.POST, f"{kind}-in_app" in request.POST)
            for kind in Kind.values
            if kind not in ACCOUNT_KINDS
        }
        services.preferences_set(user=_me(request), choices=choices)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    current = selectors.preferences_of(_me(request))
    rows = [
        {"kind": kind, "label": label, "email": current[kind][0], "in_app": current[kind][1]}
        for kind, label in Kind.choices
        if kind not in ACCOUNT_KINDS
    ]
    return render(request, "notifications/preferences.html", {"rows": rows})
