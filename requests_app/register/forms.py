from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import PublicBody

from ..models import Decision, Exemption, RefusalGround, RequestState
from .selectors import PUBLIC_STATES


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the subjects"), required=False, max_length=200)
    body = forms.ModelChoiceField(
        label=_("Body"), required=False, to_field_name="code",
        queryset=PublicBody.objects.order_by("name_fr"), empty_label=_("All bodies"))
    state = forms.ChoiceField(label=_("State"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    ground = forms.ChoiceField(label=_("Ground"), required=False)
    year = forms.IntegerField(label=_("Year of receipt"), required=False, min_value=2019,
                              max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["state"].choices = everything + [
            (value, label) for value, label in RequestState.choices if value in PUBLIC_STATES]
        self.fields["outcome"].choices = everything + list(Decision.Outcome.choices)
        # Each ground by its own words: the art. 18 grounds, then each art. 7 exemption
        # with its citation in the page's language ("المادة 7، الفقرة 1: الدفاع الوطني").
        self.fields["ground"].choices = everything + [
            (_("Refusal grounds (art. 18)"), [
                (ground.code, ground.label) for ground in RefusalGround.objects.order_by("item")]),
            (_("Exceptions (art. 7)"), [
                (exemption.code, exemption.label_with_citation)
                for exemption in Exemption.objects.order_by("paragraph", "item", "id")]),
        ]
