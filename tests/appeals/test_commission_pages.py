"""The Commission's pages and mails around a complaint (art. 20; RI 11-15): the
requester's section on the request page, the staff registration form, the President's
referral from the case page, the workspace links, and the mails the outbox writes."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from appeals.commission import notices, services
from appeals.models import CommissionComplaint, CommissionComplaintState, HeadComplaintState
from requests_app.outbox.models import Notification
from requests_app.outbox.registry import subject
from requests_app.workspace import registry
from tests.appeals.factories import commission_member, head_complaint
from tests.factories import BodyFactory, make_request, officer_of
from tests.helpers import verified

S = CommissionComplaintState


def travel(day: date, hour: int = 10):
    return time_machine.travel(f"{day.isoformat()} {hour:02d}:00 +01:00", tick=False)


@pytest.fixture
def silent_head(db):
    information_request = make_request(body=BodyFactory(), received_on=date(2026, 9, 1))
    head = head_complaint(information_request, filed_on=date(2026, 10, 1))
    type(head).objects.filter(pk=head.pk).update(state=HeadComplaintState.OVERDUE)
    return type(head).objects.get(pk=head.pk)


def test_art20_requester_page_offers_the_complaint_within_the_window(client, silent_head):
    information_request = silent_head.request
    client.force_login(information_request.requester)
    with travel(date(2026, 10, 19)):
        page = client.get(reverse("requests:detail", args=[information_request.reference])).content.decode()
    assert reverse("appeals:commission_file", args=[information_request.reference]) in page
    with travel(date(2026, 11, 17)):
        page = client.get(reverse("requests:detail", args=[information_request.reference])).content.decode()
    assert reverse("appeals:commission_file", args=[information_request.reference]) not in page
    assert "The time to complain to the Commission ended on" in page


def test_staff_registration_form_records_the_real_date_of_receipt(client, silent_head):
    member = commission_member()
    verified(client, member)
    url = reverse("appeals:commission_register_paper")
    data = {"reference": silent_head.request.reference, "channel": "deposit", "filed_on": "2026-10-20",
            "subject": "Budget", "reasons": "Déposée au siège."}
    with travel(date(2026, 10, 21)):
        missing = client.post(url, {**data, "reference": "2099-999999"})
        assert missing.status_code == 400 and not CommissionComplaint.objects.exists()
        response = client.post(url, data)
    complaint = CommissionComplaint.objects.get()
    assert response.status_code == 302
    assert complaint.channel == "deposit" and complaint.filed_on == date(2026, 10, 20)
    assert complaint.registered_by == member
    # The member may not see the case (not referred): the register instead.
    assert response.url == reverse("appeals:commission_case_or_register", args=[complaint.number])
    assert client.get(response.url).url == reverse("appeals:commission_register")
    # Not a member: 404.
    verified(client, officer_of(silent_head.request.body))
    assert client.get(url).status_code == 404


def test_president_refers_from_the_case_page(client, silent_head):
    president, member = commission_member(president=True), commission_member()
    with travel(date(2026, 10, 19)):
        complaint = services.file_complaint(actor=silent_head.request.requester,
                                            information_request=silent_head.request, subject="S", reasons="R")
    verified(client, president)
    page = client.get(reverse("appeals:commission_case", args=[complaint.number])).content.decode()
    assert reverse("appeals:commission_refer", args=[complaint.number]) in page
    response = client.post(reverse("appeals:commission_refer", args=[complaint.number]),
                           {"rapporteur": member.pk})
    assert response.status_code == 302
    assert CommissionComplaint.objects.get(pk=complaint.pk).rapporteur == member
    assert client.get(reverse("appeals:commission_refer", args=[complaint.number])).status_code == 405


def test_workspace_links_for_members_and_for_officers_with_observations(silent_head):
    member, officer = commission_member(), officer_of(silent_head.request.body)
    labels = [label for label, _url in registry.links(member)]
    assert "Complaints to the Commission" in labels
    assert not [url for _label, url in registry.links(officer) if "observations" in url]


def test_mails_render_with_their_letters(silent_head):
    with travel(date(2026, 10, 19)):
        complaint = services.file_complaint(actor=silent_head.request.requester,
                                            information_request=silent_head.request, subject="S", reasons="R")
    note = Notification.objects.get(subject_type=notices.COMPLAINT, kind="filed")
    mail = subject(notices.COMPLAINT).email(note, complaint)
    assert complaint.number in mail.subject and "19/11/2026" in mail.body
    assert mail.attachments and mail.attachments[0][0] == f"deposit_receipt-{complaint.number}.pdf"
    with translation.override("ar"):
        mail = subject(notices.COMPLAINT).email(note, complaint)
    assert "شكايتكم" in mail.subject
    president_note = Notification.objects.filter(kind="new_complaint")
    assert not president_note.exists()  # no President yet


def test_complaint_page_in_arabic_and_french(client, silent_head):
    with travel(date(2026, 10, 19)):
        complaint = services.file_complaint(actor=silent_head.request.requester,
                                            information_request=silent_head.request, subject="S", reasons="R")
    client.force_login(silent_head.request.requester)
    with translation.override("ar"):
        arabic = client.get(reverse("appeals:commission_complaint", args=[complaint.number]))
    with translation.override("fr"):
        french = client.get(reverse("appeals:commission_complaint", args=[complaint.number]))
    assert arabic.status_code == french.status_code == 200
    assert "شكاية إلى اللجنة" in arabic.content.decode()
    assert "Plainte à la Commission" in french.content.decode()


def test_the_public_register_entry_shows_the_commission_step_without_identity(client, silent_head):
    from requests_app import services as request_services

    information_request = silent_head.request
    request_services.mark_overdue(information_request=information_request)
    with travel(date(2026, 10, 20)):
        complaint = services.file_complaint(actor=information_request.requester,
                                            information_request=information_request, subject="Budget",
                                            reasons="Le président n'a pas répondu.",
                                            representative_name="Maître Representant-Marker",
                                            representative_capacity="Avocat")
    page = client.get(reverse("register:entry", args=[information_request.reference])).content.decode()
    assert "Complaint to the Commission received on Oct. 20, 2026: Received" in page
    assert complaint.number not in page  # known by its number once the President publishes it
    assert "Complaint to the head of the body received on" in page and silent_head.number in page
    for private in ("Representant-Marker", information_request.family_name, information_request.email,
                    "Le président n&#x27;a pas répondu."):
        assert private not in page
