"""What the complaint to the head of the body adds to a request's pages
(``requests_app.sections``): the requester's button and complaints, the officers' and
head's list, and the public trail (dates and outcomes, never a name)."""

from __future__ import annotations

from appeals import permissions
from appeals.models import HeadComplaint
from requests_app.sections import RequestSection, register_request_section

from . import services


def _complaints(information_request):
    return HeadComplaint.objects.filter(request=information_request).order_by("filed_on", "id")


def requester_page(information_request, user) -> dict | None:
    if not permissions.is_requester_of(user, information_request):
        return None
    complaints = list(_complaints(information_request))
    contestable = information_request.state in services.CONTESTABLE
    if not complaints and not contestable:
        return None
    window = services.window_explained(information_request)
    refusal = services.complaint_allowed(information_request, window=window, complaints=complaints)
    return {"complaints": complaints, "can_file": refusal is None,
            "refusal": refusal if contestable else None, "window": window}


def workspace_request(information_request, user) -> dict | None:
    body = information_request.body
    is_head, is_officer = permissions.is_head_of(user, body), permissions.is_officer_of(user, body)
    if not (is_head or is_officer):
        return None
    complaints = list(_complaints(information_request))
    can_register = (is_officer
                    and services.complaint_allowed(information_request, complaints=complaints) is None)
    if not complaints and not can_register:
        return None
    return {"complaints": complaints, "can_register": can_register}


def register_entry(information_request, user) -> dict | None:
    """The public trail: when each complaint was received and how it ended."""
    complaints = list(_complaints(information_request).only(
        "number", "filed_on", "state", "decided_at", "overdue_since", "request_id"))
    return {"complaints": complaints} if complaints else None


def register() -> None:
    register_request_section(RequestSection("head_complaints_requester", "requester_page",
                                            "appeals/head/section_requester.html", requester_page))
    register_request_section(RequestSection("head_complaints_workspace", "workspace_request",
                                            "appeals/head/section_workspace.html", workspace_request))
    register_request_section(RequestSection("head_complaints_register", "register_entry",
                                            "appeals/head/section_register.html", register_entry))
