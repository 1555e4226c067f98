"""Art. 20: the requester is warned once, a few working days before it ends, that the
time to complain to the Commission closes; counted from the day they received the
head's answer, or from the head's silent deadline; not once they have complained."""

from datetime import date

import pytest
from django.utils import translation

from appeals import windows
from appeals.head.notices import COMMISSION_WARNING_DAYS
from appeals.models import HeadComplaint
from requests_app.clock import calendar
from requests_app.outbox import clocks
from requests_app.outbox.models import Notification
from requests_app.outbox.registry import subject
from tests.appeals.factories import commission_complaint, head_complaint
from tests.factories import BodyFactory, decide_request, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused():
    request = make_request(body=BodyFactory(), received_on=date(2026, 9, 1))
    decide_request(request, "refused")
    return request


def test_art20_warned_before_the_window_from_the_heads_answer_closes(refused):
    complaint = head_complaint(refused, filed_on=date(2026, 10, 1), state="rejected",
                               received_on=date(2026, 11, 2))
    end = windows.commission_window(complaint).end
    assert end == date(2026, 12, 2)
    clock = clocks.CLOCKS["head_complaint_commission_window_from_receipt"]
    assert clocks.notify(clock, date(2026, 11, 16)) == 0  # long before
    assert calendar.add_working_days(date(2026, 11, 27), COMMISSION_WARNING_DAYS) == end
    assert clocks.notify(clock, date(2026, 11, 27)) == 1
    note = Notification.objects.get(kind="commission_window_closing")
    assert (note.subject_type, note.subject_id, note.due_date) == ("head_complaint", complaint.pk, end)
    assert note.recipient == refused.email
    with translation.override("fr"):
        email = subject("head_complaint").email(note, complaint)
    assert complaint.number in email.subject and "02/12/2026" in email.body and "art. 20" in email.body
    assert clocks.notify(clock, date(2026, 11, 30)) == 0  # once


def test_art20_warned_after_the_heads_silence_and_not_once_the_commission_has_the_complaint(refused):
    silent = head_complaint(refused, filed_on=date(2026, 10, 1), state="overdue")
    end = windows.commission_window(silent).end
    other = make_request(body=refused.body, received_on=date(2026, 9, 1))
    decide_request(other, "refused")
    taken = head_complaint(other, filed_on=date(2026, 10, 1), state="overdue")
    commission_complaint(other, filed_on=date(2026, 10, 20), head=taken)
    clock = clocks.CLOCKS["head_complaint_commission_window_from_due_date"]
    assert end == date(2026, 11, 16)  # 30 days after the head's 16/10 end on a Sunday: Monday
    assert calendar.add_working_days(date(2026, 11, 11), COMMISSION_WARNING_DAYS) == end
    assert clocks.notify(clock, date(2026, 11, 10)) == 0
    assert clocks.notify(clock, date(2026, 11, 11)) == 1
    warned = Notification.objects.filter(kind="commission_window_closing")
    assert list(warned.values_list("subject_id", flat=True)) == [silent.pk]
    assert HeadComplaint.objects.get(pk=taken.pk).commission_complaints.exists()
