"""Issue 11, point 9: no 500 on hostile input. A NUL byte in a search, a reference, an
address or a form field, a receipt date before the law's first rule, a non-numeric id,
and dates that make no sense (an answer before its question, a year 9999, a designation
before its decision, a receipt in the future) are each refused with 400 or 404 and a
message in the page's language, and nothing is saved.

PostgreSQL refuses NUL in text (the 500 the attack found); the refusal here comes before
any query, so these tests say the same on SQLite and on PostgreSQL."""

import uuid
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from accounts.models import Designation, DesignationInvitation
from requests_app.models import (
    InformationRequest,
    InternalNote,
    ReferenceSequence,
    ThirdPartyConsultation,
)
from tests.factories import BodyFactory, decide_request, head_of, make_request, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db

NUL_PAGE = "The address or the form contains a null character, which Nafida does not accept"
NUL_PAGE_FR = "L’adresse ou le formulaire contient un caractère nul, que Nafida n’accepte pas"
BEFORE_THE_LAW = "when the periods of the law took effect: no period can be counted from it"


@pytest.fixture
def body(db):
    return BodyFactory()


@pytest.fixture
def request_(body):
    return make_request(body=body, received_on=date(2026, 9, 1))


@pytest.fixture
def as_officer(client, body):
    return verified(client, officer_of(body))


def page(response) -> str:
    return unescape(response.content.decode())


def counts():
    return (InformationRequest.objects.count(), ReferenceSequence.objects.values_list("last", flat=True)
            .first(), ThirdPartyConsultation.objects.count(), Designation.objects.count())


# -- NUL ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/en/register/?q=budget%00",
    "/en/register/?body=%00",
    "/en/register/export.csv?q=%00",
    "/en/bodies/?q=%00",
    "/en/requests/new/?q=rabat%00",
    "/en/register/2026-000001%00/",
    "/en/register/%00/documents/1/",
])
def test_a_nul_byte_in_a_public_address_is_a_400_with_a_clear_page(client, url):
    response = client.get(url)
    assert response.status_code == 400 and NUL_PAGE in page(response)


def test_the_nul_page_speaks_the_pages_language(client):
    response = client.get("/fr/register/?q=%00")
    assert response.status_code == 400 and NUL_PAGE_FR in page(response)
    assert 'lang="fr"' in page(response)


def test_the_nul_page_keeps_the_security_headers(client):
    response = client.get("/en/register/?q=%00")
    assert response.status_code == 400
    assert "Content-Security-Policy" in response.headers and response.headers["X-Frame-Options"] == "DENY"


def test_a_forged_session_cookie_with_a_nul_is_no_session(client, request_):
    """PostgreSQL refuses the key at the session's look-up: the visitor is anonymous."""
    client.cookies["sessionid"] = "abcdefghijkl\x00mnop"
    assert client.get("/en/register/").status_code == 200
    response = client.get("/en/requests/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("suffix", ["?q=%00", "?body=%00", "?queue=%00", "?page=%00"])
def test_a_nul_byte_in_the_workspace_search_is_a_400(as_officer, suffix):
    response = as_officer.get(f"/en/workspace/{suffix}")
    assert response.status_code == 400 and NUL_PAGE in page(response)


def test_a_nul_byte_in_a_reference_in_the_address_is_a_400(as_officer, client, request_):
    assert as_officer.get("/en/workspace/requests/%00/").status_code == 400
    assert as_officer.get(f"/en/workspace/requests/{request_.reference}%00/note/").status_code == 400
    client.force_login(request_.requester)
    assert client.get(f"/en/requests/{request_.reference}%00/").status_code == 400


def test_a_nul_byte_in_a_form_field_saves_nothing(as_officer, request_):
    before = counts()
    response = as_officer.post(f"/en/workspace/requests/{request_.reference}/note/",
                               {"text": "An internal note\x00 with a NUL"})
    assert response.status_code == 400 and NUL_PAGE in page(response)
    assert not InternalNote.objects.exists()
    response = as_officer.post("/en/workspace/intake/", {
        **_intake(request_.body), "subject": "Plan\x00"})
    assert response.status_code == 400 and counts() == before


def test_a_nul_byte_in_a_claimed_reference_or_a_login_is_a_400(client, request_):
    client.force_login(request_.requester)
    response = client.post("/en/requests/claim/", {"reference": "2026-000001\x00", "code": "ABCDEFGH"})
    assert response.status_code == 400 and NUL_PAGE in page(response)
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "someone@example.ma\x00",
                                                     "password": "x"})
    assert response.status_code == 400


# -- dates ----------------------------------------------------------------------------------


def _intake(body, **overrides):
    return {"body": body.pk, "channel": "counter", "received_on": "2026-11-02",
            "first_name": "Said", "family_name": "Amrani", "address": "Douar Ouled Ali",
            "id_type": "cin", "id_number": "K11111", "email": "", "phone": "",
            "subject": "Plan de la commune", "information_sought": "Le plan d'aménagement.",
            "delivery_preference": "consultation", "submission_key": str(uuid.uuid4()),
            "confirm": "on", **overrides}


