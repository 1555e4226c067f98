"""The periods of DESIGN.md's table, each traced to its article, applied to requests."""

from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from requests_app.clock.calendar import is_working_day
from requests_app.clock.periods import due_date_for, period_end
from requests_app.models import DeadlineChange, Holiday, LegalRule
from tests.factories import make_request

pytestmark = pytest.mark.django_db

P = LegalRule.Period


@pytest.mark.parametrize(
    "period, length, unit, article",
    [
        (P.ANSWER_ORDINARY, 20, "working", "16"),
        (P.EXTENSION_ORDINARY, 20, "working", "16"),
        (P.ANSWER_URGENT, 3, "calendar", "17"),
        (P.EXTENSION_URGENT, 3, "calendar", "17"),
        (P.COMPLAINT_HEAD_FILING, 20, "working", "19"),
        (P.HEAD_DECISION, 15, "calendar", "19"),
        (P.COMPLAINT_COMMISSION_FILING, 30, "calendar", "20"),
        (P.COMMISSION_ANSWER, 30, "calendar", "20"),
        (P.COURT_APPEAL, 60, "calendar", "21"),
    ],
)
def test_rules_of_the_law_are_shipped(period, length, unit, article):
    rule = LegalRule.objects.in_force(period, date(2026, 11, 23))
    assert (rule.length, rule.unit, rule.article) == (length, unit, article)


def test_art16_ordinary_answer_is_20_working_days():
    assert due_date_for(P.ANSWER_ORDINARY, date(2026, 11, 2)) == date(2026, 12, 2)


def test_art17_urgent_calendar_days_roll_over_a_weekend():
    # Wednesday 25 Nov 2026 + 3 days = Saturday 28 → Monday 30 November.
    assert due_date_for(P.ANSWER_URGENT, date(2026, 11, 25)) == date(2026, 11, 30)


def test_art17_urgent_calendar_days_roll_over_a_holiday():
    # Sunday 15 Nov 2026 + 3 days = Wednesday 18, Independence Day → Thursday 19.
    assert due_date_for(P.ANSWER_URGENT, date(2026, 11, 15)) == date(2026, 11, 19)


def test_art17_calendar_days_count_holidays_inside_the_period():
    # Monday 16 + 3 = Thursday 19: the holiday on the 18th is inside, not at the end.
    assert due_date_for(P.ANSWER_URGENT, date(2026, 11, 16)) == date(2026, 11, 19)


def test_art19_head_decides_within_15_calendar_days():
    # 1 Dec 2026 + 15 = Wednesday 16 Dec.
    assert due_date_for(P.HEAD_DECISION, date(2026, 12, 1)) == date(2026, 12, 16)


def test_art20_commission_answer_rolls_to_next_working_day():
    # 2 Oct 2026 + 30 = Sunday 1 Nov → Monday 2 Nov.
    assert due_date_for(P.COMMISSION_ANSWER, date(2026, 10, 2)) == date(2026, 11, 2)


def test_art21_court_appeal_60_calendar_days():
    # 1 Sep 2026 + 60 = Saturday 31 Oct (also Unity Day) → Monday 2 Nov.
    assert due_date_for(P.COURT_APPEAL, date(2026, 9, 1)) == date(2026, 11, 2)


def test_a_reform_is_a_new_row_not_new_code():
    LegalRule.objects.create(period=P.ANSWER_ORDINARY, length=15, unit="working",
                             article="16", effective_from=date(2027, 1, 1),
                             note="Hypothetical reform")
    assert due_date_for(P.ANSWER_ORDINARY, date(2026, 12, 1)) == date(2026, 12, 29)
    # 4 Jan 2027 + 15 WD (11 Jan and 14 Jan are holidays) = 27 Jan.
    assert due_date_for(P.ANSWER_ORDINARY, date(2027, 1, 4)) == date(2027, 1, 27)


@time_machine.travel(date(2026, 11, 21), tick=False)
def test_request_received_on_saturday_is_due_20_working_days_after():
    request = make_request()
    assert request.received_on == date(2026, 11, 21)
    # Day 1 is Monday 23 Nov; 20 working days end on Friday 18 December.
    assert request.due_date == date(2026, 12, 18)
    change = request.deadline_changes.get()
    assert change.reason == DeadlineChange.Reason.RECEIPT and change.new_due_date == request.due_date


def test_request_received_on_a_holiday_starts_the_next_working_day():
    # Received on Independence Day: Thursday 19 is day 1, day 20 is 16 December.
    request = make_request(received_on=date(2026, 11, 18))
    assert request.due_date == date(2026, 12, 16)


def test_urgent_request_due_in_three_calendar_days():
    # Wednesday 11 Nov 2026 + 3 days = Saturday 14 → Monday 16.
    request = make_request(received_on=date(2026, 11, 11), is_urgent=True, urgency_reason="life",
                           urgency_explanation="Dialysis schedule")
    assert request.due_date == date(2026, 11, 16)


def test_holiday_override_changes_new_requests_due_date():
    Holiday.objects.create(date=date(2026, 12, 1), kind=Holiday.Kind.CLOSURE,
                           name_ar="عطلة استثنائية", name_fr="Fermeture exceptionnelle")
    request = make_request(received_on=date(2026, 11, 2))
    assert request.due_date == date(2026, 12, 3)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(min_value=date(2019, 3, 12), max_value=date(2034, 12, 31)),
       period=st.sampled_from([P.ANSWER_URGENT, P.HEAD_DECISION, P.COMMISSION_ANSWER,
                               P.COURT_APPEAL]))
def test_calendar_period_ends_on_first_working_day_on_or_after_its_last_day(start, period):
    rule = LegalRule.objects.in_force(period, start)
    end = period_end(rule, start)
    last_day = start + timedelta(days=rule.length)
    assert is_working_day(end) and end >= last_day
    assert all(not is_working_day(last_day + timedelta(days=k)) for k in range((end - last_day).days))
