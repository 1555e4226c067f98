from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Art10Category, RegisterEntry


@admin.register(Art10Category)
class Art10CategoryAdmin(admin.ModelAdmin):
    """The law's list: read, not changed (a data migration loads it)."""

    list_display = ("number", "name_ar", "name_fr")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegisterEntry)
class RegisterEntryAdmin(SimpleHistoryAdmin):
    """The registers are kept by the bodies' officers in the workspace (services): here
    they are read, with their history."""

    list_display = ("title", "body", "category", "published_on", "next_update_due", "retired_at")
    list_filter = ("category", "update_frequency")
    search_fields = ("title", "body__name_fr", "body__name_ar")
    readonly_fields = ("next_update_due", "created_by", "updated_by", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
