"""Forms of the officers' workspace. Each action that changes a request has its own
form, with a confirmation box: the act has legal effect and is notified at once."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.forms import FocusFirstErrorMixin
from accounts.models import User

from ..clock import periods
from ..forms import MessageForm, RequestForm, limit
from ..models import (
    RECEIVED_VIA_OFFICER,
    Decision,
    DecisionGround,
    Exemption,
    ExemptionCitation,
    InformationRequest,
    InternalNote,
    PreparedDocument,
    ReceivedVia,
    RefusalGround,
    ResponseTemplate,
    StateChange,
    ThirdPartyConsultation,
)

Outcome = Decision.Outcome
CONFIRM_LABEL = _("I confirm: this act is recorded in my name and notified to the requester.")


class DateInput(forms.DateInput):
    """The browser's date picker: it sends ISO ``yyyy-mm-dd``, which cannot be misread,
    and shows a value only in ISO (not in the language's ``dd/mm/yyyy``)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"dir": "ltr", **(attrs or {})}, format="%Y-%m-%d")


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
                                  widget=DateInput())

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
        periods.check_counted_from(value)
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


class NoticeSettingsForm(FocusFirstErrorMixin, forms.ModelForm):
    """How an officer is told of new requests, messages, answers and complaints."""

    class Meta:
        model = User
        fields = ["notice_frequency"]
        labels = {"notice_frequency": _("How do you want to receive your notices?")}
        widgets = {"notice_frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)  # the label is a question


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
                               widget=DateInput())

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
                                  widget=DateInput())


class SharedChoicesFormSet(forms.BaseFormSet):
    """Forms that each offer the same rows in ``shared_field``'s select: the rows are
    read once for the formset, not once a form."""

    shared_field = ""

    @cached_property
    def shared_choices(self) -> list:
        # Iterated, not list()ed: list() would first ask the queryset for its length.
        return [choice for choice in self.form.base_fields[self.shared_field].choices]

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields[self.shared_field].choices = self.shared_choices
        return form


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


class BaseCitationFormSet(SharedChoicesFormSet):
    shared_field = "exemption"


CitationFormSet = forms.formset_factory(CitationForm, formset=BaseCitationFormSet, extra=3, max_num=10)


class GroundForm(forms.Form):
    """One art. 18 ground relied on, with its own reason: for a refusal, or for a part
    withheld in a partial grant (a part not available, already published...)."""

    ground = forms.ModelChoiceField(label=_("Ground (art. 18)"), required=False,
                                    queryset=RefusalGround.objects.filter(active=True).order_by("item"))
    withheld_part = forms.CharField(label=_("Part withheld (partial grant)"), required=False,
                                    max_length=limit(DecisionGround, "withheld_part"))
    reason = forms.CharField(
        label=_("Reason for this ground"), required=False,
        max_length=limit(DecisionGround, "reason"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to the requester, in the letter and on the public register. For the "
                    "ground of article 7, the exemptions below carry the reasons."))

    def clean(self):
        data = super().clean()
        ground, reason = data.get("ground"), (data.get("reason") or "").strip()
        if ground and not reason and ground.requires != RefusalGround.Requires.EXEMPTION:
            self.add_error("reason", _("Each ground relied on needs its own written reason (art. 18)."))
        if not ground and (reason or (data.get("withheld_part") or "").strip()):
            self.add_error("ground", _("Choose the ground this reason is for."))
        return data


class BaseGroundFormSet(SharedChoicesFormSet):
    shared_field = "ground"

    def clean(self):
        if any(self.errors):
            return
        chosen = [form.cleaned_data["ground"] for form in self.forms
                  if form.cleaned_data.get("ground")]
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError(_("Cite each ground once, with its reason."))


GroundFormSet = forms.formset_factory(GroundForm, formset=BaseGroundFormSet, extra=3, max_num=7)


