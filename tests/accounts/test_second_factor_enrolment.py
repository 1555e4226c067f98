"""Issue 11, point 6: a second factor is set up through a one-time link mailed to the
account's verified address (or issued by an administrator), never by whoever holds the
password alone."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import SecondFactorEnrolment
from tests.factories import UserFactory
from tests.helpers import PASSWORD, authenticator, code, enrolment_link, totp_code

pytestmark = pytest.mark.django_db
ACTIVATE = "/en/accounts/2fa/totp/activate/"


def log_in_with_password(client, user):
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def activate(client, next_url="/en/workspace/"):
    page = client.get(f"{ACTIVATE}?next={next_url}").content.decode()
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)</code>', page).group(1)
    return client.post(ACTIVATE, {"code": totp_code(secret), "next": next_url})


def test_a_password_alone_cannot_reach_the_totp_set_up(client, officer):
    log_in_with_password(client, officer)
    response = client.get("/en/workspace/")
    assert response["Location"] == "/en/accounts/2fa/enrol/?next=%2Fen%2Fworkspace%2F"
    for attempt in (client.get(ACTIVATE), client.post(ACTIVATE, {"code": "123456"}),
                    client.get("/en/accounts/2fa/webauthn/add/")):
        assert attempt.status_code == 302 and attempt["Location"].startswith("/en/accounts/2fa/enrol/")
    assert not Authenticator.objects.filter(user=officer).exists()


def test_the_link_is_mailed_to_the_verified_address_and_opens_the_set_up_once(client, officer):
    log_in_with_password(client, officer)
    page = client.get("/en/accounts/2fa/enrol/?next=/en/workspace/")
    assert page.status_code == 200
    assert "A link to set up your second factor has been sent to your address" in page.content.decode()
    assert [m.to for m in mail.outbox] == [[officer.email]]
    # Coming back to the page does not mail again at once.
    client.get("/en/accounts/2fa/enrol/")
    assert len(mail.outbox) == 1
    link = enrolment_link()
    # Opening it (as a mail scanner would) uses nothing: a button does.
    assert client.get(link).status_code == 200
    response = client.post(link)
    # On to the set-up, then back to the page that asked for the second factor.
    assert response.status_code == 302
    assert response["Location"] == f"{ACTIVATE}?next=%2Fen%2Fworkspace%2F"
    done = activate(client)
    assert done.status_code == 302 and "/accounts/2fa/recovery-codes/" in done["Location"]
    assert Authenticator.objects.filter(user=officer, type="totp").exists()
    assert client.get("/en/workspace/").status_code == 200
    # Used once: it opens nothing again.
    again = client.post(link)
    assert again.status_code == 403 and "This link cannot be used" in again.content.decode()


def test_a_used_link_is_refused_in_a_new_session(officer):
    first = log_in_with_password(Client(), officer)
    first.get("/en/accounts/2fa/enrol/")
    link = enrolment_link()
    first.post(link)
    second = log_in_with_password(Client(), officer)
    response = second.post(link)
    assert response.status_code == 403
    assert second.get(ACTIVATE)["Location"].startswith("/en/accounts/2fa/enrol/")


def test_an_expired_link_is_refused(client, officer, settings):
    settings.NAFIDA_MFA_ENROLMENT_LINK_HOURS = 24
    log_in_with_password(client, officer)
    client.get("/en/accounts/2fa/enrol/")
    link = enrolment_link()
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        client = log_in_with_password(Client(), officer)
        response = client.post(link)
        assert response.status_code == 403 and "This link cannot be used" in response.content.decode()
        assert client.get(ACTIVATE)["Location"].startswith("/en/accounts/2fa/enrol/")


def test_the_link_is_bound_to_its_account(client, officer):
    log_in_with_password(client, officer)
    client.get("/en/accounts/2fa/enrol/")
    link = enrolment_link()
    other = log_in_with_password(Client(), UserFactory())
    assert other.post(link).status_code == 403
    assert other.get(ACTIVATE)["Location"].startswith("/en/accounts/2fa/enrol/")
    # The owner can still use it.
    assert client.post(link).status_code == 302


def test_an_anonymous_visitor_opening_the_link_logs_in_first(officer):
    log_in_with_password(Client(), officer).get("/en/accounts/2fa/enrol/")
    link = enrolment_link()
    response = Client().get(link)
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/?next=")
    assert SecondFactorEnrolment.objects.get().used_at is None


def test_a_second_authenticator_needs_the_first(client, officer):
    """Logged in with the password while an authenticator exists: adding a passkey asks
    for the existing code first."""
    authenticator(officer)
    client.force_login(officer)
    response = client.get("/en/accounts/2fa/webauthn/add/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/2fa/reauthenticate/")


def test_an_administrator_mails_a_link(client, officer, admin_user):
    from tests.helpers import verified

    verified(client, admin_user)
    response = client.post("/en/admin/accounts/user/", {
        "action": "send_second_factor_link", "_selected_action": [officer.pk]}, follow=True)
    assert response.status_code == 200
    assert f"A link to set up a second factor was sent to {officer.email}" in response.content.decode()
    assert mail.outbox[-1].to == [officer.email]
    enrolment = SecondFactorEnrolment.objects.get(user=officer)
    assert enrolment.issued_by == admin_user
    # The officer follows it after logging in with the password.
    officer_client = log_in_with_password(Client(), officer)
    assert officer_client.post(enrolment_link()).status_code == 302
    assert activate(officer_client).status_code == 302
    assert Authenticator.objects.filter(user=officer, type="totp").exists()


def test_without_a_verified_address_nothing_is_mailed_and_the_page_says_so(client):
    officer = UserFactory(email_verified=False)
    client.force_login(officer)
    page = client.get("/en/accounts/2fa/enrol/").content.decode()
    assert "Your account has no verified e-mail address to send the link to" in page
    assert not mail.outbox and not SecondFactorEnrolment.objects.exists()


def test_later_logins_still_ask_for_the_code(client, officer):
    authenticator(officer)
    log_in_with_password(client, officer)
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code(officer)})
    assert response.status_code == 302
    assert client.get("/en/workspace/").status_code == 200
    assert not mail.outbox


def test_the_link_leads_back_to_the_page_that_asked_for_the_factor(client):
    """An administrator without an authenticator asks for the admin: once the mailed link
    is opened and the app set up, the admin opens."""
    log_in_with_password(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.get(client.get("/en/admin/")["Location"])
    assert response["Location"] == "/en/accounts/2fa/enrol/?next=%2Fen%2Fadmin%2F"
    client.get(response["Location"])
    response = client.post(enrolment_link())
    assert response["Location"] == f"{ACTIVATE}?next=%2Fen%2Fadmin%2F"
    done = activate(client, next_url="/en/admin/")
    assert done["Location"] == "/en/accounts/2fa/recovery-codes/?next=%2Fen%2Fadmin%2F"
    assert client.get("/en/admin/").status_code == 200


def test_the_link_goes_to_the_work_address_the_body_recorded(client, body):
    """The officer's work e-mail (art. 12 designation), not an address of the account."""
    from tests.factories import DesignationFactory

    officer = DesignationFactory(body=body, work_email="bureau.information@commune.ma").user
    log_in_with_password(client, officer)
    client.get("/en/accounts/2fa/enrol/?next=/en/workspace/")
    assert [m.to for m in mail.outbox] == [["bureau.information@commune.ma"]]


def test_whoever_holds_a_staff_password_cannot_add_an_address_to_receive_the_link(client, officer):
    """Else: add one's own address, verify it, make it primary, and ask for the link."""
    from allauth.account.models import EmailAddress

    log_in_with_password(client, officer)
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "intruder@example.org"})
    assert "Your address is the one your administration recorded" in response.content.decode()
    assert not EmailAddress.objects.filter(email="intruder@example.org").exists()
    assert mail.outbox == []


def test_a_citizen_still_adds_an_address(client):
    from allauth.account.models import EmailAddress

    citizen = UserFactory()
    log_in_with_password(client, citizen)
    client.post("/en/accounts/email/", {"action_add": "", "email": "second@example.org"})
    assert EmailAddress.objects.filter(user=citizen, email="second@example.org").exists()