@pytest.mark.parametrize("received_on", ["2019-03-11", "1900-01-01", "0001-01-01"])
def test_an_intake_before_the_first_legal_rule_is_a_form_error(as_officer, body, received_on):
    before = counts()
    response = as_officer.post("/en/workspace/intake/", _intake(body, received_on=received_on))
    assert response.status_code == 400 and BEFORE_THE_LAW in page(response)
    assert counts() == before


def test_an_intake_before_the_first_legal_rule_is_refused_in_french(client, body):
    verified(client, officer_of(body))
    response = client.post("/fr/workspace/intake/", _intake(body, received_on="2000-01-01"))
    assert response.status_code == 400
    assert "lorsque les délais de la loi ont pris effet" in page(response)


def test_the_service_refuses_a_receipt_before_the_first_legal_rule(body):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_request(body=body, received_on=date(2010, 5, 3))
    assert BEFORE_THE_LAW in str(refused.value.message_dict["received_at"])
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("received_on", ["9999-12-31", "2999-01-01"])
def test_an_intake_in_the_future_is_a_form_error(as_officer, body, received_on):
    before = counts()
    response = as_officer.post("/en/workspace/intake/", _intake(body, received_on=received_on))
    assert response.status_code == 400
    assert "The date of receipt cannot be in the future." in page(response)
    assert counts() == before


def test_a_consultation_before_the_requests_receipt_is_refused(as_officer, request_):
    response = as_officer.post(f"/en/workspace/requests/{request_.reference}/consult/",
                               {"third_party": "ONEE", "asked_on": "2026-08-01", "confirm": "on"})
    assert response.status_code == 400
    assert "cannot have been consulted before the request was received" in page(response)
    assert not ThirdPartyConsultation.objects.exists()
    request_.refresh_from_db()
    assert not request_.state_changes.filter(transition="consult_third_party").exists()


def _consulted(as_officer, request_):
    as_officer.post(f"/en/workspace/requests/{request_.reference}/consult/",
                    {"third_party": "ONEE", "asked_on": "2026-09-10", "confirm": "on"})
    return request_.consultations.get()


@pytest.mark.parametrize(("answered_on", "message"), [
    ("2026-09-09", "The third party cannot have answered before being asked"),
    ("9999-12-31", "This date cannot be in the future."),
])
def test_a_third_partys_answer_before_the_question_or_in_year_9999_is_refused(
        as_officer, request_, answered_on, message):
    consultation = _consulted(as_officer, request_)
    response = as_officer.post(
        f"/en/workspace/requests/{request_.reference}/consultations/{consultation.pk}/",
        {"answer": "consented", "answered_on": answered_on})
    assert response.status_code == 400 and message in page(response)
    consultation.refresh_from_db()
    assert consultation.answer == "pending" and consultation.answered_on is None


def test_an_answer_received_before_it_was_given_is_refused(as_officer, request_):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import pdf_bytes

    decide_request(request_, "refused")
    response = as_officer.post(f"/en/workspace/requests/{request_.reference}/receipt/", {
        "via": "post", "received_on": "2026-09-02", "confirm": "on",
        "proof": SimpleUploadedFile("ack.pdf", pdf_bytes("Acknowledgement"), "application/pdf")})
    assert response.status_code == 400
    assert "The answer cannot have been received before it was given" in page(response)


@pytest.fixture
def as_head(client, body):
    return verified(client, head_of(body))


def _designate(client, body, **overrides):
    from tests.factories import UserFactory

    candidate = UserFactory()
    return client.post(f"/en/workspace/bodies/{body.code}/designations/", {
        "email": candidate.email, "decision_reference": "DEC-7/2026",
        "decision_date": "2026-10-01", "starts_on": "2026-10-05", **overrides})


@pytest.mark.parametrize(("overrides", "message"), [
    ({"starts_on": "2026-09-01"}, "A designation cannot start before the decision that makes it."),
    ({"starts_on": "9999-12-31"}, "A designation is recorded at most a year before it starts."),
    ({"decision_date": "0001-01-01"}, "cannot be older than Law 31.13, promulgated on 22/02/2018"),
    ({"decision_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
      "starts_on": (timezone.localdate() + timedelta(days=4)).isoformat()},
     "The designation decision cannot be dated in the future."),
])
def test_a_designation_whose_dates_make_no_sense_is_refused(as_head, body, overrides, message):
    before = Designation.objects.count(), DesignationInvitation.objects.count()
    response = _designate(as_head, body, **overrides)
    assert response.status_code == 400 and message in page(response)
    assert (Designation.objects.count(), DesignationInvitation.objects.count()) == before


