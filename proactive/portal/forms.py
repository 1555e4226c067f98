from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import Art10Category, PortalDataset, RegisterEntry


class LinkDatasetForm(forms.Form):
    prefix = "link"  # the request's page holds it beside the publication's form
    url = forms.URLField(label=_("Address of the dataset on the portal"), max_length=500,
                         assume_scheme="https",
                         validators=PortalDataset._meta.get_field("url").validators,
                         widget=forms.URLInput(attrs={"dir": "ltr"}),
                         help_text=_("For instance https://data.gov.ma/data/fr/dataset/…"))
    title = forms.CharField(label=_("Title of the dataset"), max_length=255,
                            widget=forms.TextInput(attrs={"dir": "auto"}))
    language = forms.ChoiceField(label=_("Language of the title"), choices=RegisterEntry.Language.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page's language when a title may be written in it (Arabic or French).
        language = (get_language() or "")[:2]
        if language in RegisterEntry.Language.values:
            self.fields["language"].initial = language


class DatasetTextsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the title and description"),
                                 choices=RegisterEntry.Language.choices)
    title = forms.CharField(label=_("Title of the dataset"), max_length=255,
                            widget=forms.TextInput(attrs={"dir": "auto"}))
    title_translation = forms.CharField(label=_("Title in the other language"), max_length=255,
                                        required=False,
                                        widget=forms.TextInput(attrs={"dir": "auto"}))
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"dir": "auto", "rows": 3}))
    description_translation = forms.CharField(label=_("Description in the other language"), required=False,
                                              widget=forms.Textarea(attrs={"dir": "auto", "rows": 3}))
    licence = forms.CharField(label=_("Licence (its identifier on the portal)"), max_length=120,
                              required=False,
                              widget=forms.TextInput(attrs={"dir": "ltr"}),
                              help_text=_("For instance cc-by or odc-odbl, as the portal lists its "
                                          "licences."))


class PublishDatasetForm(DatasetTextsForm):
    prefix = "publish"
    category = forms.ModelChoiceField(label=_("Category of art. 10 of its register entry"), required=False,
                                      queryset=Art10Category.objects.all())
    register_entry = forms.ModelChoiceField(label=_("Or an entry already on the body's register"),
                                            required=False, queryset=RegisterEntry.objects.none())

    field_order = ["category", "register_entry", "language", "title", "title_translation", "description",
                   "description_translation", "licence"]

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].label_from_instance = str
        if body is not None:
            self.fields["register_entry"].queryset = RegisterEntry.objects.current().filter(body=body)
