"""What the public and the officers read of the registers: a body's entries by
category, and the compliance figures per body and nationally."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q

from accounts.models import PublicBody

from ..catalogue import CATEGORIES
from ..models import Art10Category, PortalDataset, RegisterEntry

# The categories of art. 10, as the catalogue the data migration loads lists them.
CATEGORY_COUNT = len(CATEGORIES)


def entries_by_category(body: PublicBody, today: date) -> list[tuple[Art10Category, list[RegisterEntry]]]:
    """Every category of art. 10 with the body's current entries under it (possibly none),
    each marked ``out_of_date`` when its next update was due before ``today``."""
    entries: dict[int, list[RegisterEntry]] = {}
    # With the request each publication answered, and the portal's datasets linked to it.
    public_datasets = PortalDataset.objects.filter(
        state__in=(PortalDataset.State.LINKED, PortalDataset.State.PUBLISHED)).exclude(url="").select_related(
        "opened_after")
    entries_found = (RegisterEntry.objects.current().filter(body=body).select_related("opened_after")
                     .prefetch_related(Prefetch("datasets", queryset=public_datasets,
                                                to_attr="public_datasets"))
                     .order_by("title"))
    for entry in entries_found:
        entry.out_of_date = bool(entry.next_update_due and entry.next_update_due < today)
        entries.setdefault(entry.category_id, []).append(entry)
    return [(category, entries.get(category.pk, [])) for category in Art10Category.objects.all()]


@dataclass
class BodyCompliance:
    body: PublicBody
    covered: int
    entries: int
    out_of_date: int


@dataclass
class Compliance:
    bodies: list[BodyCompliance] = field(default_factory=list)

    @property
    def with_nothing(self) -> list[BodyCompliance]:
        return [row for row in self.bodies if not row.entries]

    @property
    def out_of_date(self) -> int:
        return sum(row.out_of_date for row in self.bodies)

    @property
    def entries(self) -> int:
        return sum(row.entries for row in self.bodies)


def _annotated(bodies, today: date):
    current = Q(register_entries__retired_at__isnull=True)
    return bodies.annotate(
        covered=Count("register_entries__category", filter=current, distinct=True),
        entry_count=Count("register_entries", filter=current, distinct=True),
        late=Count("register_entries", distinct=True, filter=current & Q(
            register_entries__next_update_due__lt=today)),
    )


def compliance(today: date) -> Compliance:
    """Per active body: categories covered of 19, current entries, entries out of date."""
    bodies = _annotated(PublicBody.objects.filter(active=True), today).order_by("name_fr")
    return Compliance([BodyCompliance(body, body.covered, body.entry_count, body.late) for body in bodies])


def body_compliance(body: PublicBody, today: date) -> BodyCompliance:
    row = _annotated(PublicBody.objects.filter(pk=body.pk), today).get()
    return BodyCompliance(body, row.covered, row.entry_count, row.late)
