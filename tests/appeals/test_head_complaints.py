"""The complaint to the head of the body (art. 19): filed by the requester within the
window counted from the receipt of the answer (or the end of the answer period), or
registered by an officer from paper with its real date of receipt; decided by the head
alone, with reasons; upheld, it reopens the request; the head's silence opens the
Commission (art. 20)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from appeals import windows
from appeals.head import services
from appeals.models import HeadComplaint
from requests_app import services as request_services
from requests_app.clock import calendar
from requests_app.models import Notification
from requests_app.outbox import clocks
from requests_app.outbox.sender import send_notifications
from tests.appeals.factories import head_complaint
from tests.factories import (
    IDENTITY,
    BodyFactory,
    UserFactory,
    decide_request,
    head_of,
    make_request,
    officer_of,
)
from tests.helpers import pdftotext, verified

pytestmark = pytest.mark.django_db

RECEIVED_ON = date(2026, 10, 1)
DECIDED_ON = date(2026, 10, 15)  # a Thursday; the requester sees the decision that day


def travel(day: date, hour: int = 10):
    return time_machine.travel(f"{day.isoformat()} {hour:02d}:00 +01:00", tick=False)


def fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def body():
    return BodyFactory(code="commune-fes", name_fr="Commune de Fès")


@pytest.fixture
def officer(body):
    return officer_of(body)


@pytest.fixture
def head(body):
    return head_of(body)


@pytest.fixture
def refused(body, officer):
    request = make_request(body=body, received_on=RECEIVED_ON)
    with travel(DECIDED_ON):
        decide_request(request, "refused", officer=officer)
        request.refresh_from_db()
        # Art. 19: the requester opens the answer on the portal that day.
        request_services.record_answer_seen(actor=request.requester, information_request=request)
    request.refresh_from_db()
    assert request.decision.received_on == DECIDED_ON
    return request


def file(request, on, **kwargs):
    kwargs.setdefault("contested", "refusal")
    kwargs.setdefault("reasons", "Le refus ne cite aucune exception applicable.")
    with travel(on):
        return services.file_complaint(actor=kwargs.pop("actor", request.requester),
                                       information_request=request, **kwargs)


def decide(complaint, actor, outcome="upheld", reasons="Le budget est public (art. 10).", on=None):
    with travel(on or complaint.filed_on + timedelta(days=3)):
        return services.decide(actor=actor, complaint=complaint, outcome=outcome, reasons=reasons)


# -- filing -------------------------------------------------------------------------------------


def test_art19_complaint_within_the_window_is_received_with_a_number_and_due_date(refused, head):
    window = windows.head_window(refused)
    complaint = file(refused, DECIDED_ON + timedelta(days=6))
    assert complaint.number.startswith("PL-2026-")
    assert complaint.state == "received" and complaint.channel == "portal"
    assert complaint.filed_on == DECIDED_ON + timedelta(days=6)
    assert (complaint.window_start, complaint.window_end) == (window.start, window.end)
    assert complaint.due_date == windows.head_due_date(refused, complaint.filed_on)
    assert list(complaint.steps.values_list("transition", flat=True)) == ["file"]
    # The head is told (with the officers), the complainant gets the receipt.
    notes = Notification.objects.filter(kind__in=["complaint_received", "received"])
    assert head.email in {note.recipient for note in notes.filter(kind="complaint_received")}
    assert notes.filter(subject_type="head_complaint", kind="received", subject_id=complaint.pk).exists()


def test_art19_complaint_one_working_day_late_is_refused_with_the_dates(refused):
    window = windows.head_window(refused)
    late = calendar.add_working_days(window.end, 1)
    with pytest.raises(ValidationError) as refusal:
        file(refused, late)
    message = " ".join(refusal.value.messages)
    assert fmt(window.end) in message and fmt(window.start) in message
    assert str(window.rule.length) in message and "art. 19" in message
    assert not HeadComplaint.objects.exists()
    # The last day itself is still on time.
    assert file(refused, window.end).filed_on == window.end


def test_art19_no_complaint_while_the_request_is_open(body):
    request = make_request(body=body, received_on=RECEIVED_ON)
    with pytest.raises(ValidationError):
        file(request, RECEIVED_ON + timedelta(days=2), contested="no_answer")


def test_art19_what_is_contested_must_fit_the_answer(refused):
    with pytest.raises(ValidationError) as refusal:
        file(refused, DECIDED_ON + timedelta(days=1), contested="no_answer")
    assert "contested" in refusal.value.error_dict


def test_art19_overdue_request_complaint_about_silence(body):
    request = make_request(body=body, received_on=RECEIVED_ON)
    day_after = request.due_date + timedelta(days=1)
    with travel(day_after):
        clocks.sweep(calendar.add_working_days(request.due_date, 1))
    request.refresh_from_db()
    assert request.state == "overdue"
    complaint = file(request, calendar.add_working_days(request.due_date, 2), contested="no_answer")
    assert complaint.window_start == request.due_date


def test_officer_registers_a_paper_complaint_with_its_past_date_of_receipt(refused, officer):
    received = DECIDED_ON + timedelta(days=5)
    complaint = file(refused, DECIDED_ON + timedelta(days=9), actor=officer, channel="post",
                     filed_on=received)
    assert complaint.filed_on == received and complaint.channel == "post"
    assert complaint.registered_by == officer and complaint.complainant == refused.requester
    assert complaint.due_date == windows.head_due_date(refused, received)


def test_paper_complaint_date_in_the_future_or_before_the_window_is_refused(refused, officer):
    today = DECIDED_ON + timedelta(days=9)
    for filed_on in (today + timedelta(days=1), DECIDED_ON - timedelta(days=1)):
        with pytest.raises(ValidationError) as refusal:
            file(refused, today, actor=officer, channel="email", filed_on=filed_on)
        assert "filed_on" in refusal.value.error_dict
    assert not HeadComplaint.objects.exists()


def test_only_the_requester_files_and_only_an_officer_registers(refused, head):
    with pytest.raises(PermissionDenied):
        file(refused, DECIDED_ON + timedelta(days=1), actor=UserFactory())
    with pytest.raises(PermissionDenied):
        file(refused, DECIDED_ON + timedelta(days=1), actor=head, channel="post", filed_on=DECIDED_ON)
    with pytest.raises(PermissionDenied):
        file(refused, DECIDED_ON + timedelta(days=1), actor=officer_of(BodyFactory()), channel="post",
             filed_on=DECIDED_ON)


def test_second_identical_complaint_is_refused_while_the_first_is_pending(refused):
    file(refused, DECIDED_ON + timedelta(days=1))
    with pytest.raises(ValidationError) as refusal:
        file(refused, DECIDED_ON + timedelta(days=2))
    assert "already pending" in " ".join(refusal.value.messages)
    assert HeadComplaint.objects.count() == 1


def test_a_complaint_without_reasons_is_refused(refused):
    with pytest.raises(ValidationError) as refusal:
        file(refused, DECIDED_ON + timedelta(days=1), reasons="   ")
    assert "reasons" in refusal.value.error_dict
    assert not HeadComplaint.objects.exists()


# -- the head's decision ---------------------------------------------------------------------------


def test_art19_a_decision_without_reasons_is_refused(refused, head):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    with pytest.raises(ValidationError) as refusal:
        decide(complaint, head, reasons="  ")
    assert "reasons" in refusal.value.error_dict
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "received" and not complaint.decided_at


def test_art19_only_the_head_of_that_body_decides(refused, officer):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    for actor in (officer, head_of(BodyFactory()), refused.requester, UserFactory()):
        with pytest.raises(PermissionDenied):
            decide(complaint, actor)
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "received"


def test_art19_upheld_reopens_the_request_and_the_officer_decides_again(refused, head, officer, client):
    overturned = refused.decision
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    decided_on = DECIDED_ON + timedelta(days=4)
    decide(complaint, head, on=decided_on)
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    refused.refresh_from_db()
    assert complaint.state == "upheld" and complaint.decided_by == head and not complaint.decided_late
    assert refused.state == "in_progress" and refused.decision is None
    assert refused.reopened_on == decided_on
    assert refused.due_date == request_services.deadlines.due_date(refused) > decided_on
    overturned.refresh_from_db()
    assert overturned.overturned_on == decided_on
    assert list(refused.decisions.all()) == [overturned]
    # The requester's page shows the earlier decision as overturned.
    client.force_login(refused.requester)
    with travel(decided_on + timedelta(days=1)):
        page = client.get(reverse("requests:detail", args=[refused.reference])).content.decode()
    assert "Earlier decision (overturned on" in page and "art. 19" in page
    # The officer answers again.
    with travel(decided_on + timedelta(days=5)):
        decide_request(refused, "granted", officer=officer)
    refused.refresh_from_db()
    assert refused.state == "granted" and refused.decisions.count() == 2
    assert refused.decision != overturned


def test_art19_a_reopened_request_stays_on_the_public_register_with_its_overturned_decision(
        refused, head, client):
    """Its refusal was public with its reasons: reopening does not withdraw it from the
    register; the entry shows it as overturned and the complaint that did it."""
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    decided_on = DECIDED_ON + timedelta(days=4)
    decide(complaint, head, on=decided_on)
    with travel(decided_on + timedelta(days=1)):
        entry = client.get(reverse("register:entry", args=[refused.reference]))
        listed = client.get(reverse("register:list")).content.decode()
    assert entry.status_code == 200
    page = entry.content.decode()
    assert "Earlier decision (overturned on" in page and complaint.number in page
    assert refused.reference in listed


def test_rejected_complaint_does_not_reopen(refused, head):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    decide(complaint, head, outcome="rejected", reasons="L'exception de l'art. 7 s'applique.")
    refused.refresh_from_db()
    assert refused.state == "refused" and refused.decision is not None


def test_art20_the_heads_silence_makes_the_complaint_overdue_the_day_after_and_the_requester_is_told(refused):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    due = complaint.due_date
    with travel(due):
        clocks.sweep(due if calendar.is_working_day(due) else calendar.add_working_days(due, 0))
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "received"
    day_after = calendar.add_working_days(due, 1)
    mail.outbox.clear()
    with travel(day_after):
        counts = clocks.sweep(day_after)
        send_notifications()
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert counts["head_complaints_overdue"] == 1
    assert complaint.state == "overdue" and complaint.overdue_since == due + timedelta(days=1)
    assert complaint.steps.get(transition="mark_overdue").actor is None
    window = windows.commission_window(complaint)
    told = [message for message in mail.outbox if message.to == [IDENTITY["email"]]]
    assert any(("Commission" in message.body or "لجنة الحق في الحصول على المعلومات" in message.body)
               and fmt(window.end) in message.body for message in told)


def test_the_head_is_reminded_before_the_deadline(refused, head):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    # Two working days before the due date.
    day = complaint.due_date
    back = 0
    while back < 2:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            back += 1
    with travel(day):
        clocks.sweep(day)
    assert Notification.objects.filter(subject_type="head_complaint", kind="reminder_2",
                                       recipient=head.email).exists()


# -- letters -----------------------------------------------------------------------------------------


def test_receipt_and_decision_letter_give_number_and_dates_in_arabic_and_french(refused, head):
    from requests_app.letters import letter

    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    text = pdftotext(letter("head_complaint", "receipt").build(complaint))
    assert text.count(complaint.number) >= 2 and text.count(fmt(complaint.due_date)) >= 2
    assert "شكاية" in text and "plainte" in text
    assert "20" in text  # art. 20: the Commission if the head is silent
    decide(complaint, head, outcome="rejected", reasons="L'exception s'applique.")
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    text = pdftotext(letter("head_complaint", "decision").build(complaint))
    assert text.count(complaint.number) >= 2 and "L'exception s'applique." in text
    assert "rejet" in text.lower() and "Commission" in text


# -- pages -------------------------------------------------------------------------------------------


def test_requester_files_from_the_page_after_seeing_the_last_day(refused, client):
    client.force_login(refused.requester)
    window = windows.head_window(refused)
    with travel(DECIDED_ON + timedelta(days=2)):
        page = client.get(reverse("requests:detail", args=[refused.reference])).content.decode()
        assert reverse("appeals:head_file", args=[refused.reference]) in page
        form = client.get(reverse("appeals:head_file", args=[refused.reference])).content.decode()
        assert window.end.strftime("%d/%m/%Y") in form or window.end.strftime("%B") in form
        response = client.post(reverse("appeals:head_file", args=[refused.reference]),
                               {"contested": "refusal", "reasons": "Pas de motif."})
    complaint = HeadComplaint.objects.get()
    assert response.status_code == 302 and response.url == reverse("appeals:head_complaint",
                                                                   args=[complaint.number])


def test_other_people_get_404_on_the_requester_pages(refused, head):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    from django.test import Client

    stranger = Client()
    stranger.force_login(UserFactory())
    for url in (reverse("appeals:head_file", args=[refused.reference]),
                reverse("appeals:head_complaint", args=[complaint.number]),
                reverse("appeals:head_letter", args=[complaint.number, "receipt"])):
        assert stranger.get(url).status_code == 404
    owner = Client()
    owner.force_login(refused.requester)
    assert owner.get(reverse("appeals:head_complaint", args=["PL-2026-999999"])).status_code == 404
    assert owner.get(reverse("appeals:head_file", args=["2026-999999"])).status_code == 404
    assert owner.get(reverse("appeals:head_letter", args=[complaint.number, "nothing"])).status_code == 404


def test_staff_pages_who_sees_and_who_decides(refused, head, officer, client):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    decide_url = reverse("appeals:head_decide", args=[complaint.number])
    with travel(DECIDED_ON + timedelta(days=2)):
        # An officer of the body reads it, may not decide.
        verified(client, officer)
        assert client.get(decide_url).status_code == 200
        assert client.post(decide_url, {"outcome": "upheld", "reasons": "x"}).status_code == 403
        assert client.get(reverse("appeals:head_queue")).status_code == 403
        # The head of another body and an officer of another body: 404.
        for other in (head_of(BodyFactory()), officer_of(BodyFactory())):
            verified(client, other)
            assert client.get(decide_url).status_code == 404
            assert client.post(decide_url, {"outcome": "upheld", "reasons": "x"}).status_code == 404
        # The head lists and decides it.
        verified(client, head)
        queue = client.get(reverse("appeals:head_queue")).content.decode()
        assert complaint.number in queue
        empty = client.post(decide_url, {"outcome": "rejected", "reasons": ""})
        assert empty.status_code == 400
        response = client.post(decide_url, {"outcome": "rejected", "reasons": "Motivé."})
        assert response.status_code == 302
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "rejected"
    # A citizen is not let into the workspace.
    client.force_login(refused.requester)
    assert client.get(decide_url).status_code in (403, 302)


def test_officer_registers_paper_complaint_on_the_workspace_page(refused, officer, client):
    url = reverse("appeals:head_register_paper", args=[refused.reference])
    with travel(DECIDED_ON + timedelta(days=8)):
        verified(client, officer)
        response = client.post(url, {"channel": "post",
                                     "filed_on": (DECIDED_ON + timedelta(days=3)).isoformat(),
                                     "contested": "refusal", "reasons": "Lettre reçue."})
        assert response.status_code == 302
        verified(client, officer_of(BodyFactory()))
        assert client.get(url).status_code == 404
    assert HeadComplaint.objects.get().filed_on == DECIDED_ON + timedelta(days=3)


def test_the_public_register_shows_the_trail_without_the_requesters_name(refused, head, client):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    decide(complaint, head, outcome="rejected", reasons="Motifs.")
    page = client.get(reverse("register:entry", args=[refused.reference])).content.decode()
    assert "Complaint to the head of the body received on" in page
    assert "Rejected on" in page and complaint.number in page
    for identity in (IDENTITY["family_name"], IDENTITY["email"], IDENTITY["id_number"]):
        assert identity not in page


def test_complainant_seeing_the_decision_records_its_receipt(refused, head, client):
    complaint = file(refused, DECIDED_ON + timedelta(days=1))
    decide(complaint, head, outcome="rejected", reasons="Motifs.")
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    seen_on = DECIDED_ON + timedelta(days=7)
    client.force_login(refused.requester)
    with travel(seen_on):
        assert client.get(reverse("appeals:head_complaint", args=[complaint.number])).status_code == 200
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert complaint.received_on is not None and complaint.received_on <= seen_on


def test_factory_complaints_listed_on_the_workspace_request_page(refused, officer, client):
    complaint = head_complaint(refused, filed_on=DECIDED_ON + timedelta(days=1))
    with travel(DECIDED_ON + timedelta(days=2)):
        verified(client, officer)
        page = client.get(reverse("workspace:request", args=[refused.reference])).content.decode()
    assert reverse("appeals:head_decide", args=[complaint.number]) in page
