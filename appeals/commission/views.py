"""Pages of the complaint to the Commission. The requester's under /complaints/commission/;
the Commission's and the body officers' in the workspace, behind the second factor. A
complaint a user may not see answers 404; an act a user who sees it may not do, 403.
Views parse, authorize (selectors), call one service and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.two_factor import second_factor_required
from appeals import permissions, windows
from appeals.models import CommissionComplaintState, ObservationDocument
from requests_app.models import InformationRequest
from requests_app.web import add_errors, file_response, letter_response

from . import forms, letters, selectors, services

S = CommissionComplaintState


def _refused(form, exc: ValidationError):
    add_errors(form, exc)


# -- the requester ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def file(request, reference):
    """Art. 20: the complaint to the President of the Commission, from the request's page."""
    information_request = selectors.request_for_requester(request.user, reference)
    refusal = services.portal_refusal(information_request, selectors.today())
    head = services.prior_head_complaint(information_request)
    form = forms.FileComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.file_complaint(
                actor=request.user, information_request=information_request, subject=data["subject"],
                reasons=data["reasons"], representative_name=data["representative_name"],
                representative_capacity=data["representative_capacity"])
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Your complaint %(number)s has been registered. Keep its deposit "
                                        "receipt.") % {"number": complaint.number})
            return redirect("appeals:commission_complaint", complaint.number)
    status = 400 if request.method == "POST" else 200
    return render(request, "appeals/commission/file.html", {
        "req": information_request, "form": form, "refusal": refusal, "head": head,
        "window": windows.commission_window(head)}, status=status)


def _complaint_page(request, complaint, answer_form=None, status=200):
    return render(request, "appeals/commission/complaint.html", {
        "complaint": complaint, "req": complaint.request,
        "answer_form": answer_form or forms.RequesterAnswerForm(),
        "court_window": windows.court_window(complaint) if complaint.is_answered else None,
        "letters": [name for name in letters.COMPLAINANT_LETTERS
                    if name != "inadmissibility" or complaint.state == S.INADMISSIBLE],
    }, status=status)


@login_required
@require_GET
def complaint(request, number):
    """The complainant's view: opening it after the decision is receiving it (RI 15)."""
    found = selectors.complaint_for_complainant(request.user, number)
    if services.record_seen(actor=request.user, complaint=found):
        found = selectors.complaint_for_complainant(request.user, number)
    return _complaint_page(request, found)


