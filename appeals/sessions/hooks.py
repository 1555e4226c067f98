"""How appeals.sessions hooks into the lower apps (registries, signals): called once from
AppealsConfig.ready."""

from django.urls import reverse
from django.utils.translation import gettext as _

from appeals.permissions import is_commission_member, is_commission_president
from requests_app.workspace.registry import Link, register_link


def _links(user) -> list[tuple[str, str]]:
    """The President's sessions (call them, run them); a member's, to read the agendas
    of the sessions they are invited to."""
    if is_commission_president(user):
        return [(_("Sessions of the Commission"), reverse("appeals:sessions"))]
    if is_commission_member(user):
        return [(_("My sessions of the Commission"), reverse("appeals:sessions"))]
    return []


def register() -> None:
    from . import letters, notices

    letters.register()
    notices.register()
    register_link(Link("commission_sessions", _links))
