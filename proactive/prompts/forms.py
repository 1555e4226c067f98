from django import forms
from django.utils.translation import gettext_lazy as _

from ..limits import TEXT_LIMIT


class DismissForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_LIMIT, label=_("Reason for not publishing"),
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4})
    )
