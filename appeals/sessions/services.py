"""The Commission's sessions (art. 24; RI 3-9) and the decisions taken in them (RI 8, 16):
the only place that changes a session, its attendance, its agenda, and the complaints
it deliberates and decides. Each act is one transaction, every check made before the
first write, so that a refusal leaves nothing half-saved.

- ``call_session``: the President calls a session, with the notice of RI 4 (a second
  session after one without quorum within the period of RI 5);
- ``add_to_agenda``: an admissible complaint under investigation goes on its agenda;
- ``record_attendance``: who came; with two thirds of the members in office (or at a
  second session) it is held, else the complaints go back for the second session;
- ``decide_item``: the session's decision on a complaint, reasoned and citing the
  articles (RI 16), by consensus, majority or the President's casting vote (RI 8), or
  adjourned; the complainant is told, with the decision letter."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from appeals import permissions, steps
from appeals.commission import notices as commission_notices
from appeals.models import (
    AgendaItem,
    Attendance,
    CommissionComplaint,
    CommissionComplaintState,
    CommissionOutcome,
    CommissionSession,
)
from appeals.notices import user_contacts
from appeals.permissions import is_commission_president
from requests_app.clock.models import LegalRule
from requests_app.clock.periods import period_text, rule_in_force
from requests_app.notices import requester_contacts
from requests_app.outbox.store import owe
from requests_app.outbox.tasks import send_soon

SESSION, DECISION = "commission_session", "commission_decision"
INVITATION, AGENDA, DECIDED = "invitation", "agenda", "decided"

P = LegalRule.Period
S = CommissionComplaintState
Vote = AgendaItem.Vote


def _president(actor) -> None:
    if not is_commission_president(actor):
        raise PermissionDenied(_("Only the President of the Commission may do this."))


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _tell_members(session: CommissionSession, kind: str) -> None:
    """The invitation (RI 4: the date and the agenda, by every means available), or the
    agenda as it now stands, to every member invited."""
    members = session.attendance.values_list("member_id", flat=True)
    send_soon(owe(user_contacts(User.objects.filter(pk__in=list(members)), session.pk), subject=SESSION,
                  kind=kind, date_concerned=timezone.localdate()))


# -- calling a session -------------------------------------------------------------------------


def check_notice(held_on: date, *, urgent: bool, today: date) -> None:
    """RI 4: the invitations leave at least ``session_notice`` before the session
    (``session_notice_urgent`` when it is urgent); plain calendar days."""
    rule = rule_in_force(P.SESSION_NOTICE_URGENT if urgent else P.SESSION_NOTICE, today)
    earliest = today + timedelta(days=rule.length)
    if held_on < earliest:
        raise ValidationError({"held_on": _(
            "The members must be invited at least %(period)s before the session (internal rules, "
            "art. 4%(urgent)s): invited today, the session can be held on %(earliest)s at the earliest.") % {
            "period": period_text(rule), "earliest": _day(earliest),
            "urgent": _(", urgent session") if urgent else ""}})


def check_second_session(follows: CommissionSession, held_on: date) -> None:
    """RI 5: after a session without quorum, one second session, within
    ``second_session`` after it."""
    if follows.state != CommissionSession.State.NO_QUORUM:
        raise ValidationError({"follows": _(
            "A second session follows only a session recorded without quorum (internal rules, art. 5).")})
    if CommissionSession.objects.filter(follows=follows).exists():
        raise ValidationError({"follows": _(
            "A second session has already been called after the session of %(date)s.") % {
            "date": _day(follows.held_on)}})
    rule = rule_in_force(P.SECOND_SESSION, follows.held_on)
    latest = follows.held_on + timedelta(days=rule.length)
    if not follows.held_on < held_on <= latest:
        raise ValidationError({"held_on": _(
            "The second session must be held within %(period)s after the session of %(date)s without "
            "quorum (internal rules, art. 5), that is by %(latest)s.") % {
            "period": period_text(rule), "date": _day(follows.held_on), "latest": _day(latest)}})


def call_session(*, actor, held_on: date, urgent: bool = False, follows: CommissionSession | None = None,
                 members_in_office: int | None = None) -> CommissionSession:
    """The President calls a session for ``held_on`` (RI 3-5): every member in office is
    invited, with the date and the link to the agenda."""
    _president(actor)
    today = timezone.localdate()
    if held_on is None:
        raise ValidationError({"held_on": _("Give the date of the session.")})
    check_notice(held_on, urgent=urgent, today=today)
    members = list(permissions.commission_members().values_list("pk", flat=True))
    if members_in_office is None:
        members_in_office = len(members)
    if members_in_office < 1 or members_in_office < len(members):
        raise ValidationError({"members_in_office": _(
            "The members in office cannot be fewer than the %(count)s members with a Commission role "
            "(art. 23).") % {"count": len(members)}})
    with transaction.atomic():
        if follows is not None:
            follows = steps.lock(CommissionSession, follows)
            check_second_session(follows, held_on)
        session = CommissionSession(held_on=held_on, urgent=urgent, called_on=today, called_by=actor,
                                    follows=follows, members_in_office=members_in_office)
        session._history_user = actor
        session.save()
        Attendance.objects.bulk_create([Attendance(session=session, member_id=pk) for pk in members])
        _tell_members(session, INVITATION)
    return session


# -- the agenda -----------------------------------------------------------------------------------


def add_to_agenda(*, actor, session: CommissionSession, complaint: CommissionComplaint) -> AgendaItem:
    """RI 3-4: an admissible complaint under investigation goes on the agenda of a
    session not yet held; the members are sent the agenda as it now stands."""
    _president(actor)
    with transaction.atomic():
        session = steps.lock(CommissionSession, session)
        complaint = steps.lock(CommissionComplaint, complaint)
        if session.state != CommissionSession.State.CALLED:
            raise ValidationError(_("The session of %(date)s has already sat: its agenda is closed.") % {
                "date": _day(session.held_on)})
        if complaint.state not in (S.INVESTIGATING, S.DELIBERATION):
            raise ValidationError({"complaint": _(
                "Only an admissible complaint under investigation can go on a session's agenda; "
                "complaint %(number)s is “%(state)s”.") % {
                "number": complaint.number, "state": complaint.get_state_display()}})
        pending = complaint.agenda_items.filter(
            vote=Vote.PENDING, session__state__in=[CommissionSession.State.CALLED,
                                                    CommissionSession.State.HELD]).select_related("session")
        if (item := pending.first()) is not None:
            raise ValidationError({"complaint": _(
                "Complaint %(number)s is already on the agenda of the session of %(date)s.") % {
                "number": complaint.number, "date": _day(item.session.held_on)}})
        steps.run(complaint, "put_on_agenda", actor,
                  note=_("Session of %(date)s") % {"date": _day(session.held_on)})
        item = AgendaItem.objects.create(session=session, complaint=complaint)
        _tell_members(session, AGENDA)
    return item


# -- attendance and quorum ----------------------------------------------------------------------


def record_attendance(*, actor, session: CommissionSession, present_ids,
                      minutes: str = "") -> CommissionSession:
    """RI 6: the attendance list at the opening, and the quorum (art. 24, RI 5): held
    with two thirds of the members in office, or at a second session whoever comes;
    otherwise recorded without quorum, and its complaints go back under investigation
    to be put on the second session's agenda. The minutes are confidential (RI 9)."""
    _president(actor)
    today = timezone.localdate()
    present_ids = {int(pk) for pk in present_ids}
    with transaction.atomic():
        session = steps.lock(CommissionSession, session)
        if session.state != CommissionSession.State.CALLED:
            raise ValidationError(_(
                "The attendance of the session of %(date)s has already been recorded.") % {
                "date": _day(session.held_on)})
        if today < session.held_on:
            raise ValidationError(_("The session is on %(date)s: its attendance is recorded on that day or "
                                    "after.") % {"date": _day(session.held_on)})
        invited = set(session.attendance.values_list("member_id", flat=True))
        if not present_ids <= invited:
            raise ValidationError({"present": _("Only the members invited to this session can be present.")})
        if len(present_ids) > session.members_in_office:
            raise ValidationError({"present": _("More members present than in office.")})
        session.attendance.update(present=False)
        session.attendance.filter(member_id__in=present_ids).update(present=True)
        session.minutes = minutes or ""
        session.recorded_by, session.recorded_at = actor, timezone.now()
        if session.has_quorum(len(present_ids)):
            session.hold()
        else:
            session.record_no_quorum()
            for item in session.agenda.select_related("complaint"):
                complaint = steps.lock(CommissionComplaint, item.complaint)
                if complaint.state == S.DELIBERATION:
                    steps.run(complaint, "take_off_agenda", actor, note=_(
                        "No quorum at the session of %(date)s (internal rules, art. 5).") % {
                        "date": _day(session.held_on)})
        session._history_user = actor
        session.save()
    return session


