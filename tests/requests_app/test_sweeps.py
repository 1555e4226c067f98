"""The clock runs by itself: overdue, reminders, complaint windows and recomputation,
each notification created once and sent once."""

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from requests_app import deadlines, services
from requests_app.clock import calendar
from requests_app.deadlines import complaint_window
from requests_app.models import (
    DeadlineChange,
    Holiday,
    InformationRequest,
    LegalRule,
    Notification,
    StateChange,
)
from requests_app.outbox import clocks
from requests_app.outbox.sender import send_notifications
from tests.factories import BodyFactory, decide_request, make_request, officer_of

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 23)


def set_due(request, due):
    InformationRequest.objects.filter(pk=request.pk).update(due_date=due)


def mark_overdue(today):
    return clocks.expire(clocks.CLOCKS["request_answer"], today)


def create_reminders(today):
    return clocks.notify(clocks.CLOCKS["request_answer"], today)


def create_complaint_window_warnings(today):
    return sum(clocks.notify(clock, today) for clock in clocks.CLOCKS.values()
               if clock.counts_as == "complaint_windows")


def drain():
    """Send what filing the test's requests owed (their receipts): the tests count what
    the clock owes after."""
    send_notifications()
    mail.outbox.clear()


@override_settings(NAFIDA_SWEEP_BATCH=2)
def test_overdue_sweep_moves_past_due_requests_in_batches_and_notifies_once(django_assert_max_num_queries):
    body = BodyFactory()
    late = [make_request(body=body, received_on=date(2026, 9, 1)) for _ in range(5)]
    fresh = make_request(body=body)
    drain()
    assert mark_overdue(MONDAY) == 5
    for request in late:
        request.refresh_from_db()
        assert request.state == "overdue"
        change = request.state_changes.last()
        assert (change.transition, change.from_state, change.actor) == ("mark_overdue", "submitted", None)
        assert request.history.first().state == "overdue"
    fresh.refresh_from_db()
    assert fresh.state == "submitted"
    # Rerun: nothing moves, nothing is added.
    assert mark_overdue(MONDAY) == 0
    assert Notification.objects.filter(kind="overdue").count() == 5
    assert StateChange.objects.filter(transition="mark_overdue").count() == 5
    assert send_notifications() == 5
    assert send_notifications() == 0
    assert len(mail.outbox) == 5
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 5
    # The requester is told until when they may complain (art. 19).
    window = complaint_window(late[0]).end.strftime("%d/%m/%Y")
    assert any(window in message.body for message in mail.outbox)


@override_settings(NAFIDA_SWEEP_BATCH=50)
def test_a_batch_is_a_handful_of_statements(django_assert_max_num_queries):
    body = BodyFactory()
    for _ in range(30):
        make_request(body=body, received_on=date(2026, 9, 1))
    # One batch (select, update, state changes, history, notifications, user look-ups)
    # and the empty batch that ends the loop: not one statement per row.
    with django_assert_max_num_queries(12):
        assert mark_overdue(MONDAY) == 30


def test_a_request_due_the_day_before_throne_day_is_overdue_on_the_next_working_day():
    request = make_request(body=BodyFactory(), received_on=date(2026, 6, 30))
    set_due(request, date(2026, 7, 29))  # Wednesday; Thursday 30 July is Throne Day
    assert not calendar.is_working_day(date(2026, 7, 30))
    with time_machine.travel("2026-07-30 09:00 +01:00", tick=False):
        clocks.sweep()
    request.refresh_from_db()
    assert request.state == "submitted"
    with time_machine.travel("2026-07-31 09:00 +01:00", tick=False):
        clocks.sweep()
    request.refresh_from_db()
    assert request.state == "overdue"
    assert request.state_changes.get(transition="mark_overdue").at.date() == date(2026, 7, 31)


def test_officers_are_reminded_5_2_and_0_working_days_before():
    body = BodyFactory()
    officer = officer_of(body)
    officer_of(BodyFactory())  # an officer of another body hears nothing
    requests = {}
    for days in (5, 2, 0, 3):
        requests[days] = make_request(body=body)
        set_due(requests[days], calendar.add_working_days(MONDAY, days))
    Notification.objects.all().delete()  # the receipts owed when they were filed
    assert create_reminders(MONDAY) == 3
    assert create_reminders(MONDAY) == 0
    notes = {(note.subject_id, note.kind, note.recipient) for note in Notification.objects.all()}
    assert notes == {(requests[days].pk, f"reminder_{days}", officer.email) for days in (5, 2, 0)}
    # Not on a Saturday.
    assert create_reminders(date(2026, 11, 28)) == 0
    send_notifications()
    assert sorted(message.to[0] for message in mail.outbox) == [officer.email] * 3
    assert any("due today" in message.body or "اليوم" in message.body for message in mail.outbox)


