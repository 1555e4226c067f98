"""The working-day calendar: Monday–Friday minus holidays, start day never counted."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from requests_app.clock import calendar
from requests_app.clock.calendar import add_working_days, is_working_day
from requests_app.models import Holiday

pytestmark = pytest.mark.django_db


def test_weekend_is_not_working():
    assert is_working_day(date(2026, 11, 20))  # Friday
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 11, 22))  # Sunday
    assert is_working_day(date(2026, 11, 23))  # Monday


def test_fixed_holidays_are_not_working():
    assert not is_working_day(date(2026, 11, 18))  # Independence Day, a Wednesday
    assert not is_working_day(date(2026, 11, 6))  # Green March, a Friday
    assert not is_working_day(date(2026, 7, 30))  # Throne Day, a Thursday
    assert not is_working_day(date(2026, 10, 31)) and not is_working_day(date(2026, 1, 14))


def test_unity_day_from_2026_only():
    # Decree 2.25.1140 (BO 7480): 31 October is a public holiday from 2026 on.
    assert not is_working_day(date(2030, 10, 31))  # a Thursday
    assert is_working_day(date(2025, 10, 31))  # a Friday, not yet a holiday


def test_start_day_is_never_counted_received_saturday():
    assert add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)


def test_start_day_is_never_counted_received_on_working_day():
    assert add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)


def test_start_on_holiday_not_counted():
    # Received on Independence Day (Wednesday 18 Nov 2026): Thursday is day 1.
    assert add_working_days(date(2026, 11, 18), 1) == date(2026, 11, 19)


def test_twenty_working_days_skip_weekends_and_holidays():
    # From Monday 2 Nov 2026: Green March (6 Nov) and Independence Day (18 Nov) skipped.
    assert add_working_days(date(2026, 11, 2), 20) == date(2026, 12, 2)


def test_zero_days_is_the_start_and_negative_is_refused():
    assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 21)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 21), -1)


def test_shipped_observed_eid_al_fitr_2025_replaces_the_estimate():
    # The package estimates 30–31 March 2025; Morocco observed 31 March – 1 April.
    assert not is_working_day(date(2025, 3, 31))
    assert not is_working_day(date(2025, 4, 1))
    assert Holiday.objects.filter(date=date(2025, 4, 1), feast="eid_al_fitr").exists()


def test_confirmed_lunar_holiday_replaces_estimate_of_that_feast():
    Holiday.objects.filter(date__year=2026, feast=Holiday.Feast.EID_AL_ADHA).delete()
    # Without confirmed rows the package's estimate (27–28 May 2026) applies.
    assert not is_working_day(date(2026, 5, 27))
    for day in (date(2026, 5, 28), date(2026, 5, 29)):
        Holiday.objects.create(date=day, kind=Holiday.Kind.LUNAR, feast=Holiday.Feast.EID_AL_ADHA,
                               name_ar="عيد الأضحى", name_fr="Aïd Al Adha", name_en="Eid al-Adha")
    assert is_working_day(date(2026, 5, 27))
    assert not is_working_day(date(2026, 5, 28))
    assert not is_working_day(date(2026, 5, 29))


def test_exceptional_closure_added_and_removed():
    day = date(2026, 12, 7)  # a Monday
    assert is_working_day(day)
    closure = Holiday.objects.create(date=day, kind=Holiday.Kind.CLOSURE,
                                     name_ar="عطلة استثنائية", name_fr="Fermeture exceptionnelle")
    assert not is_working_day(day)
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 8)
    closure.delete()
    assert is_working_day(day)


def test_removal_row_makes_a_package_holiday_a_working_day():
    Holiday.objects.create(date=date(2026, 11, 18), kind=Holiday.Kind.REMOVAL, day_off=False,
                           name_ar="تصحيح", name_fr="Correction")
    assert is_working_day(date(2026, 11, 18))


def test_change_by_another_process_is_seen_after_the_recheck(settings):
    settings.LEGAL_CALENDAR_RECHECK_SECONDS = 0
    day = date(2026, 12, 9)
    assert is_working_day(day)
    # A bulk insert sends no signal, as if another process had written the row.
    Holiday.objects.bulk_create([Holiday(date=day, kind=Holiday.Kind.CLOSURE,
                                         name_ar="إغلاق", name_fr="Fermeture")])
    assert not is_working_day(day)


def test_calendar_is_served_from_memory(django_assert_num_queries, settings):
    settings.LEGAL_CALENDAR_RECHECK_SECONDS = 3600
    add_working_days(date(2026, 1, 1), 20)
    with django_assert_num_queries(0):
        for offset in range(365 * 10):
            add_working_days(date(2020, 1, 1) + timedelta(days=offset), 20)


def test_dates_far_outside_the_index_still_work():
    assert add_working_days(date(2090, 1, 2), 1) == date(2090, 1, 3)  # a Monday
    assert add_working_days(date(1995, 12, 29), 1) == date(1996, 1, 2)


# -- properties -----------------------------------------------------------------------

dates = st.dates(min_value=date(2016, 1, 1), max_value=date(2034, 12, 31))
lengths = st.integers(min_value=1, max_value=80)
quick = settings(max_examples=200, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end], counted the slow way."""
    return sum(is_working_day(start + timedelta(days=k)) for k in range(1, (end - start).days + 1))


