"""The workspace's side of reasoned refusals (art. 18), reclassification (art. 17), the
body's determination after a third party's refusal (art. 9) and the written withdrawal."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import services
from requests_app.models import Decision, DecisionGround, RefusalGround, WrittenWithdrawal
from tests.factories import decide_request, make_request, officer_of, pdf_bytes
from tests.helpers import verified

pytestmark = pytest.mark.django_db

MANAGEMENT = {"ground-TOTAL_FORMS": "3", "ground-INITIAL_FORMS": "0",
              "citation-TOTAL_FORMS": "3", "citation-INITIAL_FORMS": "0"}
NEUTRAL = ("No earlier request of this requester to this body was granted with that reference in the "
           "same year (art. 18).")


def ws(reference, suffix=""):
    return f"/en/workspace/requests/{reference}/{suffix}"


def pk(code):
    return RefusalGround.objects.get(code=code).pk


def pdf(name, text="Document"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def test_a_refusal_with_a_ground_left_unreasoned_is_refused_and_nothing_saved(as_officer_a, request_a):
    response = as_officer_a.post(ws(request_a.reference, "decide/refused/"), {
        **MANAGEMENT, "outcome": "refused", "confirm": "on",
        "ground-0-ground": pk("not_available"), "ground-0-reason": "The file was never drawn up.",
        "ground-1-ground": pk("in_preparation")})
    assert response.status_code == 400
    assert "Each ground relied on needs its own written reason (art. 18)." in response.content.decode()
    request_a.refresh_from_db()
    assert request_a.state == "submitted" and not Decision.objects.exists()


def test_a_partial_grant_with_an_art18_ground_and_documents_in_full_beside_redacted_ones(
        as_officer_a, request_a, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for kind, title, upload in [("redacted", "Contract (redacted)", pdf("contract-redacted.pdf")),
                                    ("full", "Schedule", pdf("schedule.pdf"))]:
            as_officer_a.post(ws(request_a.reference, "prepared/"),
                              {"kind": kind, "public_title": title, "file": upload})
    response = as_officer_a.post(ws(request_a.reference, "decide/partially_granted/"), {
        **MANAGEMENT, "outcome": "partially_granted", "confirm": "on", "delivery_method": "email",
        "copying_cost": "0", "sending_cost": "0",
        "ground-0-ground": pk("already_published"), "ground-0-withheld_part": "The 2024 accounts",
        "ground-0-reason": "The 2024 accounts are in the Bulletin officiel.",
        "publication_reference": "BO 7480", "publication_location": "https://www.sgg.gov.ma"})
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get(request=request_a)
    assert decision.outcome == "partially_granted"
    assert sorted((d.title, d.is_redacted, d.released) for d in decision.documents.all()) == [
        ("Contract (redacted)", False, False), ("Contract (redacted)", True, True), ("Schedule", False, True)]
    item = DecisionGround.objects.get(decision=decision)
    assert (item.ground.code, item.withheld_part) == ("already_published", "The 2024 accounts")
    client.force_login(request_a.requester)
    page = client.get(f"/en/requests/{request_a.reference}/").content.decode()
    assert "The 2024 accounts are in the Bulletin officiel." in page
    assert "Contract (redacted)" in page and "Schedule" in page
    assert "contract-redacted.pdf" not in page and "schedule.pdf" not in page
    assert f"{request_a.reference}-document-1.pdf" in page and f"{request_a.reference}-document-2.pdf" in page


def test_the_decide_form_offers_grounds_to_a_partial_grant(as_officer_a, request_a):
    page = as_officer_a.get(ws(request_a.reference, "decide/partially_granted/")).content.decode()
    assert 'name="ground-0-ground"' in page and 'name="ground-0-reason"' in page
    assert "What will be public" in page and ws(request_a.reference, "prepared/") in page


@pytest.fixture
def second_request(body_a, request_a):
    """A second request of request_a's requester to the same body, later the same year."""
    return make_request(body=body_a, requester=request_a.requester, subject="Budget again")


def _refuse_as_repeated(client, request, reference):
    return client.post(ws(request.reference, "decide/refused/"), {
        **MANAGEMENT, "outcome": "refused", "confirm": "on", "ground-0-ground": pk("repeated_request"),
        "ground-0-reason": "The same budget was sent to you.", "earlier_request": reference})


def test_a_repeated_request_refusal_needs_an_earlier_grant(as_officer_a, request_a, second_request):
    decide_request(request_a, "refused")
    response = _refuse_as_repeated(as_officer_a, second_request, request_a.reference)
    assert response.status_code == 400 and NEUTRAL in response.content.decode()
    assert not Decision.objects.filter(request=second_request).exists()


