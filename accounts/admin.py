from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import enrolment
from .models import Designation, DesignationInvitation, PublicBody, SecondFactorEnrolment, User
from .templatetags.labels import labelled


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
    actions = ["send_second_factor_link"]

    @admin.action(description=_("Mail a link to set up a second factor"))
    def send_second_factor_link(self, request, queryset):
        """For a new officer, or one who lost their phone once the old authenticator is
        deleted: the link goes to the account's verified address, never shown here."""
        for user in queryset:
            try:
                address = enrolment.issue_link(user=user, issued_by=request.user)
            except ValidationError as exc:
                self.message_user(request, labelled(user.email, exc.messages[0]), messages.ERROR)
            else:
                self.message_user(request, gettext("A link to set up a second factor was sent "
                                                   "to %(address)s.") % {"address": address})


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


class ReadOnlyAdmin:
    """A record the admin reads and never writes: it is made elsewhere (a service, the
    person concerned) and kept as made."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DesignationInvitation)
class DesignationInvitationAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Invitations are answered by the invitee and cancelled by the head (the workspace):
    the admin reads them."""

    list_display = ["user", "body", "role", "status", "invited_by", "invited_at", "answered_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "body__name_fr", "body__name_ar", "decision_reference"]


@admin.register(SecondFactorEnrolment)
class SecondFactorEnrolmentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Who was sent a link to set up a second factor, by whom, and whether it was used
    (read only: links are issued by the action on accounts)."""

    list_display = ["user", "issued_by", "created_at", "expires_at", "used_at"]
    search_fields = ["user__email"]
    exclude = ["token_digest"]
