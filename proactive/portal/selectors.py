"""What the pages read of the datasets linked to requests."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..models import PortalDataset
from . import ckan
from .publication import documents_to_publish

PUBLIC = Q(state__in=(PortalDataset.State.LINKED, PortalDataset.State.PUBLISHED)) & ~Q(url="")


def datasets_of(information_request) -> QuerySet[PortalDataset]:
    """Every dataset linked to the request, in any state (the officers' page)."""
    return (PortalDataset.objects.filter(request_links__request=information_request)
            .select_related("opened_after", "register_entry", "category").order_by("created_at", "pk"))


def public_datasets_of(information_request) -> QuerySet[PortalDataset]:
    """The datasets the public sees for the request: linked, or published with an address."""
    return datasets_of(information_request).filter(PUBLIC)


def public_datasets() -> QuerySet[PortalDataset]:
    return PortalDataset.objects.filter(PUBLIC).select_related("opened_after")


def publish_context(information_request) -> dict:
    """What the publication form says it will do: where, in which organisation, with
    which documents."""
    return {"portal": ckan.public_root(), "organisation": ckan.organisation_for(information_request.body),
            "documents": documents_to_publish(information_request)}
