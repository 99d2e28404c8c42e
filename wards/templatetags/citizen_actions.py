"""Extension points in templates: apps add a piece of a page through a Wagtail hook.

`{% citizen_actions procedure_id=procedure.pk %}` renders what every `citizen_actions` hook returns
(each hook: `fn(request, **kwargs) -> str` of safe HTML, or "", given ids, never objects, so a
page that has only an index entry can call it too); `{% citizen_actions "field_nav" %}`
renders another hook by name. The page that shows it imports no app that adds to it.
"""

from django import template
from django.utils.html import format_html_join
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def citizen_actions(context, hook_name: str = "citizen_actions", **kwargs):
    request = context.get("request")
    pieces = [fn(request, **kwargs) for fn in hooks.get_hooks(hook_name)]
    return format_html_join("", "{}", ((piece,) for piece in pieces if piece))
