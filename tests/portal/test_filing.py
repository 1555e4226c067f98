"""Filing a request on the portal (arts 14–17): the form, the receipt, the due date and
how it was computed, and every kind of bad input refused with nothing saved."""

import re
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from requests_app.models import InformationRequest
from tests.factories import BodyFactory
from tests.helpers import form_data

pytestmark = pytest.mark.django_db


def file(client, body, language="en", **overrides):
    return client.post(f"/{language}/requests/new/{body.code}/", form_data(**overrides))


def test_the_body_is_found_by_its_name_in_any_language(client, rabat):
    BodyFactory(name_ar="وزارة الصحة", name_fr="Ministère de la Santé", name_en="Ministry of Health")
    for query in ("الرباط", "rabat", "Commune de"):
        page = client.get("/fr/requests/new/", {"q": query}).content.decode()
        assert "/fr/requests/new/commune-rabat/" in page, query
        assert "Santé" not in page


def test_the_hierarchy_can_be_browsed(client, rabat):
    child = BodyFactory(parent=rabat, name_fr="Arrondissement Agdal")
    page = client.get("/fr/requests/new/").content.decode()
    assert f"/fr/requests/new/{child.code}/" in page and "<details>" in page


def test_the_form_is_prefilled_from_the_profile_and_asks_no_reason(logged_in, rabat):
    page = logged_in.get(f"/en/requests/new/{rabat.code}/").content.decode()
    assert 'value="Bennani"' in page and 'value="AB123456"' in page
    assert "art. 17" in page and "art. 15" in page
    assert "why you want" in page  # says no reason is needed; asks none
    form = logged_in.get(f"/en/requests/new/{rabat.code}/").context["form"]
    assert not any("reason" in name and "urgency" not in name for name in form.fields)


@time_machine.travel("2026-11-12 10:00 +01:00", tick=False)
def test_filing_receives_the_request_and_explains_the_due_date(logged_in, requester, rabat):
    response = file(logged_in, rabat)
    request = InformationRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/requests/{request.reference}/")
    assert request.state == "submitted" and request.requester == requester
    assert request.channel == "portal" and request.language == "en"
    # 20 working days after Thursday 12/11/2026, skipping 4 weekends and 18/11 (Independence Day).
    assert request.due_date == date(2026, 12, 11)
    page = logged_in.get(response["Location"]).content.decode()
    assert "20 working days after 12/11/2026 (art. 16): until 11/12/2026." in page
    assert "8 Saturdays and Sundays" in page and "18/11/2026" in page and "Independence" in page
    assert "Download the acknowledgement of receipt" in page


def test_the_receipt_is_mailed_in_the_requesters_language(
        logged_in, requester, rabat, django_capture_on_commit_callbacks):
    requester.preferred_language = "fr"
    requester.save()
    with django_capture_on_commit_callbacks(execute=True):
        file(logged_in, rabat)
    request = InformationRequest.objects.get()
    (email,) = mail.outbox
    assert email.to == ["youssef@example.ma"]
    assert request.reference in email.subject and "reçue" in email.subject
    (name, content, kind) = email.attachments[0]
    assert kind == "application/pdf" and content.startswith(b"%PDF")


