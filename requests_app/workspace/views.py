"""The officers' workspace: queues, intake from every channel, and each act on a request
(assign, note, message, extend, consult a third party, decide), each a service call.
Every view needs a second factor and sees only the bodies of the user's designations:
a request of another body does not exist here (404)."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services as account_services
from accounts.models import Designation, DesignationInvitation, PublicBody, User
from accounts.permissions import DECIDE_COMPLAINTS, HANDLE_REQUESTS, bodies_for, has_body_permission
from accounts.two_factor import second_factor_required

from .. import deadlines, preparation, selectors, services
from ..forms import IDENTITY_FIELDS
from ..letters.bidi import left_to_right
from ..models import Decision, InformationRequest, PreparedDocument, ResponseTemplate
from ..permissions import can_handle
from ..publications import publications_of
from ..web import act_on, add_errors, error_text, file_response, letter_response, send_message_form
from . import registry
from . import selectors as workspace_selectors
from .forms import (
    AnswerForm,
    AssignForm,
    CitationFormSet,
    ConsultForm,
    DecisionForm,
    DesignateForm,
    DeterminationForm,
    ExtendForm,
    GroundFormSet,
    IntakeForm,
    MaskForm,
    NoteForm,
    NoticeSettingsForm,
    OfficerMessageForm,
    PreparedDocumentForm,
    ReceiptForm,
    ReclassifyForm,
    TemplateForm,
    WithdrawalForm,
)

Outcome = Decision.Outcome
PAGE_SIZE = 30
DEFAULT_KIND = "request"


# -- dashboard ---------------------------------------------------------------------------


@second_factor_required
def dashboard(request):
    """The queues of every kind of work registered (``registry``) with their counts, and
    one page of the chosen queue's items, sorted by due date."""
    today = timezone.localdate()
    queue = registry.QUEUES.get(request.GET.get("queue", ""))
    kind = registry.KINDS[queue.kind if queue else DEFAULT_KIND]
    items = kind.items(request.user)
    if queue:
        items = items.filter(queue.condition(request.user, today))
    body_code = request.GET.get("body", "")
    if body_code:
        items = items.filter(**{f"{kind.body_field}__code": body_code})
    query = request.GET.get("q", "").strip()[:100]
    if query:
        items = kind.search(items, query)
    page = Paginator(items.order_by(*kind.order_by), PAGE_SIZE).get_page(request.GET.get("page"))
    if kind.decorate:
        kind.decorate(page)
    counts = registry.counts(request.user, today)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "workspace/dashboard.html", {
        "page": page, "kind": kind, "queue": queue.name if queue else "",
        "queues": [(name, item.label, counts[name]) for name, item in registry.QUEUES.items()],
        "bodies": bodies_for(request.user).order_by("name_fr"), "body_code": body_code,
        "query": query, "params": params.urlencode(), "links": registry.links(request.user),
        "headed_bodies": bodies_for(request.user, DECIDE_COMPLAINTS).order_by("name_fr"),
        "designated": Designation.objects.active().filter(user=request.user).exists(),
        # Intake and templates are an information officer's work: no door for the others.
        "handles_requests": bodies_for(request.user, HANDLE_REQUESTS).filter(active=True).exists(),
    })


# -- my notices -----------------------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def notice_settings(request):
    """The officer's choice: one e-mail per notice, or a daily digest; urgent requests
    (art. 17) are told at once whatever the choice."""
    designations = (Designation.objects.active().filter(user=request.user)
                    .select_related("body").order_by("body__name_fr", "role"))
    if not designations:
        raise PermissionDenied(_("Only the people designated at a body receive its notices."))
    form = NoticeSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choice has been saved."))
        return redirect("workspace:notices")
    return render(request, "workspace/notices.html", {"form": form, "designations": designations},
                  status=400 if form.is_bound else 200)


