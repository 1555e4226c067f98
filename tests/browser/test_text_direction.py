"""On an Arabic page, a Latin value typed in a free-text field keeps its own order
(dir="auto"): "avenue Mohammed V, Rabat 14" is not shown reversed."""

import pytest

from tests.browser.test_citizen_journey import citizen, log_in
from tests.factories import BodyFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]

ADDRESS = "avenue Mohammed V, Rabat 14"


def test_a_latin_value_keeps_its_order_on_an_arabic_page(live_server, page):
    body = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat")
    requester = citizen(email="walker@example.org")
    log_in(page, live_server.url, requester.email)
    page.goto(f"{live_server.url}/ar/requests/new/{body.code}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    for selector in ("#id_address", "#id_subject", "#id_information_sought"):
        field = page.locator(selector)
        field.fill(ADDRESS)
        assert field.evaluate("el => getComputedStyle(el).direction") == "ltr", selector
        assert field.evaluate("el => el.matches(':dir(ltr)')"), selector
    # Arabic typed in the same field reads right to left.
    page.locator("#id_subject").fill("ميزانية الجماعة 2025")
    assert page.locator("#id_subject").evaluate("el => getComputedStyle(el).direction") == "rtl"
