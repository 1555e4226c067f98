from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import PublicBody

from ..models import CommissionComplaint
from ..models.commission import COMMISSION_ANSWERED_STATES, CommissionOutcome


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the decisions"), required=False, max_length=200)
    outcome = forms.ChoiceField(label=_("Decision"), required=False,
                                choices=[("", _("All"))] + list(CommissionOutcome.choices))
    body = forms.ModelChoiceField(label=_("Body"), required=False, to_field_name="code",
                                  queryset=PublicBody.objects.none(), empty_label=_("All bodies"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the bodies with a published decision.
        published = CommissionComplaint.objects.filter(published_at__isnull=False,
                                                       state__in=COMMISSION_ANSWERED_STATES)
        self.fields["body"].queryset = PublicBody.objects.filter(
            pk__in=published.values("request__body")).order_by("name_fr")


class PublishForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Public text of the decision"), max_length=20000, widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Written for the public: what was asked, what the Commission decided and why, in a few "
                    "sentences. Never the complainant's name, ID number, e-mail, phone or address; nothing "
                    "from the deliberations, the minutes or the investigation notes (RI art. 9)."))
