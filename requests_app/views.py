"""The citizen portal: file a request, follow it, read the public register. Views parse,
authorize (through the selectors, which 404 on anything not the user's), call one
service and render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import PublicBody

from . import deadlines, selectors, services
from .forms import (
    IDENTITY_FIELDS,
    ClaimForm,
    ConsentForm,
    MessageForm,
    RegisterFilterForm,
    RequestForm,
)
from .models import ANSWERABLE_STATES, InformationRequest

PAGE_SIZE = 25


# -- filing ----------------------------------------------------------------------------


def choose_body(request):
    """Step 1: find the body by typing its name in any language, or browse the tree."""
    query = request.GET.get("q", "").strip()[:200]
    context = {"query": query}
    if query:
        context["matches"] = selectors.find_bodies(query)[:50]
    else:
        context["tree"] = selectors.body_tree()
    return render(request, "requests/choose_body.html", context)


def _draft_key(body: PublicBody) -> str:
    return f"request-draft:{body.code}"


def _profile_initial(user) -> dict:
    return {
        "first_name": user.first_name, "family_name": user.last_name, "address": user.address,
        "id_type": user.id_type, "id_number": user.id_number, "email": user.email,
        "phone": user.phone,
    }


@require_http_methods(["GET", "POST"])
def file_request(request, code):
    """Step 2: the form. A POST that arrives after the session expired is kept in the
    new session and restored after logging in again: nothing written is lost."""
    body = get_object_or_404(PublicBody, code=code)
    if not request.user.is_authenticated:
        if request.method == "POST":
            request.session[_draft_key(body)] = {
                name: value for name, value in request.POST.items()
                if name != "csrfmiddlewaretoken"
            }
            messages.warning(request, _("Your session has expired. Log in again: what you "
                                        "wrote has been kept."))
        return redirect_to_login(request.get_full_path())
    if not body.active:
        return render(request, "requests/file_request.html", {"body": body, "inactive": True},
                      status=410)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                information_request = services.create_request(
                    actor=request.user, requester=request.user, body=body,
                    channel=InformationRequest.Channel.PORTAL,
                    language=(get_language() or "ar")[:2],
                    **{name: data[name] for name in RequestForm.Meta.fields},
                    submission_key=data["submission_key"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                request.session.pop(_draft_key(body), None)
                messages.success(request, _("Your request has been received. Keep its "
                                            "reference: %(reference)s.")
                                 % {"reference": information_request.reference})
                return redirect("requests:detail", information_request.reference)
        status = 400
    else:
        draft = request.session.get(_draft_key(body))
        if draft:
            form = RequestForm(initial=draft)
            messages.info(request, _("Your draft has been restored. Check it and send it."))
        else:
            form = RequestForm(initial={**_profile_initial(request.user),
                                        "submission_key": uuid.uuid4()})
        status = 200
    return render(request, "requests/file_request.html",
                  {"body": body, "form": form, "identity_fields": IDENTITY_FIELDS}, status=status)


def error_text(exc) -> str:
    """A refusal (ValidationError or PermissionDenied) as one line for a message."""
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# -- the requester's own requests --------------------------------------------------------


@login_required
def my_requests(request):
    page = Paginator(selectors.requests_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    for item in page:
        item.working_days_left = deadlines.working_days_left(item)
    return render(request, "requests/my_requests.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def claim(request):
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claimed = services.claim_request(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The request is now in your account."))
            return redirect("requests:detail", claimed.reference)
    return render(request, "requests/claim.html", {"form": form}, status=400 if form.is_bound else 200)


def _detail_context(request, information_request, **forms) -> dict:
    decision = getattr(information_request, "decision", None)
    return {
        "req": information_request,
        "decision": decision,
        "documents": selectors.released_documents(information_request),
        "timeline": selectors.timeline(information_request),
        "periods": deadlines.explain_due_date(information_request),
        "complaint_window": deadlines.complaint_window(information_request),
        "working_days_left": deadlines.working_days_left(information_request),
        "can_withdraw": information_request.state in ("draft", *ANSWERABLE_STATES),
        "can_write": information_request.state not in ("draft", "withdrawn"),
        "message_form": forms.get("message_form") or MessageForm(),
        "consent_form": ConsentForm(initial={"consent": information_request.publication_consent}),
    }


@login_required
def request_detail(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    return render(request, "requests/detail.html", _detail_context(request, information_request))


@login_required
def receipt(request, reference):
    return letter_response(selectors.request_for_requester(request.user, reference), "receipt")


def letter_response(information_request, kind: str) -> HttpResponse:
    """The receipt, the extension notice or the decision letter of a request, as PDF."""
    from .pdf import LETTERS

    if kind not in LETTERS:
        raise Http404
    try:
        content = LETTERS[kind](information_request)
    except ValueError as exc:  # not received, not extended or not decided
        raise Http404 from exc
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{information_request.reference}.pdf"'
    return response


@login_required
def letter(request, reference, kind):
    return letter_response(selectors.request_for_requester(request.user, reference), kind)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    if request.method == "POST":
        try:
            services.withdraw(actor=request.user, request=information_request,
                              note=request.POST.get("note", "")[:1000])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Your request has been withdrawn."))
        return redirect("requests:detail", reference)
    return render(request, "requests/withdraw.html", {"req": information_request})


@login_required
@require_POST
def post_message(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.send_message(actor=request.user, request=information_request,
                                  text=form.cleaned_data["text"], files=form.cleaned_data["files"])
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect(f"{information_request.get_absolute_url()}#messages")
    return render(request, "requests/detail.html",
                  _detail_context(request, information_request, message_form=form), status=400)


@login_required
@require_POST
def set_consent(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    form = ConsentForm(request.POST)
    form.is_valid()
    services.set_publication_consent(actor=request.user, request=information_request,
                                     consent=form.cleaned_data.get("consent", False))
    messages.success(request, _("Your choice about publication has been saved."))
    return redirect("requests:detail", reference)


def _file_response(field, name: str, content_type: str | None = None):
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


@login_required
def attachment(request, reference, pk):
    information_request = selectors.request_for_requester(request.user, reference)
    for message in information_request.messages.all():
        for item in message.attachments.all():
            if item.pk == pk:
                return _file_response(item.file, item.name, item.content_type)
    raise Http404


@login_required
def document(request, reference, pk):
    information_request = selectors.request_for_requester(request.user, reference)
    for item in selectors.released_documents(information_request):
        if item.pk == pk:
            return _file_response(item.file, item.file.name.rsplit("/", 1)[-1])
    raise Http404


# -- the public register -----------------------------------------------------------------


def _register_filters(request) -> tuple[RegisterFilterForm, selectors.RegisterFilters]:
    form = RegisterFilterForm(request.GET or None)
    filters = selectors.RegisterFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.RegisterFilters(
            q=data["q"], body=data["body"], state=data["state"], outcome=data["outcome"],
            ground=data["ground"], year=data["year"])
    return form, filters


def register(request):
    form, filters = _register_filters(request)
    page = Paginator(selectors.register(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "register/list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


def register_detail(request, reference):
    information_request = selectors.public_request(reference)
    return render(request, "register/detail.html", {
        "req": information_request,
        "decision": getattr(information_request, "decision", None),
        "documents": selectors.published_documents(information_request),
    })


def register_document(request, reference, pk):
    information_request = selectors.public_request(reference)
    for item in selectors.published_documents(information_request):
        if item.pk == pk:
            return _file_response(item.file, item.file.name.rsplit("/", 1)[-1])
    raise Http404


def register_csv(request):
    """The register as CSV, with the same filters as the page (public fields only)."""
    import csv

    _form, filters = _register_filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nafida-register.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Arabic as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Reference"), _("Body"), _("Subject"), _("Received on"), _("Due date"),
                     _("State"), _("Outcome"), _("Answered late")])
    rows = selectors.register(filters, with_decision=True)[:10000]
    for item in rows:
        decision = getattr(item, "decision", None)
        writer.writerow([item.reference, item.body.name, item.subject,
                         item.received_on.isoformat() if item.received_at else "",
                         item.due_date.isoformat() if item.due_date else "",
                         item.get_state_display(),
                         decision.get_outcome_display() if decision else "",
                         _("yes") if item.decided_late else _("no")])
    return response


# -- bodies ----------------------------------------------------------------------------------


def bodies(request):
    query = request.GET.get("q", "").strip()[:200]
    context = {"query": query}
    if query:
        context["matches"] = selectors.find_bodies(query)[:100]
    else:
        context["tree"] = selectors.body_tree()
    return render(request, "register/bodies.html", context)


def body_detail(request, code):
    body = get_object_or_404(PublicBody.objects.select_related("parent"), code=code)
    return render(request, "register/body.html", {
        "body": body,
        "officers": selectors.current_officers(body),
        "figures": selectors.body_figures(body),
        "recent": selectors.public_requests().filter(body=body).order_by("-received_at")[:10],
        "children": body.children.filter(active=True).order_by("name_fr"),
    })
