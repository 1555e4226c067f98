"""How the lower apps learn of the link checker, through their registries: the outbox
knows its notices, the workspace's dashboard links to each body's broken links."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from requests_app.workspace.registry import Link, register_link

from . import notices, selectors


def _workspace_links(user) -> list[tuple[str, str]]:
    return [(_("Broken links of %(name)s: %(count)s") % {"name": body.name,
                                                          "count": selectors.broken_count(body)},
             reverse("proactive:links_broken", kwargs={"code": body.code}))
            for body in bodies_for(user, HANDLE_REQUESTS).order_by("name_fr")]


def register() -> None:
    from . import tasks  # noqa: F401  (beat's ``check-links`` names it; the worker must know it)

    notices.register()
    register_link(Link("proactive_links", _workspace_links))
