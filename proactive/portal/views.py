"""The officers' acts on a request's datasets, in the workspace (behind the second
factor): link an existing dataset, publish a new one on the portal, correct a refused
one and send it again. The request's page shows them in its section (``hooks``); these
pages hold the same forms, for a refusal shown with the form (400) and without
JavaScript. Views are thin: changes go through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.two_factor import second_factor_required
from requests_app.web import act_on
from requests_app.workspace.selectors import request_for_act

from ..models import PortalDataset
from . import selectors, services
from .forms import DatasetTextsForm, LinkDatasetForm, PublishDatasetForm


def _handled(request, reference):
    """The request, if the user is one of its body's officers today; else it does not exist here."""
    information_request = request_for_act(request.user, reference)
    if not services.may_link(request.user, information_request):
        raise Http404
    return information_request


def _back(information_request):
    return redirect(reverse("workspace:request", args=[information_request.reference]) + "#datasets")


@second_factor_required
@require_http_methods(["GET", "POST"])
def link(request, reference):
    information_request = _handled(request, reference)
    form = LinkDatasetForm(request.POST or None)
    if request.method == "POST" and act_on(form, lambda data: services.link_existing_dataset(
            actor=request.user, information_request=information_request, **data)):
        messages.success(request, _("The dataset has been linked to the request."))
        return _back(information_request)
    return render(request, "proactive/portal/link.html", {"req": information_request, "form": form},
                  status=400 if form.is_bound else 200)


@second_factor_required
@require_http_methods(["GET", "POST"])
def publish(request, reference):
    information_request = _handled(request, reference)
    form = PublishDatasetForm(request.POST or None, body=information_request.body)
    if request.method == "POST" and act_on(form, lambda data: services.publish_from_request(
            actor=request.user, information_request=information_request, **data)):
        messages.success(request, _("The dataset has been sent to the portal. Its state is shown below."))
        return _back(information_request)
    return render(request, "proactive/portal/publish.html", {
        "req": information_request, "form": form, **selectors.publish_context(information_request)},
        status=400 if form.is_bound else 200)


@second_factor_required
@require_http_methods(["GET", "POST"])
def dataset(request, reference, pk):
    information_request = _handled(request, reference)
    found = get_object_or_404(selectors.datasets_of(information_request), pk=pk)
    correctable = found.state in (PortalDataset.State.FAILED, PortalDataset.State.PENDING)
    initial = {name: getattr(found, name) for name in services.TEXT_FIELDS}
    form = DatasetTextsForm(request.POST or None, initial=initial) if correctable else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This dataset is not waiting for the portal."))
            return _back(information_request)
        if act_on(form, lambda data: services.correct_and_retry(actor=request.user, dataset=found, **data)):
            messages.success(request, _("The dataset has been sent to the portal again."))
            return _back(information_request)
    return render(request, "proactive/portal/dataset.html", {
        "req": information_request, "dataset": found, "form": form},
        status=400 if form is not None and form.is_bound else 200)
