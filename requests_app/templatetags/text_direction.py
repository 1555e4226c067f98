"""Text direction in templates: ``{{ reference|left_to_right }}`` keeps a reference such as
2026-000001 in one left-to-right piece inside an Arabic sentence that a translation
builds around it (``blocktranslate``), where a ``<bdi>`` cannot go; without it the
sentence reads 000001-2026."""

from django import template

from ..letters.bidi import left_to_right as _left_to_right

register = template.Library()


@register.filter
def left_to_right(text) -> str:
    return _left_to_right(str(text))
