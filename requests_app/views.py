"""The citizen portal: file a request and follow it. Views parse, authorize (through
the selectors, which 404 on anything not the user's), call one service and render."""

from __future__ import annotations

import time
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.client_ip import client_ip
from accounts.models import PublicBody

from . import deadlines, drafts, selectors, services
from .forms import IDENTITY_FIELDS, ClaimForm, ConsentForm, MessageForm, RequestForm, WithdrawForm
from .letters import join
from .letters.bidi import left_to_right
from .models import InformationRequest
from .privacy import personal_data_notice
from .register.selectors import PUBLISHED
from .suggestions import suggest
from .web import act_on, error_text, file_response, letter_response, send_message_form

PAGE_SIZE = 25
# The button of the filing form that checks what is already published instead of filing.
CHECK_FIELD = "check_published"


# -- filing ----------------------------------------------------------------------------


def choose_body(request):
    """Step 1: find the body by typing its name in any language, or browse the tree."""
    return render(request, "requests/choose_body.html",
                  selectors.find_or_browse_bodies(request.GET.get("q", ""), limit=50))


def _profile_initial(user) -> dict:
    return {
        "first_name": user.first_name, "family_name": user.last_name, "address": user.address,
        "id_type": user.id_type, "id_number": user.id_number, "email": user.email,
        "phone": user.phone,
    }


@require_http_methods(["GET", "POST"])
def file_request(request, code):
    """Step 2: the form. A POST that arrives after the session expired is kept in the
    new session and restored to its author after logging in again (``drafts``)."""
    body = get_object_or_404(PublicBody, code=code)
    if not request.user.is_authenticated:
        if request.method == "POST":
            if drafts.keep(request.session, body, request.POST):
                messages.warning(request, _("Your session has expired. Log in again: what you "
                                            "wrote has been kept."))
            else:
                messages.warning(request, _("Your session has expired. Log in again to file "
                                            "your request."))
        return redirect_to_login(request.get_full_path())
    if not body.active:
        return render(request, "requests/file_request.html", {"body": body, "inactive": True},
                      status=410)
    suggestions = None
    if request.method == "POST" and CHECK_FIELD in request.POST:
        # "Check what is already published": nothing is filed; the form comes back as
        # written, with what may already answer it, and is kept as the author's draft
        # should they open a suggestion and come back (``drafts``).
        written = drafts.form_fields(request.POST)
        drafts.keep(request.session, body, request.POST)
        form = RequestForm(initial=written)
        suggestions = suggest(written.get("subject", ""), written.get("information_sought"), body=body)
        status = 200
    elif request.method == "POST":
        form = RequestForm(request.POST)
        filed = act_on(form, lambda data: services.create_request(
            actor=request.user, requester=request.user, body=body,
            channel=InformationRequest.Channel.PORTAL, language=(get_language() or "ar")[:2],
            **{name: data[name] for name in RequestForm.Meta.fields},
            submission_key=data["submission_key"]))
        if filed:
            drafts.forget(request.session, body)
            # The reference read left to right inside Arabic (not 000013-2026).
            messages.success(request, _("Your request has been received. Keep its reference: "
                                        "%(reference)s.") % {"reference": left_to_right(filed.reference)})
            return redirect("requests:detail", filed.reference)
        status = 400
    else:
        draft = drafts.restore(request.session, body, request.user)
        if draft:
            form = RequestForm(initial=draft)
            messages.info(request, _("Your draft has been restored. Check it and send it."))
        else:
            form = RequestForm(initial={**_profile_initial(request.user),
                                        "submission_key": uuid.uuid4()})
        status = 200
    return render(request, "requests/file_request.html", {
        "body": body, "form": form, "identity_fields": IDENTITY_FIELDS,
        "draft_owner": drafts.owner_token(request.user), "draft_owner_field": drafts.DRAFT_OWNER_FIELD,
        # What the register will publish, read from the register itself, and what never.
        "published": [item.label for item in PUBLISHED],
        "never_published": join([str(form.fields[name].label) for name in IDENTITY_FIELDS]),
        "privacy_notice": personal_data_notice(body),
        "suggestions": suggestions, "check_field": CHECK_FIELD,
    }, status=status)


# How many suggestions a visitor may ask for a minute (each keystroke pause is one).
SUGGESTIONS_PER_MINUTE = 60
# The longest text searched: the subject and the start of the information sought.
SUGGESTION_TEXT = 1000


