"""The periods of the law in templates, from the rules table (``LegalRule``), never
written in the template: ``{% rule_in_force "answer_ordinary" as rule %}`` then
``{{ rule|period_text }}`` ("N working days", agreed in the active language) and
``{{ rule.article }}``; ``{{ count|working_days }}`` for a count of working days;
``{{ days_left|days_text }}`` for a ``deadlines.days_left`` (count, unit)."""

from django import template
from django.utils import timezone

from ..clock import periods
from ..clock.models import LegalRule

register = template.Library()


@register.simple_tag
def rule_in_force(period: str, on=None) -> LegalRule:
    """The rule of ``period`` in force on ``on`` (today by default)."""
    return periods.rule_in_force(period, on or timezone.localdate())


@register.filter
def period_text(rule: LegalRule) -> str:
    return periods.period_text(rule)


@register.filter
def working_days(count: int) -> str:
    return periods.days_text(count, LegalRule.Unit.WORKING_DAYS)


@register.filter
def days_text(count_and_unit: tuple[int, str]) -> str:
    count, unit = count_and_unit
    return periods.days_text(count, unit)
