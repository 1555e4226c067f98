"""Issue 13, point 4: an officer refusing on the ground "already published" (art. 18)
picks the body's register entry or portal dataset; the decision keeps it, and the
letter cites its title and its address. Free text stays possible; another body's
record, a retired one or a record without the ground is refused, nothing saved."""

import io
import unicodedata
from datetime import date

import pypdf
import pytest
from django.core.exceptions import ValidationError

from proactive.models import Art10Category, PortalDataset
from proactive.register import services as register_services
from requests_app import services
from requests_app.models import Decision, RefusalGround
from requests_app.pdf import decision_letter_pdf
from requests_app.publications import find_publication, publications_of
from tests.factories import BodyFactory, make_request, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db

MANAGEMENT = {"ground-TOTAL_FORMS": "3", "ground-INITIAL_FORMS": "0",
              "citation-TOTAL_FORMS": "3", "citation-INITIAL_FORMS": "0"}
TITLE = "Budget de la commune de Rabat pour 2026"
URL = "https://www.rabat.ma/budget-2026"


@pytest.fixture
def rabat():
    return BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat")


@pytest.fixture
def officer(rabat):
    return officer_of(rabat)


@pytest.fixture
def entry(officer, rabat):
    return register_services.add_entry(
        actor=officer, body=rabat, category=Art10Category.objects.get(number=6), title=TITLE, language="fr",
        title_translation="ميزانية جماعة الرباط لسنة 2026", url=URL, published_on=date(2026, 1, 20))


@pytest.fixture
def dataset(officer, rabat):
    return PortalDataset.objects.create(body=rabat, title="Marchés publics 2025", language="fr",
                                        url="https://data.gov.ma/dataset/marches-rabat-2025",
                                        state=PortalDataset.State.LINKED, created_by=officer)


@pytest.fixture
def other_entry():
    sale = BodyFactory(code="commune-sale", name_fr="Commune de Salé")
    return register_services.add_entry(
        actor=officer_of(sale), body=sale, category=Art10Category.objects.get(number=6),
        title="Budget de Salé", language="fr", url="https://www.sale.ma/budget",
        published_on=date(2026, 1, 20))


@pytest.fixture
def request_(rabat):
    return make_request(body=rabat, subject="Le budget 2026 de la commune")


def ground(code):
    return RefusalGround.objects.get(code=code).pk


def decide_url(information_request, outcome="refused"):
    return f"/fr/workspace/requests/{information_request.reference}/decide/{outcome}/"


def already_published(**data):
    return {**MANAGEMENT, "outcome": "refused", "confirm": "on",
            "ground-0-ground": ground("already_published"),
            "ground-0-reason": "Le budget voté est publié par la commune.", **data}


def letter_text(information_request) -> str:
    reader = pypdf.PdfReader(io.BytesIO(decision_letter_pdf(information_request)))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_body_s_records_are_offered_on_the_refusal_form(client, officer, entry, dataset, other_entry,
                                                            request_):
    verified(client, officer)
    page = client.get(decide_url(request_)).content.decode()
    assert 'name="publication_key"' in page
    assert f'value="entry:{entry.pk}"' in page and f'value="dataset:{dataset.pk}"' in page
    assert TITLE in page and "Marchés publics 2025" in page
    assert f'value="entry:{other_entry.pk}"' not in page and "Budget de Salé" not in page
    partial = client.get(decide_url(request_, "partially_granted")).content.decode()
    assert 'name="publication_key"' in partial
    assert 'name="publication_key"' not in client.get(decide_url(request_, "granted")).content.decode()


def test_a_body_with_nothing_published_types_the_reference(client, officer, request_):
    verified(client, officer)
    page = client.get(decide_url(request_)).content.decode()
    assert 'name="publication_key"' not in page and 'name="publication_reference"' in page


