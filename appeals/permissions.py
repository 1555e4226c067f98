"""Who sees and does what in the appeals (issue 12, point 6), read like every right
from today's designations (``accounts.permissions``) and the Commission role:

- the requester: their own complaints (``complainant``, or the requester of the request);
- a body's information officers: the observations asked of their body;
- the head of a body: the complaints against their body, which they decide (art. 19);
- a Commission member: the complaints referred to them (or to a working group they sit
  in) and the complaints register;
- the Commission's president: everything, sessions included;
- the public: only published decisions.
A page a role may not see answers 404, as if it did not exist."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.permissions import DECIDE_COMPLAINTS, HANDLE_REQUESTS, bodies_for, has_body_permission


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_commission_member(user) -> bool:
    """A member of the Commission (reviewer or president)."""
    return _active(user) and bool(user.commission_role)


def is_commission_president(user) -> bool:
    return _active(user) and user.commission_role == User.CommissionRole.PRESIDENT


def commission_members() -> QuerySet:
    """The members in office today (art. 23): active accounts with a Commission role."""
    return User.objects.filter(is_active=True).exclude(commission_role=User.CommissionRole.NONE)


def presidents() -> QuerySet:
    return User.objects.filter(is_active=True, commission_role=User.CommissionRole.PRESIDENT)


def is_head_of(user, body) -> bool:
    return has_body_permission(user, DECIDE_COMPLAINTS, body)


def is_officer_of(user, body) -> bool:
    return has_body_permission(user, HANDLE_REQUESTS, body)


def is_requester_of(user, information_request) -> bool:
    return _active(user) and information_request.requester_id is not None \
        and information_request.requester_id == user.pk


def head_complaints_for(user, queryset: QuerySet) -> QuerySet:
    """The complaints to a head of body ``user`` may see: against the bodies they head,
    or their own as requester."""
    if not _active(user):
        return queryset.none()
    return queryset.filter(Q(request__body__in=bodies_for(user, DECIDE_COMPLAINTS))
                           | Q(request__requester=user)).distinct()


def commission_complaints_for(user, queryset: QuerySet) -> QuerySet:
    """The complaints to the Commission ``user`` may see in full: all for the president,
    those referred to them for a member, their own for a requester."""
    if not _active(user):
        return queryset.none()
    if is_commission_president(user):
        return queryset
    mine = Q(request__requester=user)
    if is_commission_member(user):
        mine |= Q(rapporteur=user) | Q(working_group=user)
    return queryset.filter(mine).distinct()
