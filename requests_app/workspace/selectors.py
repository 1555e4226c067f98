"""Reads of the workspace: what the staff may see, chosen once with its joins."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import PublicBody, User
from accounts.permissions import VIEW_BODY_REQUESTS, bodies_for

from ..models import InformationRequest, InternalNote, RequestState, ThirdPartyConsultation
from ..selectors import current_officers, decision_prefetch, messages_prefetch


def workspace_requests(user) -> QuerySet[InformationRequest]:
    """Requests to the bodies the user is designated for today: nothing else exists for
    them (their designations active today, read here once: accounts.permissions)."""
    return (InformationRequest.objects.exclude(state=RequestState.DRAFT)
            .filter(body__in=bodies_for(user, VIEW_BODY_REQUESTS))
            .select_related("body", "assigned_to"))


def _found(requests: QuerySet[InformationRequest], reference: str) -> InformationRequest:
    information_request = requests.filter(reference=reference).first()
    if information_request is None:
        raise Http404
    return information_request


def request_for_act(user, reference: str) -> InformationRequest:
    """One request for an act's own page (its form, or a file it keeps): the request
    alone, with its body; 404 unless it is to one of the user's bodies. The service
    reads the rest under its lock."""
    return _found(workspace_requests(user), reference)


def workspace_request(user, reference: str) -> InformationRequest:
    """One request for its page in the workspace, with all the page shows: 404 unless
    it is to one of the user's bodies."""
    return _found(
        workspace_requests(user)
        .select_related("requester", "subject_masked_by", "written_withdrawal", "decision",
                        "decision__earlier_request", "decision__receipt_recorded_by")
        .prefetch_related(
            *decision_prefetch(), messages_prefetch(),
            "state_changes__actor", "deadline_changes",
            Prefetch("consultations",
                     queryset=ThirdPartyConsultation.objects.select_related("determined_by")),
            Prefetch("internal_notes", queryset=InternalNote.objects.select_related("author")),
        ),
        reference,
    )


def body_officers(body: PublicBody) -> QuerySet[User]:
    """The users designated today as information officers of the body."""
    return (User.objects.filter(designations__in=current_officers(body)).distinct()
            .order_by("last_name", "first_name"))
