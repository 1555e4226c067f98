"""The only place that writes designations (art. 12) and requesters' accounts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Designation, PublicBody, User
from .permissions import DECIDE_COMPLAINTS, has_body_permission


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