# -- intake (art. 14) ----------------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def intake(request):
    bodies = bodies_for(request.user, HANDLE_REQUESTS).filter(active=True).order_by("name_fr")
    if not bodies.exists():
        raise PermissionDenied(_("Only an information officer registers requests."))
    form = IntakeForm(request.POST or None, bodies=bodies,
                      initial={"received_on": timezone.localdate(), "submission_key": uuid.uuid4(),
                               "channel": InformationRequest.Channel.COUNTER})
    registered = request.method == "POST" and act_on(form, lambda data: services.create_request(
        actor=request.user, body=data["body"], channel=data["channel"],
        received_at=_received_at(data["received_on"]), language=(get_language() or "ar")[:2],
        submission_key=data["submission_key"],
        **{name: data[name] for name in IntakeForm.Meta.fields
           if name not in ("body", "channel", "received_on")}))
    if registered:
        messages.success(request, _("Request %(reference)s registered. Print its receipt for "
                                    "the requester: it carries the code to claim it online.")
                         % {"reference": left_to_right(registered.reference)})
        return redirect("workspace:request", registered.reference)
    return render(request, "workspace/intake.html", {"form": form, "identity_fields": IDENTITY_FIELDS},
                  status=400 if form.is_bound else 200)


def _received_at(received_on):
    """The moment of receipt: now if today, else noon of that day (the clock counts
    days, not hours)."""
    if received_on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(received_on, time(12)))


# -- one request --------------------------------------------------------------------------


def _template_text(request, body, use) -> str:
    """The text of a response template chosen with ?template=<id> (no JavaScript)."""
    template_id = request.GET.get("template", "")
    if not (template_id.isascii() and template_id.isdigit()):  # "²" is a digit, not a number
        return ""
    template = ResponseTemplate.objects.filter(pk=template_id, body=body, use=use).first()
    return template.text_for((get_language() or "ar")[:2]) if template else ""


def _page(request, information_request, status=200, **forms):
    body = information_request.body
    handles = can_handle(information_request, request.user)
    message_initial = {"text": _template_text(request, body, "message")}
    return render(request, "workspace/request.html", {
        "req": information_request,
        "decision": getattr(information_request, "decision", None),
        "documents": selectors.documents_on_file(information_request),
        "handles": handles,
        "timeline": selectors.timeline(information_request),
        "periods": deadlines.explain_due_date(information_request),
        "complaint_window": deadlines.complaint_window(information_request),
        "days_left": deadlines.days_left(information_request),
        "assign_form": forms.get("assign_form") or AssignForm(
            officers=workspace_selectors.body_officers(body),
            initial={"officer": information_request.assigned_to_id}),
        "note_form": forms.get("note_form") or NoteForm(),
        "message_form": forms.get("message_form") or OfficerMessageForm(initial=message_initial),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "determination_form": forms.get("determination_form") or DeterminationForm(),
        "templates": body.response_templates.filter(use="message"),
    }, status=status)


@second_factor_required
def request_page(request, reference):
    return _page(request, workspace_selectors.workspace_request(request.user, reference))


