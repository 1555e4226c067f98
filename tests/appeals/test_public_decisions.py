"""Issue 12, point 5: the public register of the Commission's decisions. Publication is
a deliberate act of the Commission's president (never automatic); the public reads the
president's anonymized text only, never the complainant's identity (Law 09-08) nor the
deliberations, minutes or notes (RI 9)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from appeals.public import services
from tests.appeals.factories import commission_member
from tests.appeals.test_court import complaint_chain, in_state
from tests.factories import UserFactory, head_of, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db

SUMMARY = ("La commune a refusé de communiquer le budget voté. "
           "La Commission recommande la communication intégrale.")


def decided(**fields):
    request, complaint = complaint_chain(received_on=date(2026, 10, 5))
    complaint = in_state(complaint, outcome="disclose_fully", articles_cited="arts 2, 7, 19",
                         decision_reasons="Confidential reasons Zqxreasons", decided_at=timezone.now(),
                         **fields)
    return request, complaint


@pytest.fixture
def president(db):
    return commission_member(president=True)


def test_publication_is_never_automatic(client):
    _request, complaint = decided()
    assert client.get(reverse("appeals:decision", args=[complaint.number])).status_code == 404
    assert complaint.number not in client.get(reverse("appeals:decisions")).content.decode()
    assert complaint.number not in client.get(reverse("appeals:decisions_feed")).content.decode()
    assert complaint.number not in client.get(reverse("appeals:decisions_csv")).content.decode("utf-8-sig")


def test_only_the_president_publishes(president):
    _request, complaint = decided()
    for actor in (commission_member(), UserFactory(), UserFactory(is_superuser=True, is_staff=True)):
        with pytest.raises(PermissionDenied):
            services.publish(actor=actor, complaint=complaint, public_summary=SUMMARY)
    complaint = services.publish(actor=president, complaint=complaint, public_summary=SUMMARY)
    assert complaint.published_by == president and complaint.is_published
    assert complaint.steps.filter(transition="publish", actor=president).exists()


def test_an_open_complaint_cannot_be_published(president):
    _request, complaint = complaint_chain(state="investigating", due_date=date(2026, 10, 15))
    with pytest.raises(ValidationError, match="Only a decision"):
        services.publish(actor=president, complaint=complaint, public_summary=SUMMARY)


def test_a_public_text_is_required(president):
    _request, complaint = decided()
    with pytest.raises(ValidationError, match="Write the public text"):
        services.publish(actor=president, complaint=complaint, public_summary="   ")


@pytest.mark.parametrize(("text", "kind"), [
    ("{first_name} a demandé le budget.", "name"),
    ("La famille {family_name_upper} a demandé.", "family name"),
    ("CIN {id_number}.", "ID number"),
    ("Écrire à {email_upper}.", "e-mail address"),
    ("Tél. 06 12 34 56 78.", "phone number"),
    ("Domicilié {address}.", "address"),
    ("Représenté par Maître Zqxavocat.", "name"),
])
def test_law_09_08_summary_with_the_complainants_identity_refused_without_echo(president, text, kind):
    request, complaint = decided(representative_name="Maître Zqxavocat")
    request.__class__.objects.filter(pk=request.pk).update(phone="+212612345678")
    request.refresh_from_db()
    text = text.format(first_name=request.first_name, family_name_upper=request.family_name.upper(),
                       id_number=request.id_number, email_upper=request.email.upper(),
                       address=request.address)
    with pytest.raises(ValidationError) as refused:
        services.publish(actor=president, complaint=complaint, public_summary=text)
    message = " ".join(refused.value.messages)
    kinds = message.split("personal data (")[1].split(")")[0].split(", ")
    assert kind in kinds
    for value in (request.first_name, request.family_name, request.id_number, request.email, "Zqxavocat",
                  "12 34 56"):
        assert value.lower() not in message.lower()
    complaint = type(complaint).objects.get(pk=complaint.pk)
    assert not complaint.is_published and complaint.public_summary == ""


def test_published_decision_in_list_search_feed_and_csv_and_linked_from_the_register(client, president):
    request, complaint = decided()
    services.publish(actor=president, complaint=complaint, public_summary=SUMMARY)
    detail = client.get(reverse("appeals:decision", args=[complaint.number])).content.decode()
    assert "La Commission recommande la communication intégrale." in detail
    assert "Recommendation to disclose fully" in detail and "arts 2, 7, 19" in detail
    assert reverse("register:entry", args=[request.reference]) in detail
    for hidden in ("Zqxreasons", request.first_name, request.family_name, request.email, complaint.reasons):
        assert hidden not in detail
    listing = client.get(reverse("appeals:decisions")).content.decode()
    assert complaint.number in listing
    assert complaint.number in client.get(reverse("appeals:decisions"), {"q": "budget voté"}).content.decode()
    assert complaint.number in client.get(reverse("appeals:decisions"),
                                          {"q": request.body.name_fr.split()[-1]}).content.decode()
    assert complaint.number not in client.get(reverse("appeals:decisions"), {"q": "pêche"}).content.decode()
    assert complaint.number in client.get(reverse("appeals:decisions"),
                                          {"outcome": "disclose_fully"}).content.decode()
    assert complaint.number not in client.get(reverse("appeals:decisions"),
                                              {"outcome": "refusal_justified"}).content.decode()
    feed = client.get(reverse("appeals:decisions_feed")).content.decode()
    assert complaint.number in feed and "Zqxreasons" not in feed
    csv = client.get(reverse("appeals:decisions_csv")).content.decode("utf-8-sig")
    assert complaint.number in csv and request.reference in csv and "Zqxreasons" not in csv
    entry = client.get(reverse("register:entry", args=[request.reference])).content.decode()
    assert f"Commission decision \u2066{complaint.number}\u2069" in entry  # the number kept left to right
    assert reverse("appeals:decision", args=[complaint.number]) in entry
    # The main navigation leads to the register of decisions.
    assert reverse("appeals:decisions") in client.get("/en/").content.decode()


def test_unpublished_decision_is_404_again(client, president):
    request, complaint = decided()
    services.publish(actor=president, complaint=complaint, public_summary=SUMMARY)
    with pytest.raises(PermissionDenied):
        services.unpublish(actor=commission_member(), complaint=complaint)
    services.unpublish(actor=president, complaint=complaint)
    assert client.get(reverse("appeals:decision", args=[complaint.number])).status_code == 404
    entry = client.get(reverse("register:entry", args=[request.reference])).content.decode()
    assert complaint.number not in entry
    assert complaint.steps.filter(transition="unpublish").exists()


def test_the_csv_neutralises_formulas(client, president):
    _request, complaint = decided()
    services.publish(actor=president, complaint=complaint, public_summary="=HYPERLINK(\"http://x\")")
    csv = client.get(reverse("appeals:decisions_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv


def test_publish_pages_are_for_the_president_with_a_second_factor(client, president):
    request, complaint = decided()
    url = reverse("appeals:publish", args=[complaint.number])
    unpublish_url = reverse("appeals:unpublish", args=[complaint.number])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(president)
    assert client.get(url).status_code == 302  # to the second factor
    for someone in (commission_member(), officer_of(request.body), head_of(request.body)):
        verified(client, someone)
        assert client.get(url).status_code == 404
        assert client.post(url, {"public_summary": SUMMARY}).status_code == 404
        assert client.post(unpublish_url).status_code == 404
    client.force_login(request.requester)  # a citizen: not a workspace user
    assert client.get(url).status_code in (403, 404)
    complaint = type(complaint).objects.get(pk=complaint.pk)
    assert not complaint.is_published
    verified(client, president)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="public_summary"' in page.content.decode()
    refused = client.post(url, {"public_summary": f"Demande de {request.first_name}."})
    assert refused.status_code == 200 and "personal data (name)" in refused.content.decode()
    assert client.post(url, {"public_summary": SUMMARY}).status_code == 302
    complaint = type(complaint).objects.get(pk=complaint.pk)
    assert complaint.is_published and complaint.public_summary == SUMMARY
    assert client.get(reverse("appeals:unpublish", args=[complaint.number])).status_code == 405
    assert client.post(unpublish_url).status_code == 302
    complaint = type(complaint).objects.get(pk=complaint.pk)
    assert not complaint.is_published
    verified(client, president)
    assert client.get(reverse("appeals:publish", args=["CDAI-2026-999999"])).status_code == 404


def test_the_president_finds_the_decisions_to_publish_from_the_workspace(client, president):
    request, complaint = decided()
    _other, still_open = complaint_chain(state="investigating", due_date=date(2026, 10, 15))
    queue = reverse("appeals:publish_queue")
    for someone in (commission_member(), officer_of(request.body)):
        verified(client, someone)
        assert client.get(queue).status_code == 404
        assert queue not in client.get(reverse("workspace:dashboard")).content.decode()
    verified(client, president)
    assert queue in client.get(reverse("workspace:dashboard")).content.decode()
    page = client.get(queue).content.decode()
    assert reverse("appeals:publish", args=[complaint.number]) in page
    assert still_open.number not in page


def test_the_decision_page_in_arabic_and_french(client, president):
    _request, complaint = decided()
    services.publish(actor=president, complaint=complaint, public_summary=SUMMARY)
    arabic = client.get(f"/ar/commission/decisions/{complaint.number}/").content.decode()
    assert 'dir="rtl"' in arabic and "قرار اللجنة" in arabic and "قرارات اللجنة" in arabic
    french = client.get(f"/fr/commission/decisions/{complaint.number}/").content.decode()
    assert "Décision de la Commission" in french and "Articles cités" in french


def test_the_public_pages_only_read(client, president):
    _request, complaint = decided()
    services.publish(actor=president, complaint=complaint, public_summary=SUMMARY)
    for url in (reverse("appeals:decisions"), reverse("appeals:decision", args=[complaint.number]),
                reverse("appeals:decisions_csv")):
        assert client.post(url).status_code == 405
