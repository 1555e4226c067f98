from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import ReadOnlyAdmin
from accounts.models import PublicBody

from .models import (
    DeadlineChange,
    Decision,
    DecisionDocument,
    DecisionGround,
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
    fields = ["third_party", "asked_on", "answer", "answered_on", "reasons", "determination",
              "determination_reasons", "determined_at", "determined_by"]
    readonly_fields = fields


@admin.register(InformationRequest)
class InformationRequestAdmin(SimpleHistoryAdmin):
    """A window on the record, not a side door: state, clock, the art. 14 identity and
    text, body, urgency and every choice of the requester or act of an officer change
    only through the services (portal and workspace acts). Only the subject as the public
    register shows it may be corrected here (e.g. to take a name out of it), never the
    subject as the requester wrote it; who did it and when is recorded."""

    list_display = ["reference", "body", "subject", "state", "received_at", "due_date",
                    "is_urgent", "channel"]
    list_filter = ["state", "is_urgent", "channel", "body__kind"]
    search_fields = ["reference", "subject", "body__name_fr", "body__name_ar"]
    list_select_related = ["body"]
    date_hierarchy = "received_at"
    editable_fields = ["public_subject"]
    inlines = [StateChangeInline, DeadlineChangeInline, ConsultationInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "public_subject" in form.base_fields:
            form.base_fields["public_subject"].required = True  # the register shows something
        return form

    def save_model(self, request, obj, form, change):
        if "public_subject" in form.changed_data:
            obj.subject_masked_by, obj.subject_masked_at = request.user, timezone.now()
            obj._change_reason = "subject masked for the public register (Law 09-08), in the admin"
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in InformationRequest._meta.concrete_fields
                if field.name not in self.editable_fields and field.editable]

    def has_add_permission(self, request):
        # Requests are received through the services, which start the clock.
        return False

    def has_delete_permission(self, request, obj=None):
        # A legal record is kept: a request is withdrawn, never deleted.
        return False


class GroundInline(ReadOnlyInline):
    model = DecisionGround
    fields = ["ground", "withheld_part", "reason"]
    readonly_fields = fields


class CitationInline(ReadOnlyInline):
    model = ExemptionCitation
    fields = ["exemption", "withheld_part", "public_justification"]
    readonly_fields = fields


class DocumentInline(ReadOnlyInline):
    model = DecisionDocument
    fk_name = "decision"
    fields = ["title", "is_redacted", "released", "original", "original_name", "content_type"]
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Read-only: a decision is taken, and only taken, in the workspace (arts 7, 8, 18)."""

    list_display = ["request", "outcome", "decided_at", "late", "received_on", "received_via"]
    list_filter = ["outcome", "late"]
    # A private file: served by the workspace to the body's officers, never by a media URL.
    exclude = ["receipt_proof"]
    search_fields = ["request__reference"]
    inlines = [GroundInline, CitationInline, DocumentInline]


class HolidayForm(forms.ModelForm):
    body_kinds = forms.MultipleChoiceField(
        label=_("kinds of body closed"), choices=PublicBody.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=Holiday._meta.get_field("body_kinds").help_text)

    class Meta:
        model = Holiday
        fields = ["date", "day_off", "kind", "feast", "estimated", "body_kinds", "name_ar", "name_fr",
                  "name_en", "source"]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    """The holiday calendar: every change recomputes the due dates (clock.signals); the
    dashboard lists the lunar holidays still estimated (templates/admin/index.html)."""

    form = HolidayForm
    list_display = ["date", "name_ar", "name_fr", "kind", "feast", "day_off", "estimated"]
    ordering = ["-date"]
    list_filter = ["kind", "feast", "day_off", "estimated"]
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
