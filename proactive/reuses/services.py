"""Known reuses of the information published or released (issue 13, point 7): a
signed-in person submits one citing register entries, portal datasets or public
requests; a member of the Commission, or an information officer of a cited body,
approves it (then it is public) or rejects it with a reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from requests_app.register.selectors import public_requests

from ..models import PortalDataset, RegisterEntry, Reuse


def citable_entries():
    return RegisterEntry.objects.current().select_related("body").order_by("body__name_fr", "title")


def citable_datasets():
    return (
        PortalDataset.objects.filter(state__in=[PortalDataset.State.LINKED, PortalDataset.State.PUBLISHED])
        .exclude(url="")
        .select_related("body")
        .order_by("title")
    )


def citable_requests():
    return public_requests().order_by("-received_at")


def cited_bodies(reuse: Reuse) -> set[int]:
    return (
        set(reuse.entries.values_list("body_id", flat=True))
        | set(reuse.datasets.values_list("body_id", flat=True))
        | set(reuse.requests.values_list("body_id", flat=True))
    )


def citing(bodies) -> Q:
    """The reuses that cite something of ``bodies``."""
    return Q(entries__body__in=bodies) | Q(datasets__body__in=bodies) | Q(requests__body__in=bodies)


def may_moderate(user, reuse: Reuse) -> bool:
    if not user.is_authenticated:
        return False
    if user.commission_role:
        return True
    return bodies_for(user, HANDLE_REQUESTS).filter(pk__in=cited_bodies(reuse)).exists()


@transaction.atomic
def submit(
    *,
    actor,
    title: str,
    kind: str,
    url: str,
    description: str = "",
    credited_to: str = "",
    entries=(),
    datasets=(),
    requests=(),
) -> Reuse:
    entries, datasets, requests = list(entries or ()), list(datasets or ()), list(requests or ())
    if not (entries or datasets or requests):
        raise ValidationError(
            _("Cite at least one register entry, dataset or public request the reuse draws on.")
        )
    if any(item.pk not in set(citable_entries().values_list("pk", flat=True)) for item in entries):
        raise ValidationError({"entries": _("Cite only entries on a register.")})
    if any(item.pk not in set(citable_datasets().values_list("pk", flat=True)) for item in datasets):
        raise ValidationError({"datasets": _("Cite only datasets published on the portal.")})
    if any(item.pk not in set(citable_requests().values_list("pk", flat=True)) for item in requests):
        raise ValidationError({"requests": _("Cite only requests on the public register.")})
    url = (url or "").strip()
    if Reuse.objects.filter(url=url).exclude(state=Reuse.State.REJECTED).exists():
        raise ValidationError(
            {"url": _("This reuse is already known (or awaiting moderation) at this address.")}
        )
    reuse = Reuse(
        title=" ".join((title or "").split()),
        kind=kind,
        url=url,
        description=(description or "").strip(),
        credited_to=(credited_to or "").strip(),
        submitted_by=actor,
    )
    reuse._change_reason = "submitted"
    reuse.full_clean()
    reuse.save()
    reuse.entries.set(entries)
    reuse.datasets.set(datasets)
    reuse.requests.set(requests)
    return reuse


@transaction.atomic
def moderate(*, actor, reuse: Reuse, approve: bool, reason: str = "") -> Reuse:
    reuse = Reuse.objects.select_for_update().get(pk=reuse.pk)
    if not may_moderate(actor, reuse):
        raise PermissionDenied(_("Only the Commission or an officer of a cited body moderates this reuse."))
    if reuse.state != Reuse.State.PENDING:
        raise ValidationError(_("This reuse has already been moderated."))
    reason = (reason or "").strip()
    if approve:
        reuse.state, reuse.rejection_reason = Reuse.State.APPROVED, ""
    else:
        if not reason:
            raise ValidationError({"reason": _("Give the reason for rejecting the reuse.")})
        reuse.state, reuse.rejection_reason = Reuse.State.REJECTED, reason
    reuse.moderated_by, reuse.moderated_at = actor, timezone.now()
    reuse._change_reason = reuse.state
    reuse.save()
    return reuse
