"""Reads of the complaints to the Commission for the pages: each returns only what the
user may see, and answers 404 for the rest (a role must not learn that it exists)."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from appeals import permissions
from appeals.models import CommissionComplaint, Observation
from appeals.models.commission import COMMISSION_OPEN_STATES
from requests_app.models import InformationRequest


def today() -> date:
    return timezone.localdate()


def _complaints() -> QuerySet:
    return CommissionComplaint.objects.select_related("request__body", "head_complaint", "rapporteur",
                                                      "complainant")


def request_for_requester(user, reference: str) -> InformationRequest:
    try:
        information_request = InformationRequest.objects.select_related("body").get(reference=reference)
    except InformationRequest.DoesNotExist:
        raise Http404 from None
    if not permissions.is_requester_of(user, information_request):
        raise Http404
    return information_request


def complaint_for_complainant(user, number: str) -> CommissionComplaint:
    """The complainant's own complaint (theirs as complainant, or as the requester)."""
    if not (user.is_authenticated and user.is_active):
        raise Http404
    complaint = _complaints().filter(number=number).first()
    if complaint is None or user.pk not in (complaint.complainant_id, complaint.request.requester_id):
        raise Http404
    return complaint


def is_in_charge(user, complaint: CommissionComplaint) -> bool:
    """The member it is referred to, a member of its working group, or the President."""
    if permissions.is_commission_president(user):
        return True
    if not permissions.is_commission_member(user):
        return False
    return complaint.rapporteur_id == user.pk or complaint.working_group.filter(pk=user.pk).exists()


def case_for(user, number: str) -> CommissionComplaint:
    """A complaint's file in the Commission's workspace: the President's, or a member's
    to whom (or to whose working group) it is referred."""
    if not permissions.is_commission_member(user):
        raise Http404
    complaint = _complaints().filter(number=number).first()
    if complaint is None or not is_in_charge(user, complaint):
        raise Http404
    return complaint


def queue(user, on: date | None = None) -> list[CommissionComplaint]:
    """The President's every complaint, a member's those referred to them: open ones
    first by their last day (those past it at the top), then the answered ones."""
    on = on or today()
    if not permissions.is_commission_member(user):
        return []
    rows = _complaints()
    if not permissions.is_commission_president(user):
        theirs = CommissionComplaint.objects.filter(Q(rapporteur=user) | Q(working_group=user))
        rows = rows.filter(pk__in=theirs.values("pk"))
    rows = rows.annotate(closed=Case(When(state__in=COMMISSION_OPEN_STATES, then=Value(0)), default=Value(1),
                                     output_field=IntegerField())).order_by("closed", "due_date", "id")
    result = list(rows)
    for complaint in result:
        complaint.days_left = (complaint.due_date - on).days if complaint.is_open else None
    return result


def register_rows(user) -> QuerySet:
    """RI 13: the register of complaints, for the Commission's members."""
    if not permissions.is_commission_member(user):
        raise Http404
    return (_complaints().prefetch_related("steps").order_by("-filed_on", "-id"))


def observation_for_officer(user, pk: int) -> Observation:
    """Observations asked of a body, for its information officers only."""
    observation = (Observation.objects.select_related("complaint__request__body")
                   .filter(pk=pk, complaint__request__body__in=bodies_for(user, HANDLE_REQUESTS)).first()
                   if user.is_authenticated else None)
    if observation is None:
        raise Http404
    return observation


def complaint_for_body_officer(user, number: str) -> CommissionComplaint:
    complaint = _complaints().filter(number=number).first() if user.is_authenticated else None
    if complaint is None or not permissions.is_officer_of(user, complaint.request.body):
        raise Http404
    return complaint
