"""The request's place on the staff's dashboard: requests as a kind of work, and their
queues (new, in progress, due soon, overdue, waiting for a third party, not assigned,
assigned to me, decided)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .. import deadlines
from ..clock import calendar, periods
from ..clock.models import LegalRule
from ..models import DECIDED_STATES, OPEN_STATES, RequestState, ThirdPartyConsultation
from . import selectors
from .registry import Queue, WorkKind, register_kind, register_queue

REQUEST = "request"
DUE_SOON_WORKING_DAYS = 5


def _decorate(page):
    rules = {}
    for item in page:
        item.days_left = deadlines.days_left(item, rules=rules)


register_kind(WorkKind(
    name=REQUEST,
    items=selectors.workspace_requests,
    list_template="workspace/includes/request_list.html",
    order_by=("due_date", "received_at", "id"),
    search=lambda items, text: items.filter(Q(reference__icontains=text) | Q(subject__icontains=text)),
    decorate=_decorate,
))

_WAITING = Exists(ThirdPartyConsultation.objects.filter(
    request=OuterRef("pk"), answer=ThirdPartyConsultation.Answer.PENDING))
_ACTIVE = [*OPEN_STATES, RequestState.OVERDUE]

for name, label, condition in (
    ("new", _("New"), lambda user, today: Q(state=RequestState.SUBMITTED)),
    ("in_progress", _("In progress"), lambda user, today: Q(state=RequestState.IN_PROGRESS)),
    ("due_soon", format_lazy(_("Due within {period}"), period=lazy(periods.days_text, str)(
        DUE_SOON_WORKING_DAYS, LegalRule.Unit.WORKING_DAYS)), lambda user, today: Q(
        state__in=OPEN_STATES, due_date__gte=today,
        due_date__lte=calendar.add_working_days(today, DUE_SOON_WORKING_DAYS))),
    ("overdue", _("Overdue"), lambda user, today: Q(state=RequestState.OVERDUE)
     | Q(state__in=OPEN_STATES, due_date__lt=today)),
    ("third_party", _("Waiting for a third party"), lambda user, today: Q(_WAITING, state__in=OPEN_STATES)),
    ("unassigned", _("Not assigned"), lambda user, today: Q(assigned_to__isnull=True, state__in=_ACTIVE)),
    ("mine", _("Assigned to me"), lambda user, today: Q(assigned_to=user, state__in=_ACTIVE)),
    ("decided", _("Decided"), lambda user, today: Q(state__in=DECIDED_STATES)),
    # Art. 19: answers not yet received (by post or at the counter, the officer records it).
    ("not_received", _("Answer not received yet (art. 19)"), lambda user, today: Q(
        state__in=DECIDED_STATES, decision__received_on__isnull=True)),
):
    register_queue(Queue(name=name, label=label, kind=REQUEST, condition=condition))
