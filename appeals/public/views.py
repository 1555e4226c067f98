"""The public register of the Commission's decisions (for everyone, no login) and the
president's publishing pages (second factor; 404 for anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.two_factor import second_factor_required
from requests_app.exports import csv_writer
from requests_app.web import add_errors, error_text

from .. import permissions
from ..models import CommissionComplaint
from . import selectors, services
from .forms import DecisionFilterForm, PublishForm

PAGE_SIZE = 25
CSV_ROWS = 10000


def _filters(request) -> tuple[DecisionFilterForm, selectors.DecisionFilters]:
    form = DecisionFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.DecisionFilters(q=data["q"], outcome=data["outcome"], body=data["body"])
    return form, selectors.DecisionFilters()


@require_safe
def decision_list(request):
    form, filters = _filters(request)
    page = Paginator(selectors.decisions(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "appeals/public/list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


@require_safe
def decision_detail(request, number):
    decision = selectors.published_decision(number)
    return render(request, "appeals/public/detail.html", {
        "decision": decision, "outcome": selectors.outcome_label(decision),
        "on_register": selectors.on_register(decision)})


@require_safe
def export_csv(request):
    """The published decisions as CSV, with the page's filters (public fields only)."""
    _form, filters = _filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nafida-commission-decisions.csv"'
    response.write("\ufeff")
    writer = csv_writer(response)
    writer.writerow([_("Number"), _("Decided on"), _("Body"), _("Request"), _("Decision"),
                     _("Articles cited"), _("Public text of the decision")])
    for item in selectors.decisions(filters)[:CSV_ROWS]:
        writer.writerow([item.number,
                         timezone.localdate(item.decided_at).isoformat() if item.decided_at else "",
                         item.request.body.name, item.request.reference, selectors.outcome_label(item),
                         item.articles_cited, item.public_summary])
    return response


# -- the president's pages ---------------------------------------------------------------------------


def _complaint_for_president(user, number) -> CommissionComplaint:
    if not permissions.is_commission_president(user):
        raise Http404
    complaint = CommissionComplaint.objects.select_related("request__body").filter(number=number).first()
    if complaint is None:
        raise Http404
    return complaint


@second_factor_required
@require_safe
def publish_queue(request):
    """The president's list of the Commission's answered complaints: the unpublished
    first, then the published, newest first."""
    if not permissions.is_commission_president(request.user):
        raise Http404
    page = Paginator(selectors.answered_for_president(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "appeals/public/queue.html", {"page": page})


@second_factor_required
@require_http_methods(["GET", "POST"])
def publish(request, number):
    complaint = _complaint_for_president(request.user, number)
    form = PublishForm(request.POST or None, initial={"public_summary": complaint.public_summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(actor=request.user, complaint=complaint, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The decision is published."))
            return redirect("appeals:decision", complaint.number)
    return render(request, "appeals/public/publish.html", {
        "complaint": complaint, "form": form, "outcome": selectors.outcome_label(complaint)})


@second_factor_required
@require_POST
def unpublish(request, number):
    complaint = _complaint_for_president(request.user, number)
    try:
        services.unpublish(actor=request.user, complaint=complaint)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The decision is no longer published."))
    return redirect("appeals:publish", complaint.number)
