from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Designation, DesignationInvitation, PublicBody, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "commission_role", "is_staff", "is_active"]
    list_filter = ["commission_role", "is_staff", "is_active", "preferred_language"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Roles"), {"fields": ["commission_role", "is_active", "is_staff", "is_superuser",
                                 "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "decision_reference", "decision_date", "starts_on", "ends_on",
              "work_email", "work_phone"]


@admin.register(PublicBody)
class PublicBodyAdmin(SimpleHistoryAdmin):
    # No hand-edited object permissions (django-guardian's admin): a right on a body comes
    # from an active designation only (accounts.permissions), recorded below.
    list_display = ["name_ar", "name_fr", "acronym", "kind", "parent", "active"]
    list_filter = ["kind", "active", "region"]
    search_fields = ["name_ar", "name_fr", "name_en", "acronym", "code"]
    autocomplete_fields = ["parent", "region"]
    prepopulated_fields = {"code": ["name_fr"]}
    inlines = [DesignationInline]


@admin.register(Designation)
class DesignationAdmin(SimpleHistoryAdmin):
    list_display = ["user", "body", "role", "decision_reference", "starts_on", "ends_on"]
    list_filter = ["role"]
    search_fields = ["user__email", "body__name_fr", "body__name_ar", "decision_reference"]
    autocomplete_fields = ["user", "body"]
    date_hierarchy = "starts_on"


@admin.register(DesignationInvitation)
class DesignationInvitationAdmin(SimpleHistoryAdmin):
    """Invitations are answered by the invitee and cancelled by the head (the workspace):
    the admin reads them."""

    list_display = ["user", "body", "role", "status", "invited_by", "invited_at", "answered_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "body__name_fr", "body__name_ar", "decision_reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
