"""How django-allauth fits Nafida: where people land after logging in, the language of
the account mails, and who django-axes counts a failed login against."""

import time
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .client_ip import client_ip
from .models import User
from .permissions import is_workspace_user


class AccountAdapter(DefaultAccountAdapter):
    # allauth's French catalogue lacks this one.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": gettext_lazy("Too many failed login attempts. Try again later."),
    }

    def get_login_redirect_url(self, request):
        """Officers, heads of bodies and Commission members go to their workspace;
        requesters to their requests. An explicit ``next`` still comes first."""
        if is_workspace_user(request.user):
            return resolve_url(settings.WORKSPACE_URL)
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_email_verification_redirect_url(self, email_address):
        """Once the address is confirmed (and the person logged in), the profile, where
        the art. 14 identity that pre-fills requests is kept."""
        if self.request.user.is_authenticated:
            return resolve_url("accounts:profile")
        return super().get_email_verification_redirect_url(email_address)

    def save_user(self, request, user, form, commit=True):
        # The account's mails and notices are written in the language of the sign-up page.
        user.preferred_language = (get_language() or settings.LANGUAGE_CODE)[:2]
        if user.preferred_language not in User.Language.values:
            user.preferred_language = User.Language.ARABIC
        return super().save_user(request, user, form, commit=commit)

    def is_reauthentication_required(self, *, app, **kwargs):
        """A password or a code given in the last minutes counts as given again: an officer
        sets up the authenticator app right after logging in without typing the password
        twice (allauth asks again after ACCOUNT_REAUTHENTICATION_TIMEOUT)."""
        request = context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if any(time.time() - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
                   for record in records):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def confirm_email(self, request, email_address):
        """A deactivated account's address is not verified by an old link (nor by a code)."""
        if not email_address.user.is_active:
            return False
        return super().confirm_email(request, email_address)

    def get_client_ip(self, request):
        """The client's address behind the trusted proxies, as django-axes reads it."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def _get_login_attempts_cache_key(self, request, **credentials):
        """allauth's count of failed logins per account is kept per account *and* address
        (settings.ACCOUNT_RATE_LIMITS): failures a stranger makes on purpose, from as many
        addresses as they like, never lock the owner out of their own."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"

    def format_email_subject(self, subject):
        # The service's name in the mail's language (ACCOUNT_EMAIL_SUBJECT_PREFIX could
        # not translate it).
        return f"{_('Nafida')} — {subject}"

    def send_mail(self, template_prefix, email, context):
        """In the language the account holder chose; in the page's language when no
        account has this address."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", "") or get_language()
        with translation.override(language):
            # allauth's mails greet "Hello from <site name>" and sign off with its
            # domain; without the sites framework both are the request's host
            # ("127.0.0.1:8000"): the service's name and address instead.
            context = {**context, "current_site": SimpleNamespace(
                name=_("Nafida"), domain=urlsplit(settings.NAFIDA_SITE_URL).netloc)}
            super().send_mail(template_prefix, email, context)


def axes_username(request, credentials):
    """The address django-axes counts failures against: allauth authenticates with
    ``email=``; its login form posts ``login``."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if value is None and request is not None:
        value = request.POST.get("login")
    return (value or "").strip().lower() or None
