from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from spbe.organizations.models import Agency, Membership, Unit, User


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "unit"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "time_zone"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "province"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline, MembershipInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "agency"]
    list_filter = ["agency"]
    search_fields = ["name", "short_name"]


@admin.register(User)
class SpbeUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("SPBE", {"fields": ("full_name",)}))  # type: ignore[misc]
    list_display = ["username", "full_name", "email", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
