"""The portal's forms; the limits of what they accept are the models' own, so every
entry point enforces the same."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import FocusFirstErrorMixin

from .models import InformationRequest, Message, StateChange


def limit(model, name: str) -> int:
    """The length limit of a model's field, for the form that fills it."""
    return model._meta.get_field(name).max_length


# Numbers and addresses read left to right even on an Arabic page.
LEFT_TO_RIGHT = ("email", "phone", "id_number")
IDENTITY_FIELDS = ["first_name", "family_name", "address", "id_type", "id_number", "email",
                   "phone"]


class RequestForm(FocusFirstErrorMixin, forms.ModelForm):
    """The portal's request form (art. 14). It asks nothing about why the information
    is wanted: the law requires no reason."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = InformationRequest
        fields = [*IDENTITY_FIELDS, "subject", "information_sought", "is_urgent",
                  "urgency_reason", "urgency_explanation", "delivery_preference",
                  "publication_consent"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "information_sought": forms.Textarea(attrs={"rows": 6}),
            "urgency_explanation": forms.Textarea(attrs={"rows": 3}),
            "delivery_preference": forms.RadioSelect,
            "id_type": forms.RadioSelect,
        }
        labels = {
            "is_urgent": _("This request is urgent: a person's life, safety or liberty is "
                           "at stake (art. 17)"),
            "publication_consent": _("The documents released to me may be published on the "
                                     "public register (my identity never is)"),
        }
        help_texts = {
            "information_sought": _("Describe the documents or information as precisely as "
                                    "you can. You do not have to say why you want them."),
            "email": _("Needed for delivery by e-mail; we also send you the receipt and "
                       "every step of the request."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urgency_reason"].choices = [
            choice for choice in self.fields["urgency_reason"].choices if choice[0]
        ]
        self.fields["urgency_reason"].widget = forms.RadioSelect(
            choices=self.fields["urgency_reason"].choices)
        self.fields["urgency_reason"].required = False
        for name in ("first_name", "family_name", "address", "id_number"):
            self.fields[name].required = True
        # No empty "---------" choice: the law asks for one of the two documents.
        self.fields["id_type"].choices = InformationRequest.IdType.choices
        self.fields["id_type"].widget.choices = InformationRequest.IdType.choices
        for name in LEFT_TO_RIGHT:
            self.fields[name].widget.attrs["dir"] = "ltr"

    def clean(self):
        data = super().clean()
        if data.get("is_urgent") and not data.get("urgency_reason"):
            self.add_error("urgency_reason", _("Say whose life, safety or liberty is at stake "
                                               "(art. 17)."))
        if (data.get("delivery_preference") == InformationRequest.Delivery.EMAIL
                and not data.get("email")):
            self.add_error("email", _("An e-mail address is needed for delivery by e-mail."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MessageForm(FocusFirstErrorMixin, forms.Form):
    """A message about a request, with attachments: the requester's, or (with another
    label) an officer's."""

    text = forms.CharField(label=_("Your message"), max_length=limit(Message, "text"),
                           widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(
        label=_("Attachments (PDF, PNG or JPEG)"), required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))

    def __init__(self, *args, label=None, rows=4, **kwargs):
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["text"].label = label
        self.fields["text"].widget.attrs["rows"] = rows


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("The documents released to me may be published on the public register"),
        required=False)


class ClaimForm(FocusFirstErrorMixin, forms.Form):
    """A request registered by an officer (counter, post, e-mail), claimed with the
    reference and the code printed on its receipt."""

    reference = forms.CharField(label=_("Reference of the request"), max_length=20,
                                widget=forms.TextInput(attrs={"dir": "ltr"}))
    code = forms.CharField(label=_("Code printed on the receipt"), max_length=20,
                           widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}))


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Reason (optional)"), required=False,
                           max_length=limit(StateChange, "note"),
                           widget=forms.Textarea(attrs={"rows": 3}))