class DecisionForm(FocusFirstErrorMixin, ConfirmMixin):
    """Grant, partial grant (art. 8) or refusal (art. 18): the fields each needs."""

    outcome = forms.CharField(widget=forms.HiddenInput)
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
    publication_key = forms.ChoiceField(
        label=_("Already published (art. 18): the body's published record"), required=False,
        help_text=_("For the ground of information already published, pick the register entry or the "
                    "dataset: the letter cites its title and its address. If it is not listed, type "
                    "the reference and the place below."))
    publication_reference = forms.CharField(label=_("Reference of the publication"), required=False,
                                            max_length=limit(Decision, "publication_reference"))
    publication_location = forms.CharField(label=_("Where it can be obtained"), required=False,
                                           max_length=limit(Decision, "publication_location"))
    earlier_request = forms.CharField(label=_("Reference of the earlier request granted to the same "
                                              "requester by this body, the same year (repeated "
                                              "request, art. 18)"), required=False,
                                      max_length=limit(InformationRequest, "reference"))
    explanation = forms.CharField(label=_("Explanation"), required=False,
                                  max_length=limit(Decision, "explanation"),
                                  widget=forms.Textarea(attrs={"rows": 4}))

    FIELDS = {
        Outcome.GRANTED: ["delivery_method", "copying_cost", "sending_cost", "explanation"],
        # Art. 8 with art. 18: the documents prepared beforehand (redacted versions and
        # documents released in full side by side) are released; the parts withheld on an
        # art. 18 ground say what the reply must say.
        Outcome.PARTIALLY_GRANTED: ["delivery_method", "copying_cost",
                                    "sending_cost", "publication_key", "publication_reference",
                                    "publication_location",
                                    "earlier_request", "explanation"],
        Outcome.REFUSED: ["publication_key", "publication_reference", "publication_location",
                          "earlier_request", "explanation"],
    }

    def __init__(self, *args, outcome, ready_documents=0, publications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.ready_documents = ready_documents
        # The body's published records (``requests_app.publications``); none: typed only.
        if publications:
            self.fields["publication_key"].choices = [("", "—"), *(
                (item.key, f"{item.label}: {item.title}" if item.label else item.title)
                for item in publications)]
        else:
            del self.fields["publication_key"]
        self.fields["outcome"].initial = outcome
        for name in list(self.fields):
            if name not in (*self.FIELDS[outcome], "outcome", "confirm"):
                del self.fields[name]
        self.outcome = outcome
        self.order_fields([*self.FIELDS[outcome], "confirm"])
        if "publication_key" in self.fields:
            self.fields["publication_key"].widget.attrs["dir"] = "auto"

    def clean(self):
        data = super().clean()
        if self.outcome == Outcome.PARTIALLY_GRANTED and not self.ready_documents:
            self.add_error(None, _("Release at least one document, redacted or in full (art. 8): add it "
                                   "on the request's documents page first."))
        return data


class PreparedDocumentForm(FocusFirstErrorMixin, forms.Form):
    """A document of the coming decision: how it is released, the title the public will
    read (never the file's name), and the file."""

    kind = forms.ChoiceField(label=_("Released"), choices=PreparedDocument.Kind.choices,
                             widget=forms.RadioSelect, initial=PreparedDocument.Kind.FULL)
    public_title = forms.CharField(
        label=_("Public title"), max_length=limit(PreparedDocument, "public_title"),
        help_text=_("The requester and the public read this title; the file's own name and "
                    "properties are never published."))
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG; a redacted version is a PDF, each page of which is turned "
                "into an image so that covered text is really removed)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))


class ReclassifyForm(FocusFirstErrorMixin, ConfirmMixin):
    """Art. 17 does not apply: the request is answered in the ordinary period."""

    field_order = ["reasons", "confirm"]

    reasons = forms.CharField(
        label=_("Why the information is not needed to protect a person's life, safety or liberty "
                "(art. 17)"), max_length=limit(InformationRequest, "reclassification_reasons"),
        widget=forms.Textarea(attrs={"rows": 4}))


class DeterminationForm(FocusFirstErrorMixin, forms.Form):
    """Art. 9: after the third party's refusal, the body's own decision and reasons."""

    determination = forms.ChoiceField(
        label=_("The body's determination (art. 9)"), widget=forms.RadioSelect,
        choices=[choice for choice in ThirdPartyConsultation.Determination.choices if choice[0]])
    determination_reasons = forms.CharField(
        label=_("The body's reasons, taking the third party's into account"),
        max_length=limit(ThirdPartyConsultation, "determination_reasons"),
        widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawalForm(FocusFirstErrorMixin, ConfirmMixin):
    """A withdrawal the requester sent on paper or by e-mail, recorded by an officer."""

    field_order = ["written_withdrawal", "note", "confirm"]

    written_withdrawal = forms.FileField(
        label=_("The requester's written withdrawal (PDF, PNG or JPEG)"),
        error_messages={"required": _("Attach the requester's written withdrawal: only the requester "
                                      "withdraws a request.")},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))
    note = forms.CharField(label=_("Note (how and when it was received)"), required=False,
                           max_length=limit(StateChange, "note"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class MaskForm(FocusFirstErrorMixin, forms.Form):
    """Personal data the requester wrote into the subject (a patient's or a detainee's
    name), masked on the public register (Law 09-08): one phrase per line."""

    masked_in_subject = forms.CharField(
        label=_("Personal data in the subject to mask on the public register"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One word or phrase per line, copied from the subject: each is replaced by "
                    "“[…]” on the public register, its feed and its export. The requester and the "
                    "body still see the subject as written."))

    def clean_masked_in_subject(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["masked_in_subject"].splitlines() if line.strip()]


class ReceiptForm(FocusFirstErrorMixin, ConfirmMixin):
    """Art. 19: the day the requester received an answer delivered by post or at the
    counter, with the acknowledgement; the service checks the date."""

    via = forms.ChoiceField(label=_("Delivered"), widget=forms.RadioSelect, choices=[
        choice for choice in ReceivedVia.choices if choice[0] in RECEIVED_VIA_OFFICER])
    received_on = forms.DateField(label=_("Date the requester received the answer"),
                                  widget=DateInput())
    proof = forms.FileField(label=_("Acknowledgement of receipt (PDF, PNG or JPEG)"),
                            widget=forms.ClearableFileInput(
                                attrs={"accept": "application/pdf,image/png,image/jpeg"}))

    field_order = ["via", "received_on", "proof", "confirm"]


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
                                    widget=DateInput())
    starts_on = forms.DateField(label=_("Starts on"), initial=timezone.localdate,
                                widget=DateInput())
    work_email = forms.EmailField(label=_("Work e-mail (published)"), required=False,
                                  widget=forms.EmailInput(attrs={"dir": "ltr"}))
    work_phone = forms.CharField(label=_("Work phone (published)"), max_length=30, required=False,
                                 widget=forms.TextInput(attrs={"dir": "ltr"}))
