"""Officers, heads of bodies and the Commission reach the workspace only with a second
factor (TOTP); citizens never."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_citizen_is_refused(client):
    client.force_login(UserFactory())
    assert client.get("/en/workspace/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/en/workspace/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_first_visit_sets_up_totp_then_opens_the_workspace(client, officer_a):
    client.force_login(officer_a)
    response = client.get("/en/workspace/")
    assert response.status_code == 302 and "/accounts/second-factor/setup/" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "data:image/svg+xml;base64," in page.content.decode()
    secret = re.search(r'<code dir="ltr" class="reference">([A-Z2-7 ]+)</code>', page.content.decode())
    assert secret
    device = TOTPDevice.objects.get(user=officer_a)
    assert not device.confirmed
    wrong = client.post(response["Location"], {"token": "000000", "next": "/en/workspace/"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(user=officer_a).confirmed
    # django-otp slows down guessing: right after a failure, even the right code waits.
    throttled = client.post(response["Location"], {"token": code(device), "next": "/en/workspace/"})
    assert throttled.status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    right = client.post(response["Location"], {"token": code(device), "next": "/en/workspace/"})
    assert right.status_code == 302 and right["Location"] == "/en/workspace/"
    assert TOTPDevice.objects.get(user=officer_a).confirmed
    assert client.get("/en/workspace/").status_code == 200


def test_later_logins_ask_for_the_code(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    client.force_login(officer_a)
    response = client.get("/en/workspace/requests/2026-000001/")
    assert "/accounts/second-factor/?next=" in response["Location"]
    assert client.post("/en/accounts/second-factor/", {"token": "12345"}).status_code == 200
    response = client.post("/en/accounts/second-factor/", {"token": code(device),
                                                             "next": "/en/workspace/"})
    assert response.status_code == 302
    assert client.get("/en/workspace/").status_code == 200


def test_the_next_address_cannot_leave_the_site(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    client.force_login(officer_a)
    response = client.post("/en/accounts/second-factor/", {"token": code(device),
                                                             "next": "https://evil.example/"})
    assert response["Location"] == "/en/workspace/"


def test_a_commission_member_needs_it_too(client):
    member = UserFactory(commission_role=User.CommissionRole.REVIEWER)
    client.force_login(member)
    assert "/second-factor/setup/" in client.get("/en/workspace/")["Location"]
