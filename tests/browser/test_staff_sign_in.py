"""Staff sign in, in a real browser: an officer follows the home page's staff link in
Arabic, is sent the link to set up a second factor by mail, follows it, sets up the
authenticator app from the QR code (which must render), enters the code, lands on the
workspace, reads a request's full text (art. 14) and decides it; the administrator
reaches the admin with one code, on the first try, in Arabic and in French."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from requests_app.models import InformationRequest
from tests.artifacts import artifact_path
from tests.factories import BodyFactory, UserFactory, make_request, officer_of
from tests.helpers import PASSWORD, authenticator, code, follow_enrolment_link, totp_code

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        translated = gettext(text)
    assert translated != text, f"{text!r} is not translated into {language}"
    return translated


def test_an_officer_signs_in_from_the_staff_link_sets_up_the_code_reads_and_decides_in_arabic(
        live_server, page):
    base = live_server.url
    body = BodyFactory(name_ar="جماعة الرباط")
    officer = officer_of(body)
    sought = "محاضر دورات المجلس الجماعي لسنة 2025 وقرارات الميزانية المصادق عليها."
    request = make_request(body=body, subject="محاضر المجلس", information_sought=sought)
    page.goto(f"{base}/ar/")
    page.get_by_role("link", name=tr("ar", "Staff and Commission: sign in")).click()
    expect(page).to_have_url(re.compile(r"/ar/accounts/login/\?next=/ar/workspace/$"))
    page.locator("#id_login").fill(officer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=tr("ar", "Sign In"), exact=True).click()

    # No authenticator yet: the password alone does not set one up; a link is mailed to
    # the officer's address, which opens the set-up page, in Arabic, with a QR code.
    expect(page).to_have_url(re.compile(r"/ar/accounts/2fa/enrol/\?next="))
    expect(page.get_by_role("main")).to_contain_text(officer.email)
    follow_enrolment_link(page, base, tr("ar", "Set up my second factor"))
    expect(page).to_have_url(re.compile(r"/ar/accounts/2fa/totp/activate/\?next="))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Set up your second factor"))
    qr = page.get_by_role("img", name=tr("ar", "QR code holding the secret key shown below"))
    expect(qr).to_be_visible()
    page.wait_for_function("img => img.complete", arg=qr.element_handle())
    size = qr.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert size[0] > 0 and size[1] > 0, size  # an SVG without its namespace is broken: 0 × 0
    page.screenshot(path=artifact_path("ar-second-factor-setup.png"), full_page=True)

    secret = page.locator("#authenticator_secret").inner_text().strip()
    page.get_by_label(tr("ar", "Authenticator code")).fill(totp_code(secret))
    page.get_by_role("main").get_by_role("button", name=tr("ar", "Confirm")).click()
    # The recovery codes, then on to the workspace.
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Recovery Codes"))
    page.get_by_role("link", name=tr("ar", "Continue")).click()
    expect(page).to_have_url(f"{base}/ar/workspace/")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Workspace"))

    # The request's own text, not only its subject, is what the officer decides on.
    page.get_by_role("link", name=request.reference).click()
    expect(page.get_by_role("heading", name=tr("ar", "Information sought (art. 14)"))).to_be_visible()
    expect(page.locator(".sought")).to_have_text(sought)
    page.get_by_role("link", name=tr("ar", "Grant"), exact=True).click()
    page.locator("#id_explanation").fill("المحاضر مرفقة.")
    page.locator("#id_confirm").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(
        tr("ar", "The decision has been recorded and notified to the requester, with the letter."))
    request.refresh_from_db()
    assert request.state == InformationRequest.State.GRANTED
    page.screenshot(path=artifact_path("ar-officer-decided.png"), full_page=True)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_admin_signs_in_with_one_code_on_the_first_try(live_server, page, language):
    base = live_server.url
    admin = UserFactory(is_staff=True, is_superuser=True)
    authenticator(admin)
    page.goto(f"{base}/{language}/admin/")
    expect(page).to_have_url(re.compile(rf"/{language}/accounts/login/\?next=/{language}/admin/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("#id_login").fill(admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=tr(language, "Sign In"), exact=True).click()

    expect(page).to_have_url(f"{base}/{language}/accounts/2fa/authenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Two-Factor Authentication"))
    text = page.locator("body").inner_text().lower()
    assert "device" not in text and "select" not in text
    expect(page.locator('label[for="id_code"]')).to_be_visible()
    page.locator("#id_code").fill(code(admin))
    page.get_by_role("main").get_by_role("button", name=tr(language, "Sign In"), exact=True).click()

    expect(page).to_have_url(f"{base}/{language}/admin/")  # the first code is enough
    expect(page.locator("#site-name")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
