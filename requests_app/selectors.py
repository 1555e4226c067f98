"""Reads that feed the portal's pages. Each returns a queryset or values with its joins
chosen here, once, so a page costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Designation, PublicBody

from .models import (
    DECIDED_STATES,
    Attachment,
    Decision,
    DecisionDocument,
    ExemptionCitation,
    InformationRequest,
    InternalNote,
    Message,
    RequestState,
)
from .permissions import is_requester

# What the public register shows: every request once decided or overdue.
PUBLIC_STATES = [*DECIDED_STATES, RequestState.OVERDUE]

# The only columns of a request a public page may read: never the art. 14 identity.
PUBLIC_FIELDS = ["id", "reference", "body", "subject", "state", "received_at", "due_date",
                 "is_urgent", "decided_late", "publication_consent", "channel", "updated_at"]


def _decision_prefetch(documents_filter: Q | None = None):
    documents = DecisionDocument.objects.order_by("id")
    if documents_filter is not None:
        documents = documents.filter(documents_filter)
    return [
        Prefetch("decision__refusal_grounds"),
        Prefetch("decision__citations",
                 queryset=ExemptionCitation.objects.select_related("exemption").order_by("id")),
        Prefetch("decision__documents", queryset=documents),
    ]


# -- the requester's own requests ---------------------------------------------------


def requests_of(user) -> QuerySet[InformationRequest]:
    return (InformationRequest.objects.filter(requester=user)
            .select_related("body").order_by("-received_at", "-id"))


def request_for_requester(user, reference: str) -> InformationRequest:
    """The request ``reference`` if ``user`` made it; otherwise 404, whether or not it
    exists (no one learns about another person's request)."""
    request = (
        InformationRequest.objects.filter(reference=reference)
        .select_related("body", "body__parent", "requester", "decision",
                        "decision__earlier_request")
        .prefetch_related(
            *_decision_prefetch(),
            Prefetch("messages", queryset=Message.objects.select_related("author")
                     .prefetch_related(Prefetch("attachments",
                                                queryset=Attachment.objects.order_by("id")))),
            "state_changes", "deadline_changes", "consultations",
        )
        .first()
    )
    if request is None or not is_requester(request, user):
        raise Http404
    return request


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    object: object


def timeline(request: InformationRequest) -> list[Event]:
    """Every event of the request in time order: state changes, due-date changes,
    messages, third-party consultations (prefetched by ``request_for_requester``)."""
    events = [Event(change.at, "state", change) for change in request.state_changes.all()]
    events += [Event(change.at, "deadline", change)
               for change in request.deadline_changes.all() if change.reason != "receipt"]
    events += [Event(message.sent_at, "message", message) for message in request.messages.all()]
    return sorted(events, key=lambda event: event.at)


# -- the public register -------------------------------------------------------------


BODY_FIELDS = ["body__code", "body__name_ar", "body__name_fr", "body__name_en", "body__acronym"]
DECISION_FIELDS = ["decision__id", "decision__outcome", "decision__decided_at", "decision__late",
                   "decision__delivery_method", "decision__copying_cost",
                   "decision__sending_cost", "decision__publication_reference",
                   "decision__publication_location", "decision__earlier_request"]


def public_requests(with_decision: bool = False) -> QuerySet[InformationRequest]:
    """Requests on the register, reading only public columns (never the identity)."""
    requests = InformationRequest.objects.filter(state__in=PUBLIC_STATES)
    if with_decision:
        return requests.select_related("body", "decision").only(
            *PUBLIC_FIELDS, *BODY_FIELDS, *DECISION_FIELDS)
    return requests.select_related("body").only(*PUBLIC_FIELDS, *BODY_FIELDS)


@dataclass
class RegisterFilters:
    q: str = ""
    body: PublicBody | None = None
    state: str = ""
    outcome: str = ""
    ground: str = ""
    year: int | None = None


def register(filters: RegisterFilters, with_decision: bool = False) -> QuerySet[InformationRequest]:
    """The public register, filtered and searched, newest first."""
    requests = public_requests(with_decision)
    if filters.body is not None:
        requests = requests.filter(body=filters.body)
    if filters.state:
        requests = requests.filter(state=filters.state)
    if filters.outcome:
        requests = requests.filter(decision__outcome=filters.outcome)
    if filters.ground:
        requests = requests.filter(
            Q(decision__refusal_grounds__code=filters.ground)
            | Q(decision__citations__exemption__code=filters.ground)
        ).distinct()
    if filters.year:
        requests = requests.filter(received_at__year=filters.year)
    if filters.q:
        requests = search(requests, filters.q)
    return requests.order_by("-received_at", "-id")


def search(requests: QuerySet, text: str) -> QuerySet:
    """Full-text search on the public subject: PostgreSQL's text search (an index on
    the same expression, migration 0005) or, on SQLite, a plain substring match."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return requests.annotate(
            search=SearchVector("subject", config="simple")
        ).filter(search=SearchQuery(text, config="simple", search_type="websearch"))
    words = text.split()
    for word in words[:10]:
        requests = requests.filter(subject__icontains=word)
    return requests


def public_request(reference: str) -> InformationRequest:
    """One request as the public sees it: 404 unless it is on the register; released
    documents only if the requester agreed to their publication."""
    request = (
        public_requests(with_decision=True).filter(reference=reference)
        .select_related("decision__earlier_request")
        .prefetch_related(*_decision_prefetch())
        .first()
    )
    if request is None:
        raise Http404
    return request


def released_documents(request: InformationRequest) -> list[DecisionDocument]:
    """What the requester receives: the documents of a grant; of a partial grant
    (art. 8) only the redacted versions, never the originals."""
    decision = getattr(request, "decision", None)
    if decision is None or decision.outcome == Decision.Outcome.REFUSED:
        return []
    documents = [document for document in decision.documents.all() if document.file]
    if decision.outcome == Decision.Outcome.PARTIALLY_GRANTED:
        documents = [document for document in documents if document.is_redacted]
    return documents


def published_documents(request: InformationRequest) -> list[DecisionDocument]:
    """What the public may download: the released documents, if the requester agreed."""
    return released_documents(request) if request.publication_consent else []


# -- bodies --------------------------------------------------------------------------


def body_tree() -> list[PublicBody]:
    """Active bodies with their children, for browsing the hierarchy (two queries)."""
    bodies = list(PublicBody.objects.active().order_by("kind", "name_fr"))
    children: dict[int, list[PublicBody]] = {}
    for body in bodies:
        children.setdefault(body.parent_id, []).append(body)
    for body in bodies:
        body.child_bodies = children.get(body.pk, [])
    ids = {body.pk for body in bodies}
    return [body for body in bodies if body.parent_id is None or body.parent_id not in ids]


def find_bodies(text: str) -> QuerySet[PublicBody]:
    """Bodies whose name (in any language), acronym or code contains every word."""
    bodies = PublicBody.objects.active()
    for word in text.split()[:10]:
        bodies = bodies.filter(Q(name_ar__icontains=word) | Q(name_fr__icontains=word)
                               | Q(name_en__icontains=word) | Q(acronym__icontains=word)
                               | Q(code__icontains=word))
    return bodies.order_by("name_fr")


def current_officers(body: PublicBody) -> QuerySet[Designation]:
    """The body's information officers designated today (art. 12), for their work
    contact; never their private account details."""
    return (Designation.objects.active().filter(body=body, role=Designation.Role.INFORMATION_OFFICER)
            .select_related("user").order_by("starts_on"))


@dataclass(frozen=True)
class BodyFigures:
    received: int
    decided: int
    on_time: int
    overdue: int
    median_working_days: float | None

    @property
    def median_days(self) -> int | None:
        return None if self.median_working_days is None else round(self.median_working_days)

    @property
    def answered_or_due(self) -> int:
        return self.decided + self.overdue

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return None if share is None else round(share * 100)

    @property
    def on_time_share(self) -> float | None:
        """Share of the answered-or-overdue requests answered within the deadline."""
        due = self.decided + self.overdue
        return self.on_time / due if due else None


def body_figures(body: PublicBody) -> BodyFigures:
    requests = InformationRequest.objects.filter(body=body).exclude(state=RequestState.DRAFT)
    counts = requests.aggregate(
        received=Count("id"),
        decided=Count("id", filter=Q(state__in=DECIDED_STATES)),
        on_time=Count("id", filter=Q(state__in=DECIDED_STATES, decided_late=False)),
        overdue=Count("id", filter=Q(state=RequestState.OVERDUE)),
    )
    taken = Decision.objects.filter(request__body=body, working_days_taken__isnull=False)
    if connection.vendor == "postgresql":
        value = taken.aggregate(m=_Median("working_days_taken"))["m"]
    else:
        values = list(taken.values_list("working_days_taken", flat=True))
        value = median(values) if values else None
    return BodyFigures(median_working_days=value, **counts)


class _Median(Aggregate):
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


# -- the workspace (officers and heads of bodies) -------------------------------------------


def workspace_requests(user) -> QuerySet[InformationRequest]:
    """Requests to the bodies the user is designated for today: nothing else exists for
    them (django-guardian grants on the body, checked here once)."""
    from accounts.permissions import VIEW_BODY_REQUESTS, bodies_for

    return (InformationRequest.objects.exclude(state=RequestState.DRAFT)
            .filter(body__in=bodies_for(user, VIEW_BODY_REQUESTS))
            .select_related("body", "assigned_to"))


def queue_filters(user, today=None) -> dict[str, Q]:
    """The workspace's queues, as conditions on a request."""
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from . import legal_clock
    from .models import OPEN_STATES, ThirdPartyConsultation

    today = today or timezone.localdate()
    waiting = Exists(ThirdPartyConsultation.objects.filter(
        request=OuterRef("pk"), answer=ThirdPartyConsultation.Answer.PENDING))
    return {
        "new": Q(state=RequestState.SUBMITTED),
        "in_progress": Q(state=RequestState.IN_PROGRESS),
        "due_soon": Q(state__in=OPEN_STATES, due_date__gte=today,
                      due_date__lte=legal_clock.add_working_days(today, 5)),
        "overdue": Q(state=RequestState.OVERDUE) | Q(state__in=OPEN_STATES, due_date__lt=today),
        "third_party": Q(waiting, state__in=OPEN_STATES),
        "unassigned": Q(assigned_to__isnull=True, state__in=[*OPEN_STATES, RequestState.OVERDUE]),
        "mine": Q(assigned_to=user, state__in=[*OPEN_STATES, RequestState.OVERDUE]),
        "decided": Q(state__in=DECIDED_STATES),
    }


def queue_counts(requests: QuerySet, filters: dict[str, Q]) -> dict[str, int]:
    """Every queue's count in one query."""
    return requests.aggregate(**{name: Count("id", filter=condition)
                                 for name, condition in filters.items()})


def workspace_request(user, reference: str) -> InformationRequest:
    """One request for the workspace: 404 unless it is to one of the user's bodies."""
    request = (
        workspace_requests(user).filter(reference=reference)
        .select_related("requester", "decision", "decision__earlier_request")
        .prefetch_related(
            *_decision_prefetch(),
            Prefetch("messages", queryset=Message.objects.select_related("author")
                     .prefetch_related(Prefetch("attachments",
                                                queryset=Attachment.objects.order_by("id")))),
            "state_changes__actor", "deadline_changes", "consultations",
            Prefetch("internal_notes", queryset=InternalNote.objects.select_related("author")),
        )
        .first()
    )
    if request is None:
        raise Http404
    return request


def body_officers(body: PublicBody):
    """The users designated today as information officers of the body."""
    from accounts.models import User

    return (User.objects.filter(designations__in=current_officers(body)).distinct()
            .order_by("last_name", "first_name"))
