import uuid

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import User
from .permissions import is_workspace_user


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


class EmailFieldMixin(FocusFirstErrorMixin):
    """The e-mail address (field ``email_field``): read left to right, filled in by the
    browser."""

    email_field = "email"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.email_field].widget.attrs.update({"dir": "ltr", "autocomplete": "email"})


class LoginForm(EmailFieldMixin, allauth_forms.LoginForm):
    """Log in with the e-mail address (django-allauth)."""

    email_field = "login"


class _Undone(Exception):
    pass


class SignUpForm(EmailFieldMixin, allauth_forms.SignupForm):
    """E-mail address and password; the art. 14 identity is kept in the profile.

    An address that already has an account gets no new one (allauth mails its owner
    instead, ACCOUNT_PREVENT_ENUMERATION), but the same work is done as for a new one:
    the password hashed, the same rows written (then rolled back), one mail. Otherwise
    the time taken, mostly the hashing, would tell whether the address is known."""

    def try_save(self, request):
        if self.account_already_exists:
            self._do_the_work_of_a_new_account(request)
        return super().try_save(request)

    def _do_the_work_of_a_new_account(self, request):
        email = self.cleaned_data["email"]
        try:
            with transaction.atomic():
                self.account_already_exists = False
                self.cleaned_data["email"] = f"{uuid.uuid4().hex}@sign-up.invalid"
                self.save(request)
                raise _Undone
        except _Undone:
            pass
        finally:
            self.account_already_exists = True
            self.cleaned_data["email"] = email


class AddEmailForm(EmailFieldMixin, allauth_forms.AddEmailForm):
    """Staff (an active designation, a Commission role) keep the address the
    administration knows them by: whoever holds their password alone must not be able to
    add an address of their own, have it verified, and receive there the link that sets
    up a second factor (``accounts.enrolment``)."""

    def clean_email(self):
        if is_workspace_user(self.user):
            raise forms.ValidationError(_(
                "Your address is the one your administration recorded. To change it, ask "
                "the administration of Nafida."), code="staff_address")
        return super().clean_email()


class ResetPasswordForm(EmailFieldMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(FocusFirstErrorMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(FocusFirstErrorMixin, allauth_forms.ChangePasswordForm):
    pass


class ProfileForm(FocusFirstErrorMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "address", "id_type", "id_number", "phone",
                  "preferred_language"]
        labels = {"first_name": _("First name"), "last_name": _("Family name")}
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   "id_number": forms.TextInput(attrs={"dir": "ltr"}),
                   "phone": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "tel"})}


class CodeFieldMixin(FocusFirstErrorMixin):
    """The code from the authenticator app (or a recovery code): digits read left to right,
    the phone's numeric keypad, the browser's one-time-code filling."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({
            "dir": "ltr", "inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True})


class MFAAuthenticateForm(CodeFieldMixin, mfa_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(CodeFieldMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(CodeFieldMixin, totp_forms.ActivateTOTPForm):
    pass