def _act(request, reference, form_class, act, success, template, form_kwargs=None):
    """GET shows the action's form; POST validates it and calls the service."""
    information_request = workspace_selectors.request_for_act(request.user, reference)
    if not can_handle(information_request, request.user):
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    form = form_class(request.POST or None, request.FILES or None, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            act(information_request, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        else:
            messages.success(request, success)
            return redirect("workspace:request", reference)
    return render(request, template, {"req": information_request, "form": form},
                  status=400 if form.is_bound else 200)


@second_factor_required
@require_POST
def assign(request, reference):
    information_request = _handled_request(request, reference)
    form = AssignForm(request.POST, officers=workspace_selectors.body_officers(information_request.body))
    if not form.is_valid():  # a tampered choice: say so on the page, change nothing
        return _page(request, information_request, status=400, assign_form=form)
    try:
        services.assign(actor=request.user, information_request=information_request,
                        officer=form.cleaned_data["officer"])
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The assignment has been saved."))
    return redirect("workspace:request", reference)


@second_factor_required
@require_POST
def note(request, reference):
    information_request = _handled_request(request, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_internal_note(actor=request.user, information_request=information_request,
                                   text=form.cleaned_data["text"])
        messages.success(request, _("The note has been added."))
        return redirect(f"{reverse_request(reference)}#notes")
    return _page(request, information_request, status=400, note_form=form)


def _handled_request(request, reference) -> InformationRequest:
    """The request for an act posted from its page: 404 unless it is to one of the user's
    bodies, 403 unless they are an information officer of its body today (a head of body
    reads the page but does not act), before any form is read."""
    information_request = workspace_selectors.workspace_request(request.user, reference)
    if not can_handle(information_request, request.user):
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    return information_request


def reverse_request(reference: str) -> str:
    return reverse("workspace:request", args=[reference])


@second_factor_required
@require_POST
def message(request, reference):
    information_request = _handled_request(request, reference)
    form = OfficerMessageForm(request.POST, request.FILES)
    if send_message_form(request, information_request, form):
        messages.success(request, _("The message has been sent to the requester."))
        return redirect(f"{reverse_request(reference)}#messages")
    return _page(request, information_request, status=400, message_form=form)


@second_factor_required
@require_http_methods(["GET", "POST"])
def extend(request, reference):
    information_request = workspace_selectors.request_for_act(request.user, reference)
    if (request.method == "GET" and can_handle(information_request, request.user)
            and not information_request.can_be_extended()):
        # Art. 16: one extension, before expiry; once used or too late, no form is offered.
        messages.info(request, _("The deadline has already been extended once (art. 16).")
                      if information_request.is_extended
                      else _("The deadline can only be extended before it expires (art. 16)."))
        return redirect("workspace:request", reference)
    initial = {"reasons": _template_text(request, information_request.body, "extension")}

    def act(target, data):
        services.extend_deadline(actor=request.user, information_request=target, ground=data["ground"],
                                 reasons=data["reasons"])

    form_kwargs = {"initial": initial} if request.method == "GET" else {}
    return _act(request, reference, ExtendForm, act,
                _("The deadline has been extended and the requester notified."),
                template="workspace/extend.html", form_kwargs=form_kwargs)


@second_factor_required
@require_http_methods(["GET", "POST"])
def consult(request, reference):
    def act(target, data):
        services.consult_third_party(actor=request.user, information_request=target,
                                     third_party=data["third_party"], contact=data["contact"],
                                     asked_on=data["asked_on"])

    return _act(request, reference, ConsultForm, act,
                _("The consultation of the third party has been recorded."),
                template="workspace/consult.html")


def _consultation_act(request, reference, pk, form_class, act, done: str, form_name: str):
    """An act on one of the request's third-party consultations (art. 9), from a form
    on the request's page: done, or the page again with the form's errors."""
    information_request = _handled_request(request, reference)
    consultation = get_object_or_404(information_request.consultations, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(consultation, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("workspace:request", reference)
    return _page(request, information_request, status=400, **{form_name: form})


@second_factor_required
@require_POST
def consultation_answer(request, reference, pk):
    def act(consultation, data):
        services.record_third_party_answer(
            actor=request.user, consultation=consultation, answer=data["answer"],
            reasons=data["reasons"], answered_on=data["answered_on"])

    return _consultation_act(request, reference, pk, AnswerForm, act,
                             _("The third party's answer has been recorded."), "answer_form")


@second_factor_required
@require_POST
def consultation_determination(request, reference, pk):
    def act(consultation, data):
        services.record_third_party_determination(
            actor=request.user, consultation=consultation, determination=data["determination"],
            reasons=data["determination_reasons"])

    return _consultation_act(request, reference, pk, DeterminationForm, act,
                             _("The body's determination has been recorded."), "determination_form")


@second_factor_required
@require_http_methods(["GET", "POST"])
def reclassify(request, reference):
    def act(target, data):
        services.reclassify_as_ordinary(actor=request.user, information_request=target,
                                        reasons=data["reasons"])

    return _act(request, reference, ReclassifyForm, act,
                _("The request is now answered in the ordinary period; the requester has been told "
                  "why."), template="workspace/reclassify.html")


@second_factor_required
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    def act(target, data):
        services.withdraw(actor=request.user, information_request=target, note=data["note"],
                          written_withdrawal=data["written_withdrawal"])

    return _act(request, reference, WithdrawalForm, act,
                _("The requester's withdrawal has been recorded, with their written withdrawal."),
                template="workspace/withdraw.html")


@second_factor_required
@require_http_methods(["GET", "POST"])
def decide(request, reference, outcome):
    if outcome not in DecisionForm.FIELDS:
        raise Http404
    information_request = workspace_selectors.request_for_act(request.user, reference)
    if not can_handle(information_request, request.user):
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    data = request.POST if request.method == "POST" else None
    initial = {"explanation": _template_text(request, information_request.body, "decision"),
               "delivery_method": information_request.delivery_preference}
    # What will be public, shown before it is (the documents prepared beforehand).
    pending = preparation.pending_documents(information_request) if outcome != Outcome.REFUSED else []
    preview = preparation.public_preview(information_request) if pending else []
    form = DecisionForm(data, outcome=outcome, initial=initial, ready_documents=len(preview),
                        publications=publications_of(information_request.body))
    citations = CitationFormSet(data, prefix="citation")
    grounds = GroundFormSet(data, prefix="ground")
    mask_form = MaskForm(data, prefix="mask")
    reasons_valid = outcome == Outcome.GRANTED or (citations.is_valid() & grounds.is_valid())
    if request.method == "POST" and not reasons_valid:
        # The grounds' and exemptions' own errors, also in the summary at the top.
        for message in dict.fromkeys(_formset_messages(grounds) + _formset_messages(citations)):
            form.add_error(None, message)
    if request.method == "POST" and form.is_valid() and reasons_valid and mask_form.is_valid():
        try:
            services.decide(actor=request.user, information_request=information_request, outcome=outcome,
                            masked_in_subject=mask_form.cleaned_data["masked_in_subject"] or None,
                            **_decision_arguments(outcome, form.cleaned_data, citations, grounds))
        except ValidationError as exc:
            by_field = getattr(exc, "error_dict", {})
            if "masked_in_subject" in by_field:
                mask_form.add_error("masked_in_subject", by_field.pop("masked_in_subject"))
            if "documents" in by_field:
                form.add_error(None, by_field.pop("documents"))
            if by_field or not hasattr(exc, "error_dict"):
                add_errors(form, exc)
        else:
            messages.success(request, _("The decision has been recorded and notified to the "
                                        "requester, with the letter."))
            return redirect("workspace:request", reference)
    return render(request, "workspace/decide.html", {
        "req": information_request, "form": form, "citations": citations, "grounds": grounds,
        "outcome": outcome, "mask_form": mask_form, "pending": pending, "preview": preview,
        "preparing": any(item.is_pending for item in pending),
        "templates": information_request.body.response_templates.filter(use="decision"),
    }, status=400 if form.is_bound else 200)


def _formset_messages(formset) -> list[str]:
    messages_ = list(formset.non_form_errors())
    for item in formset.forms:
        messages_ += [message for errors in item.errors.values() for message in errors]
    return messages_


def _decision_arguments(outcome, data, citations, grounds) -> dict:
    arguments = {"explanation": data.get("explanation", "")}
    if outcome in (Outcome.GRANTED, Outcome.PARTIALLY_GRANTED):
        # The documents released are those prepared beforehand: the service reads them.
        arguments.update(delivery_method=data.get("delivery_method", ""),
                         copying_cost=data["copying_cost"], sending_cost=data["sending_cost"])
    if outcome != Outcome.GRANTED:
        arguments["citations"] = [
            services.Citation(exemption=row["exemption"],
                              public_justification=row["public_justification"],
                              withheld_part=row.get("withheld_part", ""))
            for row in citations.cleaned_data if row.get("exemption")]
        arguments["refusal_grounds"] = [
            services.Ground(ground=row["ground"], reason=row.get("reason", ""),
                            withheld_part=row.get("withheld_part", ""))
            for row in grounds.cleaned_data if row.get("ground")]
        # The earlier request is looked for among the body's own requests, by the service.
        arguments.update(publication_reference=data["publication_reference"],
                         publication_location=data["publication_location"],
                         publication_key=data.get("publication_key", ""),
                         earlier_reference=data["earlier_request"])
    return arguments


# -- the receipt of the answer (art. 19) and the public subject (Law 09-08) -------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def receipt(request, reference):
    """The day the requester received an answer delivered by post or at the counter."""
    def act(target, data):
        services.record_answer_receipt(actor=request.user, information_request=target,
                                       received_on=data["received_on"], via=data["via"], proof=data["proof"])

    return _act(request, reference, ReceiptForm, act,
                _("The receipt of the answer has been recorded: the time to complain counts from it."),
                template="workspace/receipt.html")


@second_factor_required
def receipt_proof(request, reference):
    information_request = workspace_selectors.request_for_act(request.user, reference)
    decision = getattr(information_request, "decision", None)
    if decision is None or not decision.receipt_proof:
        raise Http404
    return file_response(decision.receipt_proof, decision.receipt_proof_name or f"{reference}-receipt")


@second_factor_required
@require_http_methods(["GET", "POST"])
def mask(request, reference):
    """Mask personal data in the subject on the public register (also offered when deciding)."""
    def act(target, data):
        services.mask_subject(actor=request.user, information_request=target,
                              masked_in_subject=data["masked_in_subject"])

    return _act(request, reference, MaskForm, act,
                _("The subject on the public register has been saved."), template="workspace/mask.html")


# -- documents and letters -----------------------------------------------------------------


@second_factor_required
def document(request, reference, pk):
    information_request = workspace_selectors.workspace_request(request.user, reference)
    # Released: under the neutral name the public gets; an original kept by the body:
    # under the name it was uploaded with (the officers' only).
    for item in selectors.documents_on_file(information_request):
        if item.pk == pk:
            return file_response(item.file, item.download_name, item.served_type)
    raise Http404


# -- documents prepared before the decision (their public copies) ----------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def prepared_documents(request, reference):
    """The documents of the coming decision: add one (in full or redacted, with its public
    title), follow the preparation of its public copy, and see each copy as it will be
    published. The page refreshes itself while a copy is being prepared."""
    information_request = workspace_selectors.request_for_act(request.user, reference)
    if not can_handle(information_request, request.user):
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    form = PreparedDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and act_on(form, lambda data: preparation.add_document(
            actor=request.user, information_request=information_request, kind=data["kind"],
            public_title=data["public_title"], upload=data["file"])):
        messages.success(request, _("The document has been added: its public copy is being prepared."))
        return redirect("workspace:prepared_documents", reference)
    items = preparation.pending_documents(information_request)
    return render(request, "workspace/prepared_documents.html", {
        "req": information_request, "form": form, "items": items,
        "preview": preparation.public_preview(information_request),
        "preparing": any(item.is_pending for item in items),
    }, status=400 if form.is_bound else 200)


def _prepared_document(request, reference, pk) -> PreparedDocument:
    information_request = workspace_selectors.request_for_act(request.user, reference)
    if not can_handle(information_request, request.user):
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    document = information_request.prepared_documents.filter(pk=pk, decision=None).first()
    if document is None:
        raise Http404
    return document


@second_factor_required
def prepared_document(request, reference, pk):
    """The public copy of a document, exactly the bytes the public will get, under the
    name it will be published under."""
    document = _prepared_document(request, reference, pk)
    for item, name in preparation.public_preview(document.request):
        if item.pk == document.pk:
            return file_response(item.prepared, name, item.public_content_type)
    raise Http404


@second_factor_required
@require_POST
def prepared_document_remove(request, reference, pk):
    document = _prepared_document(request, reference, pk)
    try:
        preparation.remove_document(actor=request.user, document=document)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The document has been removed from the decision."))
    return redirect("workspace:prepared_documents", reference)


@second_factor_required
def attachment(request, reference, pk):
    information_request = workspace_selectors.workspace_request(request.user, reference)
    for item in (a for m in information_request.messages.all() for a in m.attachments.all()):
        if item.pk == pk:
            return file_response(item.file, item.name, item.content_type)
    raise Http404


@second_factor_required
def written_withdrawal(request, reference):
    information_request = workspace_selectors.request_for_act(request.user, reference)
    record = getattr(information_request, "written_withdrawal", None)
    if record is None:
        raise Http404
    return file_response(record.file, record.name, record.content_type)


@second_factor_required
def letter(request, reference, kind):
    return letter_response(workspace_selectors.workspace_request(request.user, reference), kind)


# -- response templates (per body) ---------------------------------------------------------


@second_factor_required
def templates(request):
    bodies = bodies_for(request.user, HANDLE_REQUESTS).order_by("name_fr")
    if not bodies.exists():
        raise PermissionDenied(_("Only an information officer keeps a body's response templates."))
    return render(request, "workspace/templates.html", {
        "bodies": bodies,
        "templates": ResponseTemplate.objects.filter(body__in=bodies).select_related("body"),
    })


@second_factor_required
@require_http_methods(["GET", "POST"])
def template_edit(request, code, pk=None):
    body = get_object_or_404(PublicBody, code=code)
    if not has_body_permission(request.user, HANDLE_REQUESTS, body):
        raise Http404
    template = get_object_or_404(ResponseTemplate, pk=pk, body=body) if pk else None
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST":
        if "delete" in request.POST and template is not None:
            services.delete_response_template(actor=request.user, template=template)
            messages.success(request, _("The template has been deleted."))
            return redirect("workspace:templates")
        if form.is_valid():
            try:
                services.save_response_template(actor=request.user, body=body, template=template,
                                                **{name: form.cleaned_data[name]
                                                   for name in TemplateForm.Meta.fields})
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The template has been saved."))
                return redirect("workspace:templates")
    return render(request, "workspace/template_edit.html", {"form": form, "body": body,
                                                            "template": template},
                  status=400 if form.is_bound else 200)


# -- designations (art. 12) ----------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def designations(request, code):
    """Art. 12: the head invites an account to serve as information officer (the
    designation is made when the invitee accepts), sees the pending invitations and
    cancels them, and ends designations."""
    body = get_object_or_404(PublicBody, code=code)
    if not has_body_permission(request.user, DECIDE_COMPLAINTS, body):
        raise Http404
    form = DesignateForm(request.POST or None)
    if request.method == "POST" and "end" in request.POST:
        ending = request.POST.get("end", "")
        if not (ending.isascii() and ending.isdigit()):  # a tampered form: no such designation
            raise Http404
        designation = get_object_or_404(Designation, pk=ending, body=body)
        try:
            account_services.end_designation(actor=request.user, designation=designation)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The designation ends today; the officer's requests "
                                        "return to the body's queue."))
        return redirect("workspace:designations", code)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = User.objects.filter(email__iexact=data["email"]).first()
        if user is None:
            form.add_error("email", _("No account uses this address: the officer must create an "
                                      "account first."))
        else:
            try:
                account_services.invite(
                    actor=request.user, user=user, body=body,
                    role=Designation.Role.INFORMATION_OFFICER,
                    decision_reference=data["decision_reference"],
                    decision_date=data["decision_date"], starts_on=data["starts_on"],
                    work_email=data["work_email"], work_phone=data["work_phone"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The invitation has been sent to %(email)s. The "
                                            "designation is made when they accept it.")
                                 % {"email": user.email})
                return redirect("workspace:designations", code)
    return render(request, "workspace/designations.html", {
        "body": body, "form": form,
        "designations": Designation.objects.filter(body=body).select_related("user")
        .order_by("-starts_on"),
        "invitations": DesignationInvitation.objects.pending().filter(body=body)
        .select_related("user", "invited_by"),
        "today": timezone.localdate(),
    }, status=400 if form.is_bound else 200)


@second_factor_required
@require_POST
def invitation_cancel(request, code, pk):
    """The head withdraws an invitation not answered yet."""
    body = get_object_or_404(PublicBody, code=code)
    if not has_body_permission(request.user, DECIDE_COMPLAINTS, body):
        raise Http404
    invitation = get_object_or_404(DesignationInvitation, pk=pk, body=body)
    try:
        account_services.cancel_invitation(actor=request.user, invitation=invitation)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The invitation has been cancelled."))
    return redirect("workspace:designations", code)
