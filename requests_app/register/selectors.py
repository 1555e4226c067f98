"""Reads of the public register: every request once decided or overdue, through its
public columns only (never the art. 14 identity), and the bodies' figures."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from statistics import median

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import PublicBody

from ..models import (
    DECIDED_STATES,
    Decision,
    DecisionDocument,
    ExemptionCitation,
    InformationRequest,
    RefusalGround,
    RequestState,
)
from ..selectors import decision_prefetch, released_documents
from .arabic import SearchText, word_forms

# What the public register shows: every request once decided or overdue, and one an
# upheld complaint reopened (art. 19): its earlier decision was public and stays so.
PUBLIC_STATES = [*DECIDED_STATES, RequestState.OVERDUE]
ON_REGISTER = Q(state__in=PUBLIC_STATES) | Q(reopened_on__isnull=False)


def is_on_register(information_request: InformationRequest) -> bool:
    return information_request.state in PUBLIC_STATES or information_request.reopened_on is not None


@dataclass(frozen=True)
class Published:
    """One thing the register publishes of a request, in the words the requester reads
    before filing (``label``), and the columns it reads for it (``fields``, of the
    request or, after ``decision__``, of its decision)."""

    label: str
    fields: tuple[str, ...]


# Everything the register, its feed and its CSV read of a request, and the only columns
# they read: the filing form lists these labels, so what a requester is told becomes
# public is what the code publishes. Never the art. 14 identity; the subject as the body
# masked it (``public_subject``), never as written. The grounds and exemptions relied on
# come with the decision (``decision_prefetch``).
PUBLISHED = (
    Published(_("the reference of the request and the body it is addressed to"), ("reference", "body")),
    Published(_("its subject, without any personal data about a person that the body masks in it"),
              ("public_subject",)),
    Published(_("whether it is urgent (art. 17), how it was filed, and its dates: receipt, due date, "
                "decision"), ("is_urgent", "channel", "received_at", "due_date", "reopened_on",
                              "decision__decided_at")),
    Published(_("its state and the outcome, and whether the answer came late"),
              ("state", "decided_late", "decision__outcome", "decision__late")),
    Published(_("the reasons of a refusal or of a partial grant: the grounds (art. 18) and the exceptions "
                "(art. 7) relied on with their justification, where published information can be "
                "obtained, an earlier request already answered"),
              ("decision__publication_reference", "decision__publication_location",
               "decision__earlier_request")),
    Published(_("how the information is delivered and what it costs (arts 5 and 15)"),
              ("decision__delivery_method", "decision__copying_cost", "decision__sending_cost")),
    Published(_("the documents released, only if you agree to their publication"),
              ("publication_consent",)),
)

_published = [name for item in PUBLISHED for name in item.fields]
# The only columns of a request a public page may read: never the art. 14 identity.
PUBLIC_FIELDS = ["id", "updated_at", *(name for name in _published if not name.startswith("decision__"))]


# -- the register -------------------------------------------------------------


BODY_FIELDS = ["body__code", "body__name_ar", "body__name_fr", "body__name_en", "body__acronym"]
DECISION_FIELDS = ["decision__id", *(name for name in _published if name.startswith("decision__"))]


def public_requests(with_decision: bool = False) -> QuerySet[InformationRequest]:
    """Requests on the register, reading only public columns (never the identity)."""
    requests = InformationRequest.objects.filter(ON_REGISTER)
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


def entries(filters: RegisterFilters, with_decision: bool = False) -> QuerySet[InformationRequest]:
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


def export_entries(filters: RegisterFilters) -> QuerySet[InformationRequest]:
    """The register for its CSV export: each entry with its decision, the refusal
    grounds (art. 18) and the exemptions relied on (art. 7), in three queries."""
    return entries(filters, with_decision=True).prefetch_related(
        Prefetch("decision__refusal_grounds", queryset=RefusalGround.objects.order_by("id")),
        Prefetch("decision__citations",
                 queryset=ExemptionCitation.objects.select_related("exemption").order_by("id")))


def search(requests: QuerySet, text: str) -> QuerySet:
    """Full-text search on the public subject (as masked: a masked name finds nothing),
    finding an Arabic word with or without its attached prefixes (``arabic``).
    PostgreSQL: its text search on the public subject and
    its stripped words (a GIN index on the same expression, migrations 0014 and 0015). SQLite: a
    substring match on each word's shortest form, which its prefixed forms contain."""
    forms_of_words = [sorted(word_forms(word)) for word in text.split()[:10]]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        if all(len(forms) == 1 for forms in forms_of_words):
            query = SearchQuery(text, config="simple", search_type="websearch")
        else:
            query = reduce(operator.and_, (
                reduce(operator.or_, (SearchQuery(form, config="simple", search_type="plain")
                                      for form in forms))
                for forms in forms_of_words))
        return requests.annotate(
            search=SearchVector(SearchText("public_subject"), config="simple")
        ).filter(search=query)
    for forms in forms_of_words:
        requests = requests.filter(public_subject__icontains=min(forms, key=len))
    return requests


def public_request(reference: str) -> InformationRequest:
    """One request as the public sees it: 404 unless it is on the register; released
    documents only if the requester agreed to their publication."""
    information_request = (
        public_requests(with_decision=True).filter(reference=reference)
        .select_related("decision__earlier_request")
        .prefetch_related(*decision_prefetch())
        .first()
    )
    if information_request is None:
        raise Http404
    return information_request


def published_documents(information_request: InformationRequest) -> list[DecisionDocument]:
    """What the public may download: the released documents, if the requester agreed."""
    return released_documents(information_request) if information_request.publication_consent else []



# -- bodies' figures ------------------------------------------------------------


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