@login_required
@require_POST
def requester_answer(request, number):
    found = selectors.complaint_for_complainant(request.user, number)
    form = forms.RequesterAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.requester_answer(actor=request.user, complaint=found, view=form.cleaned_data["view"],
                                      comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Your answer has been recorded."))
            return redirect("appeals:commission_complaint", number)
    return _complaint_page(request, found, answer_form=form, status=400)


@login_required
@require_GET
def letter(request, number, name):
    found = selectors.complaint_for_complainant(request.user, number)
    if name not in letters.COMPLAINANT_LETTERS:
        raise Http404
    if name == "inadmissibility":
        services.record_seen(actor=request.user, complaint=found)
    return letter_response(found, name, subject=letters.SUBJECT, reference=found.number)


# -- the Commission's workspace -------------------------------------------------------------------


def _member(request):
    if not permissions.is_commission_member(request.user):
        raise Http404


@second_factor_required
@require_GET
def queue(request):
    _member(request)
    return render(request, "appeals/commission/queue.html", {
        "complaints": selectors.queue(request.user),
        "is_president": permissions.is_commission_president(request.user)})


@second_factor_required
@require_GET
def register(request):
    """RI 13: the register of complaints."""
    rows = selectors.register_rows(request.user)
    return render(request, "appeals/commission/register.html", {"rows": rows})


@second_factor_required
@require_http_methods(["GET", "POST"])
def register_paper(request):
    """A complaint received by registered post, e-mail or deposit at the seat, registered
    with its real date of receipt, even outside the art. 20 procedure (RI 15-16)."""
    _member(request)
    form = forms.PaperComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        information_request = InformationRequest.objects.filter(reference=data["reference"].strip()).first()
        if information_request is None:
            form.add_error("reference", _("No request has this reference."))
        else:
            try:
                found = services.file_complaint(
                    actor=request.user, information_request=information_request, subject=data["subject"],
                    reasons=data["reasons"], channel=data["channel"], filed_on=data["filed_on"],
                    representative_name=data["representative_name"],
                    representative_capacity=data["representative_capacity"])
            except ValidationError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("Complaint %(number)s registered; hand or send its deposit "
                                            "receipt to the complainant.") % {"number": found.number})
                return redirect("appeals:commission_case_or_register", found.number)
    return render(request, "appeals/commission/paper.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@second_factor_required
@require_GET
def case_or_register(request, number):
    """After registering: the case for whoever may see it, else the register."""
    try:
        selectors.case_for(request.user, number)
    except Http404:
        _member(request)
        return redirect("appeals:commission_register")
    return redirect("appeals:commission_case", number)


def _case_context(request, complaint, **bound):
    user = request.user
    president = permissions.is_commission_president(user)
    in_charge = selectors.is_in_charge(user, complaint)
    state = complaint.state
    context = {
        "complaint": complaint, "req": complaint.request,
        "decisions": complaint.request.decisions.order_by("decided_at"),
        "head": complaint.head_complaint,
        "observations": complaint.observations.prefetch_related("documents"),
        "notes": complaint.notes.select_related("author"),
        "steps": complaint.steps.select_related("actor"),
        "working_group": complaint.working_group.all(),
        "is_president": president,
        "failed_checks": letters.failed_checks(complaint),
        "today": selectors.today(),
    }
    if president and state in (S.RECEIVED, S.REFERRED):
        context["refer_form"] = bound.get("refer_form") or forms.ReferForm(
            initial={"rapporteur": complaint.rapporteur_id})
    if in_charge and state == S.REFERRED:
        context["check_form"] = bound.get("check_form") or forms.CheckForm()
    if (president or complaint.rapporteur_id == user.pk) and state in (S.INVESTIGATING, S.DELIBERATION):
        context["observation_form"] = bound.get("observation_form") or forms.ObservationForm()
    context["can_send_letter"] = president and state == S.INVESTIGATING and not complaint.body_letter_sent_at
    if in_charge:
        context["note_form"] = bound.get("note_form") or forms.NoteForm()
    if complaint.is_answered:
        context["receipt_form"] = bound.get("receipt_form") or forms.DecisionReceiptForm()
        context["court_window"] = windows.court_window(complaint)
    if (president or complaint.rapporteur_id == user.pk) and state == S.DECIDED:
        context["compliance_form"] = bound.get("compliance_form") or forms.ComplianceForm()
    context["letters"] = ["deposit_receipt", *(["body_letter"] if complaint.body_letter_sent_at else []),
                          *(["inadmissibility"] if state == S.INADMISSIBLE else [])]
    return context


@second_factor_required
@require_GET
def case(request, number):
    found = selectors.case_for(request.user, number)
    return render(request, "appeals/commission/case.html", _case_context(request, found))


def _case_act(request, number, form_class, name, act, success, may=None):
    """POST of one act on the case: the form, then the service; a refusal shows the case
    again with the form's errors (400); a role that may not act gets 403 (checked by
    ``may`` before the form is read, where the act is the President's or the member
    in charge's alone)."""
    found = selectors.case_for(request.user, number)
    if may is not None and not may(request.user, found):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is None or form.is_valid():
        try:
            act(found, form.cleaned_data if form else {})
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect("appeals:commission_case", number)
            _refused(form, exc)
        else:
            messages.success(request, success)
            return redirect("appeals:commission_case", number)
    found = selectors.case_for(request.user, number)  # as it stands after the refusal
    return render(request, "appeals/commission/case.html", _case_context(request, found, **{name: form}),
                  status=400)


@second_factor_required
@require_POST
def refer(request, number):
    return _case_act(request, number, forms.ReferForm, "refer_form", lambda found, data: services.refer(
        actor=request.user, complaint=found, rapporteur=data["rapporteur"],
        working_group=data["working_group"]), _("The complaint has been referred."),
        may=lambda user, _found: permissions.is_commission_president(user))


@second_factor_required
@require_POST
def check(request, number):
    return _case_act(request, number, forms.CheckForm, "check_form", lambda found, data: services.check(
        actor=request.user, complaint=found, **data), _("The checks have been recorded."))


@second_factor_required
@require_POST
def ask_observations(request, number):
    return _case_act(request, number, forms.ObservationForm, "observation_form",
                     lambda found, data: services.ask_observations(actor=request.user, complaint=found,
                                                                   **data),
                     _("The body has been asked for its observations."))


@second_factor_required
@require_POST
def body_letter(request, number):
    return _case_act(request, number, None, "", lambda found, data: services.send_body_letter(
        actor=request.user, complaint=found), _("The letter has been sent to the body."))


@second_factor_required
@require_POST
def note(request, number):
    return _case_act(request, number, forms.NoteForm, "note_form", lambda found, data: services.add_note(
        actor=request.user, complaint=found, text=data["text"]), _("The note has been added."))


@second_factor_required
@require_POST
def decision_receipt(request, number):
    return _case_act(request, number, forms.DecisionReceiptForm, "receipt_form",
                     lambda found, data: services.record_decision_receipt(
                         actor=request.user, complaint=found, on=data["received_on"], via=data["via"],
                         proof=data["proof"]),
                     _("The receipt of the decision has been recorded."))


@second_factor_required
@require_POST
def compliance(request, number):
    return _case_act(request, number, forms.ComplianceForm, "compliance_form",
                     lambda found, data: services.record_compliance(actor=request.user, complaint=found,
                                                                    complied=data["complied"]),
                     _("The follow-up has been recorded."))


def _staff_complaint(request, number):
    """The complaint for a member in charge (every letter and document) or for an
    officer of its body (the letter to the body and their own documents)."""
    try:
        return selectors.case_for(request.user, number), True
    except Http404:
        return selectors.complaint_for_body_officer(request.user, number), False


@second_factor_required
@require_GET
def case_letter(request, number, name):
    found, member = _staff_complaint(request, number)
    if not member and name not in letters.BODY_LETTERS:
        raise Http404
    return letter_response(found, name, subject=letters.SUBJECT, reference=found.number)


@second_factor_required
@require_GET
def observation_document(request, number, pk):
    found, _member_ = _staff_complaint(request, number)
    document = get_object_or_404(ObservationDocument, pk=pk, observation__complaint=found)
    return file_response(document.file, document.original_name or document.title, document.content_type)


# -- the body's officers ----------------------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def observations_answer(request, pk):
    observation = selectors.observation_for_officer(request.user, pk)
    form = forms.AnswerObservationsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_observations(actor=request.user, observation=observation,
                                         answer=form.cleaned_data["answer"], documents=form.documents())
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Your observations have been sent to the Commission."))
            return redirect("appeals:observations_answer", pk)
    return render(request, "appeals/commission/observations_answer.html", {
        "observation": observation, "complaint": observation.complaint, "req": observation.complaint.request,
        "form": form, "documents": observation.documents.all()},
        status=400 if request.method == "POST" else 200)


@second_factor_required
@require_http_methods(["GET", "POST"])
def report(request, number):
    """The body reports what it did after the Commission's decision."""
    found = selectors.complaint_for_body_officer(request.user, number)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_compliance(actor=request.user, complaint=found, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _refused(form, exc)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Your report has been sent to the Commission and the complainant."))
            return redirect("appeals:commission_report", number)
    return render(request, "appeals/commission/report.html", {"complaint": found, "req": found.request,
                                                             "form": form},
                  status=400 if request.method == "POST" else 200)
