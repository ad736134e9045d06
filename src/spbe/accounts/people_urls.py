"""The people page of an agency, under /agencies/<slug>/people/ (the coordinator's, instead of the admin)."""

from django.urls import path

from spbe.accounts.views import people

app_name = "people"

urlpatterns = [
    path("agencies/<slug:slug>/people/", people.people_list, name="list"),
    path("agencies/<slug:slug>/people/invite/", people.invite, name="invite"),
    path("agencies/<slug:slug>/people/<int:user_id>/", people.person, name="person"),
    path("agencies/<slug:slug>/people/<int:user_id>/role/", people.role_save, name="role_save"),
    path("agencies/<slug:slug>/people/<int:user_id>/role/remove/", people.role_remove, name="role_remove"),
    path("agencies/<slug:slug>/people/<int:user_id>/active/", people.set_active, name="set_active"),
    path("agencies/<slug:slug>/people/<int:user_id>/resend/", people.resend, name="resend"),
]
