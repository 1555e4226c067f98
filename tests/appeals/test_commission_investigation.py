"""The Commission's investigation and follow-up (RI arts 10, 14-16; art. 20): referral,
checks, the President's letter, observations asked within the Commission's own period
and answered by the body's officer with a document, who sees which case, and the
follow-up of the decision."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from appeals.commission import services
from appeals.models import (
    CommissionComplaint,
    CommissionComplaintState,
    HeadComplaintState,
    InvestigationNote,
    Observation,
    ObservationDocument,
)
from requests_app import letters
from requests_app.outbox import clocks
from requests_app.outbox.models import Notification
from tests.appeals.factories import commission_complaint, commission_member, head_complaint
from tests.factories import BodyFactory, UserFactory, head_of, make_request, officer_of, pdf_file
from tests.helpers import pdftotext, verified

S = CommissionComplaintState
FILED = date(2026, 10, 19)  # the Commission answers by 19/11/2026 (18/11 is a holiday)


def travel(day: date, hour: int = 10):
    return time_machine.travel(f"{day.isoformat()} {hour:02d}:00 +01:00", tick=False)


def moved(row, state):
    type(row).objects.filter(pk=row.pk).update(state=state)
    return type(row).objects.get(pk=row.pk)


@pytest.fixture
def people(db):
    body = BodyFactory()
    return {"body": body, "officer": officer_of(body), "president": commission_member(president=True),
            "member": commission_member(), "other_member": commission_member(),
            "other_officer": officer_of(BodyFactory()), "head": head_of(body)}


@pytest.fixture
def complaint(people):
    information_request = make_request(body=people["body"], received_on=date(2026, 9, 1))
    moved(head_complaint(information_request, filed_on=date(2026, 10, 1)), HeadComplaintState.OVERDUE)
    with travel(FILED):
        return services.file_complaint(actor=information_request.requester,
                                       information_request=information_request, subject="Budget",
                                       reasons="Silence du président.")


@pytest.fixture
def investigating(people, complaint):
    with travel(date(2026, 10, 20)):
        services.refer(actor=people["president"], complaint=complaint, rapporteur=people["member"])
        services.check(actor=people["member"], complaint=complaint,
                       procedure_followed=True, has_standing=True,
                       body_covered=True, is_information=True, in_writing=True, on_time=True, note="")
    return CommissionComplaint.objects.get(pk=complaint.pk)


def test_ri14_only_the_president_refers_and_to_a_member(people, complaint):
    with pytest.raises(PermissionDenied):
        services.refer(actor=people["member"], complaint=complaint, rapporteur=people["member"])
    with pytest.raises(ValidationError):
        services.refer(actor=people["president"], complaint=complaint, rapporteur=UserFactory())
    assert CommissionComplaint.objects.get(pk=complaint.pk).state == S.RECEIVED
    services.refer(actor=people["president"], complaint=complaint, rapporteur=people["member"],
                   working_group=[people["other_member"]])
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == S.REFERRED and complaint.rapporteur == people["member"]
    assert list(complaint.working_group.all()) == [people["other_member"]]
    assert Notification.objects.filter(kind="referred", recipient=people["member"].email).exists()


def test_ri15_all_checks_met_opens_the_investigation(investigating, people):
    assert investigating.state == S.INVESTIGATING and investigating.on_time is True
    assert investigating.checked_by == people["member"] and investigating.outcome == ""


def test_ri15_a_check_left_unanswered_is_refused(people, complaint):
    services.refer(actor=people["president"], complaint=complaint, rapporteur=people["member"])
    with pytest.raises(ValidationError) as refusal:
        services.check(actor=people["member"], complaint=complaint,
                       procedure_followed=True, has_standing=None,
                       body_covered=True, is_information=True, in_writing=True, on_time=True, note="")
    assert "has_standing" in refusal.value.error_dict
    assert CommissionComplaint.objects.get(pk=complaint.pk).checked_at is None


def test_ri15_presidents_letter_to_the_body(investigating, people):
    with pytest.raises(PermissionDenied):
        services.send_body_letter(actor=people["member"], complaint=investigating)
    with travel(date(2026, 10, 21)):
        services.send_body_letter(actor=people["president"], complaint=investigating)
    complaint = CommissionComplaint.objects.get(pk=investigating.pk)
    assert complaint.body_letter_sent_at is not None
    assert Notification.objects.filter(kind="body_letter", recipient=people["officer"].email).exists()
    assert Notification.objects.filter(kind="body_letter", recipient=people["head"].email).exists()
    text = pdftotext(letters.letter("commission_complaint", "body_letter").build(complaint))
    assert complaint.number in text and complaint.request.reference in text
    assert "19/11/2026" in text


def test_art20_observation_date_beyond_the_commissions_period_is_refused(investigating, people):
    with travel(date(2026, 10, 21)), pytest.raises(ValidationError) as refusal:
        services.ask_observations(actor=people["member"], complaint=investigating, questions="Pourquoi ?",
                                  reply_by=date(2026, 11, 20))
    assert date_format(date(2026, 11, 19), "SHORT_DATE_FORMAT") in " ".join(refusal.value.messages)
    assert not Observation.objects.exists()


def test_observations_answered_by_the_bodys_officer_with_a_pdf(investigating, people, client):
    with travel(date(2026, 10, 21)):
        observation = services.ask_observations(actor=people["member"], complaint=investigating,
                                                questions="Pourquoi ce refus ?", reply_by=date(2026, 11, 5))
    assert Notification.objects.filter(subject_type="commission_observation", kind="observations_asked",
                                       recipient=people["officer"].email).exists()
    url = reverse("appeals:observations_answer", args=[observation.pk])
    # An officer of another body: 404, as if it did not exist.
    verified(client, people["other_officer"])
    assert client.get(url).status_code == 404
    verified(client, people["officer"])
    assert "Pourquoi ce refus ?" in client.get(url).content.decode()
    with travel(date(2026, 10, 23)):
        response = client.post(url, {"answer": "Le document contient des données personnelles.",
                                     "title_1": "Note de service", "document_1": pdf_file("note.pdf")})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.is_answered and observation.answered_by == people["officer"]
    document = ObservationDocument.objects.get()
    assert document.title == "Note de service" and document.original_name == "note.pdf"
    assert "note" not in document.file.name.rsplit("/", 1)[-1]  # stored under the server's name
    assert Notification.objects.filter(kind="observations_answered",
                                       recipient=people["member"].email).exists()
    # Once only.
    with pytest.raises(ValidationError):
        services.answer_observations(actor=people["officer"], observation=observation, answer="Encore")


def test_observations_refuse_a_file_that_is_not_a_document_and_save_nothing(investigating, people):
    with travel(date(2026, 10, 21)):
        observation = services.ask_observations(actor=people["member"], complaint=investigating,
                                                questions="Q", reply_by=date(2026, 11, 5))
    from django.core.files.base import ContentFile
    with pytest.raises(ValidationError):
        services.answer_observations(actor=people["officer"], observation=observation, answer="A",
                                     documents=[("x", ContentFile(b"<html>", name="x.pdf"))])
    observation.refresh_from_db()
    assert not observation.is_answered and not ObservationDocument.objects.exists()


def test_observations_clock_marks_late_and_reminds_the_officers(investigating, people):
    with travel(date(2026, 10, 21)):
        observation = services.ask_observations(actor=people["member"], complaint=investigating,
                                                questions="Q", reply_by=date(2026, 11, 5))
    clock = clocks.CLOCKS["commission_observations"]
    assert clocks.notify(clock, date(2026, 11, 3)) == 1  # 2 working days before
    assert clocks.expire(clock, date(2026, 11, 6)) == 0  # the Green March: no sweep on a day off
    assert clocks.expire(clock, date(2026, 11, 9)) == 1
    observation.refresh_from_db()
    assert observation.late_since == date(2026, 11, 9)


def test_commission_clock_reminds_the_member_and_marks_overdue(investigating, people):
    clock = clocks.CLOCKS["commission_answer"]
    # 19/11 is due; five working days before (18/11 a holiday) is 11/11.
    assert clocks.notify(clock, date(2026, 11, 11)) == 1
    assert Notification.objects.filter(kind="reminder_5", recipient=people["member"].email).exists()
    assert clocks.expire(clock, date(2026, 11, 20)) == 1
    assert CommissionComplaint.objects.get(pk=investigating.pk).overdue_since == date(2026, 11, 20)


def test_the_case_page_member_not_referred_gets_404_president_sees_all(investigating, people, client):
    url = reverse("appeals:commission_case", args=[investigating.number])
    verified(client, people["other_member"])
    assert client.get(url).status_code == 404
    assert investigating.number not in client.get(reverse("appeals:commission_queue")).content.decode()
    verified(client, people["member"])
    assert client.get(url).status_code == 200
    verified(client, people["president"])
    page = client.get(url).content.decode()
    assert "Silence du président." in page
    assert investigating.number in client.get(reverse("appeals:commission_queue")).content.decode()
    # An officer of the body and a citizen do not reach the Commission's workspace.
    verified(client, people["officer"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("appeals:commission_register")).status_code == 404


def test_register_ri13_lists_complainant_subject_and_information_sought(investigating, people, client):
    verified(client, people["other_member"])
    page = client.get(reverse("appeals:commission_register")).content.decode()
    assert investigating.number in page and "Youssef Bennani" in page
    assert "compte administratif" in page


def test_a_member_refused_an_act_changes_nothing(investigating, people, client):
    verified(client, people["member"])
    response = client.post(reverse("appeals:commission_body_letter", args=[investigating.number]))
    assert response.status_code == 403
    assert CommissionComplaint.objects.get(pk=investigating.pk).body_letter_sent_at is None
    with travel(date(2026, 10, 21)):
        response = client.post(reverse("appeals:commission_ask_observations", args=[investigating.number]),
                               {"questions": "Q", "reply_by": "2026-12-01"})
    assert response.status_code == 400 and not Observation.objects.exists()


def test_notes_are_for_the_members_in_charge(investigating, people):
    with pytest.raises(PermissionDenied):
        services.add_note(actor=people["other_member"], complaint=investigating, text="x")
    services.add_note(actor=people["member"], complaint=investigating, text="À vérifier")
    assert InvestigationNote.objects.get().author == people["member"]


def test_follow_up_body_reports_requester_confirms_president_records_complied(investigating, people, client):
    decided = moved(investigating, S.DECIDED)
    with pytest.raises(PermissionDenied):
        services.report_compliance(actor=people["other_officer"], complaint=decided, text="x")
    verified(client, people["officer"])
    response = client.post(reverse("appeals:commission_report", args=[decided.number]),
                           {"text": "Le budget a été communiqué le 2 décembre."})
    assert response.status_code == 302
    requester = decided.request.requester
    client.force_login(requester)
    page = client.get(reverse("appeals:commission_complaint", args=[decided.number])).content.decode()
    assert "Le budget a été communiqué" in page
    response = client.post(reverse("appeals:commission_requester_answer", args=[decided.number]),
                           {"view": "confirmed", "comment": "Reçu."})
    assert response.status_code == 302
    with pytest.raises(PermissionDenied):
        services.record_compliance(actor=people["other_member"], complaint=decided, complied=True)
    services.record_compliance(actor=people["president"], complaint=decided, complied=True)
    complaint = CommissionComplaint.objects.get(pk=decided.pk)
    assert complaint.state == S.COMPLIED and complaint.requester_view == "confirmed"
    assert [step.transition for step in complaint.steps.all()][-3:] == [
        "report_compliance", "requester_answer", "record_compliance"]


def test_ri15_decision_receipt_recorded_when_the_complainant_opens_it(people, complaint, client):
    services.refer(actor=people["president"], complaint=complaint, rapporteur=people["member"])
    with travel(date(2026, 10, 22)):
        services.check(actor=people["member"], complaint=complaint,
                       procedure_followed=True, has_standing=False,
                       body_covered=True, is_information=True, in_writing=True, on_time=True,
                       note="Le plaignant n'est pas le demandeur.")
    client.force_login(complaint.request.requester)
    with travel(date(2026, 10, 26)):
        page = client.get(reverse("appeals:commission_complaint", args=[complaint.number])).content.decode()
    assert "Le plaignant n&#x27;est pas le demandeur." in page
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    assert complaint.received_on == date(2026, 10, 26) and complaint.received_via == "portal"
    text = pdftotext(letters.letter("commission_complaint", "inadmissibility").build(complaint))
    assert "26/10/2026" in text and "25/12/2026" in text  # the court's 60 days from receipt (art. 21)


def test_staff_records_the_receipt_by_post(people, complaint):
    services.refer(actor=people["president"], complaint=complaint, rapporteur=people["member"])
    with travel(date(2026, 10, 22)):
        services.check(actor=people["member"], complaint=complaint,
                       procedure_followed=False, has_standing=True,
                       body_covered=True, is_information=True, in_writing=True, on_time=True,
                       note="Pas de plainte.")
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    with travel(date(2026, 10, 30)):
        with pytest.raises(PermissionDenied):
            services.record_decision_receipt(actor=people["officer"], complaint=complaint,
                                             on=date(2026, 10, 28), via="post", proof=pdf_file("ar.pdf"))
        services.record_decision_receipt(actor=people["other_member"], complaint=complaint,
                                         on=date(2026, 10, 28), via="post", proof=pdf_file("ar.pdf"))
    assert CommissionComplaint.objects.get(pk=complaint.pk).received_on == date(2026, 10, 28)


def test_commission_complaint_factory_is_usable(people):
    information_request = make_request(body=people["body"], received_on=date(2026, 9, 1))
    assert commission_complaint(information_request, filed_on=FILED).due_date == date(2026, 11, 19)


def test_ri15_the_inadmissibility_mailed_is_received_the_day_it_leaves(
        people, complaint, django_capture_on_commit_callbacks):
    """One rule for every answer (as for the body's and the head's): the mail carries the
    letter, and the day it leaves the court's window (art. 21) starts."""
    services.refer(actor=people["president"], complaint=complaint, rapporteur=people["member"])
    with travel(date(2026, 10, 22)), django_capture_on_commit_callbacks(execute=True):
        services.check(actor=people["member"], complaint=complaint,
                       procedure_followed=False, has_standing=True,
                       body_covered=True, is_information=True, in_writing=True, on_time=True,
                       note="Aucune plainte préalable auprès du président de l'organisme.")
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    assert (complaint.received_on, complaint.received_via) == (date(2026, 10, 22), "email")
