"""How appeals.public hooks into the lower apps: called once from AppealsConfig.ready.
The request's public register entry links to its published Commission decisions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from requests_app.sections import RequestSection, register_request_section
from requests_app.workspace.registry import Link, register_link

from .. import permissions
from . import selectors


def register_context(information_request, user):
    decisions = list(selectors.published_decisions().filter(request=information_request))
    return {"decisions": decisions} if decisions else None


def president_links(user) -> list[tuple[str, str]]:
    if not permissions.is_commission_president(user):
        return []
    return [(_("Publish the Commission's decisions"), reverse("appeals:publish_queue"))]


def register() -> None:
    register_link(Link("public_publish", president_links))
    register_request_section(RequestSection("public_decisions", "register_entry",
                                            "appeals/public/register_section.html", register_context))
