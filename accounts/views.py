"""The profile (art. 14 identity), and the invitee's answer to an invitation to serve as
information officer (art. 12). Sign-up, e-mail verification, login, password reset
and change, and the second factor are django-allauth's (config/urls.py)."""

from allauth.account.internal.stagekit import clear_login
from allauth.account.views import ConfirmEmailView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import ProfileForm
from .models import Designation


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


# -- invitations to serve as an officer (art. 12) -----------------------------------------------


def _invitation(request, token):
    """The invitation a link names, for the account it was sent to; anyone else is told
    to log in with that account (403), a forged or too old link is 404."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        raise Http404
    if invitation.user_id != request.user.pk:
        response = render(request, "accounts/invitation.html", {"other_account": True},
                          status=403)
        return None, response
    return invitation, None


@login_required
def invitation(request, token):
    invitation, refused = _invitation(request, token)
    if refused:
        return refused
    return render(request, "accounts/invitation.html", {"invitation": invitation, "token": token})


def _answer(request, token, act, done):
    invitation, refused = _invitation(request, token)
    if refused:
        return refused
    try:
        act(actor=request.user, invitation=invitation)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        return redirect("accounts:invitation", token)
    messages.success(request, done(invitation) % {"body": invitation.body.name})
    return None


def _accepted(invitation) -> str:
    # The role lower-case mid-sentence and the body last, after a colon ("… auprès de :
    # Commune de Rabat"), whatever its name's article and capital letter.
    if invitation.role == Designation.Role.HEAD_OF_BODY:
        return _("You are now designated as head of the body: %(body)s. Your work is in the "
                 "workspace, behind a second factor.")
    return _("You are now designated as information officer for: %(body)s. Your work is in "
             "the workspace, behind a second factor.")


@login_required
@require_POST
def invitation_accept(request, token):
    refused = _answer(request, token, services.accept_invitation, _accepted)
    return refused or redirect(settings.WORKSPACE_URL)


@login_required
@require_POST
def invitation_decline(request, token):
    refused = _answer(request, token, services.decline_invitation,
                      lambda invitation: _("You have declined the invitation to serve for: "
                                           "%(body)s."))
    return refused or redirect(settings.LOGIN_REDIRECT_URL)

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