def test_the_receipt_can_be_downloaded(logged_in, rabat):
    file(logged_in, rabat)
    request = InformationRequest.objects.get()
    response = logged_in.get(f"/en/requests/{request.reference}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_urgent_request_gets_the_art17_period(logged_in, rabat):
    file(logged_in, rabat, is_urgent="on", urgency_reason="life",
         urgency_explanation="A patient needs the analysis results.")
    request = InformationRequest.objects.get()
    assert request.is_urgent and request.urgency_reason == "life"
    page = logged_in.get(f"/en/requests/{request.reference}/").content.decode()
    assert "(art. 17)" in page


def test_the_same_form_sent_twice_makes_one_request(logged_in, rabat):
    data = form_data()
    first = logged_in.post(f"/en/requests/new/{rabat.code}/", data)
    second = logged_in.post(f"/en/requests/new/{rabat.code}/", data)
    assert InformationRequest.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize("overrides, field", [
    ({"subject": ""}, "subject"),
    ({"information_sought": ""}, "information_sought"),
    ({"first_name": ""}, "first_name"),
    ({"id_number": ""}, "id_number"),
    ({"address": ""}, "address"),
    ({"subject": "x" * 256}, "subject"),
    ({"information_sought": "x" * 10001}, "information_sought"),
    ({"id_number": "9" * 31}, "id_number"),
    ({"email": "not an address"}, "email"),
    ({"email": "", "delivery_preference": "email"}, "email"),
    ({"is_urgent": "on", "urgency_reason": ""}, "urgency_reason"),
    ({"delivery_preference": "pigeon"}, "delivery_preference"),
    ({"id_type": "passport"}, "id_type"),
    ({"submission_key": "not-a-uuid"}, "submission_key"),
])
def test_bad_input_is_refused_with_nothing_saved(logged_in, rabat, overrides, field):
    response = file(logged_in, rabat, **overrides)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert 'role="alert"' in page and 'aria-invalid="true"' in page or field == "submission_key"
    assert not InformationRequest.objects.exists()


def test_the_cursor_starts_in_the_first_field_in_error(logged_in, rabat):
    response = file(logged_in, rabat, subject="", information_sought="")
    (focused,) = re.findall(r"<(?:input|textarea)[^>]*autofocus[^>]*>", response.content.decode())
    assert 'name="subject"' in focused and 'aria-invalid="true"' in focused


def test_errors_are_shown_in_the_page_language(logged_in, rabat):
    response = file(logged_in, rabat, language="fr", subject="")
    assert "Ce champ est obligatoire." in response.content.decode()
    response = file(logged_in, rabat, language="ar", subject="")
    assert "هذا الحقل مطلوب." in response.content.decode()


def test_an_inactive_body_receives_no_request(logged_in):
    closed = BodyFactory(active=False)
    page = logged_in.get(f"/en/requests/new/{closed.code}/")
    assert page.status_code == 410 and "no longer receives requests" in page.content.decode()
    response = file(logged_in, closed)
    assert response.status_code == 410
    assert not InformationRequest.objects.exists()
    assert closed.code not in logged_in.get("/en/requests/new/", {"q": closed.name_fr}).content.decode()


def test_an_unknown_body_is_404(logged_in):
    assert logged_in.get("/en/requests/new/no-such-body/").status_code == 404


def test_an_expired_session_keeps_the_draft(client, requester, rabat):
    """The session ended while the form was open: the POST lands on the login page, and
    after logging in again the form comes back as it was written."""
    client.force_login(requester)
    form = client.get(f"/en/requests/new/{rabat.code}/").context
    client.logout()  # the session expires while the form is open
    data = form_data(subject="Marchés publics 2024", information_sought="La liste des marchés.",
                     draft_owner=form["draft_owner"])
    response = client.post(f"/en/requests/new/{rabat.code}/", data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not InformationRequest.objects.exists()
    login = client.post(response["Location"], {"login": requester.email,
                                                "password": "pass-word-123"})
    assert login.status_code == 302 and login["Location"] == f"/en/requests/new/{rabat.code}/"
    page = client.get(login["Location"])
    assert page.context["form"].initial["subject"] == "Marchés publics 2024"
    assert "Marchés publics 2024" in page.content.decode()
    assert "Your draft has been restored" in page.content.decode()
    # Sent: the draft is forgotten.
    assert client.post(f"/en/requests/new/{rabat.code}/", data).status_code == 302
    assert "Marchés publics 2024" not in client.get(f"/en/requests/new/{rabat.code}/").content.decode()


@override_settings(LANGUAGE_CODE="ar")
def test_filing_needs_an_account(client, rabat):
    response = client.get(f"/ar/requests/new/{rabat.code}/")
    assert response.status_code == 302 and "/ar/accounts/login/" in response["Location"]


def test_a_malformed_cin_is_refused_in_the_pages_language(logged_in, rabat):
    response = logged_in.post(f"/fr/requests/new/{rabat.code}/", form_data(id_number="12345"))
    assert response.status_code == 400
    assert "une ou deux lettres suivies" in response.content.decode()
    assert not InformationRequest.objects.exists()
