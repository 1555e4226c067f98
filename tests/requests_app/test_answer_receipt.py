"""Art. 19 counts from receipt: the complaint window opens on the day the requester
received the answer (seen on the portal, mailed, or delivered by post or at the counter
with an acknowledgement), not on the day of the decision; until that day is known, the
window has not started."""

from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats

from requests_app import deadlines, services
from requests_app.clock import calendar
from requests_app.models import Decision, LegalRule, Notification
from requests_app.outbox import clocks
from requests_app.outbox.sender import send_notifications
from requests_app.pdf import decision_letter_pdf
from tests.factories import PDF_BYTES, BodyFactory, decide_request, make_request, officer_of
from tests.helpers import pdftotext, verified

pytestmark = pytest.mark.django_db

DECIDED_ON = date(2026, 11, 2)  # a Monday
RECEIVED_ON = DECIDED_ON + timedelta(days=3)  # Thursday: three days after the decision


def travel(day: date, hour: int = 10):
    return time_machine.travel(f"{day.isoformat()} {hour:02d}:00 +01:00", tick=False)


@pytest.fixture
def body():
    return BodyFactory(code="commune-rabat", name_fr="Commune de Rabat")


@pytest.fixture
def officer(body):
    return officer_of(body)


@pytest.fixture
def decided(body, officer):
    """A request refused on Monday 2 November, its mails sent; the requester has no
    e-mail address, so that the receipt is not the mail's."""
    request = make_request(body=body, received_on=date(2026, 10, 20), email="",
                           delivery_preference="other")
    request.requester.email = ""
    request.requester.save()
    with travel(DECIDED_ON):
        decide_request(request, "refused", officer=officer)
    request.refresh_from_db()
    return request


