"""The complaint to the Commission (art. 20; RI arts 11-16): filing on the portal within
the window after the head of the body, registration by the Commission of what arrives
by post, the checks that make a complaint without the prior step inadmissible, and the
Commission's own period crossing a holiday."""

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
    RegistrationSequence,
)
from requests_app.outbox.models import Notification
from tests.appeals.factories import commission_complaint, commission_member, head_complaint
from tests.factories import UserFactory, make_request
from tests.helpers import pdftotext

S = CommissionComplaintState
HEAD_FILED = date(2026, 10, 1)  # the head decides by 16/10/2026 (15 days)


def in_state(model_object, state):
    """A factory's row moved to ``state`` and read again (the FSM field is protected:
    ``refresh_from_db`` on the same instance is refused)."""
    type(model_object).objects.filter(pk=model_object.pk).update(state=state)
    return type(model_object).objects.get(pk=model_object.pk)


def travel(day: date, hour: int = 10):
    return time_machine.travel(f"{day.isoformat()} {hour:02d}:00 +01:00", tick=False)


def short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@pytest.fixture
def silent_head(db):
    """A request whose complaint to the head of the body got no decision in time."""
    information_request = make_request(received_on=date(2026, 9, 1))
    return in_state(head_complaint(information_request, filed_on=HEAD_FILED), HeadComplaintState.OVERDUE)


def file(information_request, **kwargs):
    return services.file_complaint(actor=information_request.requester,
                                   information_request=information_request,
                                   subject="Refus de communiquer le budget",
                                   reasons="Le président de l'organisme n'a pas répondu.", **kwargs)


def test_art20_portal_refuses_a_complaint_without_a_prior_complaint_to_the_head(db):
    information_request = make_request(received_on=date(2026, 9, 1))
    with travel(date(2026, 10, 20)), pytest.raises(ValidationError) as refusal:
        file(information_request)
    assert "Complain first to the head of the body (art. 20)" in " ".join(refusal.value.messages)
    assert not CommissionComplaint.objects.exists()
    assert not RegistrationSequence.objects.filter(prefix="CDAI", last__gt=0).exists()


def test_art20_portal_refusal_names_the_pending_head_complaint_and_its_date(db):
    information_request = make_request(received_on=date(2026, 9, 1))
    head = head_complaint(information_request, filed_on=HEAD_FILED)
    with travel(date(2026, 10, 5)), pytest.raises(ValidationError) as refusal:
        file(information_request)
    message = " ".join(refusal.value.messages)
    assert head.number in message and short(head.due_date) in message
    assert not CommissionComplaint.objects.exists()


def test_art20_filing_after_the_heads_silence_is_accepted_with_its_window_and_due_date(silent_head):
    information_request = silent_head.request
    with travel(date(2026, 10, 19)):
        complaint = file(information_request, representative_name="Me Karim Tazi",
                         representative_capacity="Avocat")
    assert complaint.number == "CDAI-2026-000001"
    assert complaint.head_complaint == silent_head
    assert complaint.filed_on == date(2026, 10, 19) and complaint.channel == "portal"
    assert complaint.window_start == date(2026, 10, 16)  # the head's last day
    assert complaint.window_end == date(2026, 11, 16)  # 15/11 is a Sunday
    assert complaint.state == S.RECEIVED
    assert [step.transition for step in complaint.steps.all()] == ["file"]
    # The complainant gets the deposit receipt, the President is told.
    assert Notification.objects.filter(subject_type="commission_complaint", kind="filed").count() == 1


def test_art20_commission_period_crossing_independence_day_ends_on_the_next_working_day(silent_head):
    """Filed on 19/10/2026: 30 calendar days end on 18/11/2026, Independence Day, so the
    Commission answers by Thursday 19/11/2026."""
    with travel(date(2026, 10, 19)):
        complaint = file(silent_head.request)
    assert complaint.due_date == date(2026, 11, 19)


def test_art20_portal_refuses_after_the_window_with_its_dates(silent_head):
    with travel(date(2026, 11, 17)), pytest.raises(ValidationError) as refusal:
        file(silent_head.request)
    message = " ".join(refusal.value.messages)
    assert f"ended on {short(date(2026, 11, 16))}" in message
    assert f"counted from {short(date(2026, 10, 16))}" in message
    assert "30 calendar days" in message
    assert not CommissionComplaint.objects.exists()


def test_a_second_pending_complaint_on_the_same_request_is_refused(silent_head):
    member = commission_member()
    with travel(date(2026, 10, 19)):
        file(silent_head.request)
        with pytest.raises(ValidationError):
            file(silent_head.request)
        with pytest.raises(ValidationError):
            services.file_complaint(actor=member, information_request=silent_head.request, subject="Bis",
                                    reasons="Bis", channel="post", filed_on=date(2026, 10, 19))
    assert CommissionComplaint.objects.count() == 1