def test_picking_an_entry_cites_its_title_and_address_in_the_letter(client, officer, entry, request_):
    verified(client, officer)
    response = client.post(decide_url(request_), already_published(
        publication_key=f"entry:{entry.pk}", publication_reference="", publication_location=""))
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get(request=request_)
    # Its title in both languages, for the letter's Arabic and French parts alike.
    assert (decision.publication_key, decision.publication_reference, decision.publication_location) == (
        f"entry:{entry.pk}", f"ميزانية جماعة الرباط لسنة 2026 / {TITLE}", URL)
    request_.refresh_from_db()
    text = letter_text(request_)
    assert TITLE in text and URL in text
    assert "déjà été publiée sous le titre" in text
    # The public register gives the same reference and place.
    page = client.get(f"/fr/register/{request_.reference}/").content.decode()
    assert TITLE in page and URL in page


def test_picking_a_dataset_in_a_partial_refusal_through_the_service(officer, dataset, request_):
    decision = services.decide(
        actor=officer, information_request=request_, outcome="refused",
        refusal_grounds=[services.Ground(RefusalGround.objects.get(code="already_published"), "Publié.")],
        publication_key=f"dataset:{dataset.pk}", publication_reference="ignored", publication_location="")
    assert (decision.publication_reference, decision.publication_location) == (
        "Marchés publics 2025", "https://data.gov.ma/dataset/marches-rabat-2025")
    request_.refresh_from_db()
    text = letter_text(request_)
    assert "Marchés publics 2025" in text and "https://data.gov.ma/dataset/marches-rabat-2025" in text


def test_free_text_stays_possible(client, officer, entry, request_):
    verified(client, officer)
    response = client.post(decide_url(request_), already_published(
        publication_reference="Bulletin officiel n° 7480", publication_location="https://www.sgg.gov.ma/bo"))
    assert response.status_code == 302
    decision = Decision.objects.get(request=request_)
    assert (decision.publication_key, decision.publication_reference) == ("", "Bulletin officiel n° 7480")
    request_.refresh_from_db()
    assert "sous la référence Bulletin officiel n° 7480" in letter_text(request_)


def test_another_body_s_record_is_refused_and_nothing_decided(client, officer, entry, other_entry, request_):
    verified(client, officer)
    response = client.post(decide_url(request_), already_published(publication_key=f"entry:{other_entry.pk}"))
    assert response.status_code == 400
    assert not Decision.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.decide(actor=officer, information_request=request_, outcome="refused",
                        refusal_grounds=[services.Ground(RefusalGround.objects.get(code="already_published"),
                                                         "Publié.")],
                        publication_key=f"entry:{other_entry.pk}")
    assert "publication_key" in refused.value.message_dict
    assert not Decision.objects.exists()


def test_a_retired_entry_or_an_unknown_key_is_refused(officer, entry, request_):
    register_services.retire_entry(actor=officer, entry=entry)
    assert find_publication(request_.body, f"entry:{entry.pk}") is None
    assert publications_of(request_.body) == []
    for key in (f"entry:{entry.pk}", "entry:x", "nothing:1", "dataset:999999"):
        with pytest.raises(ValidationError) as refused:
            services.decide(actor=officer, information_request=request_, outcome="refused",
                            refusal_grounds=[services.Ground(
                                RefusalGround.objects.get(code="already_published"), "Publié.")],
                            publication_key=key)
        assert refused.value.message_dict["publication_key"] == [
            "Pick one of the records this body has published."], key
    assert not Decision.objects.exists()


def test_a_record_is_picked_only_for_the_ground_already_published(client, officer, entry, request_):
    verified(client, officer)
    response = client.post(decide_url(request_), {
        **MANAGEMENT, "outcome": "refused", "confirm": "on", "ground-0-ground": ground("not_available"),
        "ground-0-reason": "Le document n'existe pas.", "publication_key": f"entry:{entry.pk}"})
    assert response.status_code == 400
    assert "choisie que pour le motif de l" in response.content.decode()
    assert not Decision.objects.exists()
