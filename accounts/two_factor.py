"""The second factor (django-allauth's ``allauth.mfa``: an authenticator app or a passkey)
that officers, heads of bodies and Commission members must use to reach the workspace
and the admin: they hold requesters' identities and take decisions with legal effect."""

import time
from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.totp.views import ActivateTOTPView
from allauth.mfa.webauthn.views import AddWebAuthnView
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import enrolment
from .permissions import is_workspace_user

# The kinds of authenticator that are a second factor by themselves (recovery codes only
# stand in for a lost one).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def is_mfa_authenticated(request) -> bool:
    """Whether this session's login went through a second factor of this user (allauth
    records each authentication step in the session: a code, a passkey, a recovery code)."""
    user = request.user
    return (user.is_authenticated
            and any(record.get("method") == "mfa"
                    for record in get_authentication_records(request, user))
            and has_second_factor(user))


def second_factor_redirect(request, next_url: str):
    """Where a logged-in person goes to pass the second factor, then back to ``next_url``:
    entering a code, or, without an authenticator yet, the page that mails the link to set
    one up (the password alone does not)."""
    step = ("mfa_reauthenticate" if has_second_factor(request.user)
            else "accounts:second_factor_enrolment")
    return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}")


def second_factor_required(view):
    """Logged in, entitled to the workspace, and verified by a second factor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_workspace_user(request.user):
            raise PermissionDenied(_("The workspace is for information officers, heads of "
                                     "bodies and the Commission."))
        if not is_mfa_authenticated(request):
            return second_factor_redirect(request, request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def safe_next(request, default: str = "") -> str:
    """The ``next`` page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


class _KeepsNext:
    """An allauth page on the way to the second factor, which hands ``next`` on."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request)}


class _LeadsBack(_KeepsNext):
    """An allauth page that adds an authenticator and leads back to the page that asked
    for the second factor (``next``)."""

    authenticator_type = ""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            here = request.get_full_path()
            if has_second_factor(user):
                # Another authenticator: only with the one already set up.
                if not is_mfa_authenticated(request):
                    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': here})}")
            elif not enrolment.may_enrol(request):
                # The first one: only after opening the link sent to the account's address.
                next_url = safe_next(request)
                query = f"?{urlencode({'next': next_url})}" if next_url else ""
                return redirect(reverse("accounts:second_factor_enrolment") + query)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        enrolment.enrolment_done(self.request)
        # Setting up an authenticator proves its possession (a valid code, a passkey's
        # signature): the session counts as verified by it, as after a login with it.
        user = self.request.user
        authenticator = Authenticator.objects.filter(user=user, type=self.authenticator_type).latest("pk")
        record_authentication(self.request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        return response

    def get_success_url(self):
        url = super().get_success_url()
        target = safe_next(self.request)
        return f"{url}?{urlencode({'next': target})}" if target else url


class ActivateTOTP(_LeadsBack, ActivateTOTPView):
    """allauth's set-up page, which then shows the recovery codes and leads back to the
    page that asked for the second factor."""

    template_name = "mfa/totp/activate_form.html"
    authenticator_type = Authenticator.Type.TOTP


class AddWebAuthn(_LeadsBack, AddWebAuthnView):
    """allauth's page to add a passkey or security key, leading back the same way."""

    authenticator_type = Authenticator.Type.WEBAUTHN


class RecoveryCodes(_KeepsNext, ViewRecoveryCodesView):
    """allauth's recovery codes, shown once the app is set up, with the way back."""


def _default_next(request) -> str:
    if is_workspace_user(request.user):
        return resolve_url(settings.WORKSPACE_URL)
    return reverse("mfa_index")


@login_required
@require_http_methods(["GET"])
def enrolment_sent(request):
    """Where a person without a second factor lands when one is needed: a link to set it
    up is mailed to the account's verified address (at most every few minutes)."""
    next_url = safe_next(request, _default_next(request))
    if has_second_factor(request.user):
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
    # Where to go once the factor is set up, since the mailed link carries no ``next``.
    request.session[enrolment.NEXT_SESSION_KEY] = next_url
    address = enrolment.work_address(request.user)
    if address and not enrolment.link_recently_sent(request.user):
        enrolment.issue_link(user=request.user)
    return render(request, "mfa/enrolment_sent.html", {"address": address, "next": next_url})


@require_http_methods(["GET", "POST"])
def enrolment_open(request, token):
    """The link from the mail. Opening it (GET) shows a button, so that a mail scanner
    following it uses nothing; the button (POST) uses the link up and leads to the set-up
    of an authenticator app (or a passkey)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        if request.method == "POST":
            enrolment.open_link(request=request, token=token)
            next_url = (safe_next(request) or request.session.pop(enrolment.NEXT_SESSION_KEY, "")
                        or _default_next(request))
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': next_url})}")
        enrolment.check_link(token=token, user=request.user)
    except ValidationError as exc:
        # One neutral refusal for every failure (used, expired, or not this account's link).
        return render(request, "mfa/enrolment_open.html", {"error": exc.messages[0]}, status=403)
    return render(request, "mfa/enrolment_open.html", {"next": safe_next(request)})


activate_totp = ActivateTOTP.as_view()
add_webauthn = AddWebAuthn.as_view()
view_recovery_codes = RecoveryCodes.as_view()


class SecondFactorAdminSite(AdminSite):
    """The admin shows every request with its requester's identity: like the workspace,
    it needs the second factor. Its login is allauth's (password, then the code, in the
    page's language), which brings the person back to the admin page they asked for."""

    def has_permission(self, request):
        return super().has_permission(request) and is_mfa_authenticated(request)

    def login(self, request, extra_context=None):
        next_url = safe_next(request, reverse("admin:index", current_app=self.name))
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if not (request.user.is_active and request.user.is_staff):
            # A requester is not sent to set up an authenticator app for a door that
            # stays closed to them.
            raise PermissionDenied(_("The administration is for staff accounts."))
        if not is_mfa_authenticated(request):
            return second_factor_redirect(request, next_url)
        return redirect(next_url)


def current_totp_code(secret: str) -> str:
    """The code an authenticator app holding ``secret`` (base 32) shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
