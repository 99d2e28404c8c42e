from django import template

from campaigns import uplift

register = template.Library()


@register.filter
def percent(rate) -> str:
    """0.125 → "12,5 %" (in the active language's number format)."""
    try:
        return uplift.percent(float(rate))
    except (TypeError, ValueError):
        return ""


@register.filter
def points(rate) -> str:
    try:
        return uplift.points(float(rate))
    except (TypeError, ValueError):
        return ""
