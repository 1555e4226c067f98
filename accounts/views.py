"""The profile (art. 14 identity). Sign-up, e-mail verification, login, password reset
and change, and the second factor are django-allauth's (config/urls.py)."""

from allauth.account.internal.stagekit import clear_login
from allauth.account.views import ConfirmEmailView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=request.user, **{
                name: form.cleaned_data[name] for name in ProfileForm.Meta.fields})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


class ConfirmEmail(ConfirmEmailView):
    """allauth's page behind the link of a verification mail, which never opens an
    account an administrator deactivated: an old link neither verifies its address nor
    logs anyone in (allauth would, in the browser that signed up), and says why."""

    def get(self, *args, **kwargs):
        return self._refuse_deactivated() or super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        return self._refuse_deactivated() or super().post(*args, **kwargs)

    def _refuse_deactivated(self):
        try:
            confirmation = self.get_object()
        except Http404:
            return None  # allauth's own answer to an unknown or expired link
        if confirmation.email_address.user.is_active:
            return None
        # Drop the sign-up in progress in this browser, which allauth would resume.
        clear_login(self.request)
        messages.error(self.request, _("This account has been deactivated: the link in the "
                                       "mail no longer opens it. Write to the administration "
                                       "if you think this is a mistake."))
        return redirect("account_login")


confirm_email = ConfirmEmail.as_view()
