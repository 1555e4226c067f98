"""What the public and the officers read of the asks for a dataset: never the asker."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from accounts.models import PublicBody
from accounts.permissions import HANDLE_REQUESTS, bodies_for

from ..models import DatasetAsk, DatasetAskPolicy
from . import services

# The columns a public page reads: not ``asked_by`` nor ``answered_by``.
PUBLIC_FIELDS = (
    "id",
    "body",
    "title",
    "description",
    "asked_on",
    "answer_due",
    "state",
    "planned_for",
    "published_url",
    "register_entry",
    "reason",
    "answered_at",
    "body__code",
    "body__name_ar",
    "body__name_fr",
    "body__name_en",
    "body__kind",
    "body__acronym",
    "register_entry__id",
    "register_entry__title",
    "register_entry__url",
    "register_entry__body_id",
)


def _counted(asks: QuerySet) -> QuerySet:
    return asks.annotate(support_count=Count("supports", distinct=True))


def public_asks(*, body: PublicBody | None = None, state: str = "") -> QuerySet[DatasetAsk]:
    asks = DatasetAsk.objects.select_related("body", "register_entry").only(*PUBLIC_FIELDS)
    if body is not None:
        asks = asks.filter(body=body)
    if state == "overdue":
        asks = asks.filter(state=DatasetAsk.State.OPEN, answer_due__lt=timezone.localdate())
    elif state:
        asks = asks.filter(state=state)
    return _counted(asks).order_by("-asked_on", "-pk")


def public_ask(pk: int) -> DatasetAsk:
    return _counted(DatasetAsk.objects.select_related("body", "register_entry").only(*PUBLIC_FIELDS)).get(
        pk=pk
    )


def decorate(asks, today: date) -> list[DatasetAsk]:
    """Each ask with ``overdue`` and ``days_left`` (open asks only): the bodies' stated
    periods read in one query, the rules table's once."""
    asks = list(asks)
    policies = {policy.body_id: policy for policy in
                DatasetAskPolicy.objects.filter(body_id__in={item.body_id for item in asks})}
    rules: dict[int | None, object] = {}
    for item in asks:
        policy = policies.get(item.body_id)
        key = item.body_id if policy else None
        if key not in rules:
            rules[key] = services.rule_of(policy, today)
        item.overdue = services.is_overdue(item, today)
        item.days_left = services.days_left(item, today, rules[key])
    return asks


def queue(user, *, body: PublicBody | None = None, state: str = "") -> QuerySet[DatasetAsk]:
    """The asks to the bodies whose requests ``user`` handles today: those awaiting an
    answer first, by due date."""
    asks = DatasetAsk.objects.filter(body__in=bodies_for(user, HANDLE_REQUESTS)).select_related(
        "body", "register_entry"
    )
    if body is not None:
        asks = asks.filter(body=body)
    asks = asks.filter(state=state) if state else asks.filter(state__in=services.ANSWERABLE)
    return _counted(asks).order_by("answer_due", "pk")


def open_count(user) -> int:
    return DatasetAsk.objects.filter(
        body__in=bodies_for(user, HANDLE_REQUESTS), state=DatasetAsk.State.OPEN
    ).count()


def history(item: DatasetAsk) -> list:
    """The ask's answers over time, oldest first (the staff's view: with who answered)."""
    return list(item.history.select_related("answered_by").order_by("history_date", "history_id"))
