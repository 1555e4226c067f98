"""Issue 13, point 3: the DCAT-AP catalogue of the proactive registers and of the portal
datasets, at stable addresses, in Turtle, JSON-LD and RDF/XML, checked against SHACL
shapes written in the project from DCAT-AP (``proactive/dcat/shapes.ttl``): every
dataset has its title and description in Arabic and French where both exist, its
publisher, licence, dates, language and a distribution with its access address and
format; a retired entry, a pending dataset and anyone's identity stay out."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

import proactive.dcat
from proactive.dcat import graph as dcat_graph
from proactive.dcat.vocabulary import FILE_TYPE, FREQUENCY, LANGUAGE
from proactive.models import Art10Category, PortalDataset, RegisterEntry
from proactive.register import services
from tests.factories import BodyFactory, make_request, officer_of

pyshacl = pytest.importorskip("pyshacl")

pytestmark = pytest.mark.django_db

SHAPES = Path(proactive.dcat.__file__).parent / "shapes.ttl"
OFFICER_MARKER = "Zqxofficername"


@pytest.fixture
def body():
    return BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                       email="contact@rabat.ma")


@pytest.fixture
def officer(body):
    return officer_of(body, user__first_name=OFFICER_MARKER, user__last_name="Tazi",
                      user__email="zqx.officer@example.ma")


@pytest.fixture
def catalogue(body, officer):
    """An Arabic entry translated into French, a French one without translation nor
    licence, a retired one, a linked dataset with two resources, a pending one."""
    made = {}
    made["budget"] = services.add_entry(
        actor=officer, body=body, category=Art10Category.objects.get(number=6), language="ar",
        title="ميزانية الجماعة 2026", title_translation="Budget de la commune 2026",
        description="الميزانية المصادق عليها.", description_translation="Le budget approuvé.",
        url="https://www.rabat.ma/budget-2026", formats="PDF, CSV", licence="Licence ouverte",
        published_on=date(2026, 1, 20), update_frequency=RegisterEntry.Frequency.YEARLY)
    made["markets"] = services.add_entry(
        actor=officer, body=body, category=Art10Category.objects.get(number=13), language="fr",
        title="Marchés attribués", url="https://www.rabat.ma/marches.xlsx", formats="",
        published_on=date(2025, 12, 15), update_frequency=RegisterEntry.Frequency.QUARTERLY)
    made["retired"] = services.add_entry(
        actor=officer, body=body, category=Art10Category.objects.get(number=16),
        title="Rapport retiré", url="https://www.rabat.ma/ancien", published_on=date(2024, 1, 1))
    services.retire_entry(actor=officer, entry=made["retired"])
    made["dataset"] = PortalDataset.objects.create(
        body=body, portal="https://data.gov.ma", external_id="abc", url="https://data.gov.ma/dataset/eau",
        title="Consommation d'eau", language="fr", title_translation="استهلاك الماء",
        description="Par quartier.", description_translation="حسب الأحياء.",
        licence="https://creativecommons.org/licenses/by/4.0/", created_by=officer,
        resources=[{"name": "Données", "url": "https://data.gov.ma/eau.csv", "format": "CSV"},
                   {"name": "Script", "url": "javascript:alert(1)", "format": "JS"}],
        register_entry=made["budget"], state=PortalDataset.State.LINKED)
    made["pending"] = PortalDataset.objects.create(
        body=body, title="En attente du portail", created_by=officer, state=PortalDataset.State.PENDING)
    # A request with its requester's identity exists in the same body.
    make_request(body=body, first_name="Zqxrequester", family_name="Zqxfamily", email="zqx.req@example.ma")
    return made


def fetch(client, fmt, **headers):
    return client.get(reverse("proactive:dcat_catalog_file", kwargs={"fmt": fmt}), **headers)


def parsed(response, rdf_format) -> Graph:
    return Graph().parse(data=response.content, format=rdf_format)


def validate(data_graph: Graph):
    conforms, _report, text = pyshacl.validate(data_graph, shacl_graph=str(SHAPES),
                                               shacl_graph_format="turtle", inference="none", advanced=True)
    return conforms, text


def test_check_catalogue_command(catalogue, officer):
    call_command("check_catalogue", stdout=StringIO())
    # A dataset without any licence node and no distribution cannot be built by the
    # code; a broken shape file would be: the command reports a graph that fails.
    from proactive.dcat import validation
    from proactive.dcat.graph import build_catalogue

    broken = build_catalogue()
    broken.remove((None, DCTERMS.publisher, None))
    conforms, text = validation.validate(broken)
    assert not conforms and "publisher" in text


@pytest.mark.parametrize("fmt, content_type, rdf_format", [
    ("ttl", "text/turtle", "turtle"), ("jsonld", "application/ld+json", "json-ld"),
    ("rdf", "application/rdf+xml", "xml")])
def test_each_serialisation_parses_and_conforms_to_the_shapes(catalogue, fmt, content_type, rdf_format):
    response = fetch(Client(), fmt)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Last-Modified"]
    g = parsed(response, rdf_format)
    conforms, text = validate(g)
    assert conforms, text
    assert len(list(g.subjects(RDF.type, DCAT.Catalog))) == 1
    # Two current entries and the linked dataset: the retired entry and the pending dataset are not.
    assert len(list(g.subjects(RDF.type, DCAT.Dataset))) == 3


def test_datasets_carry_both_languages_publisher_licence_dates_and_distributions(catalogue, body):
    g = parsed(fetch(Client(), "ttl"), "turtle")
    budget = dcat_graph.entry_uri(catalogue["budget"].pk)
    site = settings.NAFIDA_SITE_URL.rstrip("/")
    assert str(budget) == f"{site}/catalogue/entries/{catalogue['budget'].pk}"
    assert set(g.objects(budget, DCTERMS.title)) == {Literal("ميزانية الجماعة 2026", lang="ar"),
                                                     Literal("Budget de la commune 2026", lang="fr")}
    assert Literal("Le budget approuvé.", lang="fr") in set(g.objects(budget, DCTERMS.description))
    assert set(g.objects(budget, DCTERMS.language)) == {LANGUAGE.ARA, LANGUAGE.FRA}
    assert g.value(budget, DCTERMS.accrualPeriodicity) == FREQUENCY.ANNUAL
    assert g.value(budget, DCTERMS.issued).toPython() == date(2026, 1, 20)
    publisher = g.value(budget, DCTERMS.publisher)
    assert publisher == dcat_graph.body_uri("commune-rabat")
    assert set(g.objects(publisher, FOAF.name)) >= {Literal("جماعة الرباط", lang="ar"),
                                                    Literal("Commune de Rabat", lang="fr")}
    distributions = list(g.objects(budget, DCAT.distribution))
    assert {g.value(item, DCTERMS["format"]) for item in distributions} == {FILE_TYPE.PDF, FILE_TYPE.CSV}
    assert {g.value(item, DCAT.accessURL) for item in distributions} == {URIRef("https://www.rabat.ma/budget-2026")}
    assert g.value(g.value(distributions[0], DCTERMS.license), DCTERMS.title) == Literal("Licence ouverte")
    assert dcat_graph.category_uri(6) in set(g.objects(budget, DCAT.theme))
    # Written in French only, no description, no licence: described by its item of art. 10,
    # under the law's terms of reuse.
    markets = dcat_graph.entry_uri(catalogue["markets"].pk)
    assert [literal.language for literal in g.objects(markets, DCTERMS.title)] == ["fr"]
    assert "13" in str(g.value(markets, DCTERMS.description))
    distribution = g.value(markets, DCAT.distribution)
    assert g.value(distribution, DCTERMS["format"]) == FILE_TYPE.XLSX
    assert g.value(distribution, DCTERMS.license) == dcat_graph.reuse_conditions_uri()
    # The dataset: its resources (only web addresses), its licence's URI.
    dataset = dcat_graph.dataset_uri(catalogue["dataset"].pk)
    assert set(g.objects(dataset, DCTERMS.title)) == {Literal("Consommation d'eau", lang="fr"),
                                                      Literal("استهلاك الماء", lang="ar")}
    resources = list(g.objects(dataset, DCAT.distribution))
    assert [g.value(item, DCAT.accessURL) for item in resources] == [URIRef("https://data.gov.ma/eau.csv")]
    assert g.value(resources[0], DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(dataset, DCAT.landingPage) == URIRef("https://data.gov.ma/dataset/eau")


def test_retired_pending_and_identities_are_absent(catalogue):
    for fmt in ("ttl", "jsonld", "rdf"):
        text = fetch(Client(), fmt).content.decode()
        assert "Rapport retiré" not in text and f"/catalogue/entries/{catalogue['retired'].pk}" not in text
        assert "En attente du portail" not in text
        assert f"/catalogue/datasets/{catalogue['pending'].pk}" not in text
        for marker in (OFFICER_MARKER, "zqx.officer@example.ma", "Zqxrequester", "Zqxfamily",
                       "zqx.req@example.ma"):
            assert marker not in text, (fmt, marker)
        assert "javascript:" not in text


def test_the_catalogue_works_with_no_portal_and_no_dataset(body, officer):
    services.add_entry(actor=officer, body=body, category=Art10Category.objects.get(number=7),
                       title="Organisation", url="https://www.rabat.ma/organisation",
                       published_on=date(2026, 2, 1))
    assert not PortalDataset.objects.exists()
    g = parsed(fetch(Client(), "jsonld"), "json-ld")
    conforms, text = validate(g)
    assert conforms, text
    distribution = g.value(next(g.subjects(RDF.type, DCAT.Dataset)), DCAT.distribution)
    assert g.value(distribution, DCTERMS["format"]) == FILE_TYPE.HTML


def test_the_shapes_catch_a_missing_property(catalogue):
    g = parsed(fetch(Client(), "ttl"), "turtle")
    budget = dcat_graph.entry_uri(catalogue["budget"].pk)
    for title in list(g.objects(budget, DCTERMS.title)):
        g.remove((budget, DCTERMS.title, title))
    conforms, text = validate(g)
    assert not conforms and "title" in text
    g = parsed(fetch(Client(), "ttl"), "turtle")
    distribution = next(g.objects(budget, DCAT.distribution))
    g.remove((distribution, DCAT.accessURL, None))
    conforms, text = validate(g)
    assert not conforms and "accessURL" in text
    g = parsed(fetch(Client(), "ttl"), "turtle")
    g.remove((None, DCTERMS.license, None))
    assert not validate(g)[0]


def test_last_modified_answers_not_modified_until_the_register_changes(catalogue, officer):
    client = Client()
    first = fetch(client, "ttl")
    again = fetch(client, "ttl", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    services.retire_entry(actor=officer, entry=catalogue["markets"])
    changed = fetch(client, "ttl", HTTP_IF_MODIFIED_SINCE="Thu, 01 Jan 1970 00:00:00 GMT")
    assert changed.status_code == 200
    assert f"/catalogue/entries/{catalogue['markets'].pk}".encode() not in changed.content


def test_the_stable_uris_resolve(catalogue, body):
    client = Client()
    entry = catalogue["budget"]
    # Without the language prefix (as the catalogue names it), the site sends the visitor on.
    response = client.get(f"/catalogue/entries/{entry.pk}", follow=False)
    assert response.status_code == 302 and response["Location"].endswith(f"/catalogue/entries/{entry.pk}")
    response = client.get(reverse("proactive:dcat_entry", kwargs={"pk": entry.pk}))
    assert response.status_code == 303
    register_page = reverse("proactive:body", kwargs={"code": body.code})
    assert response["Location"] == f"{register_page}#entry-{entry.pk}"
    page = client.get(response["Location"])
    assert f'id="entry-{entry.pk}"' in page.content.decode()
    retired = reverse("proactive:dcat_entry", kwargs={"pk": catalogue["retired"].pk})
    assert client.get(retired).status_code == 404
    response = client.get(reverse("proactive:dcat_dataset", kwargs={"pk": catalogue["dataset"].pk}))
    assert response.status_code == 303 and response["Location"] == "https://data.gov.ma/dataset/eau"
    pending = reverse("proactive:dcat_dataset", kwargs={"pk": catalogue["pending"].pk})
    assert client.get(pending).status_code == 404
    response = client.get(reverse("proactive:dcat_body", kwargs={"code": body.code}))
    assert response["Location"] == reverse("register:body", kwargs={"code": body.code})
    conditions = client.get("/en" + reverse("proactive:dcat_reuse_conditions")[3:])
    assert conditions.status_code == 200 and "art. 6" in conditions.content.decode().replace("\u00a0", " ")
    # The catalogue's own URI: RDF to a harvester, the compliance page to a browser.
    url = reverse("proactive:dcat_catalog")
    assert client.get(url, HTTP_ACCEPT="text/turtle")["Location"].endswith("catalog.ttl")
    assert client.get(url, HTTP_ACCEPT="text/html")["Location"] == reverse("proactive:compliance")
    assert client.get(reverse("proactive:dcat_catalog_file", kwargs={"fmt": "exe"})).status_code == 404


def test_the_compliance_page_links_the_catalogue(catalogue):
    page = Client().get(reverse("proactive:compliance")).content.decode()
    ttl = reverse("proactive:dcat_catalog_file", kwargs={"fmt": "ttl"})
    assert f'<link rel="alternate" type="text/turtle" href="{ttl}"' in page
    assert f'href="{ttl}"' in page.split("</head>")[1]
    assert page.count('id="catalogue-title"') == 1
    assert "DCAT" not in page.split("<title>")[1].split("</title>")[0]


def test_odd_addresses_and_licences_never_break_the_catalogue_and_a_published_dataset_is_listed_once(
        catalogue, body, officer):
    # An address with characters Turtle cannot write raw, a licence written as a link and words.
    entry = services.add_entry(
        actor=officer, body=body, category=Art10Category.objects.get(number=9), language="fr",
        title="Guide des services", url='https://www.rabat.ma/guide?x={a|b}^`"',
        published_on=date(2026, 2, 1),
        licence="https://creativecommons.org/licenses/by/4.0/ (CC BY)")
    # A dataset published from a request: its register entry points at the same address.
    PortalDataset.objects.create(
        body=body, url=entry.url, title="Guide des services", language="fr", created_by=officer,
        register_entry=entry, state=PortalDataset.State.PUBLISHED)
    for fmt, rdf_format in (("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml")):
        response = fetch(Client(), fmt)
        assert response.status_code == 200
        g = parsed(response, rdf_format)
        conforms, text = validate(g)
        assert conforms, text
        titles = [str(o) for s, o in g.subject_objects(DCTERMS.title) if (s, RDF.type, DCAT.Dataset) in g]
        assert titles.count("Guide des services") == 1
        licences = {str(o) for o in g.objects(None, DCTERMS.license)}
        assert not any(" " in item for item in licences)
