from django import forms
from django.utils.translation import gettext_lazy as _

from ..limits import TEXT_LIMIT
from ..models import Reuse
from . import services


class CitationField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, labeller=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.labeller = labeller

    def label_from_instance(self, obj):
        return self.labeller(obj)


def _url_field():
    return Reuse._meta.get_field("url").formfield(
        assume_scheme="https", widget=forms.URLInput(attrs={"dir": "ltr"})
    )


class ReuseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, widget=forms.TextInput(attrs={"dir": "auto"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=Reuse.Kind.choices)
    url = _url_field()
    description = forms.CharField(
        max_length=TEXT_LIMIT, label=_("Description"), required=False,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4})
    )
    credited_to = forms.CharField(
        label=_("Credited to"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_(
            "Shown with the reuse: a name, a pseudonym or an organisation, "
            "as you choose. Your account is never shown."
        ),
    )
    entries = CitationField(
        label=_("Register entries it uses"),
        required=False,
        queryset=None,
        labeller=lambda entry: f"{entry.display_title} — {entry.body.name}",
    )
    datasets = CitationField(
        label=_("Datasets it uses"),
        required=False,
        queryset=None,
        labeller=lambda dataset: f"{dataset.display_title} — {dataset.body.name}",
    )
    requests = CitationField(
        label=_("Public requests whose released documents it uses"),
        required=False,
        queryset=None,
        to_field_name="reference",
        labeller=lambda item: f"{item.reference} — {item.public_subject} — {item.body.name}",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = services.citable_entries()
        self.fields["datasets"].queryset = services.citable_datasets()
        self.fields["requests"].queryset = services.citable_requests()


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve: the reuse becomes public")),
            ("reject", _("Reject, with the reason")),
        ],
    )
    reason = forms.CharField(
        max_length=TEXT_LIMIT, label=_("Reason for rejecting"),
        required=False,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 3}),
    )
