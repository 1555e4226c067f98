"""The vocabularies the DCAT catalogue speaks (DCAT-AP): namespaces, and the EU
Publications Office's authority tables for languages, update frequencies, file types
and data themes, with the mapping from the register's own values to them."""

from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ..models import RegisterEntry

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGE = Namespace(AUTHORITY + "language/")
FREQUENCY = Namespace(AUTHORITY + "frequency/")
FILE_TYPE = Namespace(AUTHORITY + "file-type/")
DATA_THEME = Namespace(AUTHORITY + "data-theme/")
IANA = "https://www.iana.org/assignments/media-types/"

PREFIXES = {"dcat": DCAT, "dct": DCTERMS, "foaf": FOAF, "vcard": VCARD, "skos": SKOS, "rdf": RDF,
            "rdfs": RDFS, "xsd": XSD, "adms": ADMS}

# The register's two languages (art. 10 registers are kept in Arabic or French).
LANGUAGES = {"ar": LANGUAGE.ARA, "fr": LANGUAGE.FRA}

Frequency = RegisterEntry.Frequency
FREQUENCIES = {
    Frequency.ONCE: FREQUENCY.NEVER,
    Frequency.WHEN_CHANGED: FREQUENCY.IRREG,
    Frequency.WEEKLY: FREQUENCY.WEEKLY,
    Frequency.MONTHLY: FREQUENCY.MONTHLY,
    Frequency.QUARTERLY: FREQUENCY.QUARTERLY,
    Frequency.HALF_YEARLY: FREQUENCY.ANNUAL_2,
    Frequency.YEARLY: FREQUENCY.ANNUAL,
}

# A format as officers write it → (the file-type authority's code, the IANA media type).
FORMATS = {
    "PDF": ("PDF", "application/pdf"),
    "CSV": ("CSV", "text/csv"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "XLS": ("XLS", "application/vnd.ms-excel"),
    "ODS": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "DOCX": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "DOC": ("DOC", "application/msword"),
    "ODT": ("ODT", "application/vnd.oasis.opendocument.text"),
    "JSON": ("JSON", "application/json"),
    "XML": ("XML", "application/xml"),
    "HTML": ("HTML", "text/html"),
    "HTM": ("HTML", "text/html"),
    "TXT": ("TXT", "text/plain"),
    "ZIP": ("ZIP", "application/zip"),
    "RDF": ("RDF_XML", "application/rdf+xml"),
    "TTL": ("RDF_TURTLE", "text/turtle"),
    "GEOJSON": ("GEOJSON", "application/geo+json"),
    "KML": ("KML", "application/vnd.google-earth.kml+xml"),
    "SHP": ("SHP", None),
    "JPEG": ("JPEG", "image/jpeg"),
    "JPG": ("JPEG", "image/jpeg"),
    "PNG": ("PNG", "image/png"),
}
WEB_PAGE = "HTML"

# Art. 10's categories on the EU's data themes: public sector, save the economy's.
ECONOMY = {17: (DATA_THEME.ECON, DATA_THEME.SOCI), 18: (DATA_THEME.ECON,), 19: (DATA_THEME.ECON,)}


def data_themes(category_number: int) -> tuple:
    return ECONOMY.get(category_number, (DATA_THEME.GOVE,))


def split_formats(formats: str) -> list[str]:
    """"PDF, CSV / xlsx" → ["PDF", "CSV", "XLSX"], each once, in the officer's order."""
    found: list[str] = []
    for token in re.split(r"[,;/\s]+", formats or ""):
        token = token.strip().lstrip(".").upper()
        if token and token not in found:
            found.append(token)
    return found


def format_of_address(url: str) -> str:
    """A format guessed from the address's extension; a web page otherwise."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    tail = path.rsplit("/", 1)[-1]
    extension = tail.rsplit(".", 1)[-1].upper() if "." in tail else ""
    return extension if extension in FORMATS else WEB_PAGE
