"""Officers are told (issue 10, point 2): a new request, a message from the requester, a
third party's answer (art. 9) and a complaint (art. 19) reach the body's designated
people through the outbox, in their language, with a link to the workspace; each
chooses one mail per notice or a daily digest, urgent requests (art. 17) always at once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts.models import Designation, User
from requests_app import notices, services, signals
from requests_app.models import InformationRequest
from requests_app.outbox import sender
from requests_app.outbox.models import Notification
from tests.factories import IDENTITY, BodyFactory, DesignationFactory, UserFactory, make_request

SITE = "https://nafida.example"
URGENT = dict(is_urgent=True, urgency_reason=InformationRequest.UrgencyReason.LIFE,
              urgency_explanation="Un patient attend une greffe.")


@pytest.fixture(autouse=True)
def site(settings):
    settings.NAFIDA_SITE_URL = SITE


@pytest.fixture
def rabat(db):
    return BodyFactory(name_ar="جماعة الرباط", name_fr="Commune de Rabat", name_en="Rabat commune")


@pytest.fixture
def people(rabat):
    """Two officers of Rabat (one in French, with a work address), its head, an officer
    whose designation has ended, and an officer of another body."""
    arabic = DesignationFactory(body=rabat, user=UserFactory(preferred_language="ar")).user
    french = DesignationFactory(body=rabat, user=UserFactory(preferred_language="fr"),
                                work_email="info@rabat.ma").user
    head = DesignationFactory(body=rabat, role=Designation.Role.HEAD_OF_BODY).user
    ended = DesignationFactory(body=rabat, ends_on=timezone.localdate() - timedelta(days=1)).user
    elsewhere = DesignationFactory(body=BodyFactory()).user
    return dict(arabic=arabic, french=french, head=head, ended=ended, elsewhere=elsewhere)


def rows(kind):
    return {(note.recipient, note.language) for note in Notification.objects.filter(kind=kind)}


def officers_rows(people):
    return {(people["arabic"].email, "ar"), ("info@rabat.ma", "fr")}


def mails_to(address):
    return [email for email in mail.outbox if email.to == [address]]


def link(reference, language):
    return f"{SITE}/{language}/workspace/requests/{reference}/"


def test_a_new_request_tells_each_active_officer_of_the_body_in_their_language(
        rabat, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(body=rabat)
    assert rows(notices.NEW_REQUEST) == officers_rows(people)  # not the head, the ended, the other body
    (arabic,) = mails_to(people["arabic"].email)
    (french,) = mails_to("info@rabat.ma")
    assert french.subject == f"Nouvelle demande {request.reference}"
    assert link(request.reference, "fr") in french.body and "Commune de Rabat" in french.body
    # In Arabic the reference is isolated left-to-right, so it does not read reversed.
    assert arabic.subject == f"طلب جديد \u2066{request.reference}\u2069"
    assert f"\u2066{request.reference}\u2069" in arabic.body
    assert link(request.reference, "ar") in arabic.body and "جماعة الرباط" in arabic.body
    for email in (arabic, french):  # the reference, never the requester's identity
        for private in (IDENTITY["first_name"], IDENTITY["family_name"], IDENTITY["id_number"],
                        IDENTITY["email"], IDENTITY["phone"]):
            assert private not in email.subject and private not in email.body
        assert "URGENT" not in email.subject and "عاجل" not in email.subject
    assert not mails_to(people["head"].email) and not mails_to(people["ended"].email)
    assert not mails_to(people["elsewhere"].email)


def test_a_request_registered_at_the_counter_is_not_told_to_the_officer_who_registered_it(rabat, people):
    services.create_request(actor=people["arabic"], body=rabat, channel=InformationRequest.Channel.COUNTER,
                            subject="Budget", information_sought="Le budget voté.", **IDENTITY)
    assert rows(notices.NEW_REQUEST) == {("info@rabat.ma", "fr")}


def test_a_message_from_the_requester_tells_the_officers(rabat, people, django_capture_on_commit_callbacks):
    request = make_request(body=rabat)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = services.send_message(actor=request.requester, information_request=request,
                                         text="Je précise : le budget de 2025 seulement.")
    assert rows(notices.REQUESTER_MESSAGE) == officers_rows(people)
    assert set(Notification.objects.filter(kind=notices.REQUESTER_MESSAGE)
               .values_list("subject_type", "subject_id")) == {(notices.MESSAGE, message.pk)}
    (french,) = mails_to("info@rabat.ma")
    assert request.reference in french.subject and link(request.reference, "fr") in french.body
    assert "le budget de 2025" not in french.body  # read in the workspace, behind a second factor
    assert not mails_to(request.email)  # the requester is not sent their own message

    # The body's own message goes to the requester, not to the officers.
    services.send_message(actor=people["arabic"], information_request=request, text="Bien noté.")
    assert Notification.objects.filter(kind=notices.REQUESTER_MESSAGE).count() == 2


def test_a_third_party_answer_tells_the_officers_who_did_not_record_it(
        rabat, people, django_capture_on_commit_callbacks):
    request = make_request(body=rabat)
    services.start_examination(actor=people["arabic"], information_request=request)
    consultation = services.consult_third_party(actor=people["arabic"], information_request=request,
                                                third_party="Société X")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consultation = services.record_third_party_answer(
            actor=people["arabic"], consultation=consultation, answer="refused", reasons="Secret commercial.")
    assert rows(notices.THIRD_PARTY_ANSWERED) == {("info@rabat.ma", "fr")}
    (french,) = mails_to("info@rabat.ma")
    assert request.reference in french.subject and link(request.reference, "fr") in french.body
    assert "art. 9" in french.body

    # Recorded by someone who is not an officer of the body (the third party, the
    # requester): every officer is told.
    Notification.objects.all().delete()
    signals.third_party_answered.send(sender=InformationRequest, information_request=request,
                                      consultation=consultation, actor=request.requester)
    assert rows(notices.THIRD_PARTY_ANSWERED) == officers_rows(people)


def test_a_complaint_is_told_to_the_officers_and_the_head_through_tell_officers(
        rabat, people, django_capture_on_commit_callbacks):
    """What the appeals app calls when a complaint is filed (art. 19)."""
    request = make_request(body=rabat)
    mail.outbox.clear()
    filed_on = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ids = notices.tell_officers([request.pk], notices.COMPLAINT_RECEIVED, filed_on,
                                    actor=request.requester)
    assert len(ids) == 3
    assert rows(notices.COMPLAINT_RECEIVED) == officers_rows(people) | {(people["head"].email, "ar")}
    (head,) = mails_to(people["head"].email)
    assert request.reference in head.subject and link(request.reference, "ar") in head.body
    assert "19" in head.body
    # Owed twice (a retried task), written and sent once.
    assert notices.tell_officers([request.pk], notices.COMPLAINT_RECEIVED, filed_on) == []


def test_a_digest_officer_is_held_but_an_urgent_request_goes_at_once(
        rabat, people, django_capture_on_commit_callbacks):
    officer = people["arabic"]
    User.objects.filter(pk=officer.pk).update(notice_frequency=User.NoticeFrequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        ordinary = make_request(body=rabat)
        urgent = make_request(body=rabat, **URGENT)
    held = Notification.objects.get(recipient=officer.email, subject_id=ordinary.pk)
    assert held.digest and held.sent_at is None
    at_once = Notification.objects.get(recipient=officer.email, subject_id=urgent.pk)
    assert not at_once.digest and at_once.sent_at is not None
    (email,) = mails_to(officer.email)  # the urgent one only
    assert urgent.reference in email.subject and email.subject.startswith("عاجل")
    assert "17" in email.body
    # The immediate officer got both at once.
    assert len(mails_to("info@rabat.ma")) == 2
    assert mails_to("info@rabat.ma")[1].subject.startswith("URGENT")
    # The beat's sweep sends everything owed, except what waits for the digest.
    assert sender.send_notifications() == 0
    assert Notification.objects.get(pk=held.pk).sent_at is None


def test_the_digest_lists_a_day_of_notices_in_one_mail_and_sends_nothing_twice(
        rabat, people, settings, django_capture_on_commit_callbacks):
    officer = people["french"]
    User.objects.filter(pk=officer.pk).update(notice_frequency=User.NoticeFrequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        requests = [make_request(body=rabat) for _ in range(3)]
        services.send_message(actor=requests[0].requester, information_request=requests[0], text="Merci.")
    held = Notification.objects.filter(recipient="info@rabat.ma", digest=True, sent_at=None)
    assert held.count() == 4
    assert not mails_to("info@rabat.ma")

    # Another worker is sending one of them right now: this run leaves it alone.
    taken = held.get(kind=notices.REQUESTER_MESSAGE)
    Notification.objects.filter(pk=taken.pk).update(claimed_at=timezone.now())
    assert sender.send_digests() == 1
    (digest,) = mails_to("info@rabat.ma")
    assert digest.subject == "Nafida : 3 avis du jour"
    for request in requests:
        assert f"Nouvelle demande {request.reference}" in digest.body
        assert link(request.reference, "fr") in digest.body
    assert "nouveau message" not in digest.body
    assert held.count() == 1  # the other worker's

    # Nothing twice: a second run (or a second worker) finds nothing more to send...
    assert sender.send_digests() == 0
    # ...until the other worker's lease lapses (it died): then its row goes, alone.
    settings.NAFIDA_NOTIFICATION_LEASE_SECONDS = 0
    assert sender.send_digests() == 1 and sender.send_digests() == 0
    assert "nouveau message" in mails_to("info@rabat.ma")[1].body
    assert not held.exists()
    assert len({email.extra_headers["Message-ID"] for email in mail.outbox}) == len(mail.outbox)
    # The requester's and the other officer's mails went at once, each once.
    assert len(mails_to(people["arabic"].email)) == 4


def test_the_digest_runs_once_a_day_from_beat(settings):
    (entry,) = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values()
                if entry["task"] == "requests_app.outbox.tasks.send_digests"]
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}


def test_the_reminders_still_go_to_the_officers_only(rabat, people):
    from requests_app.notices import officer_contacts as officers_of

    request = make_request(body=rabat, received_on=date(2026, 1, 5))
    got = {row["recipient"] for row in officers_of(InformationRequest.objects.filter(pk=request.pk))}
    assert got == {people["arabic"].email, "info@rabat.ma"}