def test_the_requester_is_told_once_that_the_complaint_window_closes():
    body = BodyFactory()
    request = make_request(body=body, received_on=date(2026, 9, 1))
    decide_request(request, "refused")
    services.record_answer_seen(actor=request.requester, information_request=request)
    request.refresh_from_db()
    end = complaint_window(request).end
    before = end - timedelta(days=1)
    while not calendar.is_working_day(before):
        before -= timedelta(days=1)
    assert create_complaint_window_warnings(before) == 1
    assert create_complaint_window_warnings(before) == 0
    note = Notification.objects.get(kind="complaint_window_closing")
    assert (note.subject_id, note.due_date, note.recipient) == (request.pk, end, request.email)
    # Long before the end: nothing.
    assert create_complaint_window_warnings(end - timedelta(days=20)) == 0


def test_a_holiday_added_inside_the_period_moves_the_due_date_and_says_why(
        django_capture_on_commit_callbacks):
    request = make_request(body=BodyFactory(), received_on=date(2026, 11, 23))
    old_due = request.due_date
    drain()
    with django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=date(2026, 12, 2), day_off=True, kind=Holiday.Kind.CLOSURE,
                               name_ar="عطلة استثنائية", name_fr="Fermeture exceptionnelle",
                               source="Décision du Chef du gouvernement")
    request.refresh_from_db()
    assert request.due_date == calendar.add_working_days(old_due, 1)
    change = request.deadline_changes.last()
    assert (change.old_due_date, change.new_due_date, change.reason) == (
        old_due, request.due_date, DeadlineChange.Reason.CALENDAR)
    assert "02/12/2026" in change.detail and "Fermeture exceptionnelle" in change.detail
    note = Notification.objects.get(kind="deadline_moved")
    assert note.due_date == request.due_date
    assert len(mail.outbox) == 1  # the requester was told


def test_a_rule_change_moves_open_requests_only(django_capture_on_commit_callbacks):
    body = BodyFactory()
    request = make_request(body=body, received_on=date(2026, 11, 23))
    decided = make_request(body=body, received_on=date(2026, 11, 23))
    decide_request(decided, "granted")
    with django_capture_on_commit_callbacks(execute=True):
        LegalRule.objects.create(period=LegalRule.Period.ANSWER_ORDINARY, length=15,
                                 unit=LegalRule.Unit.WORKING_DAYS, article="16",
                                 effective_from=date(2026, 11, 1))
    request.refresh_from_db()
    decided.refresh_from_db()
    assert request.due_date == calendar.add_working_days(date(2026, 11, 23), 15)
    assert request.deadline_changes.last().reason == DeadlineChange.Reason.RULE
    assert decided.due_date == calendar.add_working_days(date(2026, 11, 23), 20)


def test_an_extended_request_keeps_its_extension_when_recomputed():
    body = BodyFactory()
    request = make_request(body=body)
    services.extend_deadline(actor=officer_of(body), information_request=request, ground="large_volume",
                             reasons="Volume")
    request.refresh_from_db()
    assert services.recompute_due_dates(reason="calendar") == 0
    assert deadlines.due_date(InformationRequest.objects.get(pk=request.pk)) == request.due_date


def test_commands(capsys):
    body = BodyFactory()
    request = make_request(body=body, received_on=date(2026, 9, 1))
    drain()
    out = io.StringIO()
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        call_command("sweep_now", stdout=out)
    assert "Overdue: 1" in out.getvalue() and "Notifications sent: 1" in out.getvalue()
    out = io.StringIO()
    call_command("show_clock", request.reference, stdout=out)
    text = out.getvalue()
    assert "Received 01/09/2026" in text and "20 working days (art. 16)" in text
    assert f"Due {request.due_date:%d/%m/%Y}" in text and "skipped:" in text


def test_a_notification_claimed_by_a_dead_worker_is_taken_over_after_the_lease():
    request = make_request(body=BodyFactory(), received_on=date(2026, 9, 1))
    drain()
    mark_overdue(MONDAY)
    note = Notification.objects.get(kind="overdue")
    Notification.objects.filter(pk=note.pk).update(claimed_at=timezone.now())  # a worker died here
    assert send_notifications() == 0
    with override_settings(NAFIDA_NOTIFICATION_LEASE_SECONDS=0):
        assert send_notifications() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [request.email]
