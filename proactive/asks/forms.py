from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import PublicBody

from ..limits import TEXT_LIMIT
from ..models import DatasetAsk, DatasetAskPolicy, RegisterEntry


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AskForm(forms.Form):
    body = BodyChoiceField(
        label=_("Body asked"), queryset=PublicBody.objects.filter(active=True), to_field_name="code"
    )
    title = forms.CharField(
        label=_("Dataset asked for"),
        max_length=255,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Public, with the body's answer. Your name is never shown."),
    )
    description = forms.CharField(
        max_length=TEXT_LIMIT, label=_("Why it is useful"), required=False,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = PublicBody.objects.filter(active=True).order_by("name_fr")


class FilterForm(forms.Form):
    body = BodyChoiceField(
        label=_("Body"),
        queryset=PublicBody.objects.filter(active=True),
        to_field_name="code",
        required=False,
        empty_label=_("All bodies"),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *DatasetAsk.State.choices, ("overdue", _("Overdue"))],
    )


class AnswerForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Answer"),
        widget=forms.RadioSelect,
        choices=[
            (DatasetAsk.State.PLANNED, _("Planned: the dataset will be published by a date")),
            (DatasetAsk.State.PUBLISHED, _("Published: where to find it")),
            (DatasetAsk.State.DECLINED, _("Declined, with the reason")),
        ],
    )
    planned_for = forms.DateField(
        label=_("Planned for"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_url = forms.URLField(
        label=_("Where it is published"),
        required=False,
        assume_scheme="https",
        max_length=500,
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        validators=DatasetAsk._meta.get_field("published_url").validators,
    )
    register_entry = forms.ModelChoiceField(
        label=_("Register entry"), required=False, queryset=RegisterEntry.objects.none()
    )
    reason = forms.CharField(
        max_length=TEXT_LIMIT, label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4}),
        help_text=_("Required to decline; shown to the public."),
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register_entry"].queryset = RegisterEntry.objects.current().filter(body=body)
        self.fields["register_entry"].label_from_instance = lambda entry: entry.display_title


class PolicyForm(forms.ModelForm):
    # The unit as a choice of its own, not the word that follows a number in a period.
    UNITS = [("working", _("Working days (weekends and public holidays not counted)")),
             ("calendar", _("Calendar days (every day counted)"))]

    unit = forms.ChoiceField(label=_("unit"), choices=UNITS, widget=forms.RadioSelect)

    class Meta:
        model = DatasetAskPolicy
        fields = ("length", "unit")
