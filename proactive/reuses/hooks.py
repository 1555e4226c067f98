"""How the lower apps learn of the reuses: the workspace's dashboard links the
Commission's members, and the officers of a body cited by a reuse, to the reuses
awaiting their moderation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from requests_app.workspace.registry import Link, register_link

from . import selectors


def _workspace_links(user) -> list[tuple[str, str]]:
    if not (user.commission_role or bodies_for(user, HANDLE_REQUESTS).exists()):
        return []
    return [
        (
            _("Reuses to moderate (%(count)s)") % {"count": selectors.to_moderate(user).count()},
            reverse("proactive:reuse_moderation"),
        )
    ]


def register() -> None:
    register_link(Link("reuse_moderation", _workspace_links))
