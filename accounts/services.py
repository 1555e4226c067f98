"""The only place that writes designations (art. 12) and requesters' accounts.

A head of body does not designate an account at once: they invite it, and the
designation exists only once the invitee, logged in as that account, accepts
(``invite``, ``accept_invitation``). An administrator may still record one directly
(``designate``, and the admin)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Designation, DesignationInvitation, PublicBody, User
from .permissions import DECIDE_COMPLAINTS, has_body_permission

Invitation = DesignationInvitation
log = logging.getLogger(__name__)
_INVITATION_SALT = "accounts.designation-invitation"


def _may_designate(actor: User, body: PublicBody) -> bool:
    # The head of the body designates its officers, as designated today. A superuser has
    # no path here: an administrator records designations in the administration site only.
    return has_body_permission(actor, DECIDE_COMPLAINTS, body)


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
    if role == Designation.Role.HEAD_OF_BODY:
        # The head is recorded from the body's own decision, in the administration site.
        raise PermissionDenied(_("Only an administrator records the head of a body."))
    if not actor.is_superuser:
        # A head of body invites (``invite``): nobody becomes an officer without agreeing.
        raise PermissionDenied(_("You may not designate officers for this body."))
    _refuse_a_second(user=user, body=body, role=role)
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


def _current_or_coming(user: User, body: PublicBody, role: str):
    """Designations of ``user`` at ``body`` in ``role`` that are active today or will be."""
    today = timezone.localdate()
    return Designation.objects.filter(user=user, body=body, role=role).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def _refuse_a_second(*, user: User, body: PublicBody, role: str,
                     invitation: DesignationInvitation | None = None) -> None:
    """One designation, or one open invitation, per person, body and role."""
    if _current_or_coming(user, body, role).exists():
        raise ValidationError({"email": _("This account already holds this role at this body.")})
    if Invitation.objects.pending().filter(user=user, body=body, role=role).exclude(
            pk=getattr(invitation, "pk", None)).exists():
        raise ValidationError({"email": _("An invitation to this account for this role is "
                                          "already awaiting an answer.")})


# ---------------------------------------------------------------------------------
# invitations: a designation the invitee agrees to
# ---------------------------------------------------------------------------------


def invitation_token(invitation: DesignationInvitation) -> str:
    """The signed part of the link sent to the invitee; it expires with the invitation."""
    return signing.dumps(invitation.pk, salt=_INVITATION_SALT)


def invitation_from_token(token: str) -> DesignationInvitation | None:
    """The invitation a link names, or None if the link is forged or too old."""
    try:
        pk = signing.loads(token, salt=_INVITATION_SALT,
                           max_age=timedelta(days=settings.NAFIDA_INVITATION_DAYS))
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("body", "user", "invited_by").filter(pk=pk).first()


def _send_invitation(invitation: DesignationInvitation) -> None:
    """The invitee's mail, in the language of their account, with the link to answer."""
    with translation.override(invitation.user.preferred_language or settings.LANGUAGE_CODE):
        url = settings.NAFIDA_SITE_URL.rstrip("/") + reverse(
            "accounts:invitation", args=[invitation_token(invitation)])
        context = {"invitation": invitation, "url": url}
        # The body comes last, after a colon: "… auprès de : Commune de Rabat", whatever its
        # name's article and capital letter.
        if invitation.role == Designation.Role.HEAD_OF_BODY:
            subject = _("Nafida — invitation to serve as head of the body: %(body)s")
        else:
            subject = _("Nafida — invitation to serve as information officer for: %(body)s")
        subject = subject % {"body": invitation.body.name}
        try:
            send_mail(subject, render_to_string("emails/designation_invitation.txt", context),
                      None, [invitation.user.email])
        except OSError:  # the invitation stands; the head sees it pending and may re-send
            log.exception("The invitation %s could not be mailed", invitation.pk)