# -- the decision ------------------------------------------------------------------------------------


def _check_vote(vote: str, votes_for, votes_against, present: int) -> tuple[int | None, int | None]:
    """RI 8: by consensus of the members present; failing that by majority; on a tie the
    President's vote decides. The counts are of the members present."""
    if vote == Vote.CONSENSUS:
        return None, None
    if votes_for is None or votes_against is None:
        raise ValidationError({"votes_for": _("Give the votes for and against.")})
    if votes_for < 0 or votes_against < 0 or votes_for + votes_against > present:
        raise ValidationError({"votes_for": _(
            "The votes cast cannot exceed the %(count)s members present.") % {"count": present}})
    if vote == Vote.MAJORITY and not votes_for > votes_against:
        raise ValidationError({"vote": _(
            "A decision by majority needs more votes for than against; on a tie the President's vote "
            "decides (internal rules, art. 8).")})
    if vote == Vote.CASTING_VOTE and (votes_for != votes_against or votes_for == 0):
        raise ValidationError({"vote": _(
            "The President's vote decides only a tie (internal rules, art. 8).")})
    return votes_for, votes_against


def decide_item(*, actor, item: AgendaItem, outcome: str, reasons: str, articles_cited: str, vote: str,
                votes_for: int | None = None, votes_against: int | None = None) -> CommissionComplaint:
    """The session's decision on the complaint of ``item``, recorded by the President:
    reasoned and citing the articles relied on (RI 16), taken in a session with quorum
    (art. 24), by consensus, majority or casting vote (RI 8); or the item adjourned, the
    complaint going back under investigation. The complainant is told, with the letter."""
    _president(actor)
    reasons, articles_cited = (reasons or "").strip(), (articles_cited or "").strip()
    if vote not in (Vote.CONSENSUS, Vote.MAJORITY, Vote.CASTING_VOTE, Vote.ADJOURNED):
        raise ValidationError({"vote": _("Say how the decision was taken.")})
    with transaction.atomic():
        item = steps.lock(AgendaItem, item)
        session = item.session
        if session.state == CommissionSession.State.NO_QUORUM:
            raise ValidationError(_(
                "The session of %(date)s had no quorum (art. 24; internal rules, art. 5): it cannot decide. "
                "Put the complaint on the agenda of the second session.") % {"date": _day(session.held_on)})
        if session.state != CommissionSession.State.HELD:
            raise ValidationError(_(
                "Record the attendance and the quorum of the session first: a decision is taken only in a "
                "session with quorum (art. 24)."))
        if item.vote:
            raise ValidationError(_("This complaint has already been dealt with in this session."))
        complaint = steps.lock(CommissionComplaint, item.complaint)
        if vote == Vote.ADJOURNED:
            steps.run(complaint, "take_off_agenda", actor, note=_("Adjourned at the session of %(date)s.") % {
                "date": _day(session.held_on)})
            item.vote = Vote.ADJOURNED
            item._history_user = actor
            item.save()
            return complaint
        errors = {}
        if outcome not in CommissionOutcome.values:
            errors["outcome"] = _("Choose the decision.")
        if not reasons:
            errors["reasons"] = _(
                "A decision of the Commission states its reasons (internal rules, art. 16).")
        if not articles_cited:
            errors["articles_cited"] = _(
                "A decision of the Commission cites the articles it relies on (internal rules, art. 16).")
        if errors:
            raise ValidationError(errors)
        votes_for, votes_against = _check_vote(vote, votes_for, votes_against, session.present_count)
        now = timezone.now()

        def facts():
            complaint.outcome, complaint.decision_reasons = outcome, reasons
            complaint.articles_cited, complaint.session = articles_cited, session
            complaint.decided_at, complaint.decided_by = now, actor
            complaint.decided_late = timezone.localdate(now) > complaint.due_date

        steps.run(complaint, "decide", actor, then=facts,
                  note=_("Decided at the session of %(date)s.") % {"date": _day(session.held_on)})
        item.vote, item.outcome = vote, outcome
        item.votes_for, item.votes_against = votes_for, votes_against
        item._history_user = actor
        item.save()
        send_soon(owe(requester_contacts(CommissionComplaint.objects.filter(pk=complaint.pk), "request__"),
                      subject=DECISION, kind=DECIDED, date_concerned=timezone.localdate(now)))
        # The body must act on the recommendation and report (the follow-up).
        commission_notices.tell_officers(complaint, "decision_to_body", timezone.localdate(now))
    return complaint
