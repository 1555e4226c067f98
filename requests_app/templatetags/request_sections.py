"""``{% request_sections "<place>" req %}``: the sections other apps registered for a
request's page (``requests_app.sections``), each drawn from its own template (which
escapes what it shows); ``... as name`` keeps them to test whether there are any."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..sections import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def request_sections(context, place, information_request):
    http_request = context.get("request")
    user = getattr(http_request, "user", None)
    parts = [render_to_string(name, {"section": section, "req": information_request}, request=http_request)
             for name, section in sections_for(place, information_request, user)]
    return mark_safe("\n".join(part.strip() for part in parts if part.strip()))  # rendered templates
