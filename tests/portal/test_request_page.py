"""The requester's pages: my requests, the request page with its timeline, messages and
attachments, documents, the decision and what to do next, withdrawal, publication."""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import formats, timezone

from requests_app import services
from requests_app.clock import calendar
from requests_app.models import Attachment, InformationRequest, Message
from tests.factories import PDF_BYTES, decide_request, make_request, officer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(requester, rabat):
    return make_request(body=rabat, requester=requester, received_on=date(2026, 9, 1))


def page(client, request, language="en"):
    return client.get(f"/{language}/requests/{request.reference}/")


def test_my_requests_lists_own_requests_with_the_time_left_in_their_periods_unit(
        logged_in, requester, rabat):
    # On a Tuesday, the urgent period's 3 days end on a Friday (a later weekday would see
    # them end on a weekend and move to the Monday, art. 17 with DOC art. 133).
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        mine = make_request(body=rabat, requester=requester)
        urgent = make_request(body=rabat, requester=requester, is_urgent=True, urgency_reason="life",
                              urgency_explanation="A patient needs the results.")
        other = make_request(body=rabat)
        content = logged_in.get("/en/requests/mine/").content.decode()
    assert mine.reference in content and urgent.reference in content and other.reference not in content
    assert "Time left" in content and "20 working days" in content
    assert "3 calendar days" in content  # art. 17 counts calendar days


def test_the_timeline_shows_every_event(logged_in, own, rabat):
    officer = officer_of(rabat)
    services.start_examination(actor=officer, information_request=own)
    services.send_message(actor=officer, information_request=own, text="Could you specify the year?")
    content = page(logged_in, own).content.decode()
    assert "Draft → Submitted" in content and "Submitted → In progress" in content
    assert "Message from the body" in content and "Could you specify the year?" in content


