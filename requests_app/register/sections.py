"""Sections other apps add to a body's public page (``register:body``), as a registry:
each gives a template and the context it needs for the body. The register knows none
of them (the proactive register adds its summary here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BodySection:
    name: str
    template: str
    # The template's context for the body (a dict); None leaves the section out.
    context: Callable[..., dict | None]


BODY_SECTIONS: dict[str, BodySection] = {}


def register_body_section(section: BodySection) -> BodySection:
    BODY_SECTIONS[section.name] = section
    return section


def sections_for(body) -> list[tuple[str, dict]]:
    """(template, context) of every registered section that has something for ``body``."""
    result = []
    for section in BODY_SECTIONS.values():
        context = section.context(body)
        if context is not None:
            result.append((section.template, context))
    return result
