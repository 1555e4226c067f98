"""Reads that feed the request's pages. Each returns a queryset or values with its joins
chosen here, once, so a page costs a fixed number of queries. The public register's
reads are in ``register.selectors``, the workspace's in ``workspace.selectors``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Designation, PublicBody

from .models import (
    Attachment,
    DeadlineChange,
    DecisionDocument,
    DecisionGround,
    ExemptionCitation,
    InformationRequest,
    Message,
    ThirdPartyConsultation,
)
from .permissions import is_requester


def decision_prefetch(documents_filter: Q | None = None):
    documents = DecisionDocument.objects.order_by("id")
    if documents_filter is not None:
        documents = documents.filter(documents_filter)
    return [
        Prefetch("decision__grounds",
                 queryset=DecisionGround.objects.select_related("ground").order_by("ground__item", "id")),
        Prefetch("decision__citations",
                 queryset=ExemptionCitation.objects.select_related("exemption").order_by("id")),
        Prefetch("decision__documents", queryset=documents),
    ]


def messages_prefetch() -> Prefetch:
    """The request's messages with their authors and attachments."""
    return Prefetch("messages", queryset=Message.objects.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("id"))))


# -- the requester's own requests ---------------------------------------------------


def requests_of(user) -> QuerySet[InformationRequest]:
    return (InformationRequest.objects.filter(requester=user)
            .select_related("body").order_by("-received_at", "-id"))


def request_for_requester(user, reference: str) -> InformationRequest:
    """The request ``reference`` if ``user`` made it; otherwise 404, whether or not it
    exists (no one learns about another person's request)."""
    information_request = (
        InformationRequest.objects.filter(reference=reference)
        .select_related("body", "body__parent", "requester", "decision",
                        "decision__earlier_request")
        .prefetch_related(*decision_prefetch(), messages_prefetch(),
                          "state_changes", "deadline_changes", "consultations")
        .first()
    )
    if information_request is None or not is_requester(information_request, user):
        raise Http404
    return information_request


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    object: object


def timeline(information_request: InformationRequest) -> list[Event]:
    """Every event of the request in time order: state changes, due-date changes,
    messages, the body's determinations after a third party's refusal (prefetched by
    ``request_for_requester``)."""
    receipt = DeadlineChange.Reason.RECEIPT  # told with the receipt, not an event of its own
    events = [Event(change.at, "state", change) for change in information_request.state_changes.all()]
    events += [Event(change.at, "deadline", change)
               for change in information_request.deadline_changes.all() if change.reason != receipt]
    events += [Event(message.sent_at, "message", message) for message in information_request.messages.all()]
    # Art. 9: the body's own determination after a third party's refusal.
    events += [Event(consultation.determined_at, "determination", consultation)
               for consultation in information_request.consultations.all() if consultation.determination]
    events += [Event(at, "consultation_answer", consultation)
               for consultation, at in _third_party_answers(information_request)]
    return sorted(events, key=lambda event: event.at)


def _third_party_answers(information_request: InformationRequest,
                         ) -> list[tuple[ThirdPartyConsultation, datetime]]:
    """Each answered consultation (art. 9) with the moment its answer was recorded: the
    first version of its history that holds an answer (one query, only when there is
    an answer). ``answered_on`` is the day the third party answered, which may be
    earlier than the recording."""
    answered = [item for item in information_request.consultations.all() if not item.is_pending]
    if not answered:
        return []
    recorded = dict(ThirdPartyConsultation.history
                    .filter(id__in=[item.pk for item in answered])
                    .exclude(answer=ThirdPartyConsultation.Answer.PENDING)
                    .values("id").annotate(at=Min("history_date")).values_list("id", "at"))
    return [(item, recorded[item.pk]) for item in answered if item.pk in recorded]


def released_documents(information_request: InformationRequest) -> list[DecisionDocument]:
    """What the requester receives: the documents of a grant; of a partial grant
    (art. 8) the redacted versions and the documents released in full, never the
    originals of the redacted ones."""
    decision = getattr(information_request, "decision", None)
    if decision is None or decision.is_refusal:
        return []
    # Of a partial grant (art. 8): the redacted versions and the documents released in
    # full beside them; never the originals the body keeps.
    released = [document for document in decision.documents.all() if document.file and document.released]
    # Each is served under a neutral name, numbered in the decision's order: neither the
    # uploader's file name nor anything the document says (``DecisionDocument.public_name``).
    for number, document in enumerate(released, start=1):
        document.decision = decision  # the reference is read from it, without a query
        document.download_name = document.public_name(number)
    return released


def documents_on_file(information_request: InformationRequest) -> list[DecisionDocument]:
    """What the body's officers see of a decision's documents: those released, under the
    neutral names the requester and the public get, then the unredacted originals of the
    redacted versions, kept by the body and never released (art. 8), marked as such and
    named as they were uploaded."""
    decision = getattr(information_request, "decision", None)
    if decision is None:
        return []
    released = released_documents(information_request)
    kept = [document for document in decision.documents.all() if document.file and not document.released]
    for document in kept:
        document.kept_by_body = True
        document.download_name = document.original_name or document.file.name.rsplit("/", 1)[-1]
    return released + kept


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


def find_or_browse_bodies(query: str, limit: int) -> dict:
    """What a page that helps find a body shows: the bodies whose names hold every word
    of ``query`` (at most ``limit``), or, without a query, the tree to browse."""
    query = (query or "").strip()[:200]
    if query:
        return {"query": query, "matches": find_bodies(query)[:limit]}
    return {"query": query, "tree": body_tree()}
