from django import forms
from django.db import models

from ..models import RegisterEntry
from .services import FIELDS


def _form_field(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class RegisterEntryForm(forms.ModelForm):
    class Meta:
        model = RegisterEntry
        formfield_callback = _form_field
        fields = FIELDS
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "url": forms.URLInput(attrs={"dir": "ltr"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"dir": "auto", "rows": 4}),
            "title_translation": forms.TextInput(attrs={"dir": "auto"}),
            "description_translation": forms.Textarea(attrs={"dir": "auto", "rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The 19 categories by their number, in the page's language.
        self.fields["category"].label_from_instance = str
