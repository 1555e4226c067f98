"""Issue 10, "the calendar is right": the package's fixed holidays as they are today,
closures that close some kinds of body only, the lunar holidays still estimated listed
for confirmation, and a change of the calendar that reaches the overdue requests too."""

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts.models import PublicBody
from requests_app import deadlines, services
from requests_app.clock import calendar
from requests_app.clock.estimates import unconfirmed_lunar_holidays
from requests_app.clock.models import CLOSED_BY_DECREE
from requests_app.models import DeadlineChange, Holiday, Notification, RequestState, StateChange
from tests.factories import BodyFactory, UserFactory, decide_request, make_request
from tests.helpers import verified

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=CASABLANCA)


# -- the package ----------------------------------------------------------------------


def test_amazigh_new_year_is_14_january_and_unity_day_31_october():
    # holidays < 0.107 put the Amazigh New Year on 13 January and had no Unity Day.
    assert calendar.is_working_day(date(2028, 1, 13))  # a Thursday
    assert not calendar.is_working_day(date(2028, 1, 14))  # a Friday
    assert not calendar.is_working_day(date(2028, 10, 31))  # a Tuesday: Unity Day


# -- closures of some kinds of body only (Decree 2.05.916) ----------------------------


def closure(day: date, **fields) -> Holiday:
    return Holiday.objects.create(date=day, kind=Holiday.Kind.CLOSURE, name_ar="عطلة استثنائية",
                                  name_fr="Fermeture exceptionnelle", name_en="Exceptional closure",
                                  source="Communiqué du Chef du gouvernement", **fields)


def test_a_closure_of_state_administrations_moves_a_ministrys_deadline_not_a_public_establishments(
        django_capture_on_commit_callbacks):
    ministry = BodyFactory(kind=PublicBody.Kind.ADMINISTRATION)
    establishment = BodyFactory(kind=PublicBody.Kind.PUBLIC_ESTABLISHMENT)
    to_ministry = make_request(body=ministry, received_on=date(2026, 11, 23))
    to_establishment = make_request(body=establishment, received_on=date(2026, 11, 23))
    assert to_ministry.due_date == to_establishment.due_date == date(2026, 12, 21)

    with django_capture_on_commit_callbacks(execute=True):
        closure(date(2026, 12, 2), body_kinds=CLOSED_BY_DECREE)  # a Wednesday

    to_ministry.refresh_from_db()
    to_establishment.refresh_from_db()
    assert to_ministry.due_date == date(2026, 12, 22)
    assert to_establishment.due_date == date(2026, 12, 21)
    assert not to_establishment.deadline_changes.filter(reason=DeadlineChange.Reason.CALENDAR).exists()
    # The page that explains the date names the closure for the ministry only.
    ministry_days = [day.day for period in deadlines.explain_due_date(to_ministry, "fr")
                     for day in period.holidays]
    establishment_days = [day.day for period in deadlines.explain_due_date(to_establishment, "fr")
                          for day in period.holidays]
    assert date(2026, 12, 2) in ministry_days and date(2026, 12, 2) not in establishment_days
    # The clock itself knows only kinds: without one, only what closes every body counts.
    assert calendar.is_working_day(date(2026, 12, 2))
    assert not calendar.is_working_day(date(2026, 12, 2), PublicBody.Kind.COMMUNE)
    assert calendar.working_days_between(date(2026, 12, 1), date(2026, 12, 3),
                                         PublicBody.Kind.ADMINISTRATION) == 1
    assert calendar.working_days_between(date(2026, 12, 1), date(2026, 12, 3),
                                         PublicBody.Kind.PUBLIC_ESTABLISHMENT) == 2


def test_a_closure_without_kinds_closes_every_body():
    closure(date(2026, 12, 2))
    for kind in (None, *PublicBody.Kind.values):
        assert not calendar.is_working_day(date(2026, 12, 2), kind)


def test_the_shipped_closures_close_the_decrees_bodies_only():
    assert Holiday.objects.get(date=date(2025, 6, 9)).body_kinds == CLOSED_BY_DECREE
    assert not calendar.is_working_day(date(2025, 6, 9), PublicBody.Kind.COMMUNE)
    assert calendar.is_working_day(date(2025, 6, 9), PublicBody.Kind.PRIVATE_PUBLIC_SERVICE)


@pytest.mark.parametrize("fields, error_field", [
    ({"kind": Holiday.Kind.LUNAR, "feast": "mawlid", "body_kinds": ["administration"]}, "body_kinds"),
    ({"kind": Holiday.Kind.CLOSURE, "body_kinds": ["ministry_of_nothing"]}, "body_kinds"),
    ({"kind": Holiday.Kind.LUNAR, "feast": "mawlid", "source": ""}, "source"),
    ({"kind": Holiday.Kind.CLOSURE, "source": "  "}, "source"),
    ({"kind": Holiday.Kind.FIXED, "estimated": True}, "estimated"),
])
def test_an_incoherent_holiday_row_is_refused(fields, error_field):
    row = Holiday(date=date(2026, 12, 8), name_ar="x", name_fr="x", **{"source": "Communiqué", **fields})
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error_field in error.value.message_dict


