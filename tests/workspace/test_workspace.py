"""The officers' workspace: scope, queues, intake, every act on a request and its
guards, letters, templates and designations."""

import io
import re
import subprocess
from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import Designation
from requests_app import services
from requests_app.clock import calendar
from requests_app.models import (
    Decision,
    Exemption,
    InformationRequest,
    InternalNote,
    RefusalGround,
    ResponseTemplate,
)
from tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    BodyFactory,
    UserFactory,
    decide_request,
    make_request,
    officer_of,
    pdf_bytes,
)
from tests.helpers import verified

pytestmark = pytest.mark.django_db
# The management form of the decision's art. 18 grounds (ground-0-ground, ground-0-reason...).
NO_GROUNDS = {"ground-TOTAL_FORMS": "3", "ground-INITIAL_FORMS": "0"}


def ws(reference, suffix=""):
    return f"/en/workspace/requests/{reference}/{suffix}"


def refs(response):
    return [item.reference for item in response.context["page"]]


# -- scope ----------------------------------------------------------------------------------


def test_the_dashboard_shows_only_the_officers_bodies(as_officer_a, request_a, body_b):
    other = make_request(body=body_b, subject="Budget de Salé")
    assert refs(as_officer_a.get("/en/workspace/")) == [request_a.reference]
    assert refs(as_officer_a.get("/en/workspace/", {"q": "Budget"})) == [request_a.reference]
    assert refs(as_officer_a.get("/en/workspace/", {"q": other.reference})) == []


def test_an_officer_of_another_body_gets_404_everywhere(client, request_a, officer_b, body_a):
    decide_request(request_a, "partially_granted")
    services.send_message(actor=request_a.requester, information_request=request_a, text="hello",
                          files=[SimpleUploadedFile("a.pdf", PDF_BYTES)])
    document = request_a.decision.documents.first()
    attachment = request_a.messages.get().attachments.get()
    verified(client, officer_b)
    gets = ["", "extend/", "consult/", "decide/granted/", "decide/refused/",
            f"documents/{document.pk}/", f"attachments/{attachment.pk}/", "letters/receipt.pdf",
            "letters/decision.pdf"]
    for suffix in gets:
        assert client.get(ws(request_a.reference, suffix)).status_code == 404, suffix
    posts = ["assign/", "note/", "message/", "extend/", "consult/", "decide/refused/"]
    for suffix in posts:
        assert client.post(ws(request_a.reference, suffix), {"text": "x", "confirm": "on"}
                           ).status_code == 404, suffix
    assert not InternalNote.objects.exists()
    assert request_a.messages.count() == 1
    assert client.get(f"/en/workspace/templates/{body_a.code}/new/").status_code == 404
    assert client.get(f"/en/workspace/bodies/{body_a.code}/designations/").status_code == 404


def test_queues_and_counts(as_officer_a, officer_a, body_a):
    with time_machine.travel(date(2026, 9, 1)):
        overdue = make_request(body=body_a)
    fresh = make_request(body=body_a)
    examined = make_request(body=body_a)
    services.start_examination(actor=officer_a, information_request=examined)
    services.consult_third_party(actor=officer_a, information_request=examined, third_party="ONEE")
    services.assign(actor=officer_a, information_request=fresh, officer=officer_a)
    response = as_officer_a.get("/en/workspace/")
    counts = {name: count for name, _label, count in response.context["queues"]}
    assert counts["new"] == 2 and counts["in_progress"] == 1 and counts["overdue"] == 1
    assert counts["third_party"] == 1 and counts["mine"] == 1 and counts["unassigned"] == 2
    assert refs(as_officer_a.get("/en/workspace/", {"queue": "overdue"})) == [overdue.reference]
    assert refs(as_officer_a.get("/en/workspace/", {"queue": "third_party"})) == [examined.reference]
    # Sorted by due date: the oldest deadline first.
    assert refs(response)[0] == overdue.reference


# -- intake (art. 14) -------------------------------------------------------------------------


def intake_data(body, **overrides):
    import uuid

    data = {"body": body.pk, "channel": "counter", "received_on": "2026-11-02",
            "first_name": "Said", "family_name": "Amrani", "address": "Douar Ouled Ali",
            "id_type": "cin", "id_number": "K11111", "email": "", "phone": "",
            "subject": "Plan de la commune", "information_sought": "Le plan d'aménagement.",
            "delivery_preference": "consultation", "submission_key": str(uuid.uuid4()),
            "confirm": "on"}
    data.update(overrides)
    return data


