"""Forms of the complaint to the Commission: the requester's, the Commission's and the
body officers'. They parse; the services decide (dates, windows, who may act)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import FocusFirstErrorMixin
from accounts.models import User
from appeals.models import CommissionComplaint, ComplaintChannel
from requests_app.models import RECEIVED_VIA_OFFICER, ReceivedVia
from requests_app.workspace.forms import DateInput

FILE_TYPES = {"accept": "application/pdf,image/png,image/jpeg"}
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _text(label, rows=4, required=True, max_length=10000, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}))


class FileComplaintForm(FocusFirstErrorMixin, forms.Form):
    """Art. 20; RI 11: the complaint, by the requester or their legal representative."""

    subject = forms.CharField(label=_("Subject of the complaint"), max_length=255,
                              widget=forms.TextInput(attrs={"dir": "auto"}))
    reasons = _text(_("Why you complain to the Commission"), rows=6)
    representative_name = forms.CharField(
        label=_("Legal representative (if you are filing for the requester)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}))
    representative_capacity = forms.CharField(label=_("Capacity of the representative"), max_length=200,
                                              required=False, widget=forms.TextInput(attrs={"dir": "auto"}))


class PaperComplaintForm(FileComplaintForm):
    """A complaint received by registered post, e-mail or deposit at the seat."""

    reference = forms.CharField(label=_("Reference of the request"), max_length=20,
                                widget=forms.TextInput(attrs={"dir": "ltr"}))
    channel = forms.ChoiceField(label=_("Received by"), widget=forms.RadioSelect, choices=[
        choice for choice in ComplaintChannel.choices if choice[0] != ComplaintChannel.PORTAL])
    filed_on = forms.DateField(label=_("Received by the Commission on"), widget=DateInput())

    field_order = ["reference", "channel", "filed_on", "subject", "reasons", "representative_name",
                   "representative_capacity"]


def members():
    return User.objects.filter(is_active=True).exclude(commission_role="").order_by("last_name", "first_name")


class ReferForm(FocusFirstErrorMixin, forms.Form):
    rapporteur = forms.ModelChoiceField(label=_("Member in charge"), queryset=User.objects.none())
    working_group = forms.ModelMultipleChoiceField(label=_("Working group (optional)"), required=False,
                                                   queryset=User.objects.none(),
                                                   widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rapporteur"].queryset = members()
        self.fields["working_group"].queryset = members()
        self.fields["rapporteur"].label_from_instance = self.fields["working_group"].label_from_instance = \
            lambda user: user.get_full_name() or user.email


class CheckForm(FocusFirstErrorMixin, forms.Form):
    """RI 15: each check answered."""

    note = _text(_("Findings (required when a check is not met: the reasons of the inadmissibility)"),
                 required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checks = {}
        for name in ("procedure_followed", "has_standing", "body_covered", "is_information", "in_writing",
                     "on_time"):
            checks[name] = forms.TypedChoiceField(
                label=CommissionComplaint._meta.get_field(name).verbose_name, choices=YES_NO,
                coerce=lambda value: value == "yes", widget=forms.RadioSelect)
        self.fields = {**checks, "note": self.fields["note"]}


class ObservationForm(FocusFirstErrorMixin, forms.Form):
    questions = _text(_("What the Commission asks of the body"))
    reply_by = forms.DateField(label=_("The body replies by"), widget=DateInput())


class AnswerObservationsForm(FocusFirstErrorMixin, forms.Form):
    DOCUMENTS = 3

    answer = _text(_("The body's observations"), rows=8, max_length=20000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, self.DOCUMENTS + 1):
            self.fields[f"title_{n}"] = forms.CharField(label=_("Title of document %(n)s") % {"n": n},
                                                        max_length=255, required=False)
            self.fields[f"document_{n}"] = forms.FileField(
                label=_("Document %(n)s (PDF, PNG or JPEG)") % {"n": n}, required=False,
                widget=forms.ClearableFileInput(attrs=FILE_TYPES))

    def documents(self) -> list:
        data = self.cleaned_data
        return [(data.get(f"title_{n}", ""), data[f"document_{n}"]) for n in range(1, self.DOCUMENTS + 1)
                if data.get(f"document_{n}")]


class NoteForm(FocusFirstErrorMixin, forms.Form):
    text = _text(_("Investigation note (confidential)"), rows=3, max_length=20000)


class DecisionReceiptForm(FocusFirstErrorMixin, forms.Form):
    """RI 15: the day the complainant received the decision, with the acknowledgement."""

    via = forms.ChoiceField(label=_("Delivered"), widget=forms.RadioSelect, choices=[
        choice for choice in ReceivedVia.choices if choice[0] in RECEIVED_VIA_OFFICER])
    received_on = forms.DateField(label=_("Date the complainant received the decision"), widget=DateInput())
    proof = forms.FileField(label=_("Acknowledgement of receipt (PDF, PNG or JPEG)"),
                            widget=forms.ClearableFileInput(attrs=FILE_TYPES))


class ComplianceForm(FocusFirstErrorMixin, forms.Form):
    complied = forms.TypedChoiceField(
        label=_("Was the decision complied with?"), widget=forms.RadioSelect, label_suffix="",
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Complied with")), ("no", _("Not complied with"))])


class ReportForm(FocusFirstErrorMixin, forms.Form):
    text = _text(_("What the body did after the Commission's decision"), rows=6)


class RequesterAnswerForm(FocusFirstErrorMixin, forms.Form):
    view = forms.ChoiceField(label=_("What the body reports"), widget=forms.RadioSelect, choices=[
        choice for choice in CommissionComplaint.Compliance.choices if choice[0]])
    comment = _text(_("Your comment (optional)"), rows=3, required=False, max_length=5000)
