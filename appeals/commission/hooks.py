"""How appeals.commission hooks into the lower apps (registries, signals): called once
from AppealsConfig.ready.

- clocks: the Commission's own period (art. 20: the member in charge, or the President,
  reminded 5, 2 and 0 working days before; unanswered past it) and each date set for the
  body's observations (its officers reminded; late past it);
- the outbox subjects "commission_complaint" and "commission_observation" and the letters;
- the workspace links (the Commission's queue and register; observations waiting for a
  body's officers);
- the request page sections (the requester's complaint to the Commission; the
  observations asked of the body, on the officer's page)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from appeals import permissions
from appeals.models import CommissionComplaint, Observation
from appeals.models.commission import COMMISSION_OPEN_STATES
from requests_app.outbox.clocks import Clock, register_clock
from requests_app.sections import RequestSection, register_request_section
from requests_app.workspace.registry import Link, register_link

from . import letters, notices, selectors, services


@dataclass(frozen=True)
class ObservationClock(Clock):
    """Observations run while they are unanswered and their complaint is open (an
    observation has no state of its own: its answer ends it)."""

    def open_rows(self) -> QuerySet:
        return super().open_rows().filter(answered_at__isnull=True)


def _commission_links(user) -> list[tuple[str, str]]:
    if not permissions.is_commission_member(user):
        return []
    return [(_("Complaints to the Commission"), reverse("appeals:commission_queue")),
            (_("Register of complaints (RI art. 13)"), reverse("appeals:commission_register"))]


def _observation_links(user) -> list[tuple[str, str]]:
    waiting = Observation.objects.filter(
        answered_at__isnull=True, complaint__state__in=COMMISSION_OPEN_STATES,
        complaint__request__body__in=bodies_for(user, HANDLE_REQUESTS)).select_related("complaint")
    return [(_("Observations asked by the Commission: %(number)s") % {"number": observation.complaint.number},
             reverse("appeals:observations_answer", args=[observation.pk])) for observation in waiting]


def _requester_section(information_request, user) -> dict | None:
    if not permissions.is_requester_of(user, information_request):
        return None
    complaints = list(information_request.commission_complaints.order_by("-filed_on", "-id"))
    refusal = services.portal_refusal(information_request, selectors.today())
    head = services.prior_head_complaint(information_request)
    if not complaints and head is None:
        return None  # nothing to say before the head of the body has been seized
    return {"complaints": complaints, "can_file": refusal is None, "refusal": refusal,
            "file_url": reverse("appeals:commission_file", args=[information_request.reference])}


def _workspace_section(information_request, user) -> dict | None:
    if not permissions.is_officer_of(user, information_request.body):
        return None
    observations = list(Observation.objects.filter(complaint__request=information_request)
                        .select_related("complaint").order_by("asked_at"))
    complaints = list(information_request.commission_complaints.filter(body_letter_sent_at__isnull=False)
                      .only("number", "body_letter_sent_at", "state"))
    decided = list(information_request.commission_complaints.filter(state="decided"))
    if not observations and not complaints and not decided:
        return None
    return {"observations": observations, "letters": complaints, "decided": decided}


def _register_section(information_request, user) -> dict | None:
    """The public trail: when each complaint reached the Commission and where it stands
    (never the complainant, the reasons or anything of the investigation)."""
    complaints = list(CommissionComplaint.objects.filter(request=information_request)
                      .only("number", "filed_on", "state", "request_id").order_by("filed_on", "id"))
    return {"complaints": complaints} if complaints else None


def register() -> None:
    notices.register()
    letters.register()
    register_clock(Clock(
        name="commission_answer", counts_as="commission_reminders", expired_as="commission_overdue",
        subject=notices.COMPLAINT, model=CommissionComplaint, due_field="due_date",
        open_states=tuple(COMMISSION_OPEN_STATES), recipients=notices.in_charge_contacts,
        notice="reminder", days_before=(5, 2, 0), body_kind_field="request__body__kind",
        expire=services.mark_overdue_batch))
    register_clock(ObservationClock(
        name="commission_observations", counts_as="observation_reminders", expired_as="observations_late",
        subject=notices.OBSERVATION, model=Observation, due_field="reply_by", state_field="complaint__state",
        open_states=tuple(COMMISSION_OPEN_STATES), recipients=notices.observation_officers,
        notice="reminder", days_before=(2, 0), body_kind_field="complaint__request__body__kind",
        expire=services.mark_observations_late_batch))
    register_link(Link(name="commission", links=_commission_links))
    register_link(Link(name="commission_observations", links=_observation_links))
    register_request_section(RequestSection(
        name="commission_requester", place="requester_page",
        template="appeals/commission/section_requester.html", context=_requester_section))
    register_request_section(RequestSection(
        name="commission_register", place="register_entry",
        template="appeals/commission/section_register.html", context=_register_section))
    register_request_section(RequestSection(
        name="commission_workspace", place="workspace_request",
        template="appeals/commission/section_workspace.html", context=_workspace_section))