def test_an_estimate_needs_no_source_yet():
    Holiday(date=date(2027, 5, 16), kind=Holiday.Kind.LUNAR, feast="eid_al_adha", estimated=True,
            name_ar="عيد الأضحى", name_fr="Aïd Al Adha").full_clean()


def test_the_admin_records_the_kinds_a_closure_closes(client):
    verified(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.post("/fr/admin/requests_app/holiday/add/", {
        "date": "07/12/2026", "day_off": "on", "kind": "closure", "feast": "",
        "name_ar": "عطلة استثنائية", "name_fr": "Fermeture", "name_en": "",
        "source": "Communiqué du Chef du gouvernement", "body_kinds": ["administration", "commune"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Holiday.objects.get(date=date(2026, 12, 7)).body_kinds == ["administration", "commune"]


# -- estimated lunar holidays ---------------------------------------------------------


@time_machine.travel(noon(date(2026, 12, 1)), tick=False)
def test_the_lunar_holidays_still_estimated_are_listed_from_a_year_back_to_a_year_ahead():
    listed = {(estimate.day, estimate.feast) for estimate in unconfirmed_lunar_holidays()}
    # 2026: Eid al-Fitr confirmed (shipped with its source); the three others are the
    # package's estimates, counted as days off meanwhile.
    assert {(date(2026, 5, 27), "eid_al_adha"), (date(2026, 5, 28), "eid_al_adha"),
            (date(2026, 6, 16), "islamic_new_year"), (date(2026, 8, 25), "mawlid"),
            (date(2026, 8, 26), "mawlid")} <= listed
    assert not calendar.is_working_day(date(2026, 5, 27))
    assert not any(feast == "eid_al_fitr" and day.year == 2026 for day, feast in listed)
    assert (date(2027, 3, 9), "eid_al_fitr") in listed  # within the next twelve months
    assert not any(day < date(2025, 12, 1) or day > date(2027, 12, 1) for day, _feast in listed)


@time_machine.travel(noon(date(2026, 12, 1)), tick=False)
def test_a_confirmed_feast_leaves_the_list_and_a_missing_second_day_is_listed():
    Holiday.objects.create(date=date(2026, 5, 27), kind=Holiday.Kind.LUNAR, feast="eid_al_adha",
                           name_ar="عيد الأضحى", name_fr="Aïd Al Adha", source="Communiqué")
    listed = [(e.day, e.feast, e.missing) for e in unconfirmed_lunar_holidays() if e.feast == "eid_al_adha"
              and e.day.year == 2026]
    assert listed == [(date(2026, 5, 28), "eid_al_adha", True)]
    Holiday.objects.create(date=date(2026, 5, 28), kind=Holiday.Kind.LUNAR, feast="eid_al_adha",
                           name_ar="عيد الأضحى", name_fr="Aïd Al Adha", source="Communiqué")
    assert not [e for e in unconfirmed_lunar_holidays() if e.feast == "eid_al_adha" and e.day.year == 2026]


@time_machine.travel(noon(date(2026, 12, 1)), tick=False)
def test_a_row_marked_as_an_estimate_stays_listed_and_counts():
    row = Holiday.objects.create(date=date(2027, 5, 17), kind=Holiday.Kind.LUNAR, feast="eid_al_adha",
                                 estimated=True, name_ar="عيد الأضحى", name_fr="Aïd Al Adha")
    assert any(estimate.row == row for estimate in unconfirmed_lunar_holidays())
    assert not calendar.is_working_day(date(2027, 5, 17))


@time_machine.travel(noon(date(2026, 12, 1)), tick=False)
def test_the_admin_dashboard_lists_the_estimates_with_a_link_that_confirms_them(client):
    verified(client, UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/ar/admin/").content.decode()
    assert "أعياد هجرية لا تزال تواريخها تقديرية" in page
    start = page.index('id="lunar-estimates"')
    table = page[start:page.index("</table>", start)]
    assert 'datetime="2026-05-27"' in table and 'datetime="2026-03-20"' not in table
    link = next(part.split('"')[0] for part in table.split('href="')[1:] if "27%2F05%2F2026" in part)
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["feast"] == ["eid_al_adha"] and query["kind"] == ["lunar"]
    # The link opens the add form filled in: the date day first, as typed in Morocco.
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="27/05/2026"' in form and 'value="عيد الأضحى"' in form


@time_machine.travel(noon(date(2026, 12, 1)), tick=False)
def test_the_estimates_are_not_shown_to_staff_who_cannot_change_the_calendar(client):
    verified(client, UserFactory(is_staff=True))
    response = client.get("/ar/admin/")
    assert response.status_code == 200
    assert 'id="lunar-estimates"' not in response.content.decode()


# -- a change of the calendar reaches the overdue requests ----------------------------

# 1 Muharram 1448: the package estimates Tuesday 16 June 2026. A request received that
# day is due 20 working days later, Tuesday 14 July; swept overdue on Wednesday 15 July.
# Suppose the feast is confirmed a day later, on Wednesday 17 June: that day was not a
# working day, the request is due on 15 July and was not late.
RECEIVED, ESTIMATED_DUE, CONFIRMED_DUE = date(2026, 6, 16), date(2026, 7, 14), date(2026, 7, 15)


def overdue_request(**kwargs):
    with time_machine.travel(noon(RECEIVED), tick=False):
        request = make_request(received_on=RECEIVED, **kwargs)
    assert request.due_date == ESTIMATED_DUE
    with time_machine.travel(noon(CONFIRMED_DUE), tick=False):
        assert services.mark_overdue_batch() >= 1
    request.refresh_from_db()
    assert request.state == RequestState.OVERDUE
    return request


def confirm_muharram_a_day_later(django_capture_on_commit_callbacks):
    with time_machine.travel(noon(CONFIRMED_DUE), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=date(2026, 6, 17), kind=Holiday.Kind.LUNAR,
                               feast=Holiday.Feast.ISLAMIC_NEW_YEAR,
                               name_ar="فاتح محرم", name_fr="1er Moharram", name_en="1 Muharram",
                               source="Communiqué du ministère des Habous")


def test_a_holiday_moved_a_day_later_puts_an_overdue_request_back_in_progress(
        django_capture_on_commit_callbacks):
    request = overdue_request()
    confirm_muharram_a_day_later(django_capture_on_commit_callbacks)

    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    assert request.due_date == CONFIRMED_DUE
    change = request.deadline_changes.get(reason=DeadlineChange.Reason.CALENDAR)
    assert (change.old_due_date, change.new_due_date) == (ESTIMATED_DUE, CONFIRMED_DUE)
    assert "17/06/2026" in change.detail
    move = request.state_changes.get(transition="recount_deadline")
    assert (move.transition, move.from_state, move.to_state, move.actor) == (
        "recount_deadline", RequestState.OVERDUE, RequestState.IN_PROGRESS, None)
    assert "17/06/2026" in move.note and "14/07/2026" in move.note and "15/07/2026" in move.note
    record = request.history.get(history_change_reason__startswith="back in progress")
    assert (record.state, record.due_date) == (RequestState.IN_PROGRESS, CONFIRMED_DUE)
    # The requester is told the new date.
    assert Notification.objects.filter(subject_id=request.pk, kind="deadline_moved",
                                       due_date=CONFIRMED_DUE).exists()


def test_an_overdue_request_still_past_its_new_due_date_stays_overdue(django_capture_on_commit_callbacks):
    request = overdue_request()
    with time_machine.travel(noon(date(2026, 7, 20)), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=date(2026, 6, 17), kind=Holiday.Kind.LUNAR,
                               feast=Holiday.Feast.ISLAMIC_NEW_YEAR, name_ar="فاتح محرم",
                               name_fr="1er Moharram", source="Communiqué du ministère des Habous")
    request.refresh_from_db()
    assert request.state == RequestState.OVERDUE
    assert request.due_date == CONFIRMED_DUE  # its date is right, and it is still late
    assert not StateChange.objects.filter(request=request, transition="recount_deadline").exists()


def test_a_request_decided_after_it_went_overdue_is_left_alone(django_capture_on_commit_callbacks):
    request = overdue_request()
    decide_request(request, "granted")
    request.refresh_from_db()
    state = request.state
    confirm_muharram_a_day_later(django_capture_on_commit_callbacks)
    request.refresh_from_db()
    assert (request.state, request.due_date) == (state, ESTIMATED_DUE)
    assert not request.deadline_changes.filter(reason=DeadlineChange.Reason.CALENDAR).exists()



def test_officers_are_reminded_on_their_own_bodys_calendar():
    from requests_app.outbox import clocks
    from tests.factories import officer_of

    monday = date(2026, 11, 23)
    closure(date(2026, 11, 25), body_kinds=CLOSED_BY_DECREE)  # Wednesday: ministries closed
    ministry = BodyFactory(kind=PublicBody.Kind.ADMINISTRATION)
    establishment = BodyFactory(kind=PublicBody.Kind.PUBLIC_ESTABLISHMENT)
    officer_of(ministry), officer_of(establishment)
    due = {}
    for name, body, day in (("ministry_thursday", ministry, date(2026, 11, 26)),
                            ("establishment_wednesday", establishment, date(2026, 11, 25)),
                            ("establishment_thursday", establishment, date(2026, 11, 26))):
        due[name] = make_request(body=body, received_on=date(2026, 11, 2))
        type(due[name]).objects.filter(pk=due[name].pk).update(due_date=day)
    Notification.objects.all().delete()  # the receipts
    clocks.notify(clocks.CLOCKS["request_answer"], monday)
    reminded = {(note.subject_id, note.kind) for note in Notification.objects.all()}
    # Two working days ahead: Thursday for the ministry, Wednesday for the establishment.
    assert reminded == {(due["ministry_thursday"].pk, "reminder_2"),
                        (due["establishment_wednesday"].pk, "reminder_2")}
