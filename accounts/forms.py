from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class FocusFirstErrorMixin:
    """After a refused submission the cursor starts in the first field in error (HTML
    ``autofocus``: no JavaScript needed); the summary above the form lists them all."""

    def full_clean(self):
        super().full_clean()
        for widget in (field.widget for field in self.fields.values()):
            widget.attrs.pop("autofocus", None)
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                break


class LoginForm(FocusFirstErrorMixin, AuthenticationForm):
    """Log in with the e-mail address (the account's USERNAME_FIELD)."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                                   "autofocus": True, "dir": "ltr"}))
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _("This account is not active yet: open the link we sent by e-mail."),
    }


class SignUpForm(FocusFirstErrorMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}))
    password1 = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, User(email=data.get("email", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(FocusFirstErrorMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "address", "id_type", "id_number", "phone",
                  "preferred_language"]
        labels = {"first_name": _("First name"), "last_name": _("Family name")}
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   "id_number": forms.TextInput(attrs={"dir": "ltr"}),
                   "phone": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "tel"})}
