"""Issue 11, point 10: a head of body designates only accounts that agree. The head
invites by e-mail; the invitee, logged in as that account, accepts or declines through a
signed link; the head sees the pending invitations and cancels them."""

from datetime import date

import pytest
from django.test import Client

from accounts import services
from accounts.models import Designation, DesignationInvitation
from tests.factories import BodyFactory, UserFactory, head_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(db):
    return BodyFactory(code="commune-fes", name_fr="Commune de Fès", name_en="Fes commune")


@pytest.fixture
def head(body):
    return head_of(body)


@pytest.fixture
def citizen(db):
    return UserFactory(email="hind@example.ma", first_name="Hind", last_name="Amrani")


@pytest.fixture
def invitation(head, body, citizen):
    return services.invite(actor=head, user=citizen, body=body, decision_reference="DEC-9",
                           decision_date=date(2026, 11, 2), work_phone="+212537000000")


def link(invitation, language="en"):
    return f"/{language}/accounts/invitations/{services.invitation_token(invitation)}/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_invitee_reads_and_accepts_the_invitation(invitation, citizen, body):
    client = logged_in(citizen)
    page = client.get(link(invitation)).content.decode()
    assert "Fes commune" in page and "DEC-9" in page and "Accept the designation" in page
    response = client.post(link(invitation) + "accept/")
    assert response.status_code == 302 and response["Location"] == "/en/workspace/"
    designation = Designation.objects.get(user=citizen, body=body)
    assert designation.role == Designation.Role.INFORMATION_OFFICER
    assert designation.history.get().history_user == invitation.invited_by, "the head designates"
    # Answered: the link no longer offers anything.
    page = client.get(link(invitation)).content.decode()
    assert "Accept the designation" not in page and "Accepted" in page
    assert client.post(link(invitation) + "accept/").status_code == 302
    assert Designation.objects.filter(user=citizen, body=body).count() == 1


def test_the_invitee_declines(invitation, citizen):
    client = logged_in(citizen)
    assert client.post(link(invitation, "fr") + "decline/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Designation.objects.filter(user=citizen).exists()


def test_nobody_else_answers_the_invitation(invitation, citizen, head):
    assert Client().get(link(invitation)).status_code == 302  # to the login page
    assert Client().post(link(invitation) + "accept/").status_code == 302
    stranger = logged_in(UserFactory())
    response = stranger.get(link(invitation))
    assert response.status_code == 403
    assert "This invitation was sent to another account" in response.content.decode()
    assert "Fes commune" not in response.content.decode() and "DEC-9" not in response.content.decode()
    assert stranger.post(link(invitation) + "accept/").status_code == 403
    assert logged_in(head).post(link(invitation) + "accept/").status_code == 403
    assert stranger.get(f"/en/accounts/invitations/{invitation.pk}/").status_code == 404
    assert stranger.post(link(invitation)[:-2] + "x/accept/").status_code == 404
    assert not Designation.objects.filter(body=invitation.body, role="officer").exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_the_head_sees_and_cancels_pending_invitations(client, invitation, head, body, citizen):
    verified(client, head)
    page = client.get(f"/en/workspace/bodies/{body.code}/designations/").content.decode()
    assert "hind@example.ma" in page and "Cancel the invitation" in page
    # No one else cancels it: not an officer, not another body's head.
    for intruder in (UserFactory(), head_of(BodyFactory())):
        other = verified(Client(), intruder)
        url = f"/en/workspace/bodies/{body.code}/invitations/{invitation.pk}/cancel/"
        assert other.post(url).status_code in (302, 403, 404)
        invitation.refresh_from_db()
        assert invitation.status == "pending"
    url = f"/en/workspace/bodies/{body.code}/invitations/{invitation.pk}/cancel/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "cancelled"
    assert "hind@example.ma" not in client.get(
        f"/en/workspace/bodies/{body.code}/designations/").content.decode()
    response = logged_in(citizen).post(link(invitation) + "accept/", follow=True)
    assert "already been answered or cancelled" in response.content.decode()
    assert not Designation.objects.filter(user=citizen).exists()


def test_a_second_invitation_is_refused_with_a_clear_message(client, invitation, head, body):
    verified(client, head)
    response = client.post(f"/fr/workspace/bodies/{body.code}/designations/", {
        "email": "hind@example.ma", "decision_reference": "DEC-10",
        "decision_date": "2026-11-20", "starts_on": "2026-11-20"})
    assert response.status_code == 400
    assert "attend déjà une réponse" in response.content.decode()
    assert DesignationInvitation.objects.count() == 1
