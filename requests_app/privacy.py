"""What a requester is told about their personal data (Law No. 09-08, art. 5: who
processes it, why, who receives it, their rights and the CNDP's declaration or
authorisation), on the request form and on the receipt: one text for both."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import PublicBody


def personal_data_notice(body: PublicBody | None, *, number: Callable[[str], str] = str) -> list[str]:
    """The notice's paragraphs, in the active language, for a request to ``body``
    (``number`` marks the CNDP's number as read left to right, in a letter)."""
    body_name = body.name if body is not None else _("the body you address")
    paragraphs = [
        _("Controllers: %(body)s, which answers your request, and %(operator)s, which runs this "
          "platform.") % {"body": body_name, "operator": settings.NAFIDA_OPERATOR},
        _("Purpose: handling your request under Law No. 31.13; the identity asked by article 14 is "
          "required."),
        _("Recipients: the body's information officers and its head and, on a complaint, the "
          "Commission for the right of access to information; your identity is never published."),
        _("Rights of access, correction and objection (Law No. 09-08, arts 7 to 9): write to the body's "
          "information officer or to the operator; you may complain to the CNDP."),
    ]
    # The number the CNDP gave the operator; a deployment without one says nothing rather
    # than a made-up number (``checks.cndp_number`` warns of it outside DEBUG).
    if settings.NAFIDA_CNDP_AUTHORISATION:
        paragraphs.append(_("CNDP declaration or authorisation no. %(number)s.") % {
            "number": number(settings.NAFIDA_CNDP_AUTHORISATION)})
    return paragraphs
