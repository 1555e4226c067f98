"""Issue 11, point 10: text a person wrote is isolated in display. A right-to-left
override (U+202E) in a subject, a message, a note, a name, a reason or a document's
title must not reverse the page around it: each such text sits in its own <bdi> or in an
element with ``dir`` (both isolate: the HTML rendering rules give them
unicode-bidi: isolate), never loose in a sentence or a cell.
The PDFs strip the explicit overrides from user text and isolate the rest."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import services
from requests_app.letters.bidi import isolate, user_text
from requests_app.models import RefusalGround
from tests.factories import (
    BodyFactory,
    UserFactory,
    decide_request,
    make_request,
    officer_of,
    pdf_bytes,
    pdf_file,
)
from tests.helpers import verified

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def marked(name: str) -> str:
    return f"{RLO}{name}-gnp.exe"


class _Isolation(HTMLParser):
    """Every text node holding RLO, with whether its innermost element isolates it."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "col", "area", "base", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.found: list[tuple[str, bool, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))
        else:
            for _name, value in attrs:
                if value and RLO in value:
                    self.found.append((value, tag in ("input",), f"<{tag}> attribute"))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if RLO not in data:
            return
        tag, attrs = self.stack[-1] if self.stack else ("", {})
        isolated = tag in ("bdi", "textarea", "option", "title") or "dir" in attrs
        self.found.append((data.strip(), isolated, tag))


def loose_texts(response, *expected: str) -> list[tuple[str, str]]:
    """The marked texts on the page that no element isolates; ``expected`` names the
    marked texts that must be on it."""
    assert response.status_code == 200
    parser = _Isolation()
    parser.feed(response.content.decode())
    assert parser.found, "the marked text is not on the page"
    shown = " ".join(text for text, _isolated, _tag in parser.found)
    assert [name for name in expected if marked(name) not in shown] == []
    return [(text, tag) for text, isolated, tag in parser.found if not isolated]


@pytest.fixture
def world(client):
    body = BodyFactory()
    requester = UserFactory(first_name=marked("first"), last_name=marked("last"))
    request = make_request(body=body, requester=requester, subject=marked("subject"),
                           information_sought=marked("sought"), first_name=marked("first"),
                           family_name=marked("family"), address=marked("address"))
    officer = officer_of(body, user__first_name=marked("officer"))
    services.send_message(actor=requester, information_request=request, text=marked("message"),
                          files=[SimpleUploadedFile(marked("attachment") + ".pdf", pdf_bytes("x"),
                                                    "application/pdf")])
    services.extend_deadline(actor=officer, information_request=request,
                             ground="large_volume", reasons=marked("extension"))
    consultation = services.consult_third_party(actor=officer, information_request=request,
                                                third_party=marked("party"))
    services.record_third_party_answer(actor=officer, consultation=consultation, answer="consented",
                                       reasons=marked("consent"))
    services.add_internal_note(actor=officer, information_request=request, text=marked("note"))
    services.assign(actor=officer, information_request=request, officer=officer)
    decide_request(request, "refused", officer=officer, refusal_grounds=[services.Ground(
        RefusalGround.objects.get(code="exemption"), reason=marked("reason"))])
    granted = make_request(body=body, requester=requester, subject=marked("granted"))
    decide_request(granted, "granted", officer=officer,
                   prepared=[(marked("title"), pdf_file("budget.pdf"), "full")],
                   explanation=marked("explanation"))
    published = make_request(body=body, requester=requester, subject=marked("published"))
    services.decide(actor=officer, information_request=published, outcome="refused",
                    refusal_grounds=[services.Ground(RefusalGround.objects.get(code="already_published"),
                                                     reason=marked("already"))],
                    publication_reference=marked("bulletin"), publication_location=marked("where"))
    return {"published": published, "body": body, "requester": requester, "officer": officer,
            "request": request, "granted": granted}


def test_a_subject_with_an_override_is_isolated_on_the_register(client, world):
    assert loose_texts(client.get("/en/register/"), "subject", "granted", "published") == []
    assert loose_texts(client.get(f"/en/register/{world['request'].reference}/")) == []
    assert loose_texts(client.get(f"/en/register/{world['granted'].reference}/"), "granted") == []
    assert loose_texts(client.get(f"/en/register/{world['published'].reference}/"),
                       "bulletin", "where", "already") == []
    assert loose_texts(client.get(f"/en/bodies/{world['body'].code}/")) == []


def test_user_text_with_an_override_is_isolated_on_the_requesters_pages(client, world):
    client.force_login(world["requester"])
    assert loose_texts(client.get(f"/en/requests/{world['request'].reference}/"),
                       "subject", "sought", "message", "attachment", "extension", "reason") == []
    assert loose_texts(client.get(f"/en/requests/{world['granted'].reference}/"), "title") == []
    assert loose_texts(client.get(f"/en/requests/{world['published'].reference}/")) == []
    assert loose_texts(client.get("/en/requests/mine/")) == []


def test_user_text_with_an_override_is_isolated_on_the_officers_pages(client, world):
    verified(client, world["officer"])
    reference = world["request"].reference
    assert loose_texts(client.get(f"/en/workspace/requests/{reference}/"),
                       "subject", "sought", "first", "family", "address", "message", "attachment",
                       "extension", "party", "consent", "note", "reason", "officer") == []
    for url in (f"/en/workspace/requests/{reference}/decide/refused/",
                f"/en/workspace/requests/{world['granted'].reference}/",
                f"/en/workspace/requests/{world['published'].reference}/",
                "/en/workspace/", f"/en/workspace/requests/{reference}/public-subject/"):
        assert loose_texts(client.get(url)) == [], url


def test_the_letters_strip_explicit_overrides_from_user_text():
    assert user_text(f"abc{RLO}def\u202d\u202a\u202b\u202c") == "abcdef"
    # A stray closing isolate cannot end the isolate the letter puts around the text.
    assert isolate("x\u2069y\u2066z") == "\u2068xyz\u2069"
    assert user_text("ميزانية 2025 (Rabat)") == "ميزانية 2025 (Rabat)"


def test_the_receipt_pdf_carries_the_subject_without_its_override(client):
    from tests.helpers import pdftotext

    request = make_request(subject=marked("subject"))
    client.force_login(request.requester)
    response = client.get(f"/en/requests/{request.reference}/receipt.pdf")
    assert response.status_code == 200
    text = pdftotext(b"".join(response.streaming_content) if response.streaming
                     else response.content)
    assert "subject-gnp.exe" in " ".join(text.split()) and RLO not in text


def test_a_message_mailed_to_the_requester_loses_its_override(django_capture_on_commit_callbacks):
    from django.core import mail

    body = BodyFactory()
    request = make_request(body=body, email="youssef@example.ma")
    officer = officer_of(body)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(actor=officer, information_request=request, text=marked("mailed"))
    sent = [message.body for message in mail.outbox if "mailed-gnp.exe" in message.body]
    assert sent and RLO not in sent[0]
