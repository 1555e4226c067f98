"""What the public, a submitter and the moderators read of the reuses: the public only
the approved ones, never who submitted them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from requests_app.register.selectors import public_requests

from ..models import RegisterEntry, Reuse
from . import services

PUBLIC_FIELDS = (
    "id",
    "title",
    "kind",
    "url",
    "description",
    "credited_to",
    "state",
    "moderated_at",
    "rejection_reason",
    "created_at",
)


def _with_citations(reuses: QuerySet) -> QuerySet:
    return reuses.only(*PUBLIC_FIELDS).prefetch_related(
        Prefetch("entries", queryset=RegisterEntry.objects.select_related("body")),
        Prefetch("datasets", queryset=services.citable_datasets()),
        Prefetch("requests", queryset=public_requests()),
    )


def approved(kind: str = "") -> QuerySet[Reuse]:
    reuses = Reuse.objects.filter(state=Reuse.State.APPROVED)
    if kind:
        reuses = reuses.filter(kind=kind)
    return _with_citations(reuses).order_by("-moderated_at", "-pk")


def approved_count() -> int:
    return Reuse.objects.filter(state=Reuse.State.APPROVED).count()


def submitted_by(user) -> QuerySet[Reuse]:
    """The user's own reuses awaiting moderation or rejected (with the reason)."""
    if not user.is_authenticated:
        return Reuse.objects.none()
    return _with_citations(Reuse.objects.filter(submitted_by=user).exclude(state=Reuse.State.APPROVED))


def visible(user) -> QuerySet[Reuse]:
    """Approved ones and the user's own (moderators read the others in their queue)."""
    reuses = Reuse.objects.filter(state=Reuse.State.APPROVED)
    if user.is_authenticated:
        reuses = reuses | Reuse.objects.filter(submitted_by=user)
    return _with_citations(Reuse.objects.filter(pk__in=reuses.values("pk")))


def to_moderate(user, state: str = Reuse.State.PENDING) -> QuerySet[Reuse]:
    """The Commission's members moderate every reuse; an officer, those citing their body."""
    reuses = Reuse.objects.filter(state=state) if state else Reuse.objects.all()
    if not user.is_authenticated:
        return Reuse.objects.none()
    if user.commission_role:
        return reuses
    return reuses.filter(
        pk__in=Reuse.objects.filter(services.citing(bodies_for(user, HANDLE_REQUESTS))).values("pk")
    )
