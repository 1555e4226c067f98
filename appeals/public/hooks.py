"""How appeals.public hooks into the lower apps: called once from AppealsConfig.ready.
The request's public register entry links to its published Commission decisions."""

from __future__ import annotations

from requests_app.sections import RequestSection, register_request_section

from . import selectors


def register_context(information_request, user):
    decisions = list(selectors.published_decisions().filter(request=information_request))
    return {"decisions": decisions} if decisions else None


def register() -> None:
    register_request_section(RequestSection("public_decisions", "register_entry",
                                            "appeals/public/register_section.html", register_context))
