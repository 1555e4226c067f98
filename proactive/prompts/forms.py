from django import forms
from django.utils.translation import gettext_lazy as _

from ..limits import TEXT_LIMIT


class DismissForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_LIMIT, label=_("Reason for not publishing"),
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4})
    )


class LinkEntryForm(forms.Form):
    entry = forms.ModelChoiceField(label=_("Register entry that already publishes it"), queryset=None)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        from ..models import RegisterEntry

        self.fields["entry"].queryset = RegisterEntry.objects.current().filter(body=body)
        self.fields["entry"].label_from_instance = lambda entry: entry.display_title
