"""The administrator, in Chromium, in Arabic, types 01/12/2026 as a holiday's date in the
admin: it is saved as 1 December (the Holiday table moves every deadline). The admin's
own "today" shortcut writes the date day first too, so what it writes reads back."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from requests_app.models import Holiday
from tests.artifacts import artifact_path
from tests.factories import UserFactory
from tests.helpers import log_in, verified

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


def test_a_date_typed_day_first_in_the_arabic_admin_is_saved_as_that_day(live_server, page):
    admin = UserFactory(is_staff=True, is_superuser=True)
    verified(Client(), admin)  # the admin has a second factor, asked for on the way in
    log_in(page, live_server.url, admin)
    page.goto(f"{live_server.url}/ar/admin/requests_app/holiday/add/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # The calendar widget's "today" writes the date day first.
    page.locator("#id_date").locator("xpath=..").get_by_role("link", name="اليوم").click()
    expect(page.locator("#id_date")).to_have_value(timezone.localdate().strftime("%d/%m/%Y"))

    page.fill("#id_date", "01/12/2026")
    page.select_option("#id_kind", "closure")
    page.fill("#id_name_ar", "عطلة استثنائية")
    page.fill("#id_name_fr", "Fermeture exceptionnelle")
    page.fill("#id_source", "بلاغ رئيس الحكومة")
    page.check("#id_body_kinds input[value=administration]")
    page.screenshot(path=artifact_path("ar-admin-holiday-typed-day-first.png"), full_page=True)
    page.get_by_role("button", name="حفظ", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    holiday = Holiday.objects.get(name_fr="Fermeture exceptionnelle")
    assert holiday.date == date(2026, 12, 1)
    assert holiday.body_kinds == ["administration"]
    # And the form shows it back as typed.
    page.goto(f"{live_server.url}/ar/admin/requests_app/holiday/{holiday.pk}/change/")
    expect(page.locator("#id_date")).to_have_value("01/12/2026")


@time_machine.travel(datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Africa/Casablanca")))
def test_the_arabic_admin_dashboard_lists_the_lunar_holidays_still_estimated(live_server, page):
    admin = UserFactory(is_staff=True, is_superuser=True)
    verified(Client(), admin)
    log_in(page, live_server.url, admin)
    page.goto(f"{live_server.url}/ar/admin/")
    estimates = page.locator("#lunar-estimates")
    expect(estimates.locator("caption")).to_have_text("أعياد هجرية لا تزال تواريخها تقديرية")
    page.screenshot(path=artifact_path("ar-admin-dashboard-estimates.png"), full_page=True)
    # Confirming one: the link opens the form filled in, the admin adds the source.
    estimates.locator("tr", has=page.locator("time[datetime='2026-06-16']")).get_by_role("link").click()
    expect(page.locator("#id_date")).to_have_value("16/06/2026")
    page.fill("#id_source", "بلاغ وزارة الأوقاف والشؤون الإسلامية")
    page.get_by_role("button", name="حفظ", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Holiday.objects.get(date=date(2026, 6, 16)).feast == Holiday.Feast.ISLAMIC_NEW_YEAR
    page.goto(f"{live_server.url}/ar/admin/")
    expect(page.locator("#lunar-estimates time[datetime='2026-06-16']")).to_have_count(0)
