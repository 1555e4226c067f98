"""The DCAT-AP catalogue of the proactive registers (art. 10) and of the datasets on
the open-data portal, as an rdflib graph that the views serialise as Turtle, JSON-LD
or RDF/XML. CKAN's DCAT harvester (ckanext-dcat, ``dcat_rdf`` with the ``euro_dcat_ap``
profiles) reads it: it names each harvested dataset by its URI, so the URIs here are
stable (the site's address, no language prefix, the record's id) and a dataset that
leaves the catalogue (a retired entry) is withdrawn from the portal at the next harvest.

What is public only: the body, never an officer; never a requester (Law 09-08)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import F, Max
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from accounts.models import PublicBody
from requests_app.reuse import HEADING as REUSE_HEADING

from ..models import Art10Category, PortalDataset, RegisterEntry
from .vocabulary import (
    FILE_TYPE,
    FORMATS,
    FREQUENCIES,
    IANA,
    LANGUAGES,
    PREFIXES,
    VCARD,
    WEB_PAGE,
    data_themes,
    format_of_address,
    split_formats,
)

PUBLIC_ACCESS = URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")
# The languages the catalogue's own texts are written in, as the registers are.
CATALOGUE_LANGUAGES = ("ar", "fr")


# -- addresses ---------------------------------------------------------------------------


def stable_url(name: str, **kwargs) -> str:
    """The absolute address of the page ``proactive:<name>`` without the language prefix:
    the same in every language (the site sends each visitor on to their own)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(f"proactive:{name}", kwargs=kwargs or None)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if path.startswith(prefix):
        path = path[len(prefix) - 1:]
    return settings.NAFIDA_SITE_URL.rstrip("/") + path


def catalogue_uri() -> URIRef:
    return URIRef(stable_url("dcat_catalog"))


def entry_uri(pk: int) -> URIRef:
    return URIRef(stable_url("dcat_entry", pk=pk))


def dataset_uri(pk: int) -> URIRef:
    return URIRef(stable_url("dcat_dataset", pk=pk))


def body_uri(code: str) -> URIRef:
    return URIRef(stable_url("dcat_body", code=code))


def reuse_conditions_uri() -> URIRef:
    return URIRef(stable_url("dcat_reuse_conditions"))


def category_uri(number: int) -> URIRef:
    return URIRef(f"{catalogue_uri()}#art10-{number}")


def body_register_url(code: str) -> str:
    return stable_url("body", code=code)


# -- what the catalogue holds ------------------------------------------------------------


def catalogue_entries():
    """The register entries the catalogue lists: every current one (a retired entry
    leaves it)."""
    return (RegisterEntry.objects.current().select_related("body", "category")
            .order_by("body__code", "category__number", "pk"))


def catalogue_datasets():
    """The portal datasets the public sees (``PortalDataset.is_public``): linked or
    published, with an address; a pending or refused one is not listed."""
    shown = [PortalDataset.State.LINKED, PortalDataset.State.PUBLISHED]
    # A dataset whose current register entry points at the same address is that entry in
    # the catalogue: listed twice, a portal harvesting it would import its own package again.
    return (PortalDataset.objects.filter(state__in=shown)
            .exclude(url="").exclude(register_entry__retired_at__isnull=True, register_entry__url=F("url"))
            .select_related("body", "register_entry__category").order_by("pk"))


def web_uri(value: str) -> URIRef:
    """A web address kept by the system (checked http(s) at input) as an RDF node, encoded
    (spaces, quotes, braces...) so that one odd address never breaks the whole catalogue."""
    return URIRef(iri_to_uri(value))


def last_modified() -> datetime | None:
    """When anything the catalogue shows last changed: an entry (retiring one changes
    it), a dataset, a body's names."""
    stamps = [
        RegisterEntry.objects.aggregate(at=Max("updated_at"))["at"],
        PortalDataset.objects.aggregate(at=Max("updated_at"))["at"],
        PublicBody.history.aggregate(at=Max("history_date"))["at"],
    ]
    stamps = [stamp for stamp in stamps if stamp]
    return max(stamps) if stamps else None


# -- the graph ---------------------------------------------------------------------------


def _in_each_language(text) -> list[Literal]:
    literals = []
    for language in CATALOGUE_LANGUAGES:
        with translation.override(language):
            literals.append(Literal(str(text() if callable(text) else text), lang=language))
    return literals