@require_GET
def suggestions(request, code):
    """The suggestions for a request being written, as JSON, for the filing page's script:
    public records' public fields only, never anyone's identity."""
    body = get_object_or_404(PublicBody, code=code)
    if not _within_rate(request):
        return JsonResponse({"error": _("Too many searches. Try again in a minute.")}, status=429)
    subject = request.GET.get("subject", "")[:SUGGESTION_TEXT]
    sought = request.GET.get("information_sought", "")[:SUGGESTION_TEXT]
    found = suggest(subject, sought, body=body)
    response = JsonResponse({"suggestions": [item.as_json() for item in found]})
    response["Cache-Control"] = "no-store"
    return response


def _within_rate(request) -> bool:
    key = f"suggestions:{client_ip(request)}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=90)
    try:
        return cache.incr(key) <= SUGGESTIONS_PER_MINUTE
    except ValueError:  # expired between the two calls
        return True


# -- the requester's own requests --------------------------------------------------------


@login_required
def my_requests(request):
    page = Paginator(selectors.requests_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    rules = {}
    for item in page:  # in the unit of each request's period: calendar days for art. 17
        item.days_left = deadlines.days_left(item, rules=rules)
    return render(request, "requests/my_requests.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def claim(request):
    form = ClaimForm(request.POST or None)
    if request.method == "POST":
        claimed = act_on(form, lambda data: services.claim_request(user=request.user, **data))
        if claimed:
            messages.success(request, _("The request is now in your account."))
            return redirect("requests:detail", claimed.reference)
    return render(request, "requests/claim.html", {"form": form}, status=400 if form.is_bound else 200)


def _detail_context(request, information_request, **forms) -> dict:
    return {
        "req": information_request,
        "decision": getattr(information_request, "decision", None),
        "documents": selectors.released_documents(information_request),
        "timeline": selectors.timeline(information_request),
        "periods": deadlines.explain_due_date(information_request),
        "complaint_window": deadlines.complaint_window(information_request),
        "complaint_pending": deadlines.complaint_window_pending(information_request),
        "days_left": deadlines.days_left(information_request),
        "message_form": forms.get("message_form") or MessageForm(),
        "consent_form": ConsentForm(initial={"consent": information_request.publication_consent}),
    }


@login_required
def request_detail(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    # Art. 19: the day the requester first sees the decision here is the day they
    # received it (unless it reached them earlier), and the complaint window starts.
    services.record_answer_seen(actor=request.user, information_request=information_request)
    return render(request, "requests/detail.html", _detail_context(request, information_request))


@login_required
def receipt(request, reference):
    return letter_response(selectors.request_for_requester(request.user, reference), "receipt")


@login_required
def letter(request, reference, kind):
    information_request = selectors.request_for_requester(request.user, reference)
    if kind == "decision":  # art. 19: opening the decision letter is receiving the answer too
        services.record_answer_seen(actor=request.user, information_request=information_request)
    return letter_response(information_request, kind)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.withdraw(actor=request.user, information_request=information_request,
                                  note=form.cleaned_data["note"])
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, _("Your request has been withdrawn."))
        else:
            messages.error(request, " ".join(form.errors["note"]))
        return redirect("requests:detail", reference)
    return render(request, "requests/withdraw.html",
                  {"req": information_request, "form": WithdrawForm(auto_id="%s")})


@login_required
@require_POST
def post_message(request, reference):
    information_request = selectors.request_for_requester(request.user, reference)
    form = MessageForm(request.POST, request.FILES)
    if send_message_form(request, information_request, form):
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
    services.set_publication_consent(actor=request.user, information_request=information_request,
                                     consent=form.cleaned_data.get("consent", False))
    messages.success(request, _("Your choice about publication has been saved."))
    return redirect("requests:detail", reference)


@login_required
def attachment(request, reference, pk):
    information_request = selectors.request_for_requester(request.user, reference)
    for message in information_request.messages.all():
        for item in message.attachments.all():
            if item.pk == pk:
                return file_response(item.file, item.name, item.content_type)
    raise Http404


@login_required
def document(request, reference, pk):
    information_request = selectors.request_for_requester(request.user, reference)
    for item in selectors.released_documents(information_request):
        if item.pk == pk:
            return file_response(item.file, item.download_name, item.served_type)
    raise Http404