@transaction.atomic
def invite(
    *,
    actor: User,
    user: User,
    body: PublicBody,
    decision_reference: str,
    decision_date,
    role: str = Designation.Role.INFORMATION_OFFICER,
    starts_on=None,
    ends_on=None,
    work_email: str = "",
    work_phone: str = "",
) -> DesignationInvitation:
    """Art. 12: the head of ``body`` invites ``user`` to serve in ``role``; the
    designation is made only if they accept (``accept_invitation``)."""
    if not body.active:
        raise ValidationError(_("This body is not active."))
    if role == Designation.Role.HEAD_OF_BODY and not actor.is_superuser:
        raise PermissionDenied(_("Only an administrator records the head of a body."))
    if not _may_designate(actor, body):
        raise PermissionDenied(_("You may not designate officers for this body."))
    if not user.is_active:
        raise ValidationError({"email": _("This account is deactivated.")})
    now = timezone.now()
    # An invitation left unanswered past its date is over: it no longer blocks a new one.
    Invitation.objects.filter(user=user, body=body, role=role,
                              status=Invitation.Status.PENDING, expires_at__lte=now).update(
        status=Invitation.Status.EXPIRED)
    _refuse_a_second(user=user, body=body, role=role)
    invitation = Invitation(
        user=user, body=body, role=role, decision_reference=decision_reference,
        decision_date=decision_date, starts_on=starts_on or timezone.localdate(), ends_on=ends_on,
        work_email=work_email, work_phone=work_phone, invited_by=actor, invited_at=now,
        expires_at=now + timedelta(days=settings.NAFIDA_INVITATION_DAYS))
    invitation.full_clean(validate_constraints=False)
    invitation._history_user = actor
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as exc:  # another invitation won the race
        raise ValidationError({"email": _("An invitation to this account for this role is "
                                          "already awaiting an answer.")}) from exc
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _open_invitation(invitation: DesignationInvitation) -> DesignationInvitation:
    """``invitation`` locked, if it can still be answered or cancelled."""
    invitation = Invitation.objects.select_for_update().select_related("body", "user").get(
        pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("This invitation has already been answered or cancelled."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired: ask the head of the body for a "
                                "new one."))
    return invitation


@transaction.atomic
def accept_invitation(*, actor: User, invitation: DesignationInvitation) -> Designation:
    """The invitee agrees: the designation is made now, recorded as the head's act (the
    designator) at the time of acceptance, and starts no earlier than today."""
    if actor.pk != invitation.user_id:
        raise PermissionDenied(_("This invitation was sent to another account."))
    invitation = _open_invitation(invitation)
    if not invitation.body.active:
        raise ValidationError(_("This body is not active."))
    _refuse_a_second(user=invitation.user, body=invitation.body, role=invitation.role,
                     invitation=invitation)
    starts_on = max(invitation.starts_on, timezone.localdate())
    if invitation.ends_on and invitation.ends_on < starts_on:
        raise ValidationError(_("This designation would already have ended."))
    designation = Designation(
        user=invitation.user, body=invitation.body, role=invitation.role,
        decision_reference=invitation.decision_reference,
        decision_date=invitation.decision_date, starts_on=starts_on, ends_on=invitation.ends_on,
        work_email=invitation.work_email, work_phone=invitation.work_phone)
    designation.full_clean()
    designation._history_user = invitation.invited_by
    designation.save()
    invitation.status = Invitation.Status.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.designation = designation
    invitation._history_user = actor
    invitation.save()
    return designation


def _close_invitation(invitation: DesignationInvitation, status: str, actor: User) -> DesignationInvitation:
    invitation = _open_invitation(invitation)
    invitation.status = status
    invitation.answered_at = timezone.now()
    invitation._history_user = actor
    invitation.save()
    return invitation


@transaction.atomic
def decline_invitation(*, actor: User, invitation: DesignationInvitation) -> DesignationInvitation:
    if actor.pk != invitation.user_id:
        raise PermissionDenied(_("This invitation was sent to another account."))
    return _close_invitation(invitation, Invitation.Status.DECLINED, actor)


@transaction.atomic
def cancel_invitation(*, actor: User, invitation: DesignationInvitation) -> DesignationInvitation:
    """The head withdraws an invitation not answered yet."""
    if not _may_designate(actor, invitation.body):
        raise PermissionDenied(_("You may not designate officers for this body."))
    return _close_invitation(invitation, Invitation.Status.CANCELLED, actor)


@transaction.atomic
def end_designation(*, actor: User, designation: Designation, ends_on=None) -> Designation:
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    # The head of the body, or an administrator recording the body's decision.
    if not (actor.is_superuser or _may_designate(actor, designation.body)):
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
