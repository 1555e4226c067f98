"""The Commission's sessions in the workspace (RI 3-9): the President calls them, sets
their agenda, records the attendance and the decisions; the members invited read them.
Nobody else learns they exist (404). Behind the second factor, like every staff page.
And the decision letter (RI 16), for the complainant and the Commission's people."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.two_factor import is_mfa_authenticated, second_factor_redirect, second_factor_required
from appeals.models import AgendaItem, CommissionComplaint, CommissionSession
from appeals.permissions import is_commission_member, is_commission_president, is_requester_of
from requests_app import receipts
from requests_app.web import add_errors, error_text, letter_response

from . import letters, selectors, services
from .forms import AgendaForm, AttendanceForm, CallSessionForm, DecideForm


def commission_only(view):
    """Signed in, a member of the Commission (anyone else: 404, as if the page did not
    exist), and verified by a second factor."""
    protected = second_factor_required(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_commission_member(request.user):
            raise Http404
        return protected(request, *args, **kwargs)

    return wrapped


def _president_only(request) -> None:
    if not is_commission_president(request.user):
        raise PermissionDenied(_("Only the President of the Commission may do this."))


def _list(request, call_form=None, status=200):
    president = is_commission_president(request.user)
    if president and call_form is None:
        call_form = CallSessionForm()
    return render(request, "appeals/sessions/list.html", {
        "sessions": selectors.sessions_for(request.user), "president": president, "form": call_form,
        "month_without_session": president and selectors.month_without_session(timezone.localdate()),
    }, status=status)


@commission_only
@require_GET
def session_list(request):
    return _list(request)


@commission_only
@require_POST
def session_call(request):
    _president_only(request)
    form = CallSessionForm(request.POST)
    if form.is_valid():
        try:
            session = services.call_session(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The session has been called and the members invited."))
            return redirect("appeals:session", session.pk)
    return _list(request, form, status=400)


def _page(request, session, status=200, **forms):
    president = is_commission_president(request.user)
    context = selectors.session_page(session)
    if president:
        context.update(
            agenda_form=forms.get("agenda_form") or AgendaForm(),
            attendance_form=forms.get("attendance_form") or AttendanceForm(
                session=session, initial={"present": [str(row.member_id) for row in context["attendance"]
                                                      if row.present]}),
        )
        for item in context["agenda"]:
            bound = forms.get("decide_form") if forms.get("decide_item") == item.pk else None
            item.form = bound or DecideForm(prefix=f"item{item.pk}")
    context.update(president=president)
    return render(request, "appeals/sessions/session.html", context, status=status)


@commission_only
@require_GET
def session_page(request, pk):
    return _page(request, selectors.session_for(request.user, pk))


@commission_only
@require_POST
def session_agenda_add(request, pk):
    session = selectors.session_for(request.user, pk)
    _president_only(request)
    form = AgendaForm(request.POST)
    if form.is_valid():
        try:
            services.add_to_agenda(actor=request.user, session=session,
                                   complaint=form.cleaned_data["complaint"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The complaint is on the agenda; the members have been sent it."))
            return redirect("appeals:session", session.pk)
    return _page(request, session, status=400, agenda_form=form)


@commission_only
@require_POST
def session_attendance(request, pk):
    session = selectors.session_for(request.user, pk)
    _president_only(request)
    form = AttendanceForm(request.POST, session=session)
    if form.is_valid():
        try:
            session = services.record_attendance(actor=request.user, session=session,
                                                 present_ids=form.cleaned_data["present"],
                                                 minutes=form.cleaned_data["minutes"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if session.state == CommissionSession.State.HELD:
                messages.success(request, _("The attendance is recorded: the quorum is reached."))
            else:
                messages.warning(request, _("The attendance is recorded: no quorum. The complaints on the "
                                            "agenda go back to be put on the second session's agenda."))
            return redirect("appeals:session", session.pk)
    return _page(request, session, status=400, attendance_form=form)


@commission_only
@require_POST
def session_decide(request, pk, item_pk):
    session = selectors.session_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, session=session)
    _president_only(request)
    form = DecideForm(request.POST, prefix=f"item{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_item(actor=request.user, item=item, outcome=data["outcome"],
                                 reasons=data["reasons"], articles_cited=data["articles_cited"],
                                 vote=data["vote"], votes_for=data["votes_for"],
                                 votes_against=data["votes_against"])
        except ValidationError as exc:
            add_errors(form, exc)
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _(
                "The decision is recorded; the complainant has been sent the letter."))
            return redirect("appeals:session", session.pk)
    return _page(request, session, status=400, decide_form=form, decide_item=item.pk)


# -- the decision letter ------------------------------------------------------------------------------


def _may_read_letter(user, complaint: CommissionComplaint) -> bool:
    return (complaint.complainant_id == user.pk or is_requester_of(user, complaint.request)
            or is_commission_president(user)
            or (is_commission_member(user) and complaint.rapporteur_id == user.pk))


def _is_complainant(user, complaint: CommissionComplaint) -> bool:
    return complaint.complainant_id == user.pk or is_requester_of(user, complaint.request)


@require_GET
def decision_letter(request, number):
    """RI 16: the reasoned decision, for the complainant (the day they open it counts as
    received, art. 21), the President and the member in charge (behind their second
    factor); 404 for anyone else, and before the decision."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    complaint = CommissionComplaint.objects.select_related("request__body", "session").filter(
        number=number).first()
    if complaint is None or not _may_read_letter(request.user, complaint) \
            or not letters.is_decided(complaint):
        raise Http404
    complainant = _is_complainant(request.user, complaint)
    if not complainant and not is_mfa_authenticated(request):
        return second_factor_redirect(request, request.get_full_path())
    response = letter_response(complaint, letters.LETTER.name, subject=letters.LETTER.subject,
                               reference=complaint.number)
    if complainant:
        receipts.record_seen(complaint, actor=request.user)
    return response
