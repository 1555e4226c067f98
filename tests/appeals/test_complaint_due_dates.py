"""A change of the calendar moves the complaints' due dates as it moves the requests'
(DESIGN.md, "The legal clock"): the head's period (art. 19) and the Commission's (art.
20) are recounted, each move kept in the complaint's trail with why; a complaint marked
overdue whose new due date has not passed goes back to waiting for the head."""

from datetime import date

import pytest
import time_machine

from appeals import windows
from appeals.head import services as head_services
from appeals.models import HeadComplaint
from requests_app.clock.models import Holiday
from tests.appeals.factories import commission_complaint, head_complaint
from tests.factories import BodyFactory, decide_request, make_request

pytestmark = pytest.mark.django_db


def travel(day: date):
    return time_machine.travel(f"{day.isoformat()} 10:00 +01:00", tick=False)


def closure(day: date) -> Holiday:
    return Holiday.objects.create(date=day, day_off=True, kind=Holiday.Kind.CLOSURE,
                                  name_ar="عطلة استثنائية", name_fr="Fermeture exceptionnelle",
                                  source="Décision du Chef du gouvernement")


@pytest.fixture
def refused():
    request = make_request(body=BodyFactory(), received_on=date(2026, 10, 1))
    decide_request(request, "refused")
    return request


def test_art19_a_closure_on_the_heads_last_day_moves_it_and_the_trail_says_why(
        refused, django_capture_on_commit_callbacks):
    complaint = head_complaint(refused, filed_on=date(2026, 11, 18))
    assert complaint.due_date == date(2026, 12, 3) == windows.head_due_date(refused, date(2026, 11, 18))
    with travel(date(2026, 11, 25)), django_capture_on_commit_callbacks(execute=True):
        closure(date(2026, 12, 3))
    complaint.refresh_from_db(fields=["due_date"])
    assert complaint.due_date == date(2026, 12, 4)
    step = complaint.steps.get(transition="due_date_recomputed")
    assert "03/12/2026" in step.note and "04/12/2026" in step.note and "Fermeture exceptionnelle" in step.note
    assert complaint.history.order_by("-history_id").first().due_date == date(2026, 12, 4)


def test_art19_an_overdue_complaint_whose_new_last_day_has_not_passed_waits_again(
        refused, django_capture_on_commit_callbacks):
    complaint = head_complaint(refused, filed_on=date(2026, 11, 18))
    with travel(date(2026, 12, 4)):
        assert head_services.mark_overdue_batch(date(2026, 12, 4)) == 1
        with django_capture_on_commit_callbacks(execute=True):
            closure(date(2026, 12, 3))  # the head's last day was a closure after all
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert (complaint.state, complaint.due_date, complaint.overdue_since) == (
        "received", date(2026, 12, 4), None)
    assert complaint.steps.filter(transition="recount_deadline", actor=None).exists()


def test_art20_a_closure_on_the_commissions_last_day_moves_it(refused, django_capture_on_commit_callbacks):
    complaint = commission_complaint(refused, filed_on=date(2026, 11, 4))
    assert complaint.due_date == date(2026, 12, 4)
    with travel(date(2026, 11, 20)), django_capture_on_commit_callbacks(execute=True):
        closure(date(2026, 12, 4))
    complaint.refresh_from_db(fields=["due_date"])
    assert complaint.due_date == date(2026, 12, 7)  # Saturday and Sunday skipped too
    assert complaint.steps.filter(transition="due_date_recomputed").count() == 1


def test_a_decided_complaint_keeps_its_dates(refused, django_capture_on_commit_callbacks):
    complaint = head_complaint(refused, filed_on=date(2026, 11, 18), state="rejected")
    with travel(date(2026, 11, 25)), django_capture_on_commit_callbacks(execute=True):
        closure(date(2026, 12, 3))
    complaint = HeadComplaint.objects.get(pk=complaint.pk)
    assert complaint.due_date == date(2026, 12, 3) and not complaint.steps.exists()
