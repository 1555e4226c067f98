"""Found on the walk of issue 11 (display): the invitation's mail and answer name the role
lower-case and the body after a colon ("… auprès de : Commune de Rabat", never "de
Commune de Rabat"); the invitation page lays out its facts and buttons as other pages
do; the head's list of pending invitations names the person once; the recovery codes'
two links are apart."""

import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client

from accounts import services
from tests.factories import BodyFactory, UserFactory, head_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(db):
    return BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                       name_en="Rabat commune")


@pytest.fixture
def head(body):
    return head_of(body)


def invite(head, body, user, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invite(actor=head, user=user, body=body, decision_reference="DEC-2026-17",
                               decision_date=date(2026, 11, 30), **kwargs)


def link(invitation, language):
    return f"/{language}/accounts/invitations/{services.invitation_token(invitation)}/"


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "comme personne chargée de l'information auprès de : Commune de Rabat"),
    ("ar", "بصفة الشخص المكلف لدى: جماعة الرباط"),
])
def test_the_invitation_mail_names_the_role_and_the_body_as_the_language_writes_them(
        head, body, django_capture_on_commit_callbacks, language, expected):
    user = UserFactory(email="walker2@example.org", preferred_language=language)
    invite(head, body, user, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    for text in (message.subject, message.body):
        assert expected in text, text
        assert "Personne chargée" not in text and "de Commune" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "désigné(e) comme personne chargée de l'information auprès de : Commune de Rabat"),
    ("ar", "بصفة الشخص المكلف لدى: جماعة الرباط"),
])
def test_the_acceptance_message_names_the_role_and_the_body_as_the_language_writes_them(
        head, body, django_capture_on_commit_callbacks, language, expected):
    user = UserFactory(email="walker2@example.org")
    invitation = invite(head, body, user, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(user)
    response = client.post(link(invitation, language) + "accept/", follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any(expected in message for message in shown), shown
    assert not any("de Commune" in message for message in shown)


def test_the_decline_message_introduces_the_body_after_a_colon(
        head, body, django_capture_on_commit_callbacks):
    user = UserFactory(email="walker2@example.org")
    invitation = invite(head, body, user, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(user)
    response = client.post(link(invitation, "fr") + "decline/", follow=True)
    assert "Vous avez refusé l'invitation à exercer auprès de : Commune de Rabat." in [
        str(message) for message in response.context["messages"]]


def test_the_invitation_page_lays_out_its_facts_and_buttons(
        head, body, django_capture_on_commit_callbacks):
    user = UserFactory(email="walker2@example.org")
    invitation = invite(head, body, user, django_capture_on_commit_callbacks,
                        work_email="ri@rabat.ma", work_phone="+212537000000")
    client = Client()
    client.force_login(user)
    page = client.get(link(invitation, "ar")).content.decode()
    assert '<dl class="facts">' in page
    assert '<bdi dir="ltr">ri@rabat.ma</bdi>' in page and '<bdi dir="ltr">+212537000000</bdi>' in page
    # Accept and Decline in one row of actions, as on the other pages.
    actions = re.search(r'<ul class="actions">(.*?)</ul>', page, re.S).group(1)
    assert actions.count("<li>") == 2 and "/accept/" in actions and "/decline/" in actions


def test_a_pending_invitation_names_the_person_once(
        client, head, body, django_capture_on_commit_callbacks):
    invite(head, body, UserFactory(email="walker2@example.org", first_name="", last_name=""),
           django_capture_on_commit_callbacks)
    invite(head, body, UserFactory(email="hind@example.ma", first_name="Hind", last_name="Amrani"),
           django_capture_on_commit_callbacks)
    page = verified(client, head).get(f"/fr/workspace/bodies/{body.code}/designations/").content.decode()
    pending = page.split("<h2>", 2)[1]
    assert pending.count("walker2@example.org") == 1
    assert "Hind Amrani" in pending and pending.count("hind@example.ma") == 1


def test_the_recovery_codes_links_are_apart(client, head):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(head)
    page = verified(client, head).get("/fr/accounts/2fa/recovery-codes/").content.decode()
    actions = re.search(r'<ul class="actions">(.*?)</ul>', page, re.S).group(1)
    assert re.search(r'<li><a class="button secondary" href="[^"]+">Télécharger les codes</a></li>',
                     actions)
    assert re.search(r'<li><a class="button secondary" href="[^"]+">Générer de nouveaux codes</a></li>',
                     actions)
    assert "Il y a" in page and "Codes inutilisés" in page


def test_the_inviters_name_cannot_turn_the_mail_around(head, body, django_capture_on_commit_callbacks):
    """A name typed with a right-to-left override (U+202E) reaches the mail without it."""
    head.first_name, head.last_name = "Karim\u202e", "Alaoui"
    head.save()
    user = UserFactory(email="walker3@example.org", preferred_language="fr")
    invite(head, body, user, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert "Karim" in message.body and "\u202e" not in message.body
