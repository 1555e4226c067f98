"""The forms of the complaint to the head of the body (art. 19)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from appeals.models import ComplaintChannel, HeadComplaint, HeadComplaintState

from .services import CONTESTABLE, OUTCOMES, PAPER_CHANNELS


class ComplaintForm(forms.Form):
    contested = forms.ChoiceField(label=_("What do you contest?"), widget=forms.RadioSelect,
                                  label_suffix="")  # the label is a question
    reasons = forms.CharField(label=_("Why? Explain what you expect from the head of the body"),
                              max_length=10000, widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}))

    def __init__(self, *args, information_request, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = CONTESTABLE.get(information_request.state, ())
        self.fields["contested"].choices = [(value, HeadComplaint.Contested(value).label)
                                            for value in allowed]
        if len(allowed) == 1:
            self.fields["contested"].initial = allowed[0]


class PaperComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(label=_("Received by"), choices=[
        (value, label) for value, label in ComplaintChannel.choices if value in PAPER_CHANNELS])
    filed_on = forms.DateField(label=_("Date the body received the complaint"),
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    field_order = ["channel", "filed_on", "contested", "reasons"]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (value, HeadComplaintState(value).label) for value in OUTCOMES])
    reasons = forms.CharField(label=_("Reasons of the decision (art. 19)"), max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}))
