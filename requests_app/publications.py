"""What a body has already published, for the ground "already published" of art. 18:
the reply must give the reference of the publication and where it can be obtained. The
officer picks one of the body's published records (an entry of its art. 10 register, a
dataset on the open-data portal) instead of typing them; the decision keeps the record's
key (``Decision.publication_key``) and cites its title and address.

The higher apps that keep such records register a source here; this app knows none of
them. A key names its source ("entry:12" belongs to the source "entry")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Publication:
    key: str
    title: str
    url: str
    label: str = ""  # what kind of record, in the page's language


@dataclass(frozen=True)
class PublicationSource:
    prefix: str
    # The body's published records, in the order the officer reads them.
    for_body: Callable[[object], list[Publication]]
    # One record of the body by the number after the prefix, or None.
    find: Callable[[object, str], Publication | None]


PUBLICATION_SOURCES: dict[str, PublicationSource] = {}


def register_publication_source(source: PublicationSource) -> PublicationSource:
    PUBLICATION_SOURCES[source.prefix] = source
    return source


def publications_of(body) -> list[Publication]:
    """Every record ``body`` has published, from every source."""
    return [item for source in PUBLICATION_SOURCES.values() for item in source.for_body(body)]


def find_publication(body, key: str) -> Publication | None:
    """The record ``key`` names, if ``body`` published it; None for another body's record,
    a retired one or a key of no source."""
    prefix, _sep, number = (key or "").partition(":")
    source = PUBLICATION_SOURCES.get(prefix)
    if source is None or not (number.isascii() and number.isdigit()):
        return None
    return source.find(body, number)
