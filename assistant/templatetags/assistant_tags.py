from django import template

from assistant import life_events

register = template.Library()


@register.simple_tag
def procedures_by_life_event(index_page):
    """The index page's active procedures grouped by life event, most used first."""
    return life_events.grouped(index_page.procedures().only("pk", "code", "name", "field"))
