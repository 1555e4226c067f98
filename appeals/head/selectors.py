"""Reads of the complaints to the head of the body, each with who may see it (issue 12,
point 6): the complainant their own; the heads and officers of the body the
complaints against it; nobody else (404, as if it did not exist)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from accounts.permissions import DECIDE_COMPLAINTS, VIEW_BODY_REQUESTS, bodies_for
from appeals.models import HeadComplaint
from appeals.models.head import HEAD_OPEN_STATES


def _complaints() -> QuerySet[HeadComplaint]:
    return HeadComplaint.objects.select_related("request__body", "request__decision", "decided_by")


def complaint_for_complainant(user, number: str) -> HeadComplaint:
    """The complaint ``number`` if ``user`` filed it or made its request; else 404."""
    complaint = _complaints().filter(number=number).first()
    if complaint is None or not user.is_authenticated or user.pk not in (
            complaint.complainant_id, complaint.request.requester_id):
        raise Http404
    return complaint


def complaint_for_staff(user, number: str) -> HeadComplaint:
    """The complaint ``number`` if it is against a body ``user`` is designated at today
    (head or officer); else 404."""
    complaint = _complaints().filter(number=number,
                                     request__body__in=bodies_for(user, VIEW_BODY_REQUESTS)).first()
    if complaint is None:
        raise Http404
    return complaint


def head_queue(user) -> QuerySet[HeadComplaint]:
    """The complaints against the bodies ``user`` heads today, pending first, by due date."""
    return (_complaints().filter(request__body__in=bodies_for(user, DECIDE_COMPLAINTS))
            .annotate(pending=Case(When(state__in=HEAD_OPEN_STATES, then=Value(0)), default=Value(1),
                                   output_field=IntegerField()))
            .order_by("pending", "due_date", "id"))
