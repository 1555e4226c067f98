"""Issue 11, point 6: the accounts' doors an attacker tried. An old verification link
after deactivation, sign-up's work with a known address, the session key after the
second factor, the staff's idle timeout, and login throttling behind the proxy."""

import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from tests.factories import UserFactory
from tests.helpers import PASSWORD as FACTORY_PASSWORD
from tests.helpers import authenticator, code, verified

pytestmark = pytest.mark.django_db
PASSWORD = "Nafida-Test-2026!"


def sign_up(client, email, language="en"):
    return client.post(f"/{language}/accounts/signup/",
                       {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


# --- a. an old verification link after the account was deactivated -------------------

def deactivated_with_old_link(client):
    sign_up(client, "late@example.ma")
    link = link_in(mail.outbox[0])
    user = User.objects.get(email="late@example.ma")
    user.is_active = False
    user.save()
    return user, link


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_old_verification_link_never_reactivates_a_deactivated_account(client, method):
    """Same browser as the sign-up (allauth would log in on confirmation): no login, the
    account stays inactive and its address unverified, and the page says why."""
    user, link = deactivated_with_old_link(client)
    response = getattr(client, method)(link, follow=True)
    user.refresh_from_db()
    assert not user.is_active
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    assert client.get("/en/requests/mine/").status_code == 302
    assert "This account has been deactivated" in response.content.decode()


def test_an_old_verification_link_from_another_browser_does_not_log_in_either(client):
    user, link = deactivated_with_old_link(client)
    other = Client()
    response = other.post(link, follow=True)
    user.refresh_from_db()
    assert not user.is_active and "_auth_user_id" not in other.session
    assert "This account has been deactivated" in response.content.decode()


def test_the_deactivation_message_is_translated(client):
    _, link = deactivated_with_old_link(client)
    page = client.get(link.replace("/en/", "/fr/"), follow=True).content.decode()
    assert "Ce compte a été désactivé" in page


# --- b. sign-up does the same work whether the address exists or not ------------------

class CountingHasher:
    """Counts the passwords hashed (the costly step in production: PBKDF2)."""

    def __init__(self, monkeypatch):
        self.calls = 0
        hasher = get_hasher()
        original = type(hasher).encode

        def encode(this, password, salt, *args, **kwargs):
            self.calls += 1
            return original(this, password, salt, *args, **kwargs)

        monkeypatch.setattr(type(hasher), "encode", encode)


def sign_up_measured(monkeypatch, email):
    hasher = CountingHasher(monkeypatch)
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        response = sign_up(Client(), email)
    inserts = [q["sql"].split()[2] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    return response, hasher.calls, len(mail.outbox), sorted(inserts)


def test_sign_up_does_the_same_work_for_a_known_and_a_new_address(monkeypatch):
    UserFactory(email="known@example.ma")
    known = sign_up_measured(monkeypatch, "known@example.ma")
    new = sign_up_measured(monkeypatch, "new@example.ma")
    # The same answer…
    assert (known[0].status_code, known[0]["Location"]) == (new[0].status_code, new[0]["Location"])
    # …after hashing the password once, writing the same rows, and mailing once, each.
    assert known[1] == new[1] == 1
    assert known[3] == new[3]
    assert known[2] == new[2] == 1
    # Nothing of the attempt is kept for the known address.
    assert User.objects.filter(email__iexact="known@example.ma").count() == 1
    assert not User.objects.exclude(email__in=["known@example.ma", "new@example.ma"]).exists()


# --- d. the session key after the second factor ---------------------------------------

def test_the_session_key_changes_when_the_code_is_given(client, officer):
    authenticator(officer)
    client.post("/en/accounts/login/", {"login": officer.email, "password": FACTORY_PASSWORD})
    before = client.session.session_key
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code(officer)})
    assert response.status_code == 302
    assert client.session.session_key != before


def test_the_session_key_changes_when_a_password_session_passes_the_second_factor(client, officer):
    """Logged in with the password alone (e.g. the factor set up since), then the code
    (allauth's reauthentication): the session that now opens the workspace is a new one."""
    authenticator(officer)
    client.force_login(officer)
    before = client.session.session_key
    response = client.post("/en/accounts/2fa/reauthenticate/?next=/en/workspace/",
                           {"code": code(officer), "next": "/en/workspace/"})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.get("/en/workspace/").status_code == 200


# --- e. staff sessions idle for too long ------------------------------------------------

def test_an_idle_staff_session_is_logged_out(client, officer, settings):
    settings.NAFIDA_STAFF_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        verified(client, officer)
        assert client.get("/en/workspace/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(minutes=29), tick=False):
        assert client.get("/en/workspace/").status_code == 200  # activity keeps it alive
    with time_machine.travel(start + timezone.timedelta(minutes=58), tick=False):
        assert client.get("/en/workspace/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(minutes=89), tick=False):
        response = client.get("/en/workspace/")
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=/en/workspace/")
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"]).content.decode()
        assert "You were signed out after 30 minutes without activity" in page


def test_a_citizen_session_has_no_idle_timeout(client, citizen, settings):
    settings.NAFIDA_STAFF_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(citizen)
        assert client.get("/en/requests/mine/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(hours=5), tick=False):
        assert client.get("/en/requests/mine/").status_code == 200


def test_the_idle_message_is_translated(client, officer, settings):
    settings.NAFIDA_STAFF_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        verified(client, officer)
        client.get("/fr/workspace/")
    with time_machine.travel(start + timezone.timedelta(minutes=31), tick=False):
        page = client.get("/fr/workspace/", follow=True).content.decode()
    assert "Vous avez été déconnecté après 30 minutes sans activité" in page


# --- f. login throttling and the client's address behind the proxy ----------------------

def fail(client, user, **headers):
    return client.post("/en/accounts/login/", {"login": user.email, "password": "wrong-one"},
                       **headers)


def succeed(client, user, **headers):
    return client.post("/en/accounts/login/", {"login": user.email, "password": FACTORY_PASSWORD},
                       **headers)


PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def via_proxy(client_address, forged=""):
    chain = f"{forged}, {client_address}" if forged else client_address
    return {**PROXY, "HTTP_X_FORWARDED_FOR": chain}


def test_behind_one_proxy_failures_lock_out_only_the_client_that_made_them(settings, officer):
    settings.NAFIDA_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = Client()
    for _ in range(5):
        fail(attacker, officer, **via_proxy("203.0.113.5"))
    assert succeed(attacker, officer, **via_proxy("203.0.113.5")).status_code == 429
    # The officer, at another address behind the same proxy, still gets in.
    response = succeed(Client(), officer, **via_proxy("198.51.100.7"))
    assert response.status_code == 302 and "/accounts/login/" not in response["Location"]


def test_behind_one_proxy_a_forged_chain_does_not_move_the_attacker(settings, officer):
    """The attacker writes a fresh address in X-Forwarded-For each time; the proxy appends
    the real one, which alone counts."""
    settings.NAFIDA_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        fail(Client(), officer, **via_proxy("203.0.113.5", forged=f"192.0.2.{n}"))
    assert succeed(Client(), officer, **via_proxy("203.0.113.5", forged="192.0.2.99")).status_code == 429
    assert succeed(Client(), officer, **via_proxy("198.51.100.7", forged="203.0.113.5")).status_code == 302


def test_without_a_trusted_proxy_the_header_is_ignored(settings, officer):
    settings.NAFIDA_TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        fail(Client(), officer, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # A forged header does not get the attacker a new address…
    assert succeed(Client(), officer, REMOTE_ADDR="203.0.113.5",
                   HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    # …nor lock out the address it names.
    assert succeed(Client(), officer, REMOTE_ADDR="192.0.2.1").status_code == 302


def test_a_stranger_cannot_lock_an_officer_out_for_everyone(settings, officer):
    """Failures spread over many addresses (allauth's per-account limit, django-axes's
    per-address lock): the owner, from their own address, still logs in."""
    settings.NAFIDA_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(30):
        fail(Client(), officer, **via_proxy(f"203.0.113.{n}"))
    response = succeed(Client(), officer, **via_proxy("198.51.100.7"))
    assert response.status_code == 302 and "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "198.51.100.9", "10.0.0.1"),                    # no proxy: the header is the client's
    (1, "198.51.100.9", "198.51.100.9"),                # what our proxy appended
    (1, "192.0.2.66, 198.51.100.9", "198.51.100.9"),    # a forged entry to its left
    (2, "192.0.2.66, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
    (2, "198.51.100.9", "10.0.0.1"),                    # did not come through both proxies
])
def test_the_client_address_is_read_by_ipware_under_the_trusted_proxy_count(
        settings, rf, proxies, forwarded, expected):
    from accounts.client_ip import client_ip

    settings.NAFIDA_TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
