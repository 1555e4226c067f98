"""``{% reuse_text as reuse %}``: the reuse conditions of art. 6 and the art. 29
penalty from ``requests_app.reuse``, for ``includes/reuse_conditions.html``."""

from django import template

from ..reuse import ReuseText
from ..reuse import reuse_text as _reuse_text

register = template.Library()


@register.simple_tag
def reuse_text() -> ReuseText:
    return _reuse_text()