@pytest.mark.parametrize("end", ["abc", "²", "1.5", "-1", ""])
def test_a_non_numeric_designation_id_is_a_404(as_head, body, end):
    response = as_head.post(f"/en/workspace/bodies/{body.code}/designations/", {"end": end})
    assert response.status_code == 404


@pytest.mark.parametrize("template", ["²", "abc", "1e3", "%00"])
def test_a_non_numeric_template_id_is_ignored(as_officer, request_, template):
    response = as_officer.get(f"/en/workspace/requests/{request_.reference}/?template={template}")
    assert response.status_code in (200, 400)
    assert response.status_code == 200 or template == "%00"


def test_a_non_numeric_id_in_an_address_is_a_404(client, as_officer, request_):
    assert as_officer.get(f"/en/workspace/requests/{request_.reference}/documents/abc/").status_code == 404
    assert client.get(f"/en/register/{request_.reference}/documents/1.5/").status_code == 404


# -- a fuzz of the public GET addresses ----------------------------------------------------

PAYLOADS = ["%00", "a%00b", "x" * 5000, "../../../etc/passwd", "..%2F..%2Fsettings.py",
            "%E2%80%AEfdp.exe", "%D9%85%E2%80%AE%D8%B1", "<script>alert(1)</script>", "%FF%FE",
            "2026-000001'--", "99999999999999999999999"]
PUBLIC = ["/en/", "/en/register/", "/en/register/export.csv", "/en/register/feed/", "/en/bodies/",
          "/en/requests/new/"]
PARAMETERS = ["q", "body", "state", "outcome", "ground", "year", "page"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_public_address_answers_500_to_hostile_parameters(client, request_, payload):
    decide_request(request_, "refused")
    nul = "%00" in payload
    for url in PUBLIC:
        for name in PARAMETERS:
            response = client.get(f"{url}?{name}={payload}")
            assert response.status_code == (400 if nul else 200), (url, name)
    for template in ("/en/register/{}/", "/en/register/{}/documents/1/", "/en/bodies/{}/",
                     "/en/requests/new/{}/", "/en/requests/{}/"):
        response = client.get(template.format(payload))
        expected = (400,) if nul else (200, 302, 404)
        assert response.status_code in expected, template


@pytest.mark.parametrize("payload", ["xyz", "x" * 3000, "..%2F..%2Fetc", "%E2%80%AEfdp",
                                     "999999999999999999999"])
def test_no_workspace_or_requester_address_answers_500_to_hostile_path_parts(client, as_officer, request_,
                                                                             payload):
    reference = request_.reference
    for url in (f"/en/workspace/requests/{reference}/decide/{payload}/",
                f"/en/workspace/requests/{reference}/letters/{payload}.pdf",
                f"/en/workspace/requests/{payload}/", f"/en/workspace/templates/{payload}/new/",
                f"/en/workspace/bodies/{payload}/designations/",
                f"/en/workspace/requests/{reference}/consultations/999999999/",
                f"/en/workspace/requests/{reference}/documents/999999999999999999999/"):
        assert as_officer.get(url).status_code in (200, 302, 400, 403, 404, 405), url
    response = as_officer.post(f"/en/workspace/requests/{reference}/consultations/99999999999999999999/",
                               {"answer": "consented", "answered_on": "2026-09-10"})
    assert response.status_code == 404
    client.force_login(request_.requester)
    for url in (f"/en/requests/{reference}/letters/{payload}.pdf", f"/en/requests/{payload}/",
                f"/en/requests/{reference}/attachments/99999999999999999999/",
                f"/en/requests/new/{payload}/", f"/en/requests/mine/?page={payload}"):
        assert client.get(url).status_code in (200, 302, 400, 403, 404), url


@pytest.mark.parametrize("bad_id", ["abc", "²", "1.5", "99999999999999999999", "-1"])
def test_a_non_numeric_id_in_a_form_is_a_form_error(as_officer, request_, body, bad_id):
    from requests_app.models import Decision

    before = counts()
    reference = request_.reference
    response = as_officer.post(f"/en/workspace/requests/{reference}/assign/", {"officer": bad_id})
    assert response.status_code == 400 and "Select a valid choice" in page(response)
    response = as_officer.post(f"/en/workspace/requests/{reference}/decide/refused/", {
        "ground-TOTAL_FORMS": "1", "ground-INITIAL_FORMS": "0", "citation-TOTAL_FORMS": "1",
        "citation-INITIAL_FORMS": "0", "outcome": "refused", "confirm": "on",
        "ground-0-ground": bad_id, "ground-0-reason": "x", "citation-0-exemption": bad_id})
    assert response.status_code == 400 and "Select a valid choice" in page(response)
    response = as_officer.post("/en/workspace/intake/", {**_intake(body), "body": bad_id})
    assert response.status_code == 400 and "Select a valid choice" in page(response)
    assert counts() == before and not Decision.objects.exists()
    request_.refresh_from_db()
    assert request_.assigned_to is None
