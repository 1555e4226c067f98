"""The officers' prompts to publish proactively: the list, one prompt with its similar
requests and history, publishing it (the register entry form, pre-filled; the prompt
closes with the entry) and dismissing it with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from accounts.two_factor import second_factor_required
from requests_app.web import act_on

from ..models import PublicationPrompt
from ..register.forms import RegisterEntryForm
from . import selectors, services
from .forms import DismissForm, LinkEntryForm


def _prompt(request, pk) -> PublicationPrompt:
    """A prompt of a body whose requests the user handles today; any other does not exist here."""
    return get_object_or_404(
        PublicationPrompt.objects.select_related("body", "register_entry"),
        pk=pk,
        body__in=bodies_for(request.user, HANDLE_REQUESTS),
    )


@second_factor_required
@require_GET
def prompts(request):
    if not bodies_for(request.user, HANDLE_REQUESTS).exists():
        raise Http404  # the prompts are the bodies' information officers'
    state = request.GET.get("state", PublicationPrompt.State.OPEN)
    if state not in dict(PublicationPrompt.State.choices):
        state = ""
    return render(
        request,
        "proactive/prompts/list.html",
        {
            "prompts": selectors.prompts_for(request.user, state=state),
            "state": state,
            "states": PublicationPrompt.State.choices,
        },
    )


def _detail(request, item, *, dismiss_form=None, link_form=None, status=200):
    return render(
        request,
        "proactive/prompts/detail.html",
        {
            "prompt": item,
            "requests": item.requests.order_by("received_at").only(
                "reference", "public_subject", "subject", "state", "received_at"
            ),
            "history": selectors.history(item),
            "dismiss_form": dismiss_form or DismissForm(),
            "link_form": link_form or LinkEntryForm(body=item.body),
        },
        status=status,
    )


@second_factor_required
@require_GET
def prompt(request, pk):
    return _detail(request, _prompt(request, pk))


@second_factor_required
@require_http_methods(["GET", "POST"])
def prompt_publish(request, pk):
    item = _prompt(request, pk)
    if item.state != PublicationPrompt.State.OPEN:
        return redirect("proactive:prompt", pk=item.pk)
    form = RegisterEntryForm(request.POST or None, initial={"title": item.subject})
    if request.method == "POST":
        if act_on(form, lambda data: services.publish(actor=request.user, prompt=item, **data)):
            messages.success(request, _("The information is on the register; the prompt is closed."))
            return redirect("proactive:workspace_register", code=item.body.code)
    return render(
        request,
        "proactive/prompts/publish.html",
        {"prompt": item, "form": form},
        status=400 if form.is_bound else 200,
    )


@second_factor_required
@require_POST
def prompt_link(request, pk):
    item = _prompt(request, pk)
    form = LinkEntryForm(request.POST, body=item.body)
    if act_on(form, lambda data: services.link_entry(actor=request.user, prompt=item, **data)):
        messages.success(request, _("The prompt is closed with the register entry that already "
                                    "publishes it."))
        return redirect("proactive:prompt", pk=item.pk)
    return _detail(request, item, link_form=form, status=400)


@second_factor_required
@require_POST
def prompt_dismiss(request, pk):
    item = _prompt(request, pk)
    form = DismissForm(request.POST)
    if act_on(form, lambda data: services.dismiss(actor=request.user, prompt=item, **data)):
        messages.success(request, _("The prompt has been dismissed."))
        return redirect("proactive:prompts")
    return _detail(request, item, dismiss_form=form, status=400)
