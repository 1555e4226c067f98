"""How the lower app learns of the proactive register, through its registries: the
workspace's dashboard links to the registers an officer keeps, and a body's public page
shows a summary of its register."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from requests_app.register.sections import BodySection, register_body_section
from requests_app.workspace.registry import Link, register_link

from . import selectors


def _workspace_links(user) -> list[tuple[str, str]]:
    return [(_("Proactive publication register of %(name)s") % {"name": body.name},
             reverse("proactive:workspace_register", kwargs={"code": body.code}))
            for body in bodies_for(user, HANDLE_REQUESTS).order_by("name_fr")]


def _body_summary(body) -> dict:
    return {"body": body, "figures": selectors.body_compliance(body, timezone.localdate()),
            "category_count": selectors.CATEGORY_COUNT,
            "url": reverse("proactive:body", kwargs={"code": body.code})}


def register() -> None:
    register_link(Link("proactive_register", _workspace_links))
    register_body_section(BodySection("proactive_register", "proactive/body_summary.html", _body_summary))
