"""Art. 21: the requester records their appeal to the competent administrative court, in
the 60 days (``court_appeal``) from the receipt of the Commission's answer, or from the
end of the Commission's 30 days when it did not answer; and later its outcome."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from appeals import windows
from appeals.court import services
from appeals.court.hooks import COURT_WARNING_DAYS
from appeals.models import CourtAppeal
from requests_app.outbox import clocks
from requests_app.outbox.models import Notification
from tests.appeals.factories import commission_complaint, head_complaint
from tests.factories import BodyFactory, UserFactory, decide_request, make_request

pytestmark = pytest.mark.django_db


def on(day: date):
    return time_machine.travel(f"{day.isoformat()} 10:00 +01:00", tick=False)


def refused_request(requester=None):
    with on(date(2026, 9, 1)):
        request = make_request(body=BodyFactory(), requester=requester or UserFactory(),
                               received_on=date(2026, 9, 1))
    with on(date(2026, 9, 8)):
        decide_request(request, "refused")
    request.refresh_from_db()
    return request


def complaint_chain(requester=None, *, state="decided", received_on=None, due_date=None):
    """A refused request → a rejected complaint to the head → a complaint to the
    Commission received on 21/09/2026, in ``state``."""
    request = refused_request(requester)
    head = in_state(head_complaint(request, filed_on=date(2026, 9, 10), received_on=date(2026, 9, 15)),
                    state="rejected")
    fields = {"received_on": received_on} if received_on else {}
    complaint = in_state(commission_complaint(request, filed_on=date(2026, 9, 21), head=head, **fields),
                         state=state, **({"due_date": due_date} if due_date else {}))
    return request, complaint


def in_state(complaint, **fields):
    """The complaint with ``fields`` set in the database (its state is protected: the
    factories' ``refresh_from_db`` cannot set it on the instance)."""
    model = type(complaint)
    model.objects.filter(pk=complaint.pk).update(**fields)
    return model.objects.get(pk=complaint.pk)


def test_art21_window_counts_from_the_receipt_of_the_commissions_answer():
    """Answer received 05/10/2026: 60 calendar days later is Friday 04/12/2026."""
    _request, complaint = complaint_chain(received_on=date(2026, 10, 5), due_date=date(2026, 10, 30))
    window = windows.court_window(complaint)
    assert (window.start, window.end) == (date(2026, 10, 5), date(2026, 12, 4))


def test_art21_window_counts_from_the_end_of_the_commissions_30_days_when_it_did_not_answer():
    """Still open, its period ended on 15/10/2026: the window ends Monday 14/12/2026."""
    request, complaint = complaint_chain(state="investigating", due_date=date(2026, 10, 15))
    with on(date(2026, 11, 2)):
        assert services.window_complaint(request) == complaint
    window = windows.court_window(complaint)
    assert (window.start, window.end) == (date(2026, 10, 15), date(2026, 12, 14))


def test_art21_no_window_while_the_commission_still_has_time():
    request, _complaint = complaint_chain(state="investigating", due_date=date(2026, 10, 15))
    with on(date(2026, 10, 10)):
        assert services.window_complaint(request) is None
        with pytest.raises(ValidationError, match="neither has come yet"):
            services.record_appeal(actor=request.requester, information_request=request,
                                   court="Tribunal administratif de Rabat", filed_on=date(2026, 10, 9),
                                   court_reference="123/7110/2026")


def test_art21_appeal_recorded_in_the_window():
    request, complaint = complaint_chain(received_on=date(2026, 10, 5))
    with on(date(2026, 11, 20)):
        appeal = services.record_appeal(actor=request.requester, information_request=request,
                                        court="Tribunal administratif de Rabat", filed_on=date(2026, 11, 19),
                                        court_reference="123/7110/2026")
    assert appeal.commission_complaint == complaint
    assert appeal.window_end == date(2026, 12, 4)
    assert complaint.steps.filter(transition="court_appeal").exists()


def test_art21_last_day_is_still_in_time_and_the_next_is_refused_with_the_dates():
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    with on(date(2026, 12, 10)):
        with pytest.raises(ValidationError) as refused:
            services.record_appeal(actor=request.requester, information_request=request,
                                   court="Tribunal administratif de Rabat", filed_on=date(2026, 12, 5),
                                   court_reference="123/7110/2026")
        message = " ".join(refused.value.messages)
        assert "filed on Dec. 5, 2026" in message  # the day it was filed
        assert "60 calendar days (art. 21) counted from Oct. 5, 2026" in message  # how it was counted
        assert "the last day is Dec. 4, 2026" in message
        assert not CourtAppeal.objects.exists()
        services.record_appeal(actor=request.requester, information_request=request,
                               court="Tribunal administratif de Rabat", filed_on=date(2026, 12, 4),
                               court_reference="123/7110/2026")
    assert CourtAppeal.objects.count() == 1


def test_art21_future_date_and_second_appeal_with_the_same_reference_refused():
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    with on(date(2026, 11, 20)):
        with pytest.raises(ValidationError, match="cannot be in the future"):
            services.record_appeal(actor=request.requester, information_request=request,
                                   court="TA Rabat", filed_on=date(2026, 11, 21), court_reference="1/2026")
        services.record_appeal(actor=request.requester, information_request=request,
                               court="TA Rabat", filed_on=date(2026, 11, 19), court_reference="1/2026")
        with pytest.raises(ValidationError, match="already recorded"):
            services.record_appeal(actor=request.requester, information_request=request,
                                   court="TA Rabat", filed_on=date(2026, 11, 20), court_reference=" 1/2026 ")
    assert CourtAppeal.objects.count() == 1


def test_art21_only_the_requester_records_an_appeal_or_its_outcome():
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    with on(date(2026, 11, 20)):
        with pytest.raises(PermissionDenied):
            services.record_appeal(actor=UserFactory(), information_request=request, court="TA Rabat",
                                   filed_on=date(2026, 11, 19), court_reference="1/2026")
        appeal = services.record_appeal(actor=request.requester, information_request=request,
                                        court="TA Rabat", filed_on=date(2026, 11, 19),
                                        court_reference="1/2026")
        with pytest.raises(PermissionDenied):
            services.record_outcome(actor=UserFactory(), appeal=appeal, outcome="annulled",
                                    outcome_on=date(2026, 11, 20))


def test_art21_outcome_recorded_once_and_shown_on_the_register_entry(client):
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    with on(date(2026, 11, 20)):
        appeal = services.record_appeal(actor=request.requester, information_request=request,
                                        court="Tribunal administratif de Rabat", filed_on=date(2026, 11, 19),
                                        court_reference="123/7110/2026")
    with on(date(2027, 3, 1)):
        with pytest.raises(ValidationError, match="before the appeal was filed"):
            services.record_outcome(actor=request.requester, appeal=appeal, outcome="annulled",
                                    outcome_on=date(2026, 11, 1))
        services.record_outcome(actor=request.requester, appeal=appeal, outcome="annulled",
                                outcome_on=date(2027, 2, 25), outcome_note="Refus annulé.")
        with pytest.raises(ValidationError, match="already recorded"):
            services.record_outcome(actor=request.requester, appeal=appeal, outcome="dismissed",
                                    outcome_on=date(2027, 2, 26))
        page = client.get(reverse("register:entry", args=[request.reference])).content.decode()
    assert "Appeal to the administrative court filed on Nov. 19, 2026" in page
    assert "The refusal was annulled" in page
    assert "123/7110/2026" in page
    assert request.first_name not in page and request.family_name not in page


def test_art21_requester_page_shows_the_window_and_its_last_day(client):
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    client.force_login(request.requester)
    with on(date(2026, 11, 20)):
        page = client.get(reverse("requests:detail", args=[request.reference])).content.decode()
        assert "until Dec. 4, 2026" in page
        assert "counted from Oct. 5, 2026, the day you received the Commission&#x27;s answer" in page
        assert reverse("appeals:court_new", args=[request.reference]) in page
        response = client.post(reverse("appeals:court_new", args=[request.reference]), {
            "court": "Tribunal administratif de Rabat", "filed_on": "2026-11-19",
            "court_reference": "9/2026"})
        assert response.status_code == 302
        appeal = CourtAppeal.objects.get()
        response = client.post(reverse("appeals:court_outcome", args=[appeal.pk]), {
            "outcome": "dismissed", "outcome_on": "2026-11-20"})
        assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.outcome == "dismissed"


def test_art21_late_appeal_through_the_form_shows_the_dates(client):
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    client.force_login(request.requester)
    with on(date(2026, 12, 10)):
        response = client.post(reverse("appeals:court_new", args=[request.reference]), {
            "court": "TA Rabat", "filed_on": "2026-12-07", "court_reference": "9/2026"})
    assert response.status_code == 200
    assert "the last day is Dec. 4, 2026" in response.content.decode()
    assert not CourtAppeal.objects.exists()


def test_art21_another_user_gets_404(client):
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    with on(date(2026, 11, 20)):
        appeal = services.record_appeal(actor=request.requester, information_request=request,
                                        court="TA Rabat", filed_on=date(2026, 11, 19),
                                        court_reference="1/2026")
        client.force_login(UserFactory())
        assert client.get(reverse("appeals:court_new", args=[request.reference])).status_code == 404
        assert client.post(reverse("appeals:court_new", args=[request.reference]), {
            "court": "X", "filed_on": "2026-11-19", "court_reference": "2/2026"}).status_code == 404
        assert client.get(reverse("appeals:court_outcome", args=[appeal.pk])).status_code == 404
        assert client.post(reverse("appeals:court_outcome", args=[appeal.pk]), {
            "outcome": "annulled", "outcome_on": "2026-11-20"}).status_code == 404
        client.logout()
        response = client.get(reverse("appeals:court_new", args=[request.reference]))
        assert response.status_code == 302 and "login" in response["Location"]
    assert CourtAppeal.objects.count() == 1


def test_art21_clock_warns_the_complainant_before_the_window_closes():
    """Window ending Friday 04/12/2026: the warning is owed a few working days before,
    once, and not once an appeal is recorded."""
    request, complaint = complaint_chain(received_on=date(2026, 10, 5))
    clock = clocks.CLOCKS["court_window_from_receipt"]
    assert clocks.notify(clock, date(2026, 11, 20)) == 0
    assert clocks.notify(clock, date(2026, 12, 1)) == 1  # 3 working days before the Friday
    note = Notification.objects.get(subject_type="court_window")
    assert (note.subject_id, note.recipient, note.due_date) == (complaint.pk, request.requester.email,
                                                                date(2026, 12, 4))
    assert clocks.notify(clock, date(2026, 12, 2)) == 0  # once
    assert COURT_WARNING_DAYS == 3


def test_art21_clock_from_the_end_of_the_commissions_period_and_not_after_an_appeal():
    request, complaint = complaint_chain(state="investigating", due_date=date(2026, 10, 15))
    clock = clocks.CLOCKS["court_window_from_due_date"]
    with on(date(2026, 11, 20)):
        services.record_appeal(actor=request.requester, information_request=request, court="TA Rabat",
                               filed_on=date(2026, 11, 19), court_reference="1/2026")
    assert clocks.notify(clock, date(2026, 12, 9)) == 0
    other, complaint = complaint_chain(state="investigating", due_date=date(2026, 10, 15))
    assert clocks.notify(clock, date(2026, 12, 9)) == 1
    assert Notification.objects.get(subject_type="court_window").subject_id == complaint.pk


def test_art21_court_window_email_states_the_last_day(mailoutbox):
    from requests_app.outbox.registry import subject

    _request, complaint = complaint_chain(received_on=date(2026, 10, 5))
    clocks.notify(clocks.CLOCKS["court_window_from_receipt"], date(2026, 12, 1))
    note = Notification.objects.get(subject_type="court_window")
    email = subject("court_window").email(note, complaint)
    assert "Dec. 4, 2026" in email.body
    assert "administrative court" in email.subject


def test_art21_requester_page_in_arabic_names_the_competent_administrative_court(client):
    request, _complaint = complaint_chain(received_on=date(2026, 10, 5))
    client.force_login(request.requester)
    with on(date(2026, 11, 20)):
        page = client.get(f"/ar/requests/{request.reference}/").content.decode()
    assert "يمكنكم الطعن أمام المحكمة الإدارية المختصة" in page
