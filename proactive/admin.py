from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import ReadOnlyAdmin

from .models import Art10Category, RegisterEntry


@admin.register(Art10Category)
class Art10CategoryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The law's list: read, not changed (a data migration loads it)."""

    list_display = ("number", "name_ar", "name_fr")


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """The registers are kept by the bodies' officers in the workspace (services): here
    they are read, with their history."""

    list_display = ("title", "body", "category", "published_on", "next_update_due", "retired_at")
    list_filter = ("category", "update_frequency")
    search_fields = ("title", "body__name_fr", "body__name_ar")
    readonly_fields = ("next_update_due", "created_by", "updated_by", "created_at", "updated_at")
