"""The public register's pages: read-only, public columns only, for everyone."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PublicBody

from .. import selectors as request_selectors
from ..exports import csv_writer
from ..web import file_response
from . import selectors
from .forms import RegisterFilterForm
from .sections import sections_for

PAGE_SIZE = 25
CSV_ROWS = 10000


def _filters(request) -> tuple[RegisterFilterForm, selectors.RegisterFilters]:
    form = RegisterFilterForm(request.GET or None)
    filters = selectors.RegisterFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.RegisterFilters(
            q=data["q"], body=data["body"], state=data["state"], outcome=data["outcome"],
            ground=data["ground"], year=data["year"])
    return form, filters


def entry_list(request):
    form, filters = _filters(request)
    page = Paginator(selectors.entries(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "register/list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


def entry(request, reference):
    information_request = selectors.public_request(reference)
    return render(request, "register/detail.html", {
        "req": information_request,
        "decision": getattr(information_request, "decision", None),
        "documents": selectors.published_documents(information_request),
    })


def document(request, reference, pk):
    information_request = selectors.public_request(reference)
    for item in selectors.published_documents(information_request):
        if item.pk == pk:
            return file_response(item.file, item.download_name, item.served_type)
    raise Http404


def export_csv(request):
    """The register as CSV, with the same filters as the page (public fields only)."""
    _form, filters = _filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nafida-register.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Arabic as UTF-8
    writer = csv_writer(response)  # user text neutralised for spreadsheets
    writer.writerow([_("Reference"), _("Body"), _("Subject"), _("Received on"), _("Due date"),
                     _("State"), _("Outcome"), _("Decided on"), _("Grounds of refusal (art. 18)"),
                     _("Exemptions relied on (art. 7)"), _("Answered late")])
    for item in selectors.export_entries(filters)[:CSV_ROWS]:
        decision = getattr(item, "decision", None)
        # Outcome, decision date, grounds, exemptions, late: all said of an answer, so
        # empty for a request never answered.
        answer = [decision.get_outcome_display(),
                  timezone.localdate(decision.decided_at).isoformat(),
                  "; ".join(ground.label for ground in decision.refusal_grounds.all()),
                  "; ".join(citation.exemption.label for citation in decision.citations.all()),
                  _("yes") if item.decided_late else _("no")] if decision else [""] * 5
        writer.writerow([item.reference, item.body.name, item.public_subject,
                         item.received_on.isoformat() if item.received_at else "",
                         item.due_date.isoformat() if item.due_date else "",
                         item.get_state_display(), *answer])
    return response


# -- bodies ----------------------------------------------------------------------------------


def bodies(request):
    return render(request, "register/bodies.html",
                  request_selectors.find_or_browse_bodies(request.GET.get("q", ""), limit=100))


def body_detail(request, code):
    body = get_object_or_404(PublicBody.objects.select_related("parent"), code=code)
    return render(request, "register/body.html", {
        "body": body,
        "officers": request_selectors.current_officers(body),
        "figures": selectors.body_figures(body),
        "recent": selectors.public_requests().filter(body=body).order_by("-received_at")[:10],
        "children": body.children.filter(active=True).order_by("name_fr"),
        "sections": sections_for(body),
    })
