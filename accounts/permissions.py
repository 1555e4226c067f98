"""Object permissions on public bodies, derived from active designations.

Rights are granted on the body (django-guardian) and checked through a request's body:
there is never a permission row per request. Designations carry dates, so the grants
are recomputed from the designations whenever one changes and every hour.
"""

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from .models import Designation, PublicBody

HANDLE_REQUESTS = "accounts.handle_requests"
VIEW_BODY_REQUESTS = "accounts.view_body_requests"
DECIDE_COMPLAINTS = "accounts.decide_complaints"

ROLE_PERMISSIONS = {
    Designation.Role.INFORMATION_OFFICER: {"handle_requests", "view_body_requests"},
    Designation.Role.HEAD_OF_BODY: {"view_body_requests", "decide_complaints"},
}
ALL_BODY_PERMISSIONS = set().union(*ROLE_PERMISSIONS.values())


def has_body_permission(user, permission: str, body: PublicBody) -> bool:
    """Whether ``user`` holds ``permission`` (e.g. HANDLE_REQUESTS) on ``body``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(permission, body)


def bodies_for(user, permission: str = VIEW_BODY_REQUESTS):
    """The bodies on which ``user`` holds ``permission``."""
    return get_objects_for_user(user, permission, klass=PublicBody, accept_global_perms=True)


@transaction.atomic
def sync_body_permissions(user, body: PublicBody, on=None) -> set[str]:
    """Make the user's grants on the body match their active designations there."""
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
    the workspace, behind a second factor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.commission_role
                or Designation.objects.active().filter(user=user).exists())
