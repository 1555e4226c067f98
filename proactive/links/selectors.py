"""What the officers read of their links: a body's broken ones, register and datasets."""

from __future__ import annotations

from accounts.models import PublicBody

from ..models import LinkHealth, PortalDataset, RegisterEntry

BROKEN = LinkHealth.LinkStatus.BROKEN


def broken_entries(body: PublicBody):
    return (RegisterEntry.objects.current().filter(body=body, link_status=BROKEN)
            .select_related("category").order_by("link_broken_since", "pk"))


def broken_datasets(body: PublicBody):
    shown = [PortalDataset.State.LINKED, PortalDataset.State.PUBLISHED]
    return (PortalDataset.objects.filter(body=body, link_status=BROKEN, state__in=shown)
            .exclude(url="").order_by("link_broken_since", "pk"))


def broken_count(body: PublicBody) -> int:
    return broken_entries(body).count() + broken_datasets(body).count()
