"""Complaints for the appeals' tests, made directly in a given state (the services are
tested on their own; these build the state a test starts from). Dates are explicit:
pass ``filed_on`` and the like, and travel the clock in the test where it matters."""

from __future__ import annotations

from datetime import date

from appeals import windows
from appeals.models import (
    CommissionComplaint,
    CommissionComplaintState,
    HeadComplaint,
    HeadComplaintState,
    RegistrationSequence,
)
from tests.factories import UserFactory


def commission_member(president: bool = False, **kwargs):
    """A Commission member (reviewer) or its president (not a superuser)."""
    from accounts.models import User

    role = User.CommissionRole.PRESIDENT if president else User.CommissionRole.REVIEWER
    return UserFactory(is_staff=True, commission_role=role, **kwargs)


def head_complaint(information_request, *, filed_on: date, state: str = HeadComplaintState.RECEIVED,
                   contested: str = HeadComplaint.Contested.REFUSAL,
                   reasons: str = "The refusal has no basis.", **fields) -> HeadComplaint:
    """A complaint to the head of ``information_request``'s body received on ``filed_on``
    (by the portal, from the requester), in ``state``."""
    window = windows.head_window(information_request)
    complaint = HeadComplaint.objects.create(
        number=RegistrationSequence.next_number(HeadComplaint.PREFIX, filed_on.year),
        request=information_request, complainant=information_request.requester, channel="portal",
        filed_on=filed_on, contested=contested, reasons=reasons,
        window_start=window.start if window else filed_on, window_end=window.end if window else filed_on,
        due_date=windows.head_due_date(information_request, filed_on), **fields)
    if state != HeadComplaintState.RECEIVED:
        HeadComplaint.objects.filter(pk=complaint.pk).update(state=state)
        complaint = HeadComplaint.objects.get(pk=complaint.pk)  # a protected state is not refreshed
    return complaint


def commission_complaint(information_request, *, filed_on: date, head=None,
                         state: str = CommissionComplaintState.RECEIVED, **fields) -> CommissionComplaint:
    """A complaint to the Commission about ``information_request`` received on
    ``filed_on``, after the complaint ``head`` to the head of the body, in ``state``."""
    window = windows.commission_window(head)
    complaint = CommissionComplaint.objects.create(
        number=RegistrationSequence.next_number(CommissionComplaint.PREFIX, filed_on.year),
        request=information_request, head_complaint=head, complainant=information_request.requester,
        channel="portal", filed_on=filed_on, subject=fields.pop("subject", "Refus de communication"),
        reasons=fields.pop("reasons", "Le président n'a pas répondu."),
        window_start=window.start if window else None, window_end=window.end if window else None,
        due_date=windows.commission_due_date(information_request, filed_on), **fields)
    if state != CommissionComplaintState.RECEIVED:
        CommissionComplaint.objects.filter(pk=complaint.pk).update(state=state)
        complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    return complaint
