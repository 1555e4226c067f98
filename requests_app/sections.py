"""Sections other apps add to a request's pages, as a registry: the appeals app adds the
complaint trail to the public register entry, the complaint forms and their state to
the requester's page, and the complaints about the request to the officer's page. Each
section gives a template and the context it needs; the request's pages know none of
them and draw them with ``{% request_sections "<place>" req %}``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The public register entry (its complaint trail; and, at its end, sections with their
# own heading), the requester's own page, the officer's page.
PLACES = ("register_entry", "register_entry_end", "requester_page", "workspace_request")


@dataclass(frozen=True)
class RequestSection:
    name: str
    place: str
    template: str
    # The template's context for (request, user viewing it); None leaves it out.
    context: Callable[..., dict | None]

    def __post_init__(self):
        if self.place not in PLACES:
            raise ValueError(f"Unknown place {self.place!r} for a request section.")


REQUEST_SECTIONS: dict[str, RequestSection] = {}


def register_request_section(section: RequestSection) -> RequestSection:
    REQUEST_SECTIONS[section.name] = section
    return section


def sections_for(place: str, information_request, user) -> list[tuple[str, dict]]:
    """(template, context) of every section registered for ``place`` that has something
    to show about ``information_request`` to ``user``."""
    result = []
    for section in REQUEST_SECTIONS.values():
        if section.place == place:
            context = section.context(information_request, user)
            if context is not None:
                result.append((section.template, context))
    return result
