"""The public register of the Commission's decisions: what the public may read of a
complaint to the Commission, and nothing else. Only the columns listed in
``PUBLIC_FIELDS`` are read (never the complainant, the reasons, the checks, the notes,
the session, the follow-up)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import Http404

from requests_app.register.selectors import is_on_register

from ..models import CommissionComplaint
from ..models.commission import COMMISSION_ANSWERED_STATES

PUBLIC_FIELDS = [
    "id", "number", "state", "outcome", "articles_cited", "public_summary", "decided_at", "published_at",
    "request__id", "request__reference", "request__state",
    "request__body__id", "request__body__code", "request__body__name_ar", "request__body__name_fr",
    "request__body__name_en",
]


@dataclass(frozen=True)
class DecisionFilters:
    q: str = ""
    outcome: str = ""
    body: object = None


def published_decisions() -> QuerySet[CommissionComplaint]:
    """The decisions the president published, newest first."""
    return (CommissionComplaint.objects
            .filter(published_at__isnull=False, state__in=COMMISSION_ANSWERED_STATES)
            .select_related("request__body").only(*PUBLIC_FIELDS)
            .order_by("-decided_at", "-published_at", "-id"))


def decisions(filters: DecisionFilters) -> QuerySet[CommissionComplaint]:
    found = published_decisions()
    if filters.outcome:
        found = found.filter(outcome=filters.outcome)
    if filters.body is not None:
        found = found.filter(request__body=filters.body)
    for word in filters.q.split()[:10]:
        found = found.filter(Q(number__icontains=word) | Q(public_summary__icontains=word)
                             | Q(request__body__name_ar__icontains=word)
                             | Q(request__body__name_fr__icontains=word)
                             | Q(request__body__name_en__icontains=word)
                             | Q(request__reference__icontains=word))
    return found


def published_decision(number: str) -> CommissionComplaint:
    decision = published_decisions().filter(number=number).first()
    if decision is None:
        raise Http404
    return decision


def on_register(decision: CommissionComplaint) -> bool:
    """Whether the request has a public register entry to link to."""
    return is_on_register(decision.request)


def outcome_label(decision: CommissionComplaint) -> str:
    return decision.get_outcome_display() if decision.outcome else decision.get_state_display()


def answered_for_president() -> QuerySet[CommissionComplaint]:
    """Every answered complaint, for the president to publish (not public)."""
    return (CommissionComplaint.objects.filter(state__in=COMMISSION_ANSWERED_STATES)
            .select_related("request__body")
            .order_by(F("published_at").asc(nulls_first=True), "-decided_at", "-id"))