def test_intake_at_the_counter_with_a_past_date_runs_the_clock_from_it(as_officer_a, body_a):
    response = as_officer_a.post("/en/workspace/intake/", intake_data(body_a))
    registered = InformationRequest.objects.get()
    assert response.status_code == 302 and registered.reference in response["Location"]
    assert registered.channel == "counter" and registered.received_on == date(2026, 11, 2)
    assert registered.due_date == calendar.add_working_days(date(2026, 11, 2), 20)
    assert registered.requester is None and len(registered.claim_code) == 8
    receipt = as_officer_a.get(ws(registered.reference, "letters/receipt.pdf"))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_intake_refuses_a_future_date_and_other_bodies(as_officer_a, body_a, body_b):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = as_officer_a.post("/en/workspace/intake/", intake_data(body_a, received_on=tomorrow))
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    response = as_officer_a.post("/en/workspace/intake/", intake_data(body_b))
    assert response.status_code == 400 and "body" in response.context["form"].errors
    assert not InformationRequest.objects.exists()


def test_a_requester_claims_a_counter_request_with_its_code(client, officer_a, body_a):
    registered = services.create_request(
        actor=officer_a, body=body_a, channel="counter", first_name="Said", family_name="Amrani",
        address="Douar", id_type="cin", id_number="K1", subject="Plan", information_sought="Plan",
        delivery_preference="consultation")
    citizen = UserFactory()
    client.force_login(citizen)
    wrong = client.post("/en/requests/claim/", {"reference": registered.reference, "code": "AAAAAAAA"})
    assert wrong.status_code == 400 and "No request matches" in wrong.content.decode()
    response = client.post("/en/requests/claim/", {"reference": registered.reference,
                                                   "code": registered.claim_code.lower()})
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.requester == citizen
    client.force_login(UserFactory())
    again = client.post("/en/requests/claim/", {"reference": registered.reference,
                                                "code": registered.claim_code})
    assert again.status_code == 400 and "already attached" in again.content.decode()


# -- acts ---------------------------------------------------------------------------------------


def test_assign_only_to_an_officer_of_the_body(as_officer_a, request_a, body_a, officer_b):
    colleague = officer_of(body_a)
    as_officer_a.post(ws(request_a.reference, "assign/"), {"officer": colleague.pk})
    request_a.refresh_from_db()
    assert request_a.assigned_to == colleague
    as_officer_a.post(ws(request_a.reference, "assign/"), {"officer": officer_b.pk})
    request_a.refresh_from_db()
    assert request_a.assigned_to == colleague


def test_an_ended_designation_returns_the_request_to_the_queue(
        officer_a, request_a, head_a, django_capture_on_commit_callbacks):
    services.assign(actor=officer_a, information_request=request_a, officer=officer_a)
    designation = Designation.objects.get(user=officer_a)
    from accounts.services import end_designation

    with django_capture_on_commit_callbacks(execute=True):
        end_designation(actor=head_a, designation=designation,
                        ends_on=timezone.localdate() - timedelta(days=1))
    request_a.refresh_from_db()
    assert request_a.assigned_to is None


def test_internal_notes_stay_internal(as_officer_a, client, request_a):
    as_officer_a.post(ws(request_a.reference, "note/"), {"text": "Ask the finance department"})
    assert InternalNote.objects.get().text == "Ask the finance department"
    assert "Ask the finance department" in as_officer_a.get(ws(request_a.reference)).content.decode()
    client.force_login(request_a.requester)
    assert "finance department" not in client.get(f"/en/requests/{request_a.reference}/").content.decode()
    decide_request(request_a, "refused")
    client.logout()
    assert "finance department" not in client.get(f"/en/register/{request_a.reference}/").content.decode()


def test_a_message_reaches_the_requester(as_officer_a, client, request_a):
    response = as_officer_a.post(ws(request_a.reference, "message/"), {"text": "Which year?"})
    assert response.status_code == 302
    client.force_login(request_a.requester)
    assert "Which year?" in client.get(f"/en/requests/{request_a.reference}/").content.decode()


