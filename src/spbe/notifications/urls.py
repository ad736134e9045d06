"""The user's own notifications under /notifications/."""

from django.urls import path

from spbe.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_read, name="mark_read"),
    path("settings/", views.preferences, name="preferences"),
    path("unread/", views.unread_badge, name="unread_badge"),
]
