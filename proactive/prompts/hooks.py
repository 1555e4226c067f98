"""How the lower apps learn of the prompts to publish: a request answered (granted or
partly) may open or extend a prompt (``requests_app.signals.request_decided``), and the
workspace's dashboard links to the open prompts of the bodies an officer serves."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from requests_app.signals import request_decided
from requests_app.workspace.registry import Link, register_link

from . import selectors, services


def _workspace_links(user) -> list[tuple[str, str]]:
    if not bodies_for(user, HANDLE_REQUESTS).exists():
        return []
    count = selectors.prompts_for(user).count()
    return [
        (
            ngettext("Prompts to publish proactively (%(count)s open)",
                     "Prompts to publish proactively (%(count)s open)", count) % {"count": count},
            reverse("proactive:prompts"),
        )
    ]


def _on_decided(sender, information_request, **kwargs) -> None:
    services.detect(information_request)


def register() -> None:
    register_link(Link("publication_prompts", _workspace_links))
    request_decided.connect(_on_decided, dispatch_uid="proactive_prompts_detect")