def test_extend_once_before_the_deadline(as_officer_a, client, request_a):
    assert as_officer_a.get(ws(request_a.reference, "extend/")).status_code == 200
    no_confirm = as_officer_a.post(ws(request_a.reference, "extend/"),
                                   {"ground": "large_volume", "reasons": "400 pages"})
    assert no_confirm.status_code == 400
    old_due = request_a.due_date
    response = as_officer_a.post(ws(request_a.reference, "extend/"),
                                 {"ground": "large_volume", "reasons": "400 pages", "confirm": "on"})
    assert response.status_code == 302
    request_a.refresh_from_db()
    assert request_a.is_extended and request_a.due_date == calendar.add_working_days(old_due, 20)
    twice = as_officer_a.post(ws(request_a.reference, "extend/"),
                              {"ground": "large_volume", "reasons": "again", "confirm": "on"})
    assert twice.status_code == 400 and "already been extended once" in twice.content.decode()
    client.force_login(request_a.requester)
    notice = client.get(f"/en/requests/{request_a.reference}/letters/extension.pdf")
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")


def test_extending_after_the_deadline_is_refused(as_officer_a, body_a):
    late = make_request(body=body_a, received_on=date(2026, 9, 1))
    response = as_officer_a.post(ws(late.reference, "extend/"),
                                 {"ground": "large_volume", "reasons": "late", "confirm": "on"})
    assert response.status_code == 400 and "before it expires" in response.content.decode()
    late.refresh_from_db()
    assert not late.is_extended


def test_consult_a_third_party_and_record_its_refusal(as_officer_a, request_a):
    as_officer_a.post(ws(request_a.reference, "consult/"),
                      {"third_party": "ONEE", "asked_on": timezone.localdate().isoformat(),
                       "confirm": "on"})
    consultation = request_a.consultations.get()
    no_reason = as_officer_a.post(ws(request_a.reference, f"consultations/{consultation.pk}/"),
                                  {"answer": "refused", "answered_on": timezone.localdate().isoformat()})
    assert no_reason.status_code == 400
    as_officer_a.post(ws(request_a.reference, f"consultations/{consultation.pk}/"),
                      {"answer": "refused", "reasons": "Trade secret",
                       "answered_on": timezone.localdate().isoformat()})
    consultation.refresh_from_db()
    assert consultation.answer == "refused" and consultation.reasons == "Trade secret"


def add_on_page(client, reference, title, upload, kind="full"):
    """The officer adds a document on the request's documents page; its public copy is
    prepared by the task once the row is committed (eager in the tests)."""
    return client.post(ws(reference, "prepared/"), {"kind": kind, "public_title": title, "file": upload})