class CatalogueBuilder:
    def __init__(self) -> None:
        self.g = Graph()
        for prefix, namespace in PREFIXES.items():
            self.g.bind(prefix, namespace)
        self.catalogue = catalogue_uri()
        self.bodies: set[str] = set()
        self.licences: dict[str, URIRef | BNode] = {}

    def add(self, subject, predicate, value) -> None:
        self.g.add((subject, predicate, value))

    # the catalogue itself
    def build(self) -> Graph:
        g, catalogue = self.g, self.catalogue
        self.add(catalogue, RDF.type, DCAT.Catalog)
        for title in _in_each_language(lambda: _("Proactive publication registers (art. 10 of Law 31.13)")):
            self.add(catalogue, DCTERMS.title, title)
        for text in _in_each_language(lambda: _(
                "What each body publishes of its own accord under art. 10 of Law 31.13 on the right of "
                "access to information, and the datasets on the open-data portal that answer requests.")):
            self.add(catalogue, DCTERMS.description, text)
        publisher = URIRef(f"{catalogue}#publisher")
        self.add(catalogue, DCTERMS.publisher, publisher)
        self.add(publisher, RDF.type, FOAF.Agent)
        self.add(publisher, FOAF.name, Literal(settings.NAFIDA_OPERATOR))
        self.add(catalogue, FOAF.homepage, URIRef(settings.NAFIDA_SITE_URL.rstrip("/") + "/"))
        for language in LANGUAGES.values():
            self.add(catalogue, DCTERMS.language, language)
        modified = last_modified()
        if modified:
            self.add(catalogue, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime))
        self._categories()
        for entry in catalogue_entries():
            self._entry(entry)
        for dataset in catalogue_datasets():
            self._dataset(dataset)
        return g

    def _categories(self) -> None:
        scheme = URIRef(f"{self.catalogue}#art10")
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        for title in _in_each_language(lambda: _("The categories of information of art. 10 of Law 31.13")):
            self.add(scheme, DCTERMS.title, title)
        self.add(self.catalogue, DCAT.themeTaxonomy, scheme)
        for category in Art10Category.objects.all():
            concept = category_uri(category.number)
            self.add(concept, RDF.type, SKOS.Concept)
            self.add(concept, SKOS.inScheme, scheme)
            self.add(concept, SKOS.notation, Literal(category.item))
            names = {"ar": category.name_ar, "fr": category.name_fr, "en": category.name_en}
            for language, name in names.items():
                self.add(concept, SKOS.prefLabel, Literal(name, lang=language))

    # the publishers
    def _body(self, body: PublicBody) -> URIRef:
        agent = body_uri(body.code)
        if body.code in self.bodies:
            return agent
        self.bodies.add(body.code)
        self.add(agent, RDF.type, FOAF.Agent)
        self.add(agent, RDF.type, FOAF.Organization)
        for language, name in (("ar", body.name_ar), ("fr", body.name_fr), ("en", body.name_en)):
            if name:
                self.add(agent, FOAF.name, Literal(name, lang=language))
        self.add(agent, DCTERMS.identifier, Literal(body.code))
        if body.website:
            self.add(agent, FOAF.homepage, web_uri(body.website))
        return agent

    def _contact_point(self, body: PublicBody) -> URIRef:
        """The body itself, as the public reaches it: never an officer by name."""
        contact = URIRef(f"{body_uri(body.code)}#contact")
        if (contact, RDF.type, VCARD.Organization) in self.g:
            return contact
        self.add(contact, RDF.type, VCARD.Organization)
        for language, name in (("ar", body.name_ar), ("fr", body.name_fr)):
            if name:
                self.add(contact, VCARD.fn, Literal(name, lang=language))
        if body.email:
            self.add(contact, VCARD.hasEmail, URIRef(f"mailto:{body.email}"))
        self.add(contact, VCARD.hasURL, URIRef(body_register_url(body.code)))
        return contact

    # licences
    def _licence(self, licence: str):
        licence = (licence or "").strip()
        if licence in self.licences:
            return self.licences[licence]
        if not licence:
            # No licence stated: the law's own terms of reuse (art. 6) apply.
            node = reuse_conditions_uri()
            for title in _in_each_language(lambda: REUSE_HEADING):
                self.add(node, DCTERMS.title, title)
        elif licence.startswith(("http://", "https://")) and not any(char.isspace() for char in licence):
            node = web_uri(licence)
        else:
            node = BNode()
            self.add(node, DCTERMS.title, Literal(licence))
            self.add(node, RDFS.label, Literal(licence))
        self.add(node, RDF.type, DCTERMS.LicenseDocument)
        self.licences[licence] = node
        return node

    # the datasets
    def _texts(self, subject, item, fallback) -> None:
        """Title and description in each language the record is written in; a missing
        description says under which item of art. 10 it is published."""
        for language, (title, description) in item.texts().items():
            self.add(subject, DCTERMS.title, Literal(title, lang=language))
            if not description:
                with translation.override(language):
                    description = str(fallback())
            self.add(subject, DCTERMS.description, Literal(description, lang=language))
            self.add(subject, DCTERMS.language, LANGUAGES[language])

    def _category(self, subject, category: Art10Category | None) -> None:
        if category is None:
            return
        self.add(subject, DCTERMS.subject, category_uri(category.number))
        self.add(subject, DCAT.theme, category_uri(category.number))
        for theme in data_themes(category.number):
            self.add(subject, DCAT.theme, theme)

    def _distribution(self, dataset, number: int, url: str, file_format: str, licence, title=None) -> None:
        distribution = URIRef(f"{dataset}#distribution-{number}")
        self.add(dataset, DCAT.distribution, distribution)
        self.add(distribution, RDF.type, DCAT.Distribution)
        self.add(distribution, DCAT.accessURL, web_uri(url))
        code, media_type = FORMATS.get(file_format, (None, None))
        if code:
            node = FILE_TYPE[code]
            self.add(node, RDF.type, DCTERMS.MediaTypeOrExtent)
            self.add(node, RDFS.label, Literal(code))
        else:
            node = BNode()
            self.add(node, RDF.type, DCTERMS.MediaTypeOrExtent)
            self.add(node, RDFS.label, Literal(file_format))
        self.add(distribution, DCTERMS["format"], node)
        if media_type:
            self.add(distribution, DCAT.mediaType, URIRef(IANA + media_type))
        self.add(distribution, DCTERMS.license, licence)
        if title:
            self.add(distribution, DCTERMS.title, Literal(title))

    def _entry(self, entry: RegisterEntry) -> None:
        subject = entry_uri(entry.pk)
        self.catalogue_has(subject)
        self._texts(subject, entry, lambda: _("Published under art. 10 of Law 31.13, item %(number)s: "
                                              "%(category)s") % {
            "number": entry.category.number,
            "category": {"ar": entry.category.name_ar, "fr": entry.category.name_fr}.get(
                translation.get_language(), entry.category.name_fr)})
        self._common(subject, entry.body)
        self.add(subject, DCTERMS.issued, Literal(entry.published_on.isoformat(), datatype=XSD.date))
        self.add(subject, DCTERMS.modified, Literal(entry.updated_at.isoformat(), datatype=XSD.dateTime))
        frequency = FREQUENCIES.get(entry.update_frequency)
        if frequency is not None:
            self.add(subject, DCTERMS.accrualPeriodicity, frequency)
            self.add(frequency, RDF.type, DCTERMS.Frequency)
        self._category(subject, entry.category)
        self.add(subject, DCAT.landingPage, URIRef(f"{body_register_url(entry.body.code)}#entry-{entry.pk}"))
        licence = self._licence(entry.licence)
        formats = split_formats(entry.formats) or [format_of_address(entry.url)]
        for number, file_format in enumerate(formats, start=1):
            self._distribution(subject, number, entry.url, file_format, licence)

    def _dataset(self, dataset: PortalDataset) -> None:
        subject = dataset_uri(dataset.pk)
        self.catalogue_has(subject)
        category = dataset.register_entry.category if dataset.register_entry_id else None
        self._texts(subject, dataset, lambda: _("A dataset on the open-data portal."))
        self._common(subject, dataset.body)
        issued = dataset.published_at or dataset.created_at
        self.add(subject, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.dateTime))
        self.add(subject, DCTERMS.modified, Literal(dataset.updated_at.isoformat(), datatype=XSD.dateTime))
        self._category(subject, category)
        self.add(subject, DCAT.landingPage, web_uri(dataset.url))
        licence = self._licence(dataset.licence)
        resources = [resource for resource in (dataset.resources or [])
                     if isinstance(resource, dict)
                     and str(resource.get("url", "")).startswith(("http://", "https://"))]
        if not resources:
            self._distribution(subject, 1, dataset.url, WEB_PAGE, licence)
        for number, resource in enumerate(resources, start=1):
            file_format = (split_formats(str(resource.get("format") or "")) or
                           [format_of_address(resource["url"])])[0]
            self._distribution(subject, number, resource["url"], file_format, licence,
                               title=resource.get("name") or None)

    def catalogue_has(self, subject) -> None:
        self.add(self.catalogue, DCAT.dataset, subject)
        self.add(subject, RDF.type, DCAT.Dataset)
        self.add(subject, DCTERMS.identifier, Literal(str(subject)))

    def _common(self, subject, body: PublicBody) -> None:
        self.add(subject, DCTERMS.publisher, self._body(body))
        self.add(subject, DCAT.contactPoint, self._contact_point(body))
        self.add(subject, DCTERMS.accessRights, PUBLIC_ACCESS)


def build_catalogue() -> Graph:
    """The whole catalogue, as it stands now."""
    return CatalogueBuilder().build()


