"""The admin's dashboard: the lunar holidays still estimated, each with the link that
confirms it (``clock.estimates``)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ..clock.estimates import unconfirmed_lunar_holidays

register = template.Library()


@register.simple_tag
def lunar_estimates():
    """(estimate, link to confirm it) for every lunar holiday still estimated."""
    add = reverse("admin:requests_app_holiday_add")
    return [(estimate,
             reverse("admin:requests_app_holiday_change", args=[estimate.row.pk]) if estimate.row
             else f"{add}?{urlencode(estimate.initial())}")
            for estimate in unconfirmed_lunar_holidays()]
