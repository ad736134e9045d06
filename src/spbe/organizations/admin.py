"""Agencies, units, people and their roles in the Django admin.

Every save and delete here, inlines and the "delete selected" action included, goes through
``spbe.organizations.services``, so each change lands in the audit trail with the change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from spbe.organizations import services
from spbe.organizations.models import Agency, Membership, Unit, User

Saver = Callable[[User, Any, bool], models.Model]
Deleter = Callable[[User, Any], None]


def _save_agency(actor: User, obj: Agency, adding: bool) -> Agency:
    values = {name: getattr(obj, name) for name in services.AGENCY_FIELDS}
    if adding:
        return services.agency_create(actor=actor, **values)
    return services.agency_update(actor=actor, agency=obj, **values)


def _save_unit(actor: User, obj: Unit, adding: bool) -> Unit:
    if adding:
        return services.unit_create(actor=actor, agency=obj.agency, name=obj.name, short_name=obj.short_name)
    return services.unit_update(actor=actor, unit=obj, name=obj.name, short_name=obj.short_name)


def _save_membership(actor: User, obj: Membership, adding: bool) -> Membership:
    if adding:
        return services.membership_add(actor=actor, user=obj.user, agency=obj.agency, role=obj.role, unit=obj.unit)
    return services.membership_change(
        actor=actor, membership=obj, user=obj.user, agency=obj.agency, role=obj.role, unit=obj.unit
    )


# How each kind of row the admin edits is saved and deleted. A model missing here cannot be
# saved through the admin at all: nothing changes without its audit event.
SERVICES: dict[type[models.Model], tuple[Saver, Deleter]] = {
    Agency: (_save_agency, lambda actor, obj: services.agency_delete(actor=actor, agency=obj)),
    Unit: (_save_unit, lambda actor, obj: services.unit_delete(actor=actor, unit=obj)),
    Membership: (_save_membership, lambda actor, obj: services.membership_remove(actor=actor, membership=obj)),
    User: (
        lambda actor, obj, adding: services.user_update(  # creation goes through SpbeUserAdmin.save_model
            actor=actor, user=obj, **{name: getattr(obj, name) for name in services.USER_FIELDS}
        ),
        lambda actor, obj: services.user_delete(actor=actor, user=obj),
    ),
}


def services_for(model: type[models.Model]) -> tuple[Saver, Deleter]:
    try:
        return SERVICES[model]
    except KeyError:
        raise ImproperlyConfigured(f"{model._meta.label} has no service to save it through the admin") from None


def adopt(obj: models.Model, saved: models.Model) -> None:
    """Let the admin's object stand for the row the service saved (its id, its database)."""
    obj.pk = saved.pk
    obj._state.adding = False
    obj._state.db = saved._state.db


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin that changes nothing itself: saves and deletes go through services."""

    def actor(self, request: HttpRequest) -> User:
        user = request.user
        if not isinstance(user, User):  # the admin lets only signed-in staff this far
            raise PermissionDenied
        return user

    def service_save(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> models.Model:
        save, _delete = services_for(type(obj))
        return save(self.actor(request), obj, not change)

    def service_delete(self, request: HttpRequest, obj: Any) -> None:
        _save, delete = services_for(type(obj))
        delete(self.actor(request), obj)

    def deletion_refusals(self, request: HttpRequest, obj: Any) -> list[str]:
        """Why ``obj`` cannot be deleted, for the admin to show instead of deleting."""
        return []

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        adopt(obj, self.service_save(request, obj, form, change))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.service_delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.service_delete(request, obj)

    def get_deleted_objects(self, objs: Sequence[Any] | QuerySet[Any], request: HttpRequest) -> Any:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [reason for obj in objs for reason in self.deletion_refusals(request, obj)]
        for reason in refusals:
            messages.error(request, reason)
        return deleted, counts, perms_needed, [*protected, *refusals]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        formset.save(commit=False)  # fills new_objects, changed_objects and deleted_objects; saves nothing
        actor = self.actor(request)
        for obj in formset.deleted_objects:
            services_for(type(obj))[1](actor, obj)
        for obj, _fields in formset.changed_objects:
            services_for(type(obj))[0](actor, obj, False)
        for obj in formset.new_objects:
            adopt(obj, services_for(type(obj))[0](actor, obj, True))
        formset.save_m2m()


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "agency", "role", "unit"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency = data.get("agency") or (self.instance.agency if self.instance.agency_id else None)
        for field, message in services.membership_problems(
            agency=agency, role=data.get("role", ""), unit=data.get("unit")
        ).items():
            self.add_error(field if field in self.fields else None, message)
        return data


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    autocomplete_fields = ["user", "unit"]


@admin.register(Agency)
class AgencyAdmin(ServiceAdmin):
    list_display = ["name", "kind", "province", "time_zone"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "province"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline, MembershipInline]

    def deletion_refusals(self, request: HttpRequest, obj: Agency) -> list[str]:
        if obj.units.exists() or obj.memberships.exists():
            return [_("Remove the units and memberships of %(agency)s first.") % {"agency": obj}]
        return []


@admin.register(Unit)
class UnitAdmin(ServiceAdmin):
    list_display = ["name", "short_name", "agency"]
    list_filter = ["agency"]
    search_fields = ["name", "short_name"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["agency"] if obj is not None else []  # a unit never moves to another agency


@admin.register(User)
class SpbeUserAdmin(ServiceAdmin, UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("SPBE", {"fields": ("full_name",)}))  # type: ignore[misc]
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "full_name", "email", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]

    def service_save(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> models.Model:
        if change:
            return super().service_save(request, obj, form, change)
        data = form.cleaned_data
        usable = data.get("set_usable_password", True)
        values = {name: getattr(obj, name) for name in services.USER_FIELDS if name != "username"}
        return services.user_create(
            actor=self.actor(request),
            username=obj.username,
            password=data.get("password1") if usable else None,
            **values,
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if "groups" in form.cleaned_data or "user_permissions" in form.cleaned_data:
            services.user_set_access(
                actor=self.actor(request),
                user=form.instance,
                groups=form.cleaned_data.get("groups", form.instance.groups.all()),
                permissions=form.cleaned_data.get("user_permissions", form.instance.user_permissions.all()),
            )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # Django's own form sets the password; the audit event is written in the same transaction.
        with transaction.atomic():
            pk = unquote(id)
            before = User.objects.filter(pk=pk).values_list("password", flat=True).first()
            response = super().user_change_password(request, id, form_url)
            user = User.objects.filter(pk=pk).first()
            if user is not None and before is not None and user.password != before:
                services.record_password_change(actor=self.actor(request), user=user, usable=user.has_usable_password())
        return response
