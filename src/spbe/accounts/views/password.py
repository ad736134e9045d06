"""Password change and reset by e-mail: Django's views with our pages, audit events and security log.

The reset request answers the same whether or not the address belongs to someone, and the
e-mail goes only to active accounts with a usable password (Django's behaviour).
"""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy

from spbe.accounts import services
from spbe.accounts.security_log import security_event


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        services.password_changed(user=form.user, form=form, action="account.password_changed")
        update_session_auth_hash(self.request, form.user)
        security_event("password.changed", request=self.request, user_id=form.user.pk)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        security_event("password.reset_requested", request=self.request)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.user
        services.password_changed(user=user, form=form, action="account.password_reset")
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        # Whoever holds the mailbox may sign in again at once: lift a lockout of this account.
        axes_reset(username=user.get_username())
        security_event("password.reset_completed", request=self.request, user_id=user.pk)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
