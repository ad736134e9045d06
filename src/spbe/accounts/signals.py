"""Security events from Django's and django-axes' signals: logins, failures, lockouts, logouts."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from spbe.accounts.idle import mark_activity
from spbe.accounts.security_log import pseudonym, security_event


def _attempted_username(credentials: dict[str, Any]) -> str:
    field = get_user_model().USERNAME_FIELD
    return str(credentials.get(field) or credentials.get("username") or "")


@receiver(user_logged_in, dispatch_uid="spbe_security_login")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    security_event("login.succeeded", request=request, user_id=user.pk)
    if request is not None and hasattr(request, "session"):
        mark_activity(request)


@receiver(user_login_failed, dispatch_uid="spbe_security_login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = _attempted_username(credentials)
    user_id = None
    if username:
        user_id = (
            get_user_model()
            .objects.filter(**{get_user_model().USERNAME_FIELD: username})
            .values_list("pk", flat=True)
            .first()
        )
    locked = bool(getattr(request, "axes_locked_out", False))
    security_event(
        "login.failed",
        request=request,
        user_id=user_id,
        account=pseudonym(username) if username else None,
        reason="locked_out" if locked else "bad_credentials",
    )


@receiver(user_locked_out, dispatch_uid="spbe_security_locked_out")
def _locked_out(sender: Any, request: HttpRequest | None, username: str | None, **kwargs: Any) -> None:
    security_event("login.locked_out", request=request, account=pseudonym(username) if username else None)


@receiver(user_logged_out, dispatch_uid="spbe_security_logout")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    security_event("logout", request=request, user_id=getattr(user, "pk", None))
