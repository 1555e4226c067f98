"""Prompts to publish proactively (issue 13, point 6): when several answered requests to
one body, decided recently, ask for similar information, the body's information officers
are prompted to publish it of their own accord (art. 10). A prompt stays open until a
register entry is created from it or an officer dismisses it with a reason.

How many requests, how recent and how similar are settings of this system
(``NAFIDA_PROMPT_THRESHOLD``, ``NAFIDA_PROMPT_WINDOW_DAYS``, ``NAFIDA_PROMPT_SIMILARITY``),
not periods of the law."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PublicBody
from accounts.permissions import HANDLE_REQUESTS, has_body_permission
from requests_app.models import InformationRequest, RequestState

from ..models import PublicationPrompt
from ..register import services as register_services
from .similarity import similarity

# The requests whose answer gave the information: what a body could have published.
ANSWERED_STATES = (RequestState.GRANTED, RequestState.PARTIALLY_GRANTED)


def threshold() -> int:
    return int(getattr(settings, "NAFIDA_PROMPT_THRESHOLD", 3))


def window_days() -> int:
    return int(getattr(settings, "NAFIDA_PROMPT_WINDOW_DAYS", 365))


def min_similarity() -> float:
    return float(getattr(settings, "NAFIDA_PROMPT_SIMILARITY", 0.5))


def _subject(information_request: InformationRequest) -> str:
    # The subject as the public register shows it (a name masked there stays masked).
    return information_request.public_subject or information_request.subject


def answered_requests(body: PublicBody, now=None):
    since = (now or timezone.now()) - timedelta(days=window_days())
    return (
        InformationRequest.objects.filter(
            body=body, state__in=ANSWERED_STATES, decision__decided_at__gte=since
        )
        .only("id", "subject", "public_subject", "body_id")
        .order_by("decision__decided_at", "id")
    )


@transaction.atomic
def detect(information_request: InformationRequest, now=None) -> PublicationPrompt | None:
    """After ``information_request`` is answered: extend the body's open prompt on a
    similar subject with it, or open one when enough similar answered requests exist.
    Requests already in a prompt published or dismissed do not count again."""
    if information_request.state not in ANSWERED_STATES:
        return None
    body = information_request.body
    subject = _subject(information_request)
    level = min_similarity()
    for prompt in PublicationPrompt.objects.select_for_update().filter(
        body=body, state=PublicationPrompt.State.OPEN
    ):
        if (
            prompt.requests.filter(pk=information_request.pk).exists()
            or similarity(prompt.subject, subject) >= level
        ):
            if not prompt.requests.filter(pk=information_request.pk).exists():
                prompt.requests.add(information_request)
                prompt._change_reason = f"extended: {information_request.reference}"
                prompt.save()
            return prompt
    resolved = PublicationPrompt.requests.through.objects.filter(publicationprompt__body=body).values(
        "informationrequest_id"
    )
    similar = [
        item
        for item in answered_requests(body, now).exclude(pk__in=resolved)
        if similarity(_subject(item), subject) >= level
    ]
    if information_request.pk not in {item.pk for item in similar}:
        similar.append(information_request)
    if len(similar) < threshold():
        return None
    prompt = PublicationPrompt(body=body, subject=_subject(similar[0])[:255])
    prompt._change_reason = "opened"
    prompt.save()
    prompt.requests.set(similar)
    return prompt


def scan(body: PublicBody, now=None) -> list[PublicationPrompt]:
    """Every answered request of the body, one by one (a sweep, or the demo)."""
    found = []
    for item in answered_requests(body, now).select_related("body"):
        prompt = detect(item, now)
        if prompt is not None and prompt not in found:
            found.append(prompt)
    return found


def may_resolve(user, body: PublicBody) -> bool:
    return has_body_permission(user, HANDLE_REQUESTS, body)


def _locked_open(prompt: PublicationPrompt, actor) -> PublicationPrompt:
    prompt = PublicationPrompt.objects.select_for_update().select_related("body").get(pk=prompt.pk)
    if not may_resolve(actor, prompt.body):
        raise PermissionDenied(_("Only the body's information officers act on its prompts."))
    if prompt.state != PublicationPrompt.State.OPEN:
        raise ValidationError(_("This prompt has already been closed."))
    return prompt


@transaction.atomic
def publish(*, actor, prompt: PublicationPrompt, **entry_data) -> PublicationPrompt:
    """The officer publishes: the register entry is created, and the prompt closes with it."""
    prompt = _locked_open(prompt, actor)
    entry = register_services.add_entry(actor=actor, body=prompt.body, **entry_data)
    prompt.state, prompt.register_entry = PublicationPrompt.State.PUBLISHED, entry
    prompt.resolved_by, prompt.resolved_at = actor, timezone.now()
    prompt._change_reason = "published"
    prompt.save()
    return prompt


@transaction.atomic
def link_entry(*, actor, prompt: PublicationPrompt, entry) -> PublicationPrompt:
    """The information is already on the body's register: the prompt closes with that entry."""
    prompt = _locked_open(prompt, actor)
    if entry is None or entry.body_id != prompt.body_id or entry.retired_at is not None:
        raise ValidationError({"entry": _("Pick a current entry of this body's register.")})
    prompt.state, prompt.register_entry = PublicationPrompt.State.PUBLISHED, entry
    prompt.resolved_by, prompt.resolved_at = actor, timezone.now()
    prompt._change_reason = "linked"
    prompt.save()
    return prompt


@transaction.atomic
def dismiss(*, actor, prompt: PublicationPrompt, reason: str) -> PublicationPrompt:
    prompt = _locked_open(prompt, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for not publishing this information.")})
    prompt.state, prompt.reason = PublicationPrompt.State.DISMISSED, reason
    prompt.resolved_by, prompt.resolved_at = actor, timezone.now()
    prompt._change_reason = "dismissed"
    prompt.save()
    return prompt
