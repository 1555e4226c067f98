"""System checks: what a deployment must be told before it goes live."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def cndp_number(app_configs, **kwargs):
    """Law 09-08: the personal-data notice names the CNDP's receipt of the operator's
    declaration, or its authorisation; a deployment without the number says nothing of
    it, which the operator must put right."""
    if settings.NAFIDA_CNDP_AUTHORISATION:
        return []
    return [Warning(
        "NAFIDA_CNDP_AUTHORISATION is not set: the personal-data notice (Law 09-08) on the request "
        "form and the receipt gives no CNDP declaration or authorisation number.",
        hint="Set NAFIDA_CNDP_AUTHORISATION to the number the CNDP gave the operator.",
        id="nafida.W001")]
