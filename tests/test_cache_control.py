"""Issue 11, point 8: personal data is not cached. Every page served to a signed-in
person and every download of a letter, an attachment or a document says
``Cache-Control: private, no-store`` (downloads whoever asks); the public register's
pages for anonymous visitors are left alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from requests_app import services
from tests.factories import (
    PDF_BYTES,
    BodyFactory,
    decide_request,
    head_of,
    make_request,
    officer_of,
    pdf_file,
)
from tests.helpers import verified

pytestmark = pytest.mark.django_db


def assert_not_stored(response, url):
    assert response.status_code == 200, (url, response.status_code)
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (url, response.get("Cache-Control"))
    assert "public" not in directives, url


@pytest.fixture
def files():
    """A partly granted request with a message attachment, the requester's consent to
    publish, and a withdrawn request with its written withdrawal."""
    body = BodyFactory(code="commune-rabat")
    officer = officer_of(body)
    request = make_request(body=body)
    services.send_message(actor=request.requester, information_request=request, text="CIN",
                          files=[SimpleUploadedFile("cin.pdf", PDF_BYTES)])
    decide_request(request, "partially_granted", officer=officer)
    services.set_publication_consent(actor=request.requester, information_request=request,
                                     consent=True)
    withdrawn = make_request(body=body, requester=request.requester)
    services.withdraw(actor=officer, information_request=withdrawn, note="Letter",
                      written_withdrawal=pdf_file("withdrawal.pdf"))
    posted = make_request(body=body, requester=request.requester, email="",
                          delivery_preference="other")
    decide_request(posted, "refused", officer=officer)
    services.record_answer_receipt(
        actor=officer, information_request=posted, received_on=timezone.localdate(), via="post",
        proof=SimpleUploadedFile("acknowledgement.pdf", PDF_BYTES, content_type="application/pdf"))
    request.refresh_from_db()
    return {"posted": posted, "body": body, "officer": officer, "head": head_of(body), "request": request,
            "withdrawn": withdrawn,
            "attachment": request.messages.get().attachments.get(),
            "original": request.decision.documents.get(is_redacted=False),
            "redacted": request.decision.documents.get(is_redacted=True)}


def test_the_requesters_pages_and_downloads_are_not_stored(client, files):
    request, ref = files["request"], files["request"].reference
    client.force_login(request.requester)
    urls = ["/en/requests/mine/", "/en/requests/new/", f"/en/requests/new/{files['body'].code}/",
            f"/en/requests/{ref}/", "/en/accounts/profile/", "/en/register/", "/en/",
            f"/en/requests/{ref}/withdraw/", "/en/requests/claim/",
            f"/en/requests/{ref}/receipt.pdf", f"/en/requests/{ref}/letters/decision.pdf",
            f"/en/requests/{ref}/attachments/{files['attachment'].pk}/",
            f"/en/requests/{ref}/documents/{files['redacted'].pk}/"]
    for url in urls:
        assert_not_stored(client.get(url), url)


def test_the_officers_pages_and_downloads_are_not_stored(client, files):
    ref = files["request"].reference
    verified(client, files["officer"])
    base = f"/en/workspace/requests/{ref}/"
    urls = ["/en/workspace/", "/en/workspace/intake/", "/en/workspace/templates/", base,
            f"{base}documents/{files['original'].pk}/", f"{base}documents/{files['redacted'].pk}/",
            f"{base}attachments/{files['attachment'].pk}/", f"{base}letters/receipt.pdf",
            f"{base}letters/decision.pdf",
            f"/en/workspace/requests/{files['withdrawn'].reference}/written-withdrawal/",
            f"/en/workspace/requests/{files['posted'].reference}/receipt/acknowledgement/"]
    for url in urls:
        assert_not_stored(client.get(url), url)
    client.logout()
    verified(client, files["head"])
    url = f"/en/workspace/bodies/{files['body'].code}/designations/"
    assert_not_stored(client.get(url), url)


def test_a_published_document_is_not_stored_even_for_the_public(client, files):
    url = f"/en/register/{files['request'].reference}/documents/{files['redacted'].pk}/"
    assert_not_stored(client.get(url), url)


def test_the_public_register_keeps_its_caching_for_anonymous_visitors(client, files):
    for url in ("/en/register/", f"/en/register/{files['request'].reference}/", "/en/bodies/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), url
