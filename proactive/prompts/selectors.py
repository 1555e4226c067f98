"""What the officers read of the prompts to publish: those of the bodies they serve."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from accounts.permissions import HANDLE_REQUESTS, bodies_for

from ..models import PublicationPrompt


def prompts_for(user, *, state: str = PublicationPrompt.State.OPEN) -> QuerySet[PublicationPrompt]:
    prompts = PublicationPrompt.objects.filter(body__in=bodies_for(user, HANDLE_REQUESTS))
    if state:
        prompts = prompts.filter(state=state)
    return (
        prompts.select_related("body", "register_entry")
        .annotate(request_count=Count("requests"))
        .order_by("-created_at", "-pk")
    )


def history(prompt: PublicationPrompt) -> list:
    return list(prompt.history.select_related("resolved_by").order_by("history_date", "history_id"))
