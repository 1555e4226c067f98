"""The request's own text (art. 14: the information sought) where the requester and the
body's officers read it, never on the public register; text people wrote keeps its own
direction in a page of the other one; the timeline says what each entry is."""

from datetime import date

import pytest

from requests_app import services
from requests_app.pdf import receipt_pdf
from tests.factories import decide_request, make_request, officer_of
from tests.helpers import pdftotext, verified

pytestmark = pytest.mark.django_db

SOUGHT = ("Le budget voté de la commune pour 2025, ligne par ligne, avec le compte administratif "
          "et les marchés de voirie passés depuis janvier.")


@pytest.fixture
def filed(requester, rabat):
    return make_request(body=rabat, requester=requester, information_sought=SOUGHT,
                        received_on=date(2026, 9, 1))


def test_art14_the_requesters_page_shows_the_information_sought(logged_in, filed):
    content = logged_in.get(f"/en/requests/{filed.reference}/").content.decode()
    assert "Information sought (art. 14)" in content and SOUGHT in content


def test_art14_the_officers_page_shows_the_information_sought(client, filed, rabat):
    verified(client, officer_of(rabat))
    content = client.get(f"/en/workspace/requests/{filed.reference}/").content.decode()
    assert "Information sought (art. 14)" in content and SOUGHT in content


def test_art14_the_receipt_carries_the_information_sought(filed):
    text = pdftotext(receipt_pdf(filed))
    assert "compte administratif" in text and "marchés de voirie passés depuis janvier." in text
    assert "Information demandée" in text and "المعلومات المطلوبة" in text


def test_the_public_register_shows_the_subject_not_the_information_sought(client, filed):
    decide_request(filed, "refused")
    content = client.get(f"/en/register/{filed.reference}/").content.decode()
    assert filed.subject in content
    assert "compte administratif" not in content and "Information sought" not in content


def test_user_text_keeps_its_own_direction_in_an_arabic_page(logged_in, filed, client, rabat):
    """A French sentence in an Arabic page keeps its full stop at its end: the element
    that holds it takes the direction of its own first letter (dir="auto")."""
    services.send_message(actor=officer_of(rabat), information_request=filed, text="Merci de préciser.")
    content = logged_in.get(f"/ar/requests/{filed.reference}/").content.decode()
    assert '<p class="lead" dir="auto">Budget de la commune 2025</p>' in content
    assert f'<div class="user-text sought" dir="auto">{SOUGHT}</div>' in content
    assert '<p class="user-text" dir="auto">Merci de préciser.</p>' in content
    decide_request(filed, "refused")
    public = client.get(f"/ar/register/{filed.reference}/").content.decode()
    assert '<p class="lead" dir="auto">' in public
    listing = client.get("/ar/register/").content.decode()
    assert '<span dir="auto">Budget de la commune 2025</span>' in listing
    mine = logged_in.get("/ar/requests/mine/").content.decode()
    assert '<span dir="auto">Budget de la commune 2025</span>' in mine
    verified(client, officer_of(rabat))
    officer_page = client.get(f"/ar/workspace/requests/{filed.reference}/").content.decode()
    assert '<p class="lead" dir="auto">Budget de la commune 2025</p>' in officer_page
    assert '<p class="user-text" dir="auto">Merci de préciser.</p>' in officer_page
    queue = client.get("/ar/workspace/").content.decode()
    assert '<span dir="auto">Budget de la commune 2025</span>' in queue


def test_the_timeline_says_what_each_entry_is_with_its_text(client, requester, rabat):
    filed = make_request(body=rabat, requester=requester)  # received today: extensible
    officer = officer_of(rabat)
    services.extend_deadline(actor=officer, information_request=filed, ground="large_volume",
                             reasons="Quatre cents pages à réunir.")
    consultation = services.consult_third_party(actor=officer, information_request=filed,
                                                third_party="Société Al Omrane")
    services.record_third_party_answer(actor=officer, consultation=consultation, answer="refused",
                                       reasons="Secret des affaires.")
    verified(client, officer)
    timeline = client.get(f"/en/workspace/requests/{filed.reference}/").content.decode()
    timeline = timeline.split('id="timeline-title"', 1)[1].split("</section>", 1)[0]
    assert "Extension of the deadline (art. 16)" in timeline
    assert "The request concerns a large volume of information" in timeline
    assert "Quatre cents pages à réunir." in timeline
    assert "Third party consulted (art. 9)" in timeline and "<bdi>Société Al Omrane</bdi>" in timeline
    assert "Answer of the third party (art. 9)" in timeline and "Refused" in timeline
    assert "Secret des affaires." in timeline
    # The requester learns of the consultation and its answer, not the third party's reasons.
    client.force_login(filed.requester)
    own = client.get(f"/en/requests/{filed.reference}/").content.decode()
    own = own.split('id="timeline-title"', 1)[1].split("</section>", 1)[0]
    assert "Answer of the third party (art. 9)" in own and "Secret des affaires." not in own
    assert "Quatre cents pages à réunir." in own
