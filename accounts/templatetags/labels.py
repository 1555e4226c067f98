"""A label joined to what it labels ("Start date: this field is required"), through one
translatable pattern: French puts a space before the colon ("Date de début : …"),
Arabic and English do not.

In Python, ``labelled(label, message)``; in a template, ``{% load labels %}`` then
``{% labelled %}<a href="#id">{{ label }}</a>{% message %}{{ error }}{% endlabelled %}``
(both parts rendered, and escaped, as usual, then joined by the pattern)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

# A label's own closing punctuation (a sentence-like label ends with a full stop), kept
# out of the join: "I confirm…: required", not "I confirm….: required". Also before a
# closing </a> (a label that links to its field).
_CLOSING = re.compile(r"[\s.:\u061b\u06d4]+(?=(?:</a>)?\s*$)")


def _bare(label):
    bare = _CLOSING.sub("", str(label))
    return mark_safe(bare) if isinstance(label, SafeString) else bare  # noqa: S308 - only cut


def labelled(label, message) -> str:
    """``label`` and ``message`` joined as the active language writes it; escaped (and
    safe) if either part is safe HTML, plain text otherwise."""
    # Translators: a label (a field's name) followed by what it labels (an error, a value).
    pattern = gettext("%(label)s: %(message)s")
    label = _bare(label)
    if isinstance(label, SafeString) or isinstance(message, SafeString):
        return mark_safe(conditional_escape(pattern) % {  # noqa: S308 - every part escaped
            "label": conditional_escape(label), "message": conditional_escape(message)})
    return pattern % {"label": label, "message": message}


class LabelledNode(template.Node):
    def __init__(self, label: template.NodeList, message: template.NodeList):
        self.label, self.message = label, message

    def render(self, context) -> str:
        # Each part is rendered by the template engine, which has escaped its variables.
        return labelled(mark_safe(self.label.render(context)),  # noqa: S308
                        mark_safe(self.message.render(context)))  # noqa: S308


@register.tag(name="labelled")
def labelled_tag(parser, token):
    label = parser.parse(("message",))
    parser.delete_first_token()
    message = parser.parse(("endlabelled",))
    parser.delete_first_token()
    return LabelledNode(label, message)