def test_grant_with_a_document(as_officer_a, client, request_a, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("budget.pdf", pdf_bytes("Budget 2025"), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        assert add_on_page(as_officer_a, request_a.reference, "Budget 2025", upload).status_code == 302
    response = as_officer_a.post(ws(request_a.reference, "decide/granted/"), {
        "outcome": "granted", "delivery_method": "email",
        "copying_cost": "0", "sending_cost": "0", "confirm": "on"})
    assert response.status_code == 302
    request_a.refresh_from_db()
    assert request_a.state == "granted"
    client.force_login(request_a.requester)
    page = client.get(f"/en/requests/{request_a.reference}/").content.decode()
    assert "Budget 2025" in page and "Decision letter (PDF)" in page
    assert "budget.pdf" not in page and f"{request_a.reference}-document-1.pdf" in page
    letter = client.get(f"/en/requests/{request_a.reference}/letters/decision.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_a_partial_grant_releases_a_flattened_copy_without_the_hidden_text(
        as_officer_a, request_a, django_capture_on_commit_callbacks):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, "Budget de la commune 2025")
    page.drawString(72, 700, "Beneficiary: Youssef Bennani CIN AB123456")
    page.setFillColorRGB(0, 0, 0)
    page.rect(60, 690, 400, 25, fill=1)  # the officer's black box over the name
    page.save()
    upload = SimpleUploadedFile("budget.pdf", buffer.getvalue(), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        add_on_page(as_officer_a, request_a.reference, "Budget 2025", upload, kind="redacted")
    private_life = Exemption.objects.get(code="private_life")
    response = as_officer_a.post(ws(request_a.reference, "decide/partially_granted/"), {
        "outcome": "partially_granted", "delivery_method": "email",
        "copying_cost": "0", "sending_cost": "0", "confirm": "on",
        "citation-TOTAL_FORMS": "3", "citation-INITIAL_FORMS": "0", **NO_GROUNDS,
        "citation-0-exemption": private_life.pk, "citation-0-withheld_part": "Beneficiary",
        "citation-0-public_justification": "The name of a private person (art. 7)."})
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Decision.objects.get(request=request_a).documents.get(released=True)
    assert document.is_redacted
    released = document.file.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=released, capture_output=True).stdout
    assert b"AB123456" not in text and b"Bennani" not in text and b"AB123456" not in released


@pytest.mark.parametrize("outcome, data, message", [
    ("refused", {}, "at least one ground"),
    ("refused", {"refusal_grounds": "exemption"}, "must name the exemption"),
    ("refused", {"refusal_grounds": "exemption", "citation-0-exemption": "private_life"},
     "needs a public justification"),
    ("refused", {"refusal_grounds": "already_published"}, "reference of the publication"),
    ("partially_granted", {"citation-0-exemption": "private_life"}, "Release at least one document"),
])
def test_each_decision_guard(as_officer_a, request_a, outcome, data, message):
    post = {"outcome": outcome, "confirm": "on", "copying_cost": "0", "sending_cost": "0",
            "citation-TOTAL_FORMS": "3", "citation-INITIAL_FORMS": "0", **NO_GROUNDS}
    if "refusal_grounds" in data:
        post["ground-0-ground"] = RefusalGround.objects.get(code=data["refusal_grounds"]).pk
        post["ground-0-reason"] = "The reason for this ground."
    if "citation-0-exemption" in data:
        post["citation-0-exemption"] = Exemption.objects.get(code=data["citation-0-exemption"]).pk
    response = as_officer_a.post(ws(request_a.reference, f"decide/{outcome}/"), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    request_a.refresh_from_db()
    assert request_a.state == "submitted" and not Decision.objects.exists()


@pytest.mark.parametrize("kind, upload, title, message", [
    ("redacted", SimpleUploadedFile("budget.png", PNG_BYTES, content_type="image/png"), "Budget",
     "A redacted version must be a PDF."),
    ("redacted", SimpleUploadedFile("fake.pdf", b"just text", content_type="application/pdf"), "Budget",
     "is not a PDF"),
    ("full", SimpleUploadedFile("budget.pdf", b"MZ\x90\x00", content_type="application/pdf"), "Budget",
     "is not a PDF, PNG or JPEG"),
    ("full", SimpleUploadedFile("budget.pdf", PDF_BYTES, content_type="application/pdf"), "  ",
     "This field is required."),
])
def test_a_document_refused_on_the_documents_page_is_not_stored(as_officer_a, request_a, kind, upload,
                                                                title, message):
    response = add_on_page(as_officer_a, request_a.reference, title, upload, kind=kind)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not request_a.prepared_documents.exists()


def test_deciding_twice_is_refused(as_officer_a, request_a):
    decide_request(request_a, "granted")
    response = as_officer_a.post(ws(request_a.reference, "decide/refused/"), {
        "outcome": "refused", "confirm": "on", "ground-0-ground": RefusalGround.objects.get(
            code="not_available").pk, "ground-0-reason": "The file was never drawn up.",
        "citation-TOTAL_FORMS": "3", "citation-INITIAL_FORMS": "0", **NO_GROUNDS})
    assert response.status_code == 400 and "already been decided" in response.content.decode()
    assert Decision.objects.get().outcome == "granted"


def test_a_head_of_body_sees_but_does_not_answer(client, head_a, request_a):
    verified(client, head_a)
    assert client.get(ws(request_a.reference)).status_code == 200
    assert client.post(ws(request_a.reference, "message/"), {"text": "x"}).status_code == 403
    assert client.get(ws(request_a.reference, "extend/")).status_code == 403
    assert not request_a.messages.exists()


# -- templates and designations ----------------------------------------------------------------


def test_response_templates_prefill_messages(as_officer_a, request_a, body_a):
    response = as_officer_a.post(f"/en/workspace/templates/{body_a.code}/new/", {
        "use": "message", "title": "Clarify", "text_ar": "المرجو توضيح الطلب.",
        "text_fr": "Merci de préciser votre demande."})
    assert response.status_code == 302
    template = ResponseTemplate.objects.get()
    page = as_officer_a.get(f"/fr/workspace/requests/{request_a.reference}/",
                            {"template": template.pk}).content.decode()
    assert "Merci de préciser votre demande." in page
    page = as_officer_a.get(f"/ar/workspace/requests/{request_a.reference}/",
                            {"template": template.pk}).content.decode()
    assert "المرجو توضيح الطلب." in page


def test_the_head_invites_and_ends_officers(client, head_a, body_a, mailoutbox,
                                            django_capture_on_commit_callbacks):
    verified(client, head_a)
    newcomer = UserFactory(email="new.officer@rabat.ma", first_name="Hind", last_name="Amrani")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/workspace/bodies/{body_a.code}/designations/", {
            "email": "new.officer@rabat.ma", "decision_reference": "DEC-2026-7",
            "decision_date": "2026-11-20", "starts_on": timezone.localdate().isoformat(),
            "work_email": "info@rabat.ma", "work_phone": ""})
    assert response.status_code == 302
    # Invited, not designated: nothing is published before the newcomer accepts.
    assert not Designation.objects.filter(user=newcomer).exists()
    assert "info@rabat.ma" not in client.get(f"/en/bodies/{body_a.code}/").content.decode()
    assert "new.officer@rabat.ma" in client.get(
        f"/en/workspace/bodies/{body_a.code}/designations/").content.decode()
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/invitations/\S+/)", mailoutbox[0].body).group(1)
    invitee = Client()
    invitee.force_login(newcomer)
    assert invitee.post(link + "accept/").status_code == 302
    designation = Designation.objects.get(user=newcomer)
    assert designation.role == "officer" and designation.decision_reference == "DEC-2026-7"
    assert "info@rabat.ma" in client.get(f"/en/bodies/{body_a.code}/").content.decode()
    client.post(f"/en/workspace/bodies/{body_a.code}/designations/", {"end": designation.pk})
    designation.refresh_from_db()
    assert designation.ends_on == timezone.localdate()
    unknown = client.post(f"/en/workspace/bodies/{body_a.code}/designations/", {
        "email": "nobody@rabat.ma", "decision_reference": "X", "decision_date": "2026-11-20",
        "starts_on": timezone.localdate().isoformat()})
    assert unknown.status_code == 400 and "No account uses this address" in unknown.content.decode()


