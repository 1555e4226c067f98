"""What the sessions' pages read: the sessions a member may see (the President all,
a member those they were invited to), and a session's page, quorum computed."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from appeals.models import CommissionSession
from appeals.permissions import is_commission_member, is_commission_president


def sessions_for(user):
    if is_commission_president(user):
        sessions = CommissionSession.objects.all()
    elif is_commission_member(user):
        sessions = CommissionSession.objects.filter(attendance__member=user)
    else:
        sessions = CommissionSession.objects.none()
    return sessions.annotate(items=Count("agenda", distinct=True),
                             present=Count("attendance", filter=Q(attendance__present=True), distinct=True))


def session_for(user, pk) -> CommissionSession:
    """The session ``pk`` if ``user`` may see it (404 otherwise)."""
    return get_object_or_404(sessions_for(user).select_related("follows", "called_by"), pk=pk)


def quorum_needed(members_in_office: int) -> int:
    """Art. 24, RI 5: two thirds of the members in office, rounded up."""
    return -(-2 * members_in_office // 3)


def session_page(session: CommissionSession) -> dict:
    attendance = list(session.attendance.select_related("member").order_by("member__last_name", "member_id"))
    present = sum(1 for row in attendance if row.present)
    recorded = session.state != CommissionSession.State.CALLED
    return {
        "session": session,
        "agenda": list(session.agenda.select_related("complaint__request__body", "complaint__rapporteur")),
        "attendance": attendance,
        "present": present,
        "recorded": recorded,
        "needed": quorum_needed(session.members_in_office),
        "quorum": session.has_quorum(present) if recorded else None,
        "held": session.state == CommissionSession.State.HELD,
    }


def month_without_session(today) -> bool:
    """RI 3: the Commission meets at least once a month; true when no session (held or
    called) falls in the month of ``today``."""
    return not CommissionSession.objects.filter(held_on__year=today.year, held_on__month=today.month).exists()