def test_a_message_with_an_attachment_reaches_the_body(logged_in, own):
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")
    response = logged_in.post(f"/en/requests/{own.reference}/messages/",
                              {"text": "Here is the plan.", "files": [upload]})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.from_requester and message.author == own.requester
    (attachment,) = message.attachments.all()
    assert attachment.content_type == "application/pdf"
    # Stored outside the public media folder and served only through the checked view.
    assert Path(attachment.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not Path(attachment.file.path).is_relative_to(settings.MEDIA_ROOT)
    download = logged_in.get(f"/en/requests/{own.reference}/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_a_message_from_the_body_is_mailed(own, rabat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(actor=officer_of(rabat), information_request=own, text="Please call us.")
    (email,) = mail.outbox
    assert own.reference in email.subject and "Please call us." in email.body


@pytest.mark.parametrize("name, content", [
    ("report.pdf", b"MZ\x90\x00 this is a Windows program"),
    ("photo.png", b"<html><script>alert(1)</script></html>"),
    ("notes.txt", b"plain text"),
])
def test_an_upload_of_a_disallowed_type_is_refused_with_nothing_saved(logged_in, own, name, content):
    files_before = set(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"))
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = logged_in.post(f"/en/requests/{own.reference}/messages/",
                              {"text": "See attached.", "files": [upload]})
    assert response.status_code == 400
    assert "is not a PDF, PNG or JPEG file" in response.content.decode()
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert set(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*")) == files_before


@override_settings(NAFIDA_MAX_UPLOAD_BYTES=1000)
def test_an_upload_too_big_is_refused(logged_in, own):
    upload = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2000, content_type="application/pdf")
    response = logged_in.post(f"/en/requests/{own.reference}/messages/",
                              {"text": "Big file.", "files": [upload]})
    assert response.status_code == 400 and "is too big" in response.content.decode()
    assert not Message.objects.exists()


def test_an_empty_or_overlong_message_is_refused(logged_in, own):
    for text in ("", "x" * 5001):
        response = logged_in.post(f"/en/requests/{own.reference}/messages/", {"text": text})
        assert response.status_code == 400
    assert not Message.objects.exists()


def test_the_decision_and_the_complaint_window(logged_in, own):
    decide_request(own, "refused")
    content = page(logged_in, own).content.decode()
    assert "Refused (art. 18)" in content
    assert "An exception under article 7 applies" in content
    assert "medical records of named third parties" in content
    # Art. 19: 20 working days from the answer (decided today).
    window = calendar.add_working_days(timezone.localdate(own.decision.decided_at), 20)
    assert "within 20 working days (art. 19), that is until" in content
    assert formats.date_format(window, "DATE_FORMAT") in content


def test_a_partial_grant_gives_the_requester_only_the_redacted_version(logged_in, own):
    decision = decide_request(own, "partially_granted")
    redacted = decision.documents.get(is_redacted=True)
    original = decision.documents.get(is_redacted=False)
    content = page(logged_in, own).content.decode()
    assert "Budget 2025 (redacted)" in content and "Budget 2025 (original)" not in content
    assert logged_in.get(f"/en/requests/{own.reference}/documents/{redacted.pk}/").status_code == 200
    assert logged_in.get(f"/en/requests/{own.reference}/documents/{original.pk}/").status_code == 404


def test_the_requester_withdraws(logged_in, own):
    assert "Withdraw this request" in page(logged_in, own).content.decode()
    assert logged_in.get(f"/en/requests/{own.reference}/withdraw/").status_code == 200
    response = logged_in.post(f"/en/requests/{own.reference}/withdraw/", {"note": "Found it."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.state == "withdrawn"
    assert own.state_changes.last().actor == own.requester
    # Once decided or withdrawn, there is nothing to withdraw.
    assert "Withdraw this request" not in page(logged_in, own).content.decode()
    logged_in.post(f"/en/requests/{own.reference}/withdraw/")
    assert "not possible" in page(logged_in, own).content.decode()


def test_the_requester_chooses_publication(logged_in, own):
    assert not own.publication_consent
    logged_in.post(f"/en/requests/{own.reference}/publication/", {"consent": "on"})
    own.refresh_from_db()
    assert own.publication_consent
    assert own.history.first().history_user == own.requester
    logged_in.post(f"/en/requests/{own.reference}/publication/", {})
    own.refresh_from_db()
    assert not own.publication_consent


def test_the_request_page_is_translated(logged_in, own):
    arabic = page(logged_in, own, "ar").content.decode()
    assert 'dir="rtl"' in arabic
    assert "مسودة ← " in arabic  # the timeline's arrow points the way Arabic reads
    assert 'lang="fr"' in page(logged_in, own, "fr").content.decode()


@pytest.mark.parametrize("language, words", [("ar", "البت في طلبكم"), ("fr", "décision"), ("en", "decision")])
def test_each_step_is_mailed_in_the_requesters_language(
        own, rabat, language, words, django_capture_on_commit_callbacks):
    own.requester.preferred_language = language
    own.requester.save()
    officer = officer_of(rabat)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_examination(actor=officer, information_request=own)
        decide_request(own, "refused", officer=officer)
    examined, decided = mail.outbox
    assert own.reference in examined.subject and own.reference in decided.subject
    assert words in decided.subject.lower()
    # The decision mail says the complaint window (art. 19) counts from the day the
    # answer is received; the day it left is that day.
    assert "19" in decided.body
    own.decision.refresh_from_db()
    assert (own.decision.received_on, own.decision.received_via) == (timezone.localdate(), "email")


def test_without_an_address_on_the_request_the_accounts_address_is_used(
        own, rabat, django_capture_on_commit_callbacks):
    InformationRequest.objects.filter(pk=own.pk).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.start_examination(actor=officer_of(rabat), information_request=own)
    assert [message.to for message in mail.outbox] == [[own.requester.email]]


def test_no_mail_for_a_paper_request_without_any_address(rabat, django_capture_on_commit_callbacks):
    officer = officer_of(rabat)
    paper = services.create_request(
        actor=officer, body=rabat, channel="post", first_name="Said", family_name="Amrani",
        address="Douar Ouled Ali", id_type="cin", id_number="K11111",
        subject="Plan", information_sought="Le plan.", delivery_preference="consultation")
    with django_capture_on_commit_callbacks(execute=True):
        services.start_examination(actor=officer, information_request=paper)
    assert mail.outbox == []


def test_the_extension_and_the_decision_are_mailed_with_their_letters(
        own, rabat, django_capture_on_commit_callbacks):
    officer = officer_of(rabat)
    fresh = services.create_request(
        actor=own.requester, requester=own.requester, body=rabat, channel="portal",
        first_name="Y", family_name="B", address="Rabat", id_type="cin", id_number="AB1",
        email="y@example.ma", subject="Plan", information_sought="Plan")
    with django_capture_on_commit_callbacks(execute=True):
        services.extend_deadline(actor=officer, information_request=fresh, ground="large_volume",
                                 reasons="Volume")
        decide_request(fresh, "refused", officer=officer)
    extended, decided = mail.outbox
    assert extended.attachments[0][0] == f"extension_notice-{fresh.reference}.pdf"
    assert decided.attachments[0][0] == f"decision_letter-{fresh.reference}.pdf"
    assert all(item.attachments[0][1].startswith(b"%PDF") for item in (extended, decided))


@pytest.mark.parametrize("urgent, article", [(False, "16"), (True, "17")])
def test_the_extension_mail_cites_the_article_of_the_requests_period(
        own, rabat, django_capture_on_commit_callbacks, urgent, article):
    """Art. 17 applies art. 16's extension to an urgent request's own period."""
    officer = officer_of(rabat)
    fresh = services.create_request(
        actor=own.requester, requester=own.requester, body=rabat, channel="portal",
        first_name="Y", family_name="B", address="Rabat", id_type="cin", id_number="AB1",
        email="y@example.ma", subject="Plan", information_sought="Plan",
        is_urgent=urgent, urgency_reason="life" if urgent else "",
        urgency_explanation="Un patient attend." if urgent else "")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.extend_deadline(actor=officer, information_request=fresh, ground="large_volume",
                                 reasons="Volume")
    (extended,) = mail.outbox
    assert f"مرة واحدة (المادة {article})" in " ".join(extended.body.split())  # the account's language
