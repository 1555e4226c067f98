from django import forms
from django.utils.translation import gettext_lazy as _


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for not publishing"), widget=forms.Textarea(attrs={"dir": "auto", "rows": 4})
    )