def test_every_unqualified_earlier_request_gets_one_neutral_message(as_officer_a, body_a, request_a,
                                                                     second_request):
    other_body = make_request(requester=request_a.requester)
    decide_request(other_body, "granted")
    other_requester = make_request(body=body_a, id_number="ZZ999999")
    decide_request(other_requester, "granted")
    pages = [_refuse_as_repeated(as_officer_a, second_request, reference).content.decode()
             for reference in (other_body.reference, other_requester.reference, "2026-999999")]
    assert all(NEUTRAL in page for page in pages)
    assert "No request has this reference" not in "".join(pages)
    decide_request(request_a, "granted")
    assert _refuse_as_repeated(as_officer_a, second_request, request_a.reference).status_code == 302
    assert Decision.objects.get(request=second_request).earlier_request == request_a


@pytest.fixture
def urgent_a(body_a):
    return make_request(body=body_a, is_urgent=True, urgency_reason="liberty",
                        urgency_explanation="Mon frère est détenu.")


def test_reclassify_an_urgent_request_with_reasons(as_officer_a, urgent_a):
    page = as_officer_a.get(ws(urgent_a.reference)).content.decode()
    assert "Treat as an ordinary request (art. 17)" in page
    empty = as_officer_a.post(ws(urgent_a.reference, "reclassify/"), {"reasons": "", "confirm": "on"})
    assert empty.status_code == 400
    urgent_a.refresh_from_db()
    assert urgent_a.is_urgent
    response = as_officer_a.post(ws(urgent_a.reference, "reclassify/"), {
        "reasons": "The information asked for is a tender's schedule.", "confirm": "on"})
    assert response.status_code == 302
    urgent_a.refresh_from_db()
    assert not urgent_a.is_urgent and urgent_a.reclassified_on
    page = unescape(as_officer_a.get(ws(urgent_a.reference)).content.decode())
    assert "The information asked for is a tender's schedule." in page
    assert "Reclassified as an ordinary request (art. 17)" in page  # the due date's move


def test_an_ordinary_request_is_not_reclassified(as_officer_a, request_a):
    assert "reclassify/" not in as_officer_a.get(ws(request_a.reference)).content.decode()
    response = as_officer_a.post(ws(request_a.reference, "reclassify/"), {"reasons": "x", "confirm": "on"})
    assert response.status_code == 400


def test_a_head_of_body_does_not_reclassify(client, head_a, urgent_a):
    verified(client, head_a)
    response = client.post(ws(urgent_a.reference, "reclassify/"), {"reasons": "x", "confirm": "on"})
    assert response.status_code == 403
    urgent_a.refresh_from_db()
    assert urgent_a.is_urgent


def test_the_bodys_determination_after_a_third_partys_refusal_is_recorded_and_shown(
        as_officer_a, officer_a, request_a):
    consultation = services.consult_third_party(actor=officer_a, information_request=request_a,
                                                third_party="ONEE")
    services.record_third_party_answer(actor=officer_a, consultation=consultation, answer="refused",
                                       reasons="Commercial secret")
    url = ws(request_a.reference, f"consultations/{consultation.pk}/determination/")
    page = unescape(as_officer_a.get(ws(request_a.reference)).content.decode())
    assert "Record the body's determination" in page
    assert as_officer_a.post(url, {"determination": "withhold"}).status_code == 400
    response = as_officer_a.post(url, {"determination": "withhold",
                                       "determination_reasons": "The unit prices would harm competition."})
    assert response.status_code == 302
    page = unescape(as_officer_a.get(ws(request_a.reference)).content.decode())
    timeline = page.split('id="timeline-title"')[1]
    assert "The body's determination after the third party's refusal (art. 9)" in timeline
    assert "The unit prices would harm competition." in timeline


def test_an_officer_records_a_withdrawal_only_with_the_written_withdrawal(as_officer_a, request_a, client,
                                                                          body_b):
    refused = as_officer_a.post(ws(request_a.reference, "withdraw/"), {"note": "By phone", "confirm": "on"})
    assert refused.status_code == 400
    assert "Attach the requester's written withdrawal" in unescape(refused.content.decode())
    request_a.refresh_from_db()
    assert request_a.state == "submitted"
    accepted = as_officer_a.post(ws(request_a.reference, "withdraw/"), {
        "note": "Letter received 20/11", "confirm": "on",
        "written_withdrawal": pdf("retrait.pdf", "Je retire ma demande")})
    assert accepted.status_code == 302
    request_a.refresh_from_db()
    assert request_a.state == "withdrawn"
    assert WrittenWithdrawal.objects.get(request=request_a).name == "retrait.pdf"
    download = as_officer_a.get(ws(request_a.reference, "written-withdrawal/"))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    verified(client, officer_of(body_b))
    assert client.get(ws(request_a.reference, "written-withdrawal/")).status_code == 404


def test_the_written_withdrawal_is_not_on_the_public_register(client, request_a, officer_a):
    services.withdraw(actor=officer_a, information_request=request_a,
                      written_withdrawal=pdf("retrait.pdf"))
    assert "retrait.pdf" not in client.get(f"/en/register/{request_a.reference}/").content.decode()
    assert client.get(ws(request_a.reference, "written-withdrawal/")).status_code in (302, 403, 404)
