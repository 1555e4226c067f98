"""The only place that writes designations (art. 12) and requesters' accounts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Designation, PublicBody, User
from .permissions import DECIDE_COMPLAINTS, has_body_permission
from .tokens import email_verification_token


def _may_designate(actor: User, body: PublicBody) -> bool:
    # The head of the body designates its officers; admins may record any designation.
    return actor.is_superuser or has_body_permission(actor, DECIDE_COMPLAINTS, body)


@transaction.atomic
def designate(
    *,
    actor: User,
    user: User,
    body: PublicBody,
    role: str,
    decision_reference: str,
    decision_date,
    starts_on=None,
    ends_on=None,
    work_email: str = "",
    work_phone: str = "",
) -> Designation:
    if not body.active:
        raise ValidationError(_("This body is not active."))
    if role == Designation.Role.HEAD_OF_BODY and not actor.is_superuser:
        raise PermissionDenied(_("Only an administrator records the head of a body."))
    if not _may_designate(actor, body):
        raise PermissionDenied(_("You may not designate officers for this body."))
    designation = Designation(
        user=user,
        body=body,
        role=role,
        decision_reference=decision_reference,
        decision_date=decision_date,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        work_email=work_email,
        work_phone=work_phone,
    )
    designation.full_clean()
    designation._history_user = actor
    designation.save()
    return designation


@transaction.atomic
def end_designation(*, actor: User, designation: Designation, ends_on=None) -> Designation:
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if not _may_designate(actor, designation.body):
        raise PermissionDenied(_("You may not end designations for this body."))
    ends_on = ends_on or timezone.localdate()
    if ends_on < designation.starts_on:
        raise ValidationError(_("The end date is before the start date."))
    designation.ends_on = ends_on
    designation._history_user = actor
    designation.save()
    return designation


# ---------------------------------------------------------------------------------
# requesters' accounts
# ---------------------------------------------------------------------------------


def _send_account_email(user: User, template: str, subject: str, base_url: str, **context):
    with translation.override(user.preferred_language or "ar"):
        body = render_to_string(template, {"user": user, "base_url": base_url, **context})
        send_mail(str(subject), body, None, [user.email])


@transaction.atomic
def register_requester(*, email: str, password: str, language: str, base_url: str) -> User | None:
    """Create an inactive account and send the link that verifies its e-mail address.

    If the address already has an account, its owner is told by e-mail instead: the
    page looks the same either way, so no one learns who has an account here. A
    sign-up that was never confirmed is started again (new password, new link)."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    never_confirmed = (
        user is not None and not user.is_active and user.last_login is None
        and not user.is_staff and not Designation.objects.filter(user=user).exists()
    )
    if user is not None and not never_confirmed:
        transaction.on_commit(lambda: _send_account_email(
            user, "emails/already_registered.txt",
            gettext_lazy("You already have a Nafida account"), base_url,
            reset_url=base_url + reverse("accounts:password_reset")))
        return None
    user = user or User(email=email, is_active=False)
    user.preferred_language = language
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    link = base_url + reverse("accounts:verify", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), email_verification_token.make_token(user)])
    transaction.on_commit(lambda: _send_account_email(
        user, "emails/verify_email.txt", gettext_lazy("Confirm your e-mail address"), base_url,
        verify_url=link))
    return user


@transaction.atomic
def verify_email(*, uidb64: str, token: str) -> User | None:
    """Activate the account the link was made for; None if the link is wrong, used or
    expired."""


    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.select_for_update().filter(pk=pk).first()
    if user is None or not email_verification_token.check_token(user, token):
        return None
    user.is_active = True
    user._history_user = user
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def update_profile(*, user: User, **fields) -> User:
    """The identity a requester keeps to pre-fill request forms (art. 14)."""
    allowed = {"first_name", "last_name", "address", "id_type", "id_number", "phone",
               "preferred_language"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"{name} is not a profile field")
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    user.full_clean(exclude=["password"])
    user._history_user = user
    user.save()
    return user
