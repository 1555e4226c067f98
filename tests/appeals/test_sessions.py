"""The Commission's sessions (art. 24; internal rules, RI, arts 3-9) and its decisions
(RI 8, 16): the notice, the quorum, the second session, how a decision is taken, the
decision letter, and who sees what (the minutes never)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from appeals.models import AgendaItem, CommissionComplaint, CommissionComplaintState, CommissionSession
from appeals.sessions import services
from appeals.sessions.letters import decision_letter_pdf
from requests_app.clock.models import LegalRule
from requests_app.clock.periods import rule_in_force
from requests_app.outbox.models import Notification
from tests.appeals.factories import commission_complaint, commission_member
from tests.factories import UserFactory, decide_request, head_of, make_request, officer_of
from tests.helpers import pdftotext, verified

pytestmark = pytest.mark.django_db

RECEIVED_ON = date(2026, 1, 5)
FILED_ON = date(2026, 2, 16)
CALLED_ON = date(2026, 3, 2)
HELD_ON = date(2026, 3, 10)
MINUTES = "Le membre X a exprimé une opinion dissidente MINUTES-SECRET-7731"
S = CommissionComplaintState


def travel(day: date, hour: int = 10):
    return time_machine.travel(f"{day.isoformat()} {hour:02d}:00 +01:00", tick=False)


@pytest.fixture
def president(db):
    return commission_member(president=True, first_name="Rachid", last_name="Président")


@pytest.fixture
def members(president):
    """The ten members in office (art. 23): the President and nine others."""
    return [president] + [commission_member(last_name=f"Membre{n}") for n in range(9)]


@pytest.fixture
def refused_request(body):
    with travel(RECEIVED_ON):
        information_request = make_request(body=body, received_on=RECEIVED_ON)
    with travel(RECEIVED_ON + timedelta(days=7)):
        decide_request(information_request, "refused")
    information_request = fresh(information_request)
    return information_request


def fresh(instance):
    """The row as saved (a protected FSM state cannot be refreshed in place)."""
    return type(instance).objects.get(pk=instance.pk)


@pytest.fixture
def complaint(refused_request):
    # Made received, then moved: the shared factory refreshes a protected state field.
    received = commission_complaint(refused_request, filed_on=FILED_ON)
    # RI 15: admitted after the checks, all answered.
    CommissionComplaint.objects.filter(pk=received.pk).update(
        state=S.INVESTIGATING, procedure_followed=True, has_standing=True, body_covered=True,
        is_information=True, in_writing=True, on_time=True)
    return fresh(received)


def _call(president, held_on=HELD_ON, on=CALLED_ON, **kwargs):
    with travel(on):
        return services.call_session(actor=president, held_on=held_on, **kwargs)


def _session_with(president, complaints, held_on=HELD_ON, on=CALLED_ON, **kwargs):
    session = _call(president, held_on=held_on, on=on, **kwargs)
    with travel(on):
        for complaint in complaints:
            services.add_to_agenda(actor=president, session=session, complaint=complaint)
    return session


def _attend(president, session, members, count, on=None, minutes=""):
    with travel(on or session.held_on, 15):
        return services.record_attendance(actor=president, session=session, minutes=minutes,
                                          present_ids=[member.pk for member in members[:count]])


def _decide(president, session, complaint, on=None, **kwargs):
    item = AgendaItem.objects.get(session=session, complaint=complaint)
    values = dict(outcome="disclose_fully",
                  reasons="L'information demandée n'est couverte par aucune exception.",
                  articles_cited="Articles 2, 7 et 18 de la loi 31.13", vote="consensus")
    values.update(kwargs)
    with travel(on or session.held_on, 16):
        return services.decide_item(actor=president, item=item, **values)


# -- RI 4: the notice ----------------------------------------------------------------------------


def test_ri4_session_called_with_less_than_the_notice_is_refused_with_the_earliest_date(president, members):
    notice = rule_in_force(LegalRule.Period.SESSION_NOTICE, CALLED_ON)
    earliest = CALLED_ON + timedelta(days=notice.length)
    with pytest.raises(ValidationError) as refusal:
        _call(president, held_on=earliest - timedelta(days=1))
    message = " ".join(refusal.value.messages)
    assert date_format(earliest, "SHORT_DATE_FORMAT") in message and "art. 4" in message
    assert not CommissionSession.objects.exists()
    session = _call(president, held_on=earliest)
    assert session.called_on == CALLED_ON and session.members_in_office == 10
    assert session.attendance.count() == 10 and not session.attendance.filter(present=True).exists()


def test_ri4_urgent_session_with_one_day_notice_is_accepted(president, members):
    urgent = rule_in_force(LegalRule.Period.SESSION_NOTICE_URGENT, CALLED_ON)
    session = _call(president, held_on=CALLED_ON + timedelta(days=urgent.length), urgent=True)
    assert session.urgent
    with pytest.raises(ValidationError):
        _call(president, held_on=CALLED_ON, urgent=True)


def test_ri4_the_members_are_invited_by_email_with_the_agenda_link(president, members, complaint,
                                                                    django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = _call(president)
    invited = sorted(message.to[0] for message in mail.outbox)
    assert invited == sorted(member.email for member in members)
    assert f"/workspace/commission/sessions/{session.pk}/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), travel(CALLED_ON):
        services.add_to_agenda(actor=president, session=session, complaint=complaint)
    assert complaint.number in mail.outbox[0].body
    assert "Président" not in mail.outbox[0].body and "Bennani" not in mail.outbox[0].body


def test_only_the_president_calls_a_session_and_sets_its_agenda(president, members, complaint):
    with pytest.raises(PermissionDenied):
        _call(members[1])
    session = _call(president)
    with pytest.raises(PermissionDenied), travel(CALLED_ON):
        services.add_to_agenda(actor=members[1], session=session, complaint=complaint)


# -- art. 24, RI 5: the quorum, the second session ---------------------------------------------


def test_art24_six_of_ten_present_is_no_quorum_the_complaints_go_back_and_no_decision(
        president, members, complaint):
    session = _session_with(president, [complaint])
    complaint = fresh(complaint)
    assert complaint.state == S.DELIBERATION
    session = _attend(president, session, members, 6)
    assert session.state == CommissionSession.State.NO_QUORUM
    complaint = fresh(complaint)
    assert complaint.state == S.INVESTIGATING
    assert complaint.steps.filter(transition="take_off_agenda").exists()
    with pytest.raises(ValidationError) as refusal:
        _decide(president, session, complaint)
    assert "no quorum" in " ".join(refusal.value.messages)
    complaint = fresh(complaint)
    assert complaint.state == S.INVESTIGATING and not complaint.outcome


def test_art24_seven_of_ten_present_holds_the_session(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 7)
    assert session.state == CommissionSession.State.HELD


def test_attendance_is_recorded_on_the_day_of_the_session_or_after(president, members):
    session = _call(president)
    with pytest.raises(ValidationError):
        _attend(president, session, members, 7, on=HELD_ON - timedelta(days=1))


def test_ri5_second_session_within_the_period_is_valid_with_three_present(president, members, complaint):
    failed = _attend(president, _session_with(president, [complaint]), members, 6)
    period = rule_in_force(LegalRule.Period.SECOND_SESSION, HELD_ON)
    second = _session_with(president, [complaint], held_on=HELD_ON + timedelta(days=period.length),
                           on=HELD_ON, follows=failed)
    second = _attend(president, second, members, 3)
    assert second.state == CommissionSession.State.HELD
    decided = _decide(president, second, complaint)
    assert decided.state == S.DECIDED and decided.session == second
    # RI 5: one second session per session without quorum.
    with pytest.raises(ValidationError):
        _call(president, held_on=HELD_ON + timedelta(days=period.length), on=HELD_ON, follows=failed)


def test_ri5_second_session_too_late_is_refused(president, members, complaint):
    failed = _attend(president, _session_with(president, [complaint]), members, 6)
    period = rule_in_force(LegalRule.Period.SECOND_SESSION, HELD_ON)
    with pytest.raises(ValidationError) as refusal:
        _call(president, held_on=HELD_ON + timedelta(days=period.length + 1), on=HELD_ON, follows=failed)
    assert "art. 5" in " ".join(refusal.value.messages)
    assert not CommissionSession.objects.filter(follows=failed).exists()


# -- RI 8, 16: the decision --------------------------------------------------------------------------


def test_ri8_decision_by_majority(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 7)
    with pytest.raises(ValidationError):
        _decide(president, session, complaint, vote="majority", votes_for=3, votes_against=4)
    with pytest.raises(ValidationError):  # more votes than members present
        _decide(president, session, complaint, vote="majority", votes_for=6, votes_against=2)
    decided = _decide(president, session, complaint, vote="majority", votes_for=4, votes_against=3)
    item = AgendaItem.objects.get(session=session, complaint=complaint)
    assert decided.state == S.DECIDED and decided.outcome == "disclose_fully"
    assert (item.vote, item.votes_for, item.votes_against) == ("majority", 4, 3)
    assert decided.decided_by == president and not decided.decided_late
    assert decided.steps.filter(transition="decide", to_state=S.DECIDED).exists()


def test_ri8_the_presidents_casting_vote_decides_a_tie(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 7)
    with pytest.raises(ValidationError):
        _decide(president, session, complaint, vote="majority", votes_for=3, votes_against=3)
    decided = _decide(president, session, complaint, vote="casting_vote", votes_for=3, votes_against=3,
                      outcome="refusal_justified")
    assert decided.outcome == "refusal_justified"
    assert AgendaItem.objects.get(session=session, complaint=complaint).vote == "casting_vote"


def test_ri8_decision_by_consensus(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 8)
    decided = _decide(president, session, complaint, vote="consensus", votes_for=5, votes_against=1)
    item = AgendaItem.objects.get(session=session, complaint=complaint)
    assert decided.state == S.DECIDED and item.votes_for is None and item.votes_against is None


def test_ri16_reasons_and_articles_are_required(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 7)
    with pytest.raises(ValidationError) as refusal:
        _decide(president, session, complaint, reasons="  ", articles_cited="")
    assert set(refusal.value.error_dict) == {"reasons", "articles_cited"}
    complaint = fresh(complaint)
    assert complaint.state == S.DELIBERATION and not complaint.decision_reasons


def test_an_adjourned_complaint_goes_back_undecided(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 7)
    back = _decide(president, session, complaint, vote="adjourned", reasons="", articles_cited="")
    assert back.state == S.INVESTIGATING and not back.outcome


def test_art20_decision_after_the_due_date_is_marked_late(president, members, complaint):
    late_day = complaint.due_date + timedelta(days=2)
    session = _attend(president, _session_with(president, [complaint], held_on=late_day,
                                               on=complaint.due_date - timedelta(days=7)), members, 7)
    decided = _decide(president, session, complaint)
    assert decided.decided_late


# -- the decision letter ------------------------------------------------------------------------------


@pytest.fixture
def decided(president, members, complaint):
    session = _attend(president, _session_with(president, [complaint]), members, 7, minutes=MINUTES)
    return _decide(president, session, complaint, vote="majority", votes_for=4, votes_against=3,
                   outcome="disclose_in_part", articles_cited="ARTICLES-7-18")


def test_ri16_decision_letter_in_arabic_and_french_without_the_deliberations(decided):
    text = pdftotext(decision_letter_pdf(decided))
    court = rule_in_force(LegalRule.Period.COURT_APPEAL, HELD_ON)
    for language in ("ar", "fr"):
        with translation.override(language):
            assert str(decided.get_outcome_display()) in text
            assert str(AgendaItem.Vote.MAJORITY.label) not in text
    assert text.count("ARTICLES-7-18") == 2 and decided.number in text
    assert "المحكمة الإدارية" in text and "tribunal administratif" in text and str(court.length) in text
    assert "MINUTES-SECRET" not in text and "4 " not in text.replace(decided.number, "")


def test_ri15_the_complainant_is_sent_the_decision_with_the_letter(president, members, complaint,
                                                                   django_capture_on_commit_callbacks):
    session = _attend(president, _session_with(president, [complaint]), members, 7)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(president, session, complaint)
    sent = [message for message in mail.outbox if message.to == [complaint.request.email or
                                                                  complaint.complainant.email]]
    assert len(sent) == 1 and sent[0].attachments[0][2] == "application/pdf"
    complaint = fresh(complaint)
    assert complaint.received_on is not None  # art. 21: the court's window counts from it


def test_decision_letter_download_for_the_complainant_and_the_president_only(client, decided, president,
                                                                            members, body):
    url = reverse("appeals:commission_decision_letter", args=[decided.number])
    client.force_login(decided.complainant)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    for outsider in (UserFactory(), members[1], officer_of(body), head_of(body)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    verified(client, president)
    assert client.get(url).status_code == 200


def test_no_decision_letter_before_the_decision(client, complaint):
    client.force_login(complaint.complainant)
    url = reverse("appeals:commission_decision_letter", args=[complaint.number])
    assert client.get(url).status_code == 404


# -- who sees the sessions ---------------------------------------------------------------------------


def test_a_member_reads_a_session_but_cannot_act(client, president, members, complaint):
    session = _session_with(president, [complaint])
    verified(client, members[1])
    page = client.get(reverse("appeals:session", args=[session.pk]))
    assert page.status_code == 200 and complaint.number in page.content.decode()
    assert client.get(reverse("appeals:sessions")).status_code == 200
    with travel(HELD_ON):
        response = client.post(reverse("appeals:session_attendance", args=[session.pk]),
                               {"present": [str(member.pk) for member in members]})
    assert response.status_code in (403, 404)
    assert client.post(reverse("appeals:session_call"), {"held_on": "2026-04-20"}).status_code in (403, 404)
    session = fresh(session)
    assert session.state == CommissionSession.State.CALLED


def test_citizens_officers_and_heads_do_not_find_the_sessions(client, president, members, complaint, body):
    session = _session_with(president, [complaint])
    for user in (UserFactory(), officer_of(body), head_of(body)):
        verified(client, user)
        assert client.get(reverse("appeals:session", args=[session.pk])).status_code == 404
        assert client.get(reverse("appeals:sessions")).status_code == 404
    client.logout()
    assert client.get(reverse("appeals:session", args=[session.pk])).status_code == 302


def test_the_president_runs_a_session_from_its_page(client, president, members, complaint):
    verified(client, president)
    with travel(CALLED_ON):
        response = client.post(reverse("appeals:session_call"), {"held_on": HELD_ON.isoformat()})
        session = CommissionSession.objects.get()
        assert response.status_code == 302
        client.post(reverse("appeals:session_agenda_add", args=[session.pk]), {"complaint": complaint.pk})
    with travel(HELD_ON):
        client.post(reverse("appeals:session_attendance", args=[session.pk]),
                    {"present": [str(member.pk) for member in members[:7]], "minutes": MINUTES})
        page = client.get(reverse("appeals:session", args=[session.pk])).content.decode()
        assert "Present 7 of 10: quorum of two thirds reached." in page
        item = AgendaItem.objects.get()
        prefix = f"item{item.pk}-"
        response = client.post(reverse("appeals:session_decide", args=[session.pk, item.pk]), {
            prefix + "vote": "consensus", prefix + "outcome": "disclose_fully", prefix + "reasons": "Motifs.",
            prefix + "articles_cited": "Art. 2"})
    assert response.status_code == 302
    complaint = fresh(complaint)
    assert complaint.state == S.DECIDED and complaint.session == session


def test_the_session_call_refused_on_the_page_states_the_earliest_date(client, president, members):
    verified(client, president)
    with travel(CALLED_ON):
        response = client.post(reverse("appeals:session_call"), {"held_on": CALLED_ON.isoformat()})
    assert response.status_code == 400 and "art. 4" in response.content.decode()


def test_ri9_minutes_never_appear_on_a_public_page(client, decided):
    reference = decided.request.reference
    client.logout()
    for url in (reverse("register:list"), reverse("register:entry", args=[reference])):
        response = client.get(url)
        assert response.status_code == 200
        assert "MINUTES-SECRET" not in response.content.decode()


def test_ri3_the_president_is_warned_of_a_month_without_session(client, president, members):
    verified(client, president)
    with travel(CALLED_ON):
        assert "internal rules, art. 3" in client.get(reverse("appeals:sessions")).content.decode()
    _call(president, held_on=CALLED_ON + timedelta(days=20))
    with travel(CALLED_ON):
        page = client.get(reverse("appeals:sessions")).content.decode()
    assert "internal rules, art. 3" not in page


def test_the_workspace_links_the_commission_members_to_their_sessions(client, president, members, body):
    for user in (president, members[1]):
        verified(client, user)
        assert reverse("appeals:sessions") in client.get(reverse("workspace:dashboard")).content.decode()
    verified(client, officer_of(body))
    assert reverse("appeals:sessions") not in client.get(reverse("workspace:dashboard")).content.decode()


def test_tampered_identifiers_an_item_of_another_session_and_a_complaint_not_admitted_are_refused(
        client, president, members, complaint, refused_request):
    """Bad input (issue 12): an agenda item's id put under another session's address is
    404, and a complaint that was not admitted cannot be put on an agenda; nothing moves."""
    first = _session_with(president, [complaint])
    other = _call(president, held_on=HELD_ON + timedelta(days=1))
    item = AgendaItem.objects.get(session=first)
    _attend(president, first, members, 7)
    received = commission_complaint(refused_request, filed_on=FILED_ON + timedelta(days=1))
    verified(client, president)
    prefix = f"item{item.pk}-"
    with travel(HELD_ON, 16):
        response = client.post(reverse("appeals:session_decide", args=[other.pk, item.pk]), {
            prefix + "vote": "consensus", prefix + "outcome": "disclose_fully", prefix + "reasons": "Motifs.",
            prefix + "articles_cited": "Art. 2"})
        assert response.status_code == 404
    with travel(CALLED_ON):
        response = client.post(reverse("appeals:session_agenda_add", args=[other.pk]),
                               {"complaint": received.pk})
    assert response.status_code == 400
    assert fresh(complaint).state == S.DELIBERATION and fresh(received).state == S.RECEIVED
    assert not AgendaItem.objects.filter(session=other).exists()


def test_the_body_is_told_of_the_decision_it_must_follow_up(president, members, complaint, body):
    officer = officer_of(body)
    session = _session_with(president, [complaint])
    _attend(president, session, members, 7)
    _decide(president, session, complaint)
    told = Notification.objects.filter(subject_type="commission_complaint", subject_id=complaint.pk,
                                       kind="decision_to_body").values_list("recipient", flat=True)
    assert (officer.designations.get().work_email or officer.email) in told