@quick
@given(start=dates, n=lengths)
def test_result_is_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@quick
@given(start=dates, n=lengths)
def test_exactly_n_working_days_lie_in_the_period(start, n):
    end = add_working_days(start, n)
    assert end > start
    assert working_days_between(start, end) == n


@quick
@given(a=dates, b=dates, n=lengths)
def test_monotone_in_start(a, b, n):
    a, b = min(a, b), max(a, b)
    assert add_working_days(a, n) <= add_working_days(b, n)


@quick
@given(start=dates, n=lengths, m=lengths)
def test_monotone_in_n(start, n, m):
    n, m = min(n, m), max(n, m)
    assert add_working_days(start, n) <= add_working_days(start, m)
    if n < m:
        assert add_working_days(start, n) < add_working_days(start, m)


def test_invalidate_is_cheap_to_rebuild(django_assert_num_queries):
    expected = add_working_days(date(2026, 11, 23), 20)
    calendar.invalidate()
    # Rebuilding twenty years of calendar reads the Holiday table twice (its version and
    # its rows), whatever the number of days; every later call reads nothing.
    with django_assert_num_queries(2):
        assert add_working_days(date(2026, 11, 23), 20) == expected
    with django_assert_num_queries(0):
        for day in range(365):
            add_working_days(date(2026, 1, 1) + timedelta(days=day), 20)


@pytest.mark.parametrize("year", range(2019, 2026))
def test_observed_lunar_holidays_shipped_with_sources(year):
    rows = Holiday.objects.filter(date__year=year, kind=Holiday.Kind.LUNAR)
    assert sorted(rows.values_list("feast", flat=True)) == sorted(
        ["islamic_new_year", "mawlid", "mawlid", "eid_al_fitr", "eid_al_fitr", "eid_al_adha",
         "eid_al_adha"])
    assert all(row.source for row in rows)
    assert not any(is_working_day(row.date) for row in rows)


def test_exceptional_closures_shipped():
    # Monday 24 April 2023 and Monday 23 March 2026, after Eid al-Fitr (law digest §7):
    # closures of the State administrations and territorial collectivities (Decree
    # 2.05.916), not of the public establishments or private bodies.
    for day in (date(2023, 4, 24), date(2026, 3, 23)):
        assert Holiday.objects.get(date=day).kind == Holiday.Kind.CLOSURE
        for kind in ("administration", "region", "prefecture_province", "commune"):
            assert not is_working_day(day, kind)
        for kind in ("public_establishment", "private_public_service", None):
            assert is_working_day(day, kind)
