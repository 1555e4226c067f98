"""The administrator, in a real browser, in Arabic and in French, opens a request and its
decision in the admin: the record is there to read (the art. 14 identity, the state,
the clock, the grounds), and nothing but the public subject can be changed there; no
button deletes a request or a decision."""

import pytest
from playwright.sync_api import expect

from tests.artifacts import artifact_path
from tests.factories import UserFactory, decide_request, make_request
from tests.helpers import authenticator, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


@pytest.mark.parametrize("language, save", [("ar", "حفظ"), ("fr", "Enregistrer")])
def test_the_admin_shows_a_request_and_its_decision_without_a_way_around_the_workspace(
        live_server, page, language, save):
    admin = UserFactory(is_staff=True, is_superuser=True)
    authenticator(admin)
    request = make_request(id_number="ZX998877")
    decision = decide_request(request, "refused")
    log_in(page, live_server.url, admin)  # the second factor, asked on the way in
    page.goto(f"{live_server.url}/{language}/admin/")
    expect(page.locator("#site-name")).to_be_visible()

    page.goto(f"{live_server.url}/{language}/admin/requests_app/informationrequest/{request.pk}/change/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    main = page.locator("#content-main")
    expect(main).to_contain_text("ZX998877")  # the identity is shown...
    for field in ("first_name", "id_number", "address", "body", "is_urgent", "due_date",
                  "information_sought", "publication_consent", "assigned_to"):
        expect(main.locator(f"[name={field}]")).to_have_count(0)  # ...and cannot be edited
    expect(main.locator("[name=public_subject]")).to_be_editable()
    expect(main.locator("[name=subject]")).to_have_count(0)  # the requester's own words stay
    expect(page.locator("a.deletelink")).to_have_count(0)
    page.screenshot(path=artifact_path(f"{language}-admin-request-record.png"), full_page=True)

    page.goto(f"{live_server.url}/{language}/admin/requests_app/decision/{decision.pk}/change/")
    main = page.locator("#content-main")
    expect(main).to_contain_text(request.reference)
    expect(main.locator("input:not([type=hidden]), textarea, select")).to_have_count(0)
    expect(page.get_by_role("button", name=save, exact=True)).to_have_count(0)
    expect(page.locator("a.deletelink")).to_have_count(0)
    page.screenshot(path=artifact_path(f"{language}-admin-decision-record.png"), full_page=True)
