"""Setting up a second factor through a one-time link (issue 11): the link goes to the
account's verified address (or is issued by an administrator), is bound to the account,
used once and expires after ``NAFIDA_MFA_ENROLMENT_LINK_HOURS``. Opening it lets this
browser's session set up an authenticator app or a passkey for a short while; the
password alone does not."""

import hashlib
import secrets
import time
from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Designation, SecondFactorEnrolment, User

SESSION_KEY = "nafida_mfa_enrolment"
NEXT_SESSION_KEY = "nafida_mfa_enrolment_next"
# How long the session that opened the link may set up its factor.
SESSION_SECONDS = 30 * 60
# A new link is mailed at most this often when the person comes back to the page.
RESEND_SECONDS = 5 * 60


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def work_address(user: User) -> str | None:
    """Where the link goes: the work e-mail that the body recorded in the person's
    designation active today (the latest one), which the password cannot change; or else
    the account's verified address, which staff cannot change either (the address form
    refuses them, ``accounts.forms.AddEmailForm``). None: there is none."""
    designated = (Designation.objects.active().filter(user=user).exclude(work_email="")
                  .order_by("-starts_on", "-pk").values_list("work_email", flat=True).first())
    if designated:
        return designated
    return (EmailAddress.objects.filter(user=user, verified=True)
            .order_by("-primary", "pk").values_list("email", flat=True).first())


def link_url(token: str) -> str:
    return settings.NAFIDA_SITE_URL.rstrip("/") + reverse("accounts:second_factor_enrolment_open",
                                                          args=[token])


@transaction.atomic
def issue_link(*, user: User, issued_by: User | None = None) -> str:
    """A new link for ``user``, mailed to their verified address; the earlier unused
    ones stop working. Returns the address it went to."""
    address = work_address(user)
    if not address:
        raise ValidationError(_("This account has no verified e-mail address to send the "
                                "link to."))
    now = timezone.now()
    SecondFactorEnrolment.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    token = secrets.token_urlsafe(32)
    SecondFactorEnrolment.objects.create(
        user=user, token_digest=_digest(token), issued_by=issued_by, created_at=now,
        expires_at=now + timedelta(hours=settings.NAFIDA_MFA_ENROLMENT_LINK_HOURS))
    get_adapter().send_mail("account/email/second_factor_enrolment", address, {
        "user": user, "enrolment_url": link_url(token),
        "hours": settings.NAFIDA_MFA_ENROLMENT_LINK_HOURS})
    return address


def link_recently_sent(user: User) -> bool:
    since = timezone.now() - timedelta(seconds=RESEND_SECONDS)
    return SecondFactorEnrolment.objects.filter(user=user, used_at__isnull=True,
                                                created_at__gte=since).exists()


def _usable(token: str, user: User):
    link = (SecondFactorEnrolment.objects.select_for_update()
            .filter(token_digest=_digest(token)).first())
    if link is None or link.user_id != user.pk or link.used_at is not None \
            or link.expires_at <= timezone.now():
        # One answer for every failure: a link does not tell whose it is.
        raise ValidationError(_("This link cannot be used: it was already used, has expired, "
                                "or was sent for another account. Ask for a new one."))
    return link


@transaction.atomic
def check_link(*, token: str, user: User) -> None:
    """Raises ValidationError unless the link is usable by ``user`` now."""
    _usable(token, user)


@transaction.atomic
def open_link(*, request, token: str) -> None:
    """Uses the link up and lets this session set up a second factor for a while."""
    link = _usable(token, request.user)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    request.session[SESSION_KEY] = {"user": request.user.pk, "until": time.time() + SESSION_SECONDS}


def may_enrol(request) -> bool:
    """Whether this session opened an enrolment link of its user a short while ago."""
    grant = request.session.get(SESSION_KEY) or {}
    return grant.get("user") == request.user.pk and grant.get("until", 0) > time.time()


def enrolment_done(request) -> None:
    request.session.pop(SESSION_KEY, None)
