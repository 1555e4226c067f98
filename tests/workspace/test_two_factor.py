"""Officers, heads of bodies and the Commission reach the workspace only with a second
factor (allauth.mfa: an authenticator app or a passkey); citizens never."""

import re

import pytest
from allauth.mfa.models import Authenticator

from accounts.models import User
from tests.factories import UserFactory
from tests.helpers import PASSWORD, authenticator, code, enrolment_link, totp_code

pytestmark = pytest.mark.django_db


def log_in_with_password(client, user):
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_a_citizen_is_refused(client):
    client.force_login(UserFactory())
    assert client.get("/en/workspace/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/en/workspace/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_first_visit_sets_up_totp_through_the_mailed_link_then_opens_the_workspace(client, officer_a):
    log_in_with_password(client, officer_a)
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/enrol/?next=%2Fen%2Fworkspace%2F"
    # The password alone does not open the set-up: the link mailed to the address does.
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 302
    client.get(response["Location"])
    response = client.post(enrolment_link())
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fen%2Fworkspace%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "data:image/svg+xml;base64," in page.content.decode()
    secret = re.search(r'<code dir="ltr" class="reference" id="authenticator_secret">([A-Z2-7]+)</code>',
                       page.content.decode()).group(1)
    assert not Authenticator.objects.filter(user=officer_a).exists()
    wrong = client.post("/en/accounts/2fa/totp/activate/", {"code": "000000", "next": "/en/workspace/"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=officer_a).exists()
    assert client.get("/en/workspace/").status_code == 302  # still not past the second factor
    right = client.post("/en/accounts/2fa/totp/activate/", {"code": totp_code(secret),
                                                             "next": "/en/workspace/"})
    # The recovery codes are shown once set up, with the way back to the workspace.
    assert right.status_code == 302
    assert right["Location"] == "/en/accounts/2fa/recovery-codes/?next=%2Fen%2Fworkspace%2F"
    codes = client.get(right["Location"]).content.decode()
    assert 'href="/en/workspace/"' in codes
    assert Authenticator.objects.filter(user=officer_a, type="totp").exists()
    assert client.get("/en/workspace/").status_code == 200


def test_later_logins_ask_for_the_code(client, officer_a):
    authenticator(officer_a)
    response = client.post("/en/accounts/login/?next=/en/workspace/", {
        "login": officer_a.email, "password": PASSWORD, "next": "/en/workspace/"})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert client.get("/en/workspace/").status_code == 302  # not logged in yet
    assert client.post("/en/accounts/2fa/authenticate/", {"code": "123456"}).status_code == 200
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code(officer_a)})
    assert response.status_code == 302 and response["Location"] == "/en/workspace/"
    assert client.get("/en/workspace/").status_code == 200


def test_a_code_is_not_accepted_twice(client, officer_a):
    authenticator(officer_a)
    log_in_with_password(client, officer_a)
    assert client.post("/en/accounts/2fa/authenticate/", {"code": code(officer_a)}).status_code == 302
    client.logout()
    log_in_with_password(client, officer_a)
    assert client.post("/en/accounts/2fa/authenticate/", {"code": code(officer_a)}).status_code == 200


def test_a_password_alone_never_opens_the_workspace(client, officer_a):
    """Logged in without the code (e.g. before the authenticator was set up elsewhere):
    the workspace asks for the code again."""
    authenticator(officer_a)
    client.force_login(officer_a)
    response = client.get("/en/workspace/")
    assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/?next=")


def test_the_next_address_cannot_leave_the_site(client, officer_a):
    authenticator(officer_a)
    response = client.post("/en/accounts/login/", {
        "login": officer_a.email, "password": PASSWORD, "next": "https://evil.example/"})
    response = client.post(response["Location"], {"code": code(officer_a)})
    assert response["Location"] == "/en/workspace/"


def test_a_commission_member_needs_it_too(client):
    member = UserFactory(commission_role=User.CommissionRole.REVIEWER)
    client.force_login(member)
    assert "/2fa/enrol/" in client.get("/en/workspace/")["Location"]
