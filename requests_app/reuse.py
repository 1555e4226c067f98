"""The reuse of information (art. 6) and its penalty (art. 29), written once: the pages
that show released documents (``includes/reuse_conditions.html``, through the
``reuse`` template tag) and the decision letter of a grant (``pdf``) read them here,
each in the active language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["CONDITIONS", "HEADING", "INTRODUCTION", "PENALTY", "ReuseText", "reuse_text"]

HEADING = _("Reusing the information (arts 6 and 29)")
INTRODUCTION = _("Information published, made available to the public or delivered to a requester by "
                 "the body may be used or reused on four conditions (art. 6):")
# Art. 6's four conditions, in its order.
CONDITIONS = (
    _("it is used for lawful purposes;"),
    _("its content is not distorted;"),
    _("its source and date of issue are cited;"),
    _("its use does not harm or damage the public interest or infringe any right of third parties."),
)
# Art. 29 sends to the penalties of art. 360 of the Penal Code.
PENALTY = _("Any distortion of the content of the information obtained that harms the body concerned, "
            "or any use or reuse of it that harms or damages the public interest or infringes any right "
            "of third parties, exposes the person who obtained or used the information, as the case "
            "may be, to the penalties of article 360 of the Penal Code (art. 29).")


@dataclass(frozen=True)
class ReuseText:
    heading: Promise
    introduction: Promise
    conditions: tuple[Promise, ...]
    penalty: Promise


def reuse_text() -> ReuseText:
    """The heading, the four conditions of art. 6 and the art. 29 sentence, as lazy
    strings: each reads in the language active where it is shown."""
    return ReuseText(heading=HEADING, introduction=INTRODUCTION, conditions=CONDITIONS, penalty=PENALTY)
