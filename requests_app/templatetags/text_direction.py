"""Text direction in templates: ``{{ reference|left_to_right }}`` keeps a reference such as
2026-000001 in one left-to-right piece inside an Arabic sentence that a translation
builds around it (``blocktranslate``), where a ``<bdi>`` cannot go; without it the
sentence reads 000001-2026."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..letters.bidi import left_to_right as _left_to_right
from ..letters.bidi import user_text as _user_text

register = template.Library()


@register.filter
def left_to_right(text) -> str:
    return _left_to_right(str(text))


@register.filter(needs_autoescape=True)
def bdi(text, autoescape=True) -> str:
    """``{{ value|bdi }}``: text a person typed, escaped and isolated in a ``<bdi>``, for
    the places a tag cannot be written around it, such as a ``blocktranslate`` variable;
    a right-to-left override inside it cannot reverse the sentence around it."""
    if text in (None, ""):
        return ""
    escaped = conditional_escape(text) if autoescape else text
    return mark_safe(f"<bdi>{escaped}</bdi>")  # noqa: S308 - escaped above


@register.filter
def user_text(text) -> str:
    """``{{ value|user_text }}``: text a person typed, without explicit directional
    overrides, where no tag can isolate it (a plain-text mail)."""
    return _user_text(str(text)) if text not in (None, "") else ""
