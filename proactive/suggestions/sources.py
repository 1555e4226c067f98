"""What the proactive app offers before a citizen files (``requests_app.suggestions``):
the current entries of the bodies' art. 10 registers and the public datasets of the
open-data portal; and what an officer refusing on the ground "already published"
(art. 18) picks from (``requests_app.publications``): the same records, of the body."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from accounts.models import pick_language
from requests_app.publications import Publication
from requests_app.suggestions import Suggestion, find_similar

from ..models import PortalDataset, RegisterEntry

TITLES = ("title", "title_translation")
TEXTS = ("description", "description_translation")
SNIPPET = 160


def current_entries():
    return RegisterEntry.objects.current().select_related("body", "category")


def public_datasets():
    """The datasets the public sees (``PortalDataset.is_public``, as a query)."""
    shown = [PortalDataset.State.LINKED, PortalDataset.State.PUBLISHED]
    return PortalDataset.objects.filter(state__in=shown).exclude(url="").select_related("body")


def _snippet(record) -> str:
    """The description in the page's language where the record has it, shortened."""
    description = pick_language({lang: text for lang, (_title, text) in record.texts().items()})
    if len(description) <= SNIPPET:
        return description
    return description[:SNIPPET].rsplit(" ", 1)[0] + "…"


def register_entries(subject: str, body_text: str | None, language: str, limit: int) -> list[Suggestion]:
    found = find_similar(current_entries(), titles=TITLES, texts=TEXTS,
                         text=" ".join(filter(None, (subject, body_text))), limit=limit)
    return [Suggestion(kind="entry", label=_("Published by the body (art. 10)"), title=entry.display_title,
                       url=entry.url, body=entry.body.name, body_code=entry.body.code, score=score,
                       snippet=_snippet(entry)) for entry, score in found]


def portal_datasets(subject: str, body_text: str | None, language: str, limit: int) -> list[Suggestion]:
    found = find_similar(public_datasets(), titles=TITLES, texts=TEXTS,
                         text=" ".join(filter(None, (subject, body_text))), limit=limit)
    return [Suggestion(kind="dataset", label=_("Dataset on the open-data portal"),
                       title=dataset.display_title, url=dataset.url, body=dataset.body.name,
                       body_code=dataset.body.code, score=score, snippet=_snippet(dataset))
            for dataset, score in found]


# -- what an officer picks for "already published" (art. 18) ---------------------------------


def _entry(entry: RegisterEntry) -> Publication:
    return Publication(key=f"entry:{entry.pk}", title=entry.display_title, url=entry.url,
                       label=_("Register entry"))


def _dataset(dataset: PortalDataset) -> Publication:
    return Publication(key=f"dataset:{dataset.pk}", title=dataset.display_title, url=dataset.url,
                       label=_("Dataset"))


def entries_of(body) -> list[Publication]:
    return [_entry(entry) for entry in RegisterEntry.objects.current().filter(body=body).order_by("title")]


def _cited(publication: Publication, record) -> Publication:
    """What the decision keeps of a picked record: its title in each language it has,
    Arabic first, for the letter's Arabic and French parts alike."""
    texts = record.texts()
    title = " / ".join(texts[language][0] for language in ("ar", "fr") if language in texts)
    return replace(publication, title=title or publication.title)


def find_entry(body, number: str) -> Publication | None:
    entry = RegisterEntry.objects.current().filter(body=body, pk=number).first()
    return _cited(_entry(entry), entry) if entry else None


def datasets_of(body) -> list[Publication]:
    return [_dataset(dataset) for dataset in public_datasets().filter(body=body).order_by("title")]


def find_dataset(body, number: str) -> Publication | None:
    dataset = public_datasets().filter(body=body, pk=number).first()
    return _cited(_dataset(dataset), dataset) if dataset else None
