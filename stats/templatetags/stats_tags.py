from django import template

from stats import cells

register = template.Library()


@register.filter
def points(difference):
    """+2,3 / −1,0: a change in percentage points."""
    return "" if difference is None else cells.points(difference)


@register.filter
def gap_points(gap):
    return "" if gap is None else cells.number(gap * 100, 1)


@register.filter
def month(day):
    return f"{day:%m/%Y}" if day else ""


@register.filter
def num(value):
    return cells.number(value or 0)
