"""A passkey (WebAuthn) instead of the authenticator app, in Chromium with a virtual
authenticator: an officer adds one from the set-up page, reaches the workspace, and
later signs in with their password and the passkey."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.factories import BodyFactory, officer_of
from tests.helpers import PASSWORD, follow_enrolment_link

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


@pytest.fixture
def passkey_page(context, settings):
    # The live server speaks plain HTTP on localhost (a secure context for the browser).
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}})
    return page


def test_an_officer_uses_a_passkey_instead_of_the_app(live_server, passkey_page):
    page, base = passkey_page, live_server.url
    officer = officer_of(BodyFactory())
    page.goto(f"{base}/en/accounts/login/?next=/en/workspace/")
    page.fill("#id_login", officer.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/enrol/"))
    follow_enrolment_link(page, base, "Set up my second factor")
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/totp/activate/"))
    page.get_by_role("link", name="Use a passkey or a security key instead").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/webauthn/add/"))
    page.fill("#id_name", "Laptop")
    page.click("#mfa_webauthn_add")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    assert Authenticator.objects.filter(user=officer, type="webauthn").exists()
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{base}/en/workspace/")

    page.context.clear_cookies()
    page.goto(f"{base}/en/accounts/login/?next=/en/workspace/")
    page.fill("#id_login", officer.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/authenticate/"))
    page.click("#mfa_webauthn_authenticate")
    expect(page).to_have_url(f"{base}/en/workspace/")
