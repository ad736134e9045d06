"""Top-level URL map."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from spbe.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("spbe.accounts.urls")),
    path("notifications/", include("spbe.notifications.urls")),
    path("", include("spbe.accounts.people_urls")),
    path("admin/", admin.site.urls),
    path("", include("spbe.evaluation.urls")),
    path("", include("spbe.reports.urls")),
]

# Rendered without the request: no session or database needed (see spbe.core.failure_pages).
handler500 = "spbe.core.views.server_error"