def test_only_the_requester_files_on_the_portal(silent_head):
    with travel(date(2026, 10, 19)), pytest.raises(PermissionDenied):
        services.file_complaint(actor=UserFactory(), information_request=silent_head.request, subject="x",
                                reasons="y")
    assert not CommissionComplaint.objects.exists()


def test_ri15_16_staff_registers_a_complaint_without_prior_step_and_the_checks_make_it_inadmissible(db):
    information_request = make_request(received_on=date(2026, 9, 1))
    president, member = commission_member(president=True), commission_member()
    with travel(date(2026, 10, 20)):
        # Not a member: refused.
        with pytest.raises(PermissionDenied):
            services.file_complaint(actor=UserFactory(), information_request=information_request, subject="x",
                                    reasons="y", channel="post", filed_on=date(2026, 10, 19))
        complaint = services.file_complaint(
            actor=member, information_request=information_request, subject="Absence de réponse",
            reasons="L'organisme ne répond pas.", channel="post", filed_on=date(2026, 10, 19))
        assert complaint.head_complaint is None and complaint.window_end is None
        assert complaint.registered_by == member and complaint.complainant == information_request.requester
        services.refer(actor=president, complaint=complaint, rapporteur=member)
        checks = dict(procedure_followed=False, has_standing=True, body_covered=True, is_information=True,
                      in_writing=True, on_time=False)
        # No reasons: refused, nothing saved.
        with pytest.raises(ValidationError) as refusal:
            services.check(actor=member, complaint=complaint, note="", **checks)
        assert "note" in refusal.value.error_dict
        complaint = CommissionComplaint.objects.get(pk=complaint.pk)
        assert complaint.state == S.REFERRED and complaint.checked_at is None
        services.check(actor=member, complaint=complaint,
                       note="Aucune plainte préalable au président de l'organisme (art. 20).", **checks)
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == S.INADMISSIBLE and complaint.outcome == "inadmissible"
    assert complaint.decision_reasons.startswith("Aucune plainte préalable")
    assert complaint.decided_by == member and complaint.procedure_followed is False
    assert Notification.objects.filter(subject_type="commission_complaint", kind="inadmissible").exists()
    letter = services.notices.letters.letter("commission_complaint", "inadmissibility")
    text = pdftotext(letter.build(complaint))
    assert complaint.number in text
    assert "Aucune plainte préalable" in text
    assert "tribunal administratif compétent" in text and "60 jours" in text


def test_portal_file_page_explains_the_refusal_and_keeps_the_form_away(client, db):
    information_request = make_request(received_on=date(2026, 9, 1))
    client.force_login(information_request.requester)
    url = reverse("appeals:commission_file", args=[information_request.reference])
    with travel(date(2026, 10, 20)):
        page = client.get(url)
        assert page.status_code == 200
        assert "Complain first to the head of the body" in page.content.decode()
        refused = client.post(url, {"subject": "x", "reasons": "y"})
    assert refused.status_code == 400
    assert not CommissionComplaint.objects.exists()
    # Another person's request: 404.
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_portal_filing_then_the_complaint_page_and_the_deposit_receipt(client, silent_head):
    information_request = silent_head.request
    client.force_login(information_request.requester)
    with travel(date(2026, 10, 19)):
        response = client.post(reverse("appeals:commission_file", args=[information_request.reference]),
                               {"subject": "Budget", "reasons": "Silence du président."})
    complaint = CommissionComplaint.objects.get()
    assert response.status_code == 302 and response.url == reverse("appeals:commission_complaint",
                                                                     args=[complaint.number])
    page = client.get(response.url).content.decode()
    assert complaint.number in page
    pdf = client.get(reverse("appeals:commission_letter", args=[complaint.number, "deposit_receipt"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # The staff's page of the same complaint is not the requester's.
    assert client.get(reverse("appeals:commission_case", args=[complaint.number])).status_code in (302, 403)


def test_ri11_deposit_receipt_has_number_name_and_date_in_arabic_and_french(silent_head):
    with travel(date(2026, 10, 19)):
        complaint = file(silent_head.request)
    pdf = services.notices.letters.letter("commission_complaint", "deposit_receipt").build(complaint)
    text = pdftotext(pdf)
    assert text.count(complaint.number) >= 2
    assert text.count("Youssef Bennani") >= 2  # the requester's name, in both languages
    assert text.count("19/10/2026") >= 2 and "19/11/2026" in text
    assert "Récépissé de dépôt" in text
    assert "وصل" in text  # the Arabic title (shaped glyphs may join: the word alone)


def test_commission_complaint_factory_state_used_by_others(silent_head):
    complaint = commission_complaint(silent_head.request, filed_on=date(2026, 10, 19), head=silent_head)
    assert complaint.window_end == date(2026, 11, 16)