def test_an_officer_cannot_designate(as_officer_a, body_a):
    assert as_officer_a.get(f"/en/workspace/bodies/{body_a.code}/designations/").status_code == 404


def test_other_bodies_are_not_offered_at_intake(as_officer_a, body_a):
    BodyFactory(name_fr="Autre organisme")
    page = as_officer_a.get("/en/workspace/intake/").content.decode()
    assert "Commune de Rabat" in page or "جماعة الرباط" in page or body_a.name_en in page
    assert "Autre organisme" not in page


def test_the_receipt_of_a_counter_request_carries_the_claim_code(as_officer_a, body_a):
    import unicodedata

    as_officer_a.post("/en/workspace/intake/", intake_data(body_a))
    registered = InformationRequest.objects.get()
    receipt = as_officer_a.get(ws(registered.reference, "letters/receipt.pdf")).content
    text = subprocess.run(["pdftotext", "-", "-"], input=receipt, capture_output=True).stdout
    assert registered.claim_code in unicodedata.normalize("NFKC", text.decode())


def test_dashboard_and_request_page_query_counts_do_not_grow(as_officer_a, officer_a, body_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert as_officer_a.get(url).status_code == 200
        return len(captured)

    first = make_request(body=body_a)
    services.assign(actor=officer_a, information_request=first, officer=officer_a)
    queries("/en/workspace/"), queries(ws(first.reference))  # warm the content-type cache
    dashboard, page = queries("/en/workspace/"), queries(ws(first.reference))
    for n in range(8):
        other = make_request(body=body_a, subject=f"Subject {n}")
        services.assign(actor=officer_a, information_request=other, officer=officer_a)
        services.send_message(actor=officer_a, information_request=first, text=f"message {n}")
        services.add_internal_note(actor=officer_a, information_request=first, text=f"note {n}")
    assert queries("/en/workspace/") == dashboard
    assert queries(ws(first.reference)) <= page + 2  # the first message and note add their tables
    before = queries(ws(first.reference))
    services.send_message(actor=officer_a, information_request=first, text="one more")
    assert queries(ws(first.reference)) == before
