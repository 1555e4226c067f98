"""Issue 13, points 3 and 8, in a real browser: a visitor reads each link's last check
on a body's register and finds the DCAT catalogue from the compliance page; the body's
officer follows the dashboard to the broken links and from there to the entry to mend."""

from datetime import date

import pytest
from playwright.sync_api import expect

from proactive.links import checker, services
from proactive.models import Art10Category
from proactive.register import services as register_services
from tests.browser.test_accessibility import violations
from tests.factories import BodyFactory, officer_of
from tests.helpers import authenticator, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


def test_a_visitor_sees_the_checks_and_the_officer_finds_the_broken_link(browser, live_server):
    base = live_server.url
    body = BodyFactory(code="commune-rabat", name_fr="Commune de Rabat", name_en="Rabat commune")
    officer = officer_of(body)
    authenticator(officer)
    add = register_services.add_entry
    budget = add(actor=officer, body=body, category=Art10Category.objects.get(number=6), title="Budget 2026",
                 url="https://www.rabat.ma/budget-2026", formats="PDF", published_on=date(2026, 1, 20))
    markets = add(actor=officer, body=body, category=Art10Category.objects.get(number=13),
                  title="Marchés attribués", url="https://www.rabat.ma/marches",
                  published_on=date(2026, 1, 5))
    services.record_result(budget, checker.CheckResult(ok=True, status_code=200, detail=checker.ANSWERS))
    services.record_result(markets, checker.CheckResult(ok=False, status_code=404,
                                                         detail=checker.ERROR_STATUS))

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/en/proactive/{body.code}/")
    expect(visitor.locator(f"#entry-{budget.pk}")).to_contain_text("answers")
    expect(visitor.locator(f"#entry-{markets.pk}")).to_contain_text("broken")
    visitor.goto(f"{base}/en/proactive/")
    link = visitor.get_by_role("link", name="DCAT catalogue (Turtle)")
    expect(link).to_be_visible()
    answer = visitor.request.get(base + link.get_attribute("href"))
    assert answer.headers["content-type"].startswith("text/turtle")
    assert "Budget 2026" in answer.text() and "dcat:Dataset" in answer.text()

    staff = browser.new_context().new_page()
    log_in(staff, base, officer)
    staff.get_by_role("link", name="Broken links of Rabat commune: 1").click()
    expect(staff.locator("h1")).to_have_text("Broken links of Rabat commune")
    row = staff.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Marchés attribués")
    expect(row).to_contain_text("404")
    row.get_by_role("link", name="Marchés attribués").click()
    expect(staff.locator("#id_url")).to_have_value("https://www.rabat.ma/marches")

    # WCAG 2.1 AA (axe) on these pages, in Arabic and in French.
    found = {}
    for language in ("ar", "fr"):
        for who, url in ((visitor, f"/{language}/proactive/{body.code}/"),
                         (visitor, f"/{language}/proactive/"),
                         (visitor, f"/{language}/catalogue/reuse-conditions"),
                         (staff, f"/{language}/workspace/proactive/{body.code}/links/")):
            who.goto(base + url)
            found[url] = violations(who)
    assert {url: items for url, items in found.items() if items} == {}