def acknowledgement(name="accuse-reception.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def record_post_receipt(request, officer, on=RECEIVED_ON):
    with travel(on + timedelta(days=1)):
        return services.record_answer_receipt(actor=officer, information_request=request, received_on=on,
                                              via="post", proof=acknowledgement())


def test_art19_the_complaint_window_counts_from_the_receipt_three_days_after_the_decision(decided, officer):
    assert deadlines.complaint_window(decided) is None, "no receipt yet: the window has not started"
    assert deadlines.complaint_window_pending(decided).period == LegalRule.Period.COMPLAINT_HEAD_FILING
    record_post_receipt(decided, officer)
    decided.refresh_from_db()
    window = deadlines.complaint_window(decided)
    assert window.start == RECEIVED_ON
    assert window.end == calendar.add_working_days(RECEIVED_ON, window.rule.length)
    assert window.end != deadlines.complaint_window_after(DECIDED_ON).end
    assert deadlines.complaint_window_pending(decided) is None


def working_day_before(day: date) -> date:
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def complaint_warnings(today):
    return sum(clocks.notify(clock, today) for clock in clocks.CLOCKS.values()
               if clock.counts_as == "complaint_windows")


def test_art19_the_clock_warns_before_the_window_counted_from_receipt(body, officer):
    request = make_request(body=body, received_on=date(2026, 10, 20))
    with travel(DECIDED_ON):
        decide_request(request, "refused", officer=officer)
    Decision.objects.filter(request=request).update(received_on=None, received_via="")  # not yet received
    from_decision = deadlines.complaint_window_after(DECIDED_ON).end
    the_day_before = working_day_before(from_decision)
    # Unreceived, the window has not started: nobody is warned, even near the decision's end.
    assert complaint_warnings(the_day_before) == 0
    record_post_receipt(request, officer)
    request.refresh_from_db()
    from_receipt = deadlines.complaint_window(request).end
    # Counting from the decision would warn now; counting from the receipt, not yet.
    assert complaint_warnings(the_day_before) == 0
    assert complaint_warnings(working_day_before(from_receipt)) == 1
    warning = Notification.objects.get(kind="complaint_window_closing")
    assert (warning.subject_id, warning.due_date) == (request.pk, from_receipt)


def test_the_first_view_of_the_decided_request_by_its_requester_is_the_receipt_once(client, decided, officer):
    url = f"/en/requests/{decided.reference}/"
    # An officer opening the request in the workspace is not the requester receiving it.
    with travel(DECIDED_ON + timedelta(days=1)):
        workspace_page = f"/en/workspace/requests/{decided.reference}/"
        assert verified(client, officer).get(workspace_page).status_code == 200
        client.logout()
        stranger = officer_of(BodyFactory())
        client.force_login(stranger)
        assert client.get(url).status_code == 404
    assert Decision.objects.get(request=decided).received_on is None
    client.force_login(decided.requester)
    with travel(RECEIVED_ON):
        content = client.get(url).content.decode()
    decision = Decision.objects.get(request=decided)
    assert (decision.received_on, decision.received_via, decision.receipt_recorded_by) == (
        RECEIVED_ON, "portal", decided.requester)
    end = deadlines.complaint_window_after(RECEIVED_ON).end
    assert f"that is until {formats.date_format(end, 'DATE_FORMAT')}" in content
    assert "You received the answer on" in content
    # A later view changes nothing: the first day counts.
    with travel(RECEIVED_ON + timedelta(days=7)):
        client.get(url)
    decision.refresh_from_db()
    assert decision.received_on == RECEIVED_ON
    assert decision.history.filter(received_via="portal").count() == 1
    assert decision.history.first().history_user == decided.requester


def test_the_decision_mail_sent_is_the_receipt(body, officer, django_capture_on_commit_callbacks):
    request = make_request(body=body, received_on=date(2026, 10, 20))
    send_notifications()
    mail.outbox.clear()
    with travel(DECIDED_ON):
        decide_request(request, "refused", officer=officer)
    decision = Decision.objects.get(request=request)
    assert decision.received_on is None, "owed, not yet sent"
    with travel(RECEIVED_ON):
        assert send_notifications() == 1
    assert len(mail.outbox) == 1 and "19" in mail.outbox[0].body
    decision.refresh_from_db()
    assert (decision.received_on, decision.received_via, decision.receipt_recorded_by) == (
        RECEIVED_ON, "email", None)
    # The requester's later view on the portal does not move it.
    services.record_answer_seen(actor=request.requester, information_request=request)
    decision.refresh_from_db()
    assert decision.received_on == RECEIVED_ON


def test_an_officer_records_a_delivery_by_post_with_its_acknowledgement(client, decided, officer):
    page = verified(client, officer)
    url = f"/en/workspace/requests/{decided.reference}/receipt/"
    with travel(RECEIVED_ON + timedelta(days=2)):
        content = page.get(f"/en/workspace/requests/{decided.reference}/").content.decode()
        assert "the time to complain (art. 19) has not started" in content
        assert "Record a delivery by post or at the counter" in content  # no e-mail will carry it
        # The officers' queue of answers still to be received lists it.
        queue = page.get("/en/workspace/", {"queue": "not_received"}).content.decode()
        assert decided.reference in queue
        response = page.post(url, {"via": "post", "received_on": RECEIVED_ON.isoformat(),
                                   "proof": acknowledgement(), "confirm": "on"})
    assert response.status_code == 302
    decision = Decision.objects.get(request=decided)
    assert (decision.received_on, decision.received_via, decision.receipt_recorded_by) == (
        RECEIVED_ON, "post", officer)
    # The acknowledgement is kept privately and served to the body's officers only.
    assert str(settings.PRIVATE_MEDIA_ROOT) in decision.receipt_proof.path
    assert page.get(f"{url}acknowledgement/").status_code == 200
    record = decision.history.first()
    assert (record.history_user, record.received_on, record.received_via) == (officer, RECEIVED_ON, "post")
    content = page.get(f"/en/workspace/requests/{decided.reference}/").content.decode()
    assert "The requester received the answer on" in content and "Acknowledgement of receipt" in content
    assert decided.reference not in page.get("/en/workspace/", {"queue": "not_received"}).content.decode()
    # Another body's officer cannot see it, nor record anything.
    other = verified(client, officer_of(BodyFactory()))
    assert other.get(f"{url}acknowledgement/").status_code == 404
    assert other.post(url, {"via": "counter", "received_on": RECEIVED_ON.isoformat(),
                            "proof": acknowledgement(), "confirm": "on"}).status_code == 404


@pytest.mark.parametrize("received_on, message", [
    (DECIDED_ON - timedelta(days=1), "cannot have been received before it was given"),
    (RECEIVED_ON + timedelta(days=2), "cannot be in the future"),
])
def test_a_receipt_date_before_the_decision_or_in_the_future_is_refused(client, decided, officer, received_on,
                                                                        message):
    page = verified(client, officer)
    versions = Decision.objects.get(request=decided).history.count()
    folder = settings.PRIVATE_MEDIA_ROOT / "requests" / decided.reference / "receipt"
    files = set(folder.glob("*"))
    with travel(RECEIVED_ON + timedelta(days=1)):
        response = page.post(f"/en/workspace/requests/{decided.reference}/receipt/", {
            "via": "counter", "received_on": received_on.isoformat(), "proof": acknowledgement(),
            "confirm": "on"})
    assert response.status_code == 400 and message in response.content.decode()
    decision = Decision.objects.get(request=decided)
    assert decision.received_on is None and not decision.receipt_proof
    assert decision.history.count() == versions, "nothing half-saved"
    assert set(folder.glob("*")) == files, "no acknowledgement stored"


def test_an_officer_cannot_replace_a_receipt_recorded_by_the_system_nor_record_without_acknowledgement(
        decided, officer):
    with travel(DECIDED_ON):
        services.record_answer_seen(actor=decided.requester, information_request=decided)
    with travel(RECEIVED_ON), pytest.raises(ValidationError, match="already received the answer"):
        services.record_answer_receipt(actor=officer, information_request=decided, received_on=RECEIVED_ON,
                                       via="post", proof=acknowledgement())
    other = make_request(body=decided.body)
    decide_request(other, "refused", officer=officer)
    with pytest.raises(ValidationError, match="Attach the acknowledgement"):
        services.record_answer_receipt(actor=officer, information_request=other,
                                       received_on=date.today(), via="post", proof=None)
    with pytest.raises(PermissionDenied):
        services.record_answer_receipt(actor=other.requester, information_request=other,
                                       received_on=date.today(), via="post", proof=acknowledgement())


def test_the_decision_letter_states_the_last_day_from_the_receipt(decided, officer):
    text = pdftotext(decision_letter_pdf(decided))
    assert "à compter du jour où vous recevez cette réponse (art. 19)" in text
    assert "soit jusqu'au" not in text.split("Votre droit")[-1]
    record_post_receipt(decided, officer)
    decided.refresh_from_db()
    text = pdftotext(decision_letter_pdf(decided))
    end = deadlines.complaint_window_after(RECEIVED_ON).end
    assert f"soit jusqu'au {end:%d/%m/%Y}" in text
    assert f"{deadlines.complaint_window_after(DECIDED_ON).end:%d/%m/%Y}" not in text
    assert f"Vous avez reçu cette réponse le {RECEIVED_ON:%d/%m/%Y}" in text


def test_opening_the_decision_letter_on_the_portal_is_the_receipt_too(client, decided):
    client.force_login(decided.requester)
    with travel(RECEIVED_ON):
        assert client.get(f"/en/requests/{decided.reference}/letters/decision.pdf").status_code == 200
    decision = Decision.objects.get(request=decided)
    assert (decision.received_on, decision.received_via) == (RECEIVED_ON, "portal")


def test_no_delivery_by_post_is_offered_for_an_answer_that_goes_by_e_mail(client, body, officer):
    """The decision's mail is its receipt (art. 19): the officer is not offered a form that
    would be refused once the mail has left."""
    request = make_request(body=body, received_on=date(2026, 10, 20))
    with travel(DECIDED_ON):
        decide_request(request, "refused", officer=officer)
    page = verified(client, officer)
    content = page.get(f"/en/workspace/requests/{request.reference}/").content.decode()
    assert "Record a delivery by post or at the counter" not in content
