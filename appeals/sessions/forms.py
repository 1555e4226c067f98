"""The forms of the sessions' pages: what the President types; the services check the
law (notice, quorum, votes, reasons)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from appeals.models import (
    AgendaItem,
    CommissionComplaint,
    CommissionComplaintState,
    CommissionOutcome,
    CommissionSession,
)


class CallSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the session"), widget=forms.DateInput(attrs={"type": "date"}))
    urgent = forms.BooleanField(label=_("Urgent (internal rules, art. 4: one day's notice)"), required=False)
    follows = forms.ModelChoiceField(
        label=_("Second session after the session without quorum of"), required=False,
        queryset=CommissionSession.objects.filter(state=CommissionSession.State.NO_QUORUM,
                                                  second_session__isnull=True),
        help_text=_("Internal rules, art. 5: it sits whatever the attendance."))


class AgendaForm(forms.Form):
    complaint = forms.ModelChoiceField(
        label=_("Complaint under investigation"),
        queryset=CommissionComplaint.objects.filter(state=CommissionComplaintState.INVESTIGATING)
        .select_related("request__body").order_by("due_date", "id"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complaint"].label_from_instance = lambda complaint: _(
            "%(number)s — %(body)s — to be answered by %(due)s") % {
            "number": complaint.number, "body": complaint.request.body.name,
            "due": complaint.due_date.strftime("%d/%m/%Y")}


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Members present"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    minutes = forms.CharField(label=_("Minutes (confidential, internal rules, art. 9)"), required=False,
                              max_length=50000, widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}))

    def __init__(self, *args, session: CommissionSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(row.member_id), row.member.get_full_name() or row.member.email)
            for row in session.attendance.select_related("member").order_by("member__last_name", "member_id")]


class DecideForm(forms.Form):
    vote = forms.ChoiceField(label=_("How it was decided (internal rules, art. 8)"),
                             choices=[choice for choice in AgendaItem.Vote.choices if choice[0]])
    outcome = forms.ChoiceField(label=_("Decision"), required=False,
                                choices=[("", "—"), *CommissionOutcome.choices])
    reasons = forms.CharField(label=_("Reasons (internal rules, art. 16)"), required=False, max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    articles_cited = forms.CharField(label=_("Articles relied on"), required=False, max_length=255,
                                     widget=forms.TextInput(attrs={"dir": "auto"}))
    votes_for = forms.IntegerField(label=_("Votes for"), required=False, min_value=0, max_value=1000)
    votes_against = forms.IntegerField(label=_("Votes against"), required=False, min_value=0, max_value=1000)
