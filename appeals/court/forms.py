from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CourtAppeal


class DateInput(forms.DateInput):
    input_type = "date"


class CourtAppealForm(forms.Form):
    court = forms.CharField(label=_("Administrative court"), max_length=200,
                            help_text=_("For example: Administrative court of Rabat."))
    filed_on = forms.DateField(label=_("Date the appeal was filed"), widget=DateInput)
    court_reference = forms.CharField(label=_("Court's file number"), max_length=100)


class CourtOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What the court decided"),
                                choices=[choice for choice in CourtAppeal.Outcome.choices if choice[0]])
    outcome_on = forms.DateField(label=_("Date of the judgment"), widget=DateInput)
    outcome_note = forms.CharField(label=_("Summary of the judgment (optional)"), required=False,
                                   max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
