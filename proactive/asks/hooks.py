"""How the lower apps learn of the asks for a dataset, through their registries: the
outbox's subject (the answer told to the asker and supporters), the workspace's link to
the queue of asks, and a section on a body's public page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import DECIDE_COMPLAINTS, HANDLE_REQUESTS, bodies_for
from requests_app.register.sections import BodySection, register_body_section
from requests_app.workspace.registry import Link, register_link

from ..models import DatasetAsk
from . import notices, selectors


def _workspace_links(user) -> list[tuple[str, str]]:
    # The officers answer; the heads of body state the period (the same page).
    if not (bodies_for(user, HANDLE_REQUESTS).exists() or bodies_for(user, DECIDE_COMPLAINTS).exists()):
        return []
    return [
        (
            _("Asks for datasets (%(count)s awaiting an answer)") % {"count": selectors.open_count(user)},
            reverse("proactive:workspace_asks"),
        )
    ]


def _body_section(body) -> dict:
    asks = DatasetAsk.objects.filter(body=body)
    return {
        "total": asks.count(),
        "overdue": asks.filter(state=DatasetAsk.State.OPEN, answer_due__lt=timezone.localdate()).count(),
        "url": reverse("proactive:body_asks", kwargs={"code": body.code}),
        "new_url": reverse("proactive:ask_new") + f"?body={body.code}",
    }


def register() -> None:
    notices.register()
    register_link(Link("dataset_asks", _workspace_links))
    register_body_section(BodySection("dataset_asks", "proactive/asks/body_section.html", _body_section))
