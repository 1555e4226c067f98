"""Known reuses: the public list (approved ones, counted), one reuse, the signed-in
person's submission, and the moderation queue of the Commission and of the officers of
the cited bodies. Views are thin: changes go through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from accounts.two_factor import second_factor_required
from requests_app.web import act_on

from ..models import Reuse
from . import selectors, services
from .forms import ModerateForm, ReuseForm


@require_GET
def reuses(request):
    kind = request.GET.get("kind", "")
    if kind not in dict(Reuse.Kind.choices):
        kind = ""
    return render(
        request,
        "proactive/reuses/list.html",
        {
            "reuses": selectors.approved(kind),
            "total": selectors.approved_count(),
            "kind": kind,
            "kinds": Reuse.Kind.choices,
            "mine": selectors.submitted_by(request.user),
        },
    )


@require_GET
def reuse(request, pk):
    item = get_object_or_404(selectors.visible(request.user), pk=pk)
    return render(request, "proactive/reuses/detail.html", {"reuse": item})


@login_required
@require_http_methods(["GET", "POST"])
def reuse_new(request):
    form = ReuseForm(request.POST or None)
    if request.method == "POST":
        made = act_on(form, lambda data: services.submit(actor=request.user, **data))
        if made:
            messages.success(request, _("Thank you: the reuse will be public once moderated."))
            return redirect("proactive:reuse", pk=made.pk)
    return render(request, "proactive/reuses/new.html", {"form": form}, status=400 if form.is_bound else 200)


@second_factor_required
@require_GET
def moderation(request):
    if not (request.user.commission_role or bodies_for(request.user, HANDLE_REQUESTS).exists()):
        raise Http404  # the Commission's members and the bodies' information officers moderate
    return render(
        request,
        "proactive/reuses/moderation.html",
        {
            "reuses": selectors.to_moderate(request.user).prefetch_related(
                "entries__body", "datasets", "requests"
            ),
            "form": ModerateForm(),
        },
    )


@second_factor_required
@require_POST
def moderate(request, pk):
    item = get_object_or_404(selectors.to_moderate(request.user), pk=pk)
    form = ModerateForm(request.POST)
    if act_on(
        form,
        lambda data: services.moderate(
            actor=request.user, reuse=item, approve=data["decision"] == "approve", reason=data["reason"]
        ),
    ):
        messages.success(request, _("The reuse has been moderated."))
        return redirect("proactive:reuse_moderation")
    return render(request, "proactive/reuses/moderate.html", {"reuse": item, "form": form}, status=400)
