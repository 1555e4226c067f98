from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DeadlineChange,
    Decision,
    DecisionDocument,
    Exemption,
    ExemptionCitation,
    Holiday,
    InformationRequest,
    LegalRule,
    Notification,
    RefusalGround,
    ResponseTemplate,
    StateChange,
    ThirdPartyConsultation,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StateChangeInline(ReadOnlyInline):
    model = StateChange
    fields = ["at", "transition", "from_state", "to_state", "actor", "note"]
    readonly_fields = fields


class DeadlineChangeInline(ReadOnlyInline):
    model = DeadlineChange
    fields = ["at", "old_due_date", "new_due_date", "reason", "detail", "actor"]
    readonly_fields = fields


class ConsultationInline(ReadOnlyInline):
    model = ThirdPartyConsultation
    fields = ["third_party", "asked_on", "answer", "answered_on", "reasons"]
    readonly_fields = fields


@admin.register(InformationRequest)
class InformationRequestAdmin(SimpleHistoryAdmin):
    """State, clock and decision change only through the services (workspace)."""

    list_display = ["reference", "body", "subject", "state", "received_at", "due_date",
                    "is_urgent", "channel"]
    list_filter = ["state", "is_urgent", "channel", "body__kind"]
    search_fields = ["reference", "subject", "body__name_fr", "body__name_ar"]
    list_select_related = ["body"]
    date_hierarchy = "received_at"
    autocomplete_fields = ["body", "requester"]
    readonly_fields = ["reference", "state", "received_at", "due_date", "extension_ground",
                       "extension_reasons", "extension_notified_on", "decided_late",
                       "created_at", "updated_at"]
    inlines = [StateChangeInline, DeadlineChangeInline, ConsultationInline]

    def has_add_permission(self, request):
        # Requests are received through the services, which start the clock.
        return False


class CitationInline(admin.TabularInline):
    model = ExemptionCitation
    extra = 0


class DocumentInline(admin.TabularInline):
    model = DecisionDocument
    extra = 0
    fk_name = "decision"


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["request", "outcome", "decided_at", "late"]
    list_filter = ["outcome", "late"]
    search_fields = ["request__reference"]
    readonly_fields = ["request", "outcome", "decided_at", "decided_by", "late"]
    filter_horizontal = ["refusal_grounds"]
    inlines = [CitationInline, DocumentInline]

    def has_add_permission(self, request):
        return False


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name_ar", "name_fr", "kind", "feast", "day_off"]
    ordering = ["-date"]
    list_filter = ["kind", "feast", "day_off"]
    search_fields = ["name_ar", "name_fr", "name_en", "source"]
    date_hierarchy = "date"


@admin.register(LegalRule)
class LegalRuleAdmin(SimpleHistoryAdmin):
    list_display = ["period", "length", "unit", "article", "effective_from"]
    list_filter = ["period", "unit"]


@admin.register(Exemption)
class ExemptionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "citation", "label_ar", "label_fr", "test", "active"]
    list_filter = ["paragraph", "test", "active"]


@admin.register(RefusalGround)
class RefusalGroundAdmin(SimpleHistoryAdmin):
    list_display = ["item", "code", "label_ar", "label_fr", "requires", "active"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What the clock owes and has sent: read-only (the sweeps write it)."""

    list_display = ["subject_type", "subject_id", "kind", "due_date", "recipient", "sent_at"]
    list_filter = ["kind", "subject_type"]
    search_fields = ["recipient"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "body", "use"]
    list_filter = ["use"]
    search_fields = ["title", "body__name_fr", "body__name_ar"]
    autocomplete_fields = ["body"]
