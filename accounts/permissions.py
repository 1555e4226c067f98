"""Rights on public bodies, read from the designations themselves (art. 12).

A right is given by a designation active *today* for this user, this body and a role
that carries it (``ROLE_PERMISSIONS``): a designation whose end date has passed gives
nothing from the next morning, with nothing saved and no task run. Nobody holds a right
on a body's requests by any other path: not a superuser, not a global permission, not a
row of django-guardian. The guardian rows are kept in sync as an index for the
administration (refreshed on save and hourly) and are never read to decide.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from .models import Designation, PublicBody

HANDLE_REQUESTS = "accounts.handle_requests"
VIEW_BODY_REQUESTS = "accounts.view_body_requests"
DECIDE_COMPLAINTS = "accounts.decide_complaints"

ROLE_PERMISSIONS = {
    Designation.Role.INFORMATION_OFFICER: {"handle_requests", "view_body_requests"},
    Designation.Role.HEAD_OF_BODY: {"view_body_requests", "decide_complaints"},
}
ALL_BODY_PERMISSIONS = set().union(*ROLE_PERMISSIONS.values())


def roles_granting(permission: str) -> list[str]:
    """The designation roles that carry ``permission`` ("accounts.handle_requests" or
    its codename alone)."""
    codename = permission.rsplit(".", 1)[-1]
    if codename not in ALL_BODY_PERMISSIONS:
        raise ValueError(f"{permission} is not a right on a body")
    return [role for role, codenames in ROLE_PERMISSIONS.items() if codename in codenames]


def _designations_giving(user, permission: str, on=None) -> QuerySet[Designation]:
    return Designation.objects.active(on or timezone.localdate()).filter(
        user=user, role__in=roles_granting(permission))


def _may_hold_rights(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def has_body_permission(user, permission: str, body: PublicBody, on=None) -> bool:
    """Whether ``user`` may do ``permission`` (e.g. HANDLE_REQUESTS) at ``body`` on the day
    ``on`` (today): one query on the designations, whatever guardian's rows say."""
    roles_granting(permission)  # an unknown right is a mistake in the code, not a "no"
    if not _may_hold_rights(user) or body is None or body.pk is None:
        return False
    return _designations_giving(user, permission, on).filter(body=body).exists()


def bodies_for(user, permission: str = VIEW_BODY_REQUESTS, on=None) -> QuerySet[PublicBody]:
    """The bodies at which ``user`` may do ``permission`` on the day ``on`` (today), as
    one query (a sub-select on the active designations)."""
    roles_granting(permission)
    if not _may_hold_rights(user):
        return PublicBody.objects.none()
    return PublicBody.objects.filter(
        pk__in=_designations_giving(user, permission, on).values("body_id"))


@transaction.atomic
def sync_body_permissions(user, body: PublicBody, on=None) -> set[str]:
    """Make the user's guardian rows on the body match their active designations there
    (an index for the administration: rights are decided by ``has_body_permission``)."""
    on = on or timezone.localdate()
    roles = set(
        Designation.objects.active(on).filter(user=user, body=body).values_list("role", flat=True)
    )
    wanted = set().union(*(ROLE_PERMISSIONS[role] for role in roles)) if roles else set()
    for codename in ALL_BODY_PERMISSIONS:
        if codename in wanted:
            assign_perm(codename, user, body)
        else:
            remove_perm(codename, user, body)
    return wanted


def sync_all_designation_permissions(on=None) -> int:
    """Recompute the grants of every (user, body) pair that has or had a designation."""
    seen = set()
    for designation in Designation.objects.select_related("user", "body").iterator(chunk_size=500):
        key = (designation.user_id, designation.body_id)
        if key not in seen:
            seen.add(key)
            sync_body_permissions(designation.user, designation.body, on=on)
    return len(seen)


def is_workspace_user(user) -> bool:
    """Officers and heads of bodies (active designation) and Commission members work in
    the workspace, behind a second factor. A superuser enters it too (the administration
    is reached from there), but sees no body's requests without a designation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.commission_role
                or Designation.objects.active().filter(user=user).exists())
