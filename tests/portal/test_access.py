"""A citizen sees only their own requests beyond the public fields: every view of a
request answers 404 to anyone else (so it does not even confirm the request exists),
and the lists and searches never show it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import services
from requests_app.models import Message
from tests.factories import PDF_BYTES, UserFactory, decide_request, make_request, officer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim_request(rabat):
    owner = UserFactory()
    request = make_request(body=rabat, requester=owner, received_on=date(2026, 9, 1),
                           subject="Dossier confidentiel ZQX")
    services.send_message(actor=owner, information_request=request, text="Private note",
                          files=[SimpleUploadedFile("id.pdf", PDF_BYTES)])
    return request


def request_urls(request):
    attachment = Message.objects.get(request=request).attachments.get()
    base = f"/en/requests/{request.reference}"
    return {
        "page": ("get", f"{base}/"),
        "receipt": ("get", f"{base}/receipt.pdf"),
        "withdraw form": ("get", f"{base}/withdraw/"),
        "withdraw": ("post", f"{base}/withdraw/"),
        "message": ("post", f"{base}/messages/"),
        "publication": ("post", f"{base}/publication/"),
        "attachment": ("get", f"{base}/attachments/{attachment.pk}/"),
    }


def test_another_citizen_gets_404_on_every_view(client, victim_request):
    intruder = UserFactory()
    client.force_login(intruder)
    for name, (method, url) in request_urls(victim_request).items():
        response = getattr(client, method)(url, {"text": "hello", "consent": "on"})
        assert response.status_code == 404, name
    victim_request.refresh_from_db()
    assert victim_request.state == "submitted" and not victim_request.publication_consent
    assert Message.objects.count() == 1


def test_another_citizen_cannot_download_the_documents(client, victim_request):
    decision = decide_request(victim_request, "granted")
    document = decision.documents.get()
    owner = victim_request.requester
    client.force_login(owner)
    url = f"/en/requests/{victim_request.reference}/documents/{document.pk}/"
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    # Not published without the requester's consent either.
    client.logout()
    assert client.get(f"/en/register/{victim_request.reference}/documents/{document.pk}/").status_code == 404


def test_an_officer_is_not_the_requester(client, victim_request, rabat):
    client.force_login(officer_of(rabat))
    assert client.get(f"/en/requests/{victim_request.reference}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, victim_request):
    for name, (method, url) in request_urls(victim_request).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_lists_and_searches_never_show_another_citizens_open_request(client, victim_request):
    client.force_login(UserFactory())
    assert victim_request.reference not in client.get("/en/requests/mine/").content.decode()
    for query in ("ZQX", "confidentiel", victim_request.reference):
        response = client.get("/en/register/", {"q": query})
        assert response.context["page"].paginator.count == 0
        assert f"/register/{victim_request.reference}/" not in response.content.decode()
    assert client.get(f"/en/register/{victim_request.reference}/").status_code == 404
    assert victim_request.reference not in client.get("/en/register/feed/").content.decode()
    assert victim_request.reference not in client.get("/en/register/export.csv").content.decode()
