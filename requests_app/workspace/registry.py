"""What the staff's dashboard lists, as a registry other apps add to: the kinds of
things to act on (requests here; complaints to the head of body and to the Commission
in ``appeals``) and the queues that sort them. The dashboard knows none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet


@dataclass(frozen=True)
class WorkKind:
    """Things of one kind the staff act on."""

    name: str
    # Everything of this kind the user may see (the bodies they serve today).
    items: Callable[..., QuerySet]
    # The template that lists a page of them (it gets ``page``).
    list_template: str
    order_by: tuple[str, ...]
    # The items whose reference or subject holds the text typed in the search box.
    search: Callable[[QuerySet, str], QuerySet]
    # The field that leads to the body, for the filter by body.
    body_field: str = "body"
    # Facts computed for the items of one page only (e.g. working days left).
    decorate: Callable[[Iterable], None] | None = None


@dataclass(frozen=True)
class Queue:
    """A queue of one kind: the items that meet ``condition(user, today)``."""

    name: str
    label: str
    kind: str
    condition: Callable[..., Q]


@dataclass(frozen=True)
class Link:
    """A page of another app the dashboard links to: ``links(user)`` gives, for the
    user, the (label, URL) pairs to show (none when the page is not theirs)."""

    name: str
    links: Callable[..., list[tuple[str, str]]]


KINDS: dict[str, WorkKind] = {}
QUEUES: dict[str, Queue] = {}
LINKS: dict[str, Link] = {}


def register_kind(kind: WorkKind) -> WorkKind:
    KINDS[kind.name] = kind
    return kind


def register_queue(queue: Queue) -> Queue:
    QUEUES[queue.name] = queue
    return queue


def register_link(link: Link) -> Link:
    LINKS[link.name] = link
    return link


def links(user) -> list[tuple[str, str]]:
    """Every registered page's links for ``user``, in the order of registration."""
    return [pair for link in LINKS.values() for pair in link.links(user)]


def counts(user, today: date) -> dict[str, int]:
    """Every queue's count: one query per kind."""
    result: dict[str, int] = {}
    for kind in KINDS.values():
        queues = [queue for queue in QUEUES.values() if queue.kind == kind.name]
        if queues:
            result.update(kind.items(user).aggregate(**{
                queue.name: Count("pk", filter=queue.condition(user, today)) for queue in queues}))
    return result
