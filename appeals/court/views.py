"""The requester's pages for the appeal to the administrative court (art. 21): their own
request only; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from requests_app import selectors as request_selectors
from requests_app.web import add_errors

from .. import windows
from ..models import CourtAppeal
from . import services
from .forms import CourtAppealForm, CourtOutcomeForm


@login_required
@require_http_methods(["GET", "POST"])
def new(request, reference):
    information_request = request_selectors.request_for_requester(request.user, reference)
    complaint = services.window_complaint(information_request)
    window = windows.court_window(complaint) if complaint else None
    form = CourtAppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_appeal(actor=request.user, information_request=information_request,
                                   **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your appeal to the administrative court has been recorded."))
            return redirect("requests:detail", reference)
    return render(request, "appeals/court/new.html", {
        "req": information_request, "form": form, "complaint": complaint, "window": window,
        "explained": services.window_explained(window, complaint) if window else "",
    })


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request, pk):
    appeal = CourtAppeal.objects.select_related("request").filter(pk=pk).first()
    if appeal is None or appeal.request.requester_id != request.user.pk:
        raise Http404
    form = CourtOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(actor=request.user, appeal=appeal, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The court's judgment has been recorded."))
            return redirect("requests:detail", appeal.request.reference)
    return render(request, "appeals/court/outcome.html",
                  {"req": appeal.request, "appeal": appeal, "form": form})
