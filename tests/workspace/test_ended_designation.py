"""Art. 12: a designation gives rights while it runs, and not a day longer. An officer
whose designation at Rabat ended yesterday, and who serves Salé today, may no longer do
anything at Rabat: read a requester's identity, decide, extend, consult, message, keep
templates, register intake, download a file. Nothing is saved when the end date passes
(no sync, no task): the check itself reads today's date."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Designation
from accounts.permissions import HANDLE_REQUESTS, VIEW_BODY_REQUESTS, bodies_for, has_body_permission
from requests_app import services
from requests_app.models import InformationRequest, RefusalGround
from tests.factories import PDF_BYTES, DesignationFactory, decide_request, make_request, officer_of
from tests.helpers import verified

from .test_workspace import intake_data

pytestmark = pytest.mark.django_db

MARKER = "Zqxendedfamily"


@pytest.fixture
def ex_officer(body_a, body_b):
    user = officer_of(body_a)
    DesignationFactory(user=user, body=body_b)
    return user


def end_yesterday(user, body):
    """The designation ended yesterday: the row changes, no save hook, no sync."""
    Designation.objects.filter(user=user, body=body).update(ends_on=timezone.localdate() - timedelta(days=1))


@pytest.fixture
def requests_(body_a, body_b, ex_officer):
    made = {}
    for name, body in (("a", body_a), ("b", body_b)):
        request = make_request(body=body, family_name=MARKER, subject=f"Budget {name}")
        services.send_message(actor=officer_of(body), information_request=request, text="Pièce",
                              files=[SimpleUploadedFile("piece.pdf", PDF_BYTES,
                                                        content_type="application/pdf")])
        decided = make_request(body=body, family_name=MARKER, subject=f"Voirie {name}")
        decide_request(decided, "granted")
        made[name] = (request, decided)
    end_yesterday(ex_officer, body_a)
    return made


def ws(reference, rest=""):
    return f"/en/workspace/requests/{reference}/{rest}"


def test_the_right_ends_with_the_designation_nothing_saved(body_a, body_b, ex_officer, requests_):
    for permission in (HANDLE_REQUESTS, VIEW_BODY_REQUESTS):
        assert not has_body_permission(ex_officer, permission, body_a)
        assert has_body_permission(ex_officer, permission, body_b)
        assert list(bodies_for(ex_officer, permission)) == [body_b]


def test_the_clock_passing_the_end_date_ends_the_right(body_a, ex_officer, client):
    """The designation says it ends today; tomorrow comes and nothing is saved."""
    today = timezone.localdate()
    Designation.objects.filter(user=ex_officer, body=body_a).update(ends_on=today)
    request = make_request(body=body_a, family_name=MARKER)
    assert verified(client, ex_officer).get(ws(request.reference)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        assert timezone.localdate() == today + timedelta(days=1)
        assert not has_body_permission(ex_officer, HANDLE_REQUESTS, body_a)
        verified(client, ex_officer)
        response = client.get(ws(request.reference))
        assert response.status_code == 404 and MARKER not in response.content.decode()


def test_every_page_and_act_at_the_old_body_is_closed_and_open_at_the_new(client, ex_officer, requests_,
                                                                        body_a, body_b):
    verified(client, ex_officer)
    for name, expected in (("a", 404), ("b", 200)):
        request, decided = requests_[name]
        attachment = request.messages.get().attachments.get()
        document = decided.decision.documents.get()
        pages = [ws(request.reference), ws(request.reference, "extend/"), ws(request.reference, "consult/"),
                 ws(request.reference, "decide/refused/"), ws(request.reference, "reclassify/"),
                 ws(request.reference, "letters/receipt.pdf"),
                 ws(request.reference, f"attachments/{attachment.pk}/"),
                 ws(decided.reference), ws(decided.reference, f"documents/{document.pk}/"),
                 ws(decided.reference, "letters/decision.pdf"), ws(decided.reference, "public-subject/"),
                 f"/en/workspace/templates/{request.body.code}/new/"]
        for url in pages:
            response = client.get(url)
            assert response.status_code == expected, (url, response.status_code)
            if expected == 404:
                assert MARKER not in response.content.decode()
        # The identity is read at the new body only.
        shown = MARKER in client.get(ws(request.reference)).content.decode()
        assert shown == (name == "b")
    dashboard = client.get("/en/workspace/").content.decode()
    assert requests_["b"][0].reference in dashboard and requests_["a"][0].reference not in dashboard


def test_acts_posted_at_the_old_body_change_nothing(client, ex_officer, requests_, body_a):
    request = requests_["a"][0]
    verified(client, ex_officer)
    posts = {
        "note/": {"text": "Vu."},
        "message/": {"text": "Bonjour"},
        "extend/": {"ground": "large_volume", "reasons": "300 dossiers."},
        "consult/": {"third_party": "Société X", "asked_on": timezone.localdate().isoformat()},
        "decide/refused/": {"explanation": "Non"},
        "assign/": {"officer": ex_officer.pk},
    }
    for rest, data in posts.items():
        assert client.post(ws(request.reference, rest), data).status_code in (403, 404), rest
    request.refresh_from_db()
    assert request.state == InformationRequest.State.SUBMITTED
    assert not request.is_extended and request.assigned_to is None
    assert not request.internal_notes.exists() and not request.consultations.exists()
    assert request.messages.count() == 1
    response = client.post(f"/en/workspace/templates/{body_a.code}/new/",
                           {"use": "message", "title": "T", "text_ar": "ن", "text_fr": "T"})
    assert response.status_code == 404
    assert not body_a.response_templates.exists()


def test_intake_is_offered_for_the_new_body_only(client, ex_officer, requests_, body_a, body_b):
    verified(client, ex_officer)
    before = InformationRequest.objects.count()
    response = client.post("/en/workspace/intake/", intake_data(body_a))
    assert response.status_code == 400
    assert InformationRequest.objects.count() == before
    response = client.post("/en/workspace/intake/", intake_data(body_b))
    assert response.status_code == 302
    assert InformationRequest.objects.filter(body=body_b, channel="counter").exists()


def test_the_services_refuse_the_ex_officer_at_the_old_body(ex_officer, requests_, body_a, body_b):
    request = requests_["a"][0]
    acts = [
        lambda: services.decide(actor=ex_officer, information_request=request, outcome="refused",
                                refusal_grounds=[RefusalGround.objects.get(code="not_available")],
                                explanation="Non"),
        lambda: services.extend_deadline(actor=ex_officer, information_request=request,
                                         ground="large_volume", reasons="300 dossiers."),
        lambda: services.consult_third_party(actor=ex_officer, information_request=request,
                                             third_party="Société X"),
        lambda: services.send_message(actor=ex_officer, information_request=request, text="Bonjour"),
        lambda: services.add_internal_note(actor=ex_officer, information_request=request, text="Vu."),
        lambda: services.assign(actor=ex_officer, information_request=request, officer=None),
        lambda: services.save_response_template(actor=ex_officer, body=body_a, use="message", title="T",
                                                text_ar="ن", text_fr="T"),
        lambda: services.create_request(actor=ex_officer, body=body_a, channel="counter",
                                        subject="S", information_sought="I", first_name="A",
                                        family_name="B", address="C", id_type="cin", id_number="K1",
                                        received_at=timezone.now()),
    ]
    for act in acts:
        with pytest.raises(PermissionDenied):
            act()
    request.refresh_from_db()
    assert request.state == InformationRequest.State.SUBMITTED
    # At the new body the same officer acts.
    services.add_internal_note(actor=ex_officer, information_request=requests_["b"][0], text="Vu.")
