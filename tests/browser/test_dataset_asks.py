"""Issue 13, point 5, in a real browser: a citizen asks the body for a dataset, a
second citizen supports it and is refused a second support; the body's officer, with
the second factor, finds it in the queue from the workspace and answers it; everyone
sees the answer on the public page, without the asker's name."""

import pytest
from playwright.sync_api import expect

from proactive.models import DatasetAsk
from tests.factories import BodyFactory, UserFactory, officer_of
from tests.helpers import authenticator, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


def test_ask_support_and_answer(browser, live_server):
    base = live_server.url
    body = BodyFactory(code="commune-rabat", name_en="Rabat commune", name_fr="Commune de Rabat")
    officer = officer_of(body)
    authenticator(officer)
    asker = UserFactory(first_name="Zqxasker", email="asker@example.ma")
    supporter = UserFactory(email="supporter@example.ma")

    citizen = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(citizen, base, asker, "/en/data-asks/new/")
    citizen.select_option("#id_body", "commune-rabat")
    citizen.fill("#id_title", "Public car parks and their fees")
    citizen.fill("#id_description", "To find a place downtown.")
    citizen.click("main form button[type=submit]")
    expect(citizen.locator("h1")).to_have_text("Public car parks and their fees")
    expect(citizen.locator("main")).to_contain_text("1 account supports this ask")
    expect(citizen.locator("main")).to_contain_text("You support this ask.")

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    item = DatasetAsk.objects.get()
    log_in(other, base, supporter, f"/en/data-asks/{item.pk}/")
    other.get_by_role("button", name="Support this ask").click()
    expect(other.locator("main")).to_contain_text("2 accounts support this ask")
    expect(other.get_by_role("button", name="Support this ask")).to_have_count(0)

    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(staff, base, officer)
    staff.click("text=Asks for datasets (1 awaiting an answer)")
    staff.click("text=Public car parks and their fees")
    staff.get_by_label("Declined, with the reason").check()
    staff.click("main form button[type=submit]")
    expect(staff.locator(".error-summary, .errorlist").first).to_be_visible()
    staff.fill("#id_reason", "The fees are set by the concession holder, who publishes them.")
    staff.click("main form button[type=submit]")
    expect(staff.locator("h1")).to_have_text("Asks for datasets to my bodies")

    anonymous = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    anonymous.goto(f"{base}/en/data-asks/")
    anonymous.click("text=Public car parks and their fees")
    main = anonymous.locator("main")
    expect(main).to_contain_text("Declined")
    expect(main).to_contain_text("The fees are set by the concession holder")
    expect(main).not_to_contain_text("Zqxasker")
