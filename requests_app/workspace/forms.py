"""Forms of the officers' workspace. Each action that changes a request has its own
form, with a confirmation box: the act has legal effect and is notified at once."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import FocusFirstErrorMixin

from ..forms import MessageForm, MultipleFileField, MultipleFileInput, RequestForm, limit
from ..models import (
    Decision,
    Exemption,
    ExemptionCitation,
    InformationRequest,
    InternalNote,
    RefusalGround,
    ResponseTemplate,
    ThirdPartyConsultation,
)

Outcome = Decision.Outcome
CONFIRM_LABEL = _("I confirm: this act is recorded in my name and notified to the requester.")


class ConfirmMixin(forms.Form):
    confirm = forms.BooleanField(label=CONFIRM_LABEL)


class IntakeForm(RequestForm):
    """A request received at the counter, by post or by e-mail (art. 14), entered by an
    officer with its real date of receipt: the clock runs from that date."""

    body = forms.ModelChoiceField(label=_("Body"), queryset=None, empty_label=None)
    channel = forms.ChoiceField(label=_("Received by"), choices=[
        choice for choice in InformationRequest.Channel.choices
        if choice[0] != InformationRequest.Channel.PORTAL])
    received_on = forms.DateField(label=_("Date of receipt"),
                                  widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))

    class Meta(RequestForm.Meta):
        fields = ["body", "channel", "received_on", *RequestForm.Meta.fields]

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["publication_consent"].label = _(
            "The requester agrees that the released documents may be published")
        self.order_fields(["body", "channel", "received_on"])

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return value


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer in charge"), queryset=None, required=False,
                                     empty_label=_("— the body's queue —"))

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class NoteForm(FocusFirstErrorMixin, forms.Form):
    text = forms.CharField(label=_("Internal note (never shown to the requester)"),
                           max_length=limit(InternalNote, "text"), widget=forms.Textarea(attrs={"rows": 3}))


class OfficerMessageForm(MessageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, label=_("Message to the requester"), rows=5, **kwargs)


class ExtendForm(FocusFirstErrorMixin, ConfirmMixin):
    ground = forms.ChoiceField(label=_("Ground (art. 16)"), widget=forms.RadioSelect,
                               choices=InformationRequest.ExtensionGround.choices)
    reasons = forms.CharField(label=_("Reasons given to the requester"),
                              max_length=limit(InformationRequest, "extension_reasons"),
                              widget=forms.Textarea(attrs={"rows": 4}))


class ConsultForm(FocusFirstErrorMixin, ConfirmMixin):
    third_party = forms.CharField(label=_("Third party consulted (art. 9)"),
                                  max_length=limit(ThirdPartyConsultation, "third_party"))
    contact = forms.CharField(label=_("Contact"), required=False,
                              max_length=limit(ThirdPartyConsultation, "contact"))
    asked_on = forms.DateField(label=_("Asked on"), initial=timezone.localdate,
                               widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))

    def clean_asked_on(self):
        value = self.cleaned_data["asked_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date cannot be in the future."))
        return value


class AnswerForm(FocusFirstErrorMixin, forms.Form):
    answer = forms.ChoiceField(label=_("Answer of the third party"), widget=forms.RadioSelect,
                               choices=[choice for choice in ThirdPartyConsultation.Answer.choices
                                        if choice[0] != "pending"])
    reasons = forms.CharField(label=_("Reasons given (required for a refusal)"), required=False,
                              max_length=limit(ThirdPartyConsultation, "reasons"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = forms.DateField(label=_("Answered on"), initial=timezone.localdate,
                                  widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))


class CitationForm(forms.Form):
    """One part withheld under an art. 7 exemption, with its public justification."""

    exemption = forms.ModelChoiceField(label=_("Exemption (art. 7)"), required=False,
                                       queryset=Exemption.objects.order_by("paragraph", "item"))
    exemption.label_from_instance = lambda exemption: exemption.label_with_citation
    withheld_part = forms.CharField(label=_("Part withheld"), required=False,
                                    max_length=limit(ExemptionCitation, "withheld_part"))
    public_justification = forms.CharField(
        label=_("Public justification"), required=False,
        max_length=limit(ExemptionCitation, "public_justification"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("exemption") and not (data.get("public_justification") or "").strip():
            self.add_error("public_justification",
                           _("Each exemption relied on needs a public justification (art. 7)."))
        if not data.get("exemption") and (data.get("public_justification") or "").strip():
            self.add_error("exemption", _("Choose the exemption this justification is for."))
        return data


CitationFormSet = forms.formset_factory(CitationForm, extra=3, max_num=10)


class DecisionForm(FocusFirstErrorMixin, ConfirmMixin):
    """Grant, partial grant (art. 8) or refusal (art. 18): the fields each needs."""

    outcome = forms.CharField(widget=forms.HiddenInput)
    documents = MultipleFileField(
        label=_("Documents released (PDF, PNG or JPEG)"), required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))
    redacted = MultipleFileField(
        label=_("Redacted versions (PDF; every page is flattened to an image, so covered "
                "text is really removed)"), required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf"}))
    delivery_method = forms.ChoiceField(label=_("Delivery (art. 15)"), required=False,
                                        choices=[("", "—"), *InformationRequest.Delivery.choices])
    copying_cost = forms.DecimalField(
        label=_("Cost of copying or processing the information, in MAD (art. 5)"), min_value=0,
        max_digits=10, decimal_places=2, initial=Decimal("0"),
        help_text=_("Access is free (art. 5): charge only, where needed, what copying or processing the "
                    "information and sending it actually cost, and the services paid for under the "
                    "regulations in force."))
    sending_cost = forms.DecimalField(
        label=_("Cost of sending the information, in MAD (art. 5)"), min_value=0,
        max_digits=10, decimal_places=2, initial=Decimal("0"))
    refusal_grounds = forms.ModelMultipleChoiceField(
        label=_("Grounds of refusal (art. 18)"), required=False,
        queryset=RefusalGround.objects.order_by("item"), widget=forms.CheckboxSelectMultiple)
    publication_reference = forms.CharField(label=_("Reference of the publication"), required=False,
                                            max_length=limit(Decision, "publication_reference"))
    publication_location = forms.CharField(label=_("Where it can be obtained"), required=False,
                                           max_length=limit(Decision, "publication_location"))
    earlier_request = forms.CharField(label=_("Reference of the earlier request (same requester, "
                                              "same year)"), required=False,
                                      max_length=limit(InformationRequest, "reference"))
    explanation = forms.CharField(label=_("Explanation"), required=False,
                                  max_length=limit(Decision, "explanation"),
                                  widget=forms.Textarea(attrs={"rows": 4}))

    FIELDS = {
        Outcome.GRANTED: ["documents", "delivery_method", "copying_cost", "sending_cost", "explanation"],
        Outcome.PARTIALLY_GRANTED: ["redacted", "delivery_method", "copying_cost", "sending_cost",
                              "explanation"],
        Outcome.REFUSED: ["refusal_grounds", "publication_reference", "publication_location",
                    "earlier_request", "explanation"],
    }

    def __init__(self, *args, outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].initial = outcome
        for name in list(self.fields):
            if name not in (*self.FIELDS[outcome], "outcome", "confirm"):
                del self.fields[name]
        if outcome == Outcome.PARTIALLY_GRANTED:
            self.fields["redacted"].required = True
        self.order_fields([*self.FIELDS[outcome], "confirm"])


class TemplateForm(FocusFirstErrorMixin, forms.ModelForm):
    class Meta:
        model = ResponseTemplate
        fields = ["use", "title", "text_ar", "text_fr"]
        widgets = {"text_ar": forms.Textarea(attrs={"rows": 5, "dir": "rtl", "lang": "ar"}),
                   "text_fr": forms.Textarea(attrs={"rows": 5, "dir": "ltr", "lang": "fr"})}


class DesignateForm(FocusFirstErrorMixin, forms.Form):
    """Art. 12: the head of the body designates an information officer by a decision."""

    email = forms.EmailField(label=_("The officer's account (e-mail address)"),
                             widget=forms.EmailInput(attrs={"dir": "ltr"}))
    decision_reference = forms.CharField(label=_("Reference of the designation decision"),
                                         max_length=100)
    decision_date = forms.DateField(label=_("Date of the decision"),
                                    widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))
    starts_on = forms.DateField(label=_("Starts on"), initial=timezone.localdate,
                                widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))
    work_email = forms.EmailField(label=_("Work e-mail (published)"), required=False,
                                  widget=forms.EmailInput(attrs={"dir": "ltr"}))
    work_phone = forms.CharField(label=_("Work phone (published)"), max_length=30, required=False,
                                 widget=forms.TextInput(attrs={"dir": "ltr"}))
