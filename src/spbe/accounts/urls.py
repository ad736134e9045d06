"""Account pages under /accounts/ (login and logout keep their top-level names in spbe/urls.py)."""

from django.urls import path

from spbe.accounts.views import account, password, two_factor

app_name = "accounts"

urlpatterns = [
    path("security/", two_factor.security, name="security"),
    path("profile/", account.profile, name="profile"),
    path("people-link/", account.people_link, name="people_link"),
    path("invitation/<str:token>/", account.invitation, name="invitation"),
    path("password/change/", password.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", password.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", password.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", password.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", password.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("two-factor/setup/", two_factor.otp_setup, name="otp_setup"),
    path("two-factor/verify/", two_factor.otp_verify, name="otp_verify"),
    path("two-factor/remove/", two_factor.otp_remove, name="otp_remove"),
]
