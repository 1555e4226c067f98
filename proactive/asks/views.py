"""Asks for a dataset: the public pages (every ask, one ask, a body's asks), the signed-in
person's ask and support, and the officers' queue, answers and stated period. Views are
thin: changes go through ``services``; the asker is never shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import PublicBody
from accounts.permissions import DECIDE_COMPLAINTS, HANDLE_REQUESTS, bodies_for
from accounts.two_factor import second_factor_required
from requests_app.clock import periods
from requests_app.web import act_on, error_text

from ..models import DatasetAsk, DatasetAskPolicy
from . import selectors, services
from .forms import AnswerForm, AskForm, FilterForm, PolicyForm

# -- public -------------------------------------------------------------------------------


def _list(request, body=None):
    filters = FilterForm(request.GET or None)
    chosen_body, state = body, ""
    if filters.is_valid():
        chosen_body = body or filters.cleaned_data["body"]
        state = filters.cleaned_data["state"]
    page = Paginator(selectors.public_asks(body=chosen_body, state=state), 25).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    page.object_list = selectors.decorate(page.object_list, today)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "proactive/asks/list.html",
        {
            "page": page,
            "filters": filters,
            "body": body,
            "params": params.urlencode(),
            "period": periods.period_text(services.answer_rule(body, today)) if body else "",
        },
    )


@require_GET
def asks(request):
    return _list(request)


@require_GET
def body_asks(request, code):
    return _list(request, get_object_or_404(PublicBody, code=code))


@require_GET
def ask(request, pk):
    return _detail(request, pk)


def _detail(request, pk, *, refusal: str = "", status: int = 200):
    try:
        item = selectors.public_ask(pk)
    except DatasetAsk.DoesNotExist as exc:
        raise Http404 from exc
    selectors.decorate([item], timezone.localdate())
    return render(
        request,
        "proactive/asks/detail.html",
        {
            "ask": item,
            "supported": services.already_supported(request.user, item),
            "supportable": item.state in services.SUPPORTABLE,
            "refusal": refusal,
            "period": periods.period_text(services.answer_rule(item.body, item.asked_on)),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask_new(request):
    initial = {"body": request.GET.get("body")} if request.GET.get("body") else None
    form = AskForm(request.POST or None, initial=initial)
    if request.method == "POST":
        made = act_on(form, lambda data: services.ask(actor=request.user, **data))
        if made:
            messages.success(request, _("Your ask has been sent to the body. It counts as supported by you."))
            return redirect("proactive:ask", pk=made.pk)
    return render(request, "proactive/asks/new.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
@require_POST
def ask_support(request, pk):
    item = get_object_or_404(DatasetAsk, pk=pk)
    try:
        services.support(actor=request.user, ask=item)
    except ValidationError as exc:
        return _detail(request, item.pk, refusal=error_text(exc), status=400)
    messages.success(request, _("Your support has been counted."))
    return redirect("proactive:ask", pk=item.pk)


# -- workspace ----------------------------------------------------------------------------


@second_factor_required
@require_GET
def workspace_asks(request):
    stated = bodies_for(request.user, HANDLE_REQUESTS) | bodies_for(request.user, DECIDE_COMPLAINTS)
    if not stated.exists():
        raise Http404  # the queue is the bodies' officers' and heads'
    bodies = bodies_for(request.user, HANDLE_REQUESTS).order_by("name_fr")
    body = bodies.filter(code=request.GET.get("body")).first() if request.GET.get("body") else None
    state = request.GET.get("state", "")
    if state not in dict(DatasetAsk.State.choices):
        state = ""
    today = timezone.localdate()
    items = selectors.decorate(selectors.queue(request.user, body=body, state=state), today)
    return render(
        request,
        "proactive/asks/workspace.html",
        {
            "asks": items,
            "bodies": bodies,
            "body": body,
            "state": state,
            "states": DatasetAsk.State.choices,
            "periods": [
                (
                    item,
                    periods.period_text(services.answer_rule(item, today)),
                    DatasetAskPolicy.objects.filter(body=item).exists(),
                )
                for item in stated.distinct().order_by("name_fr")
            ],
        },
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def workspace_ask_answer(request, pk):
    item = get_object_or_404(
        DatasetAsk.objects.select_related("body"), pk=pk, body__in=bodies_for(request.user, HANDLE_REQUESTS)
    )
    form = AnswerForm(request.POST or None, body=item.body)
    if request.method == "POST" and item.state in services.ANSWERABLE:
        if act_on(form, lambda data: services.answer(actor=request.user, ask=item, **data)):
            messages.success(request, _("The answer has been recorded; the asker and supporters are told."))
            return redirect("proactive:workspace_asks")
    today = timezone.localdate()
    selectors.decorate([item], today)
    return render(
        request,
        "proactive/asks/answer.html",
        {
            "ask": item,
            "form": form,
            "history": selectors.history(item),
            "support_count": item.supports.count(),
            "answerable": item.state in services.ANSWERABLE,
        },
        status=400 if form.is_bound else 200,
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def workspace_ask_period(request, code):
    stated = bodies_for(request.user, HANDLE_REQUESTS) | bodies_for(request.user, DECIDE_COMPLAINTS)
    body = get_object_or_404(stated.distinct(), code=code)
    policy = DatasetAskPolicy.objects.filter(body=body).first()
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST":
        if act_on(form, lambda data: services.state_period(actor=request.user, body=body, **data)):
            messages.success(request, _("The period to answer asks has been stated."))
            return redirect("proactive:workspace_asks")
    rule = periods.rule_in_force(services.PERIOD, timezone.localdate())
    return render(
        request,
        "proactive/asks/period.html",
        {
            "body": body,
            "form": form,
            "policy": policy,
            "default": periods.period_text(rule),
        },
        status=400 if form.is_bound else 200,
    )
