"""The complaint to the head of the body (art. 19): the requester's form and page, the
officers' registration of a complaint received on paper, the head's queue and decision.
Views parse, authorize (the selectors 404 on what a role may not know exists), call a
service and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import DECIDE_COMPLAINTS, bodies_for
from accounts.two_factor import second_factor_required
from appeals import permissions
from requests_app import letters, receipts
from requests_app import selectors as request_selectors
from requests_app.web import act_on, letter_response
from requests_app.workspace import selectors as workspace_selectors

from . import selectors, services
from .forms import ComplaintForm, DecideForm, PaperComplaintForm


def _window_context(information_request) -> dict:
    window = services.window_explained(information_request)
    return {"window": window, "window_text": services.window_text(information_request, window=window),
            "refusal": services.complaint_allowed(information_request, window=window)}


# -- the requester ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def file(request, reference):
    """The form, after the last day to complain and how it was counted."""
    information_request = request_selectors.request_for_requester(request.user, reference)
    form = ComplaintForm(request.POST or None, information_request=information_request)
    if request.method == "POST":
        complaint = act_on(form, lambda data: services.file_complaint(
            actor=request.user, information_request=information_request, contested=data["contested"],
            reasons=data["reasons"]))
        if complaint:
            messages.success(request, _("Your complaint %(number)s has been received. The head of the body "
                                        "must decide by %(date)s.") % {
                "number": complaint.number, "date": letters.format_date(complaint.due_date)})
            return redirect("appeals:head_complaint", complaint.number)
    return render(request, "appeals/head/file.html",
                  {"req": information_request, "form": form, **_window_context(information_request)},
                  status=400 if form.is_bound else 200)


@login_required
@require_GET
def complaint_page(request, number):
    complaint = selectors.complaint_for_complainant(request.user, number)
    if complaint.is_decided:  # art. 20: seeing the head's answer here is receiving it
        if receipts.record_seen(complaint, actor=request.user):
            complaint = selectors.complaint_for_complainant(request.user, number)
    return render(request, "appeals/head/complaint.html", {
        "complaint": complaint, "req": complaint.request, "steps": complaint.steps.all(),
        "letter_url": "appeals:head_letter"})


@login_required
@require_GET
def letter(request, number, name):
    complaint = selectors.complaint_for_complainant(request.user, number)
    if name == "decision" and complaint.is_decided:
        receipts.record_seen(complaint, actor=request.user)
    return letter_response(complaint, name, subject=services.SUBJECT, reference=complaint.number)


# -- the body's officers and head ---------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def register_paper(request, reference):
    """An officer registers a complaint the body received on paper, by e-mail or by post,
    with the day it was received."""
    information_request = workspace_selectors.request_for_act(request.user, reference)
    if not permissions.is_officer_of(request.user, information_request.body):
        raise PermissionDenied(
            _("Only an information officer of the body registers a complaint it received."))
    form = PaperComplaintForm(request.POST or None, information_request=information_request)
    if request.method == "POST":
        complaint = act_on(form, lambda data: services.file_complaint(
            actor=request.user, information_request=information_request, contested=data["contested"],
            reasons=data["reasons"], channel=data["channel"], filed_on=data["filed_on"]),
            forbidden_on_form=False)
        if complaint:
            messages.success(request, _("Complaint %(number)s has been registered.")
                             % {"number": complaint.number})
            return redirect("appeals:head_decide", complaint.number)
    return render(request, "appeals/head/register_paper.html",
                  {"req": information_request, "form": form, **_window_context(information_request)},
                  status=400 if form.is_bound else 200)


@second_factor_required
@require_GET
def queue(request):
    """The complaints against the bodies the user heads, pending first."""
    if not bodies_for(request.user, DECIDE_COMPLAINTS).exists():
        raise PermissionDenied(_("This page is for the heads of bodies."))
    complaints = list(selectors.head_queue(request.user)[:500])
    today = timezone.localdate()
    for complaint in complaints:
        complaint.days_left = (complaint.due_date - today).days if complaint.is_pending else None
    return render(request, "appeals/head/queue.html", {"complaints": complaints})


@second_factor_required
@require_http_methods(["GET", "POST"])
def decide(request, number):
    """The complaint with the request and the decision contested; the head decides it,
    the body's officers read it."""
    complaint = selectors.complaint_for_staff(request.user, number)
    is_head = permissions.is_head_of(request.user, complaint.request.body)
    form = DecideForm(request.POST or None) if is_head and not complaint.is_decided else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the head of the body decides a complaint against it."))
        if act_on(form, lambda data: services.decide(actor=request.user, complaint=complaint,
                                                     outcome=data["outcome"], reasons=data["reasons"]),
                  forbidden_on_form=False):
            messages.success(request, _("The decision on complaint %(number)s has been recorded.") % {
                "number": complaint.number})
            return redirect("appeals:head_decide", complaint.number)
    information_request = complaint.request
    return render(request, "appeals/head/decide.html", {
        "complaint": complaint, "req": information_request, "form": form, "is_head": is_head,
        "contested_decision": _contested_decision(complaint),
        "steps": complaint.steps.select_related("actor"),
        "letter_url": "appeals:head_staff_letter",
    }, status=400 if form is not None and form.is_bound else 200)


def _contested_decision(complaint):
    """The decision the complaint is about: the one received when its window opened."""
    decisions = [d for d in complaint.request.decisions.all() if d.received_on == complaint.window_start]
    return decisions[-1] if decisions else None


@second_factor_required
@require_GET
def staff_letter(request, number, name):
    complaint = selectors.complaint_for_staff(request.user, number)
    return letter_response(complaint, name, subject=services.SUBJECT, reference=complaint.number)


