"""The registers of proactive publication (art. 10): public pages (national compliance,
a body's register) and the officers' pages in the workspace (the body's register, add,
change, retire an entry). Views are thin: changes go through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import PublicBody
from accounts.permissions import HANDLE_REQUESTS, bodies_for
from accounts.two_factor import second_factor_required
from requests_app.web import act_on

from ..models import RegisterEntry
from . import selectors, services
from .forms import RegisterEntryForm

# -- public -------------------------------------------------------------------------------


@require_GET
def compliance(request):
    """Per body: categories covered of 19, entries out of date; bodies with nothing."""
    return render(request, "proactive/compliance.html", {
        "compliance": selectors.compliance(timezone.localdate()),
        "category_count": selectors.CATEGORY_COUNT,
    })


@require_GET
def body_register(request, code):
    body = get_object_or_404(PublicBody, code=code)
    today = timezone.localdate()
    return render(request, "proactive/body_register.html", {
        "body": body, "categories": selectors.entries_by_category(body, today),
        "figures": selectors.body_compliance(body, today), "category_count": selectors.CATEGORY_COUNT,
    })


# -- workspace ----------------------------------------------------------------------------


def _kept_body(request, code) -> PublicBody:
    """A body whose register the user keeps today; any other does not exist here."""
    return get_object_or_404(bodies_for(request.user, HANDLE_REQUESTS), code=code)


@second_factor_required
@require_GET
def workspace_register(request, code):
    body = _kept_body(request, code)
    today = timezone.localdate()
    return render(request, "proactive/workspace_register.html", {
        "body": body, "categories": selectors.entries_by_category(body, today),
        "figures": selectors.body_compliance(body, today), "category_count": selectors.CATEGORY_COUNT,
    })


@second_factor_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, code, pk=None):
    body = _kept_body(request, code)
    entry = get_object_or_404(RegisterEntry.objects.current(), body=body, pk=pk) if pk else None
    form = RegisterEntryForm(request.POST or None, instance=entry)
    if request.method == "POST":
        if entry:
            saved = act_on(form, lambda data: services.change_entry(actor=request.user, entry=entry, **data))
        else:
            saved = act_on(form, lambda data: services.add_entry(actor=request.user, body=body, **data))
        if saved:
            messages.success(request, _("The register has been saved."))
            return redirect("proactive:workspace_register", code=body.code)
    return render(request, "proactive/entry_edit.html", {"body": body, "entry": entry, "form": form},
                  status=400 if form.is_bound else 200)


@second_factor_required
@require_POST
def entry_retire(request, code, pk):
    body = _kept_body(request, code)
    entry = get_object_or_404(RegisterEntry.objects.current(), body=body, pk=pk)
    services.retire_entry(actor=request.user, entry=entry)
    messages.success(request, _("The entry has been retired from the register."))
    return redirect("proactive:workspace_register", code=body.code)
