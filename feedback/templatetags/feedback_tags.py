from django import template

from feedback.forms import InlineRatingForm

register = template.Library()


@register.simple_tag
def inline_rating_form(kind, ref):
    """An unbound inline rating form, for `feedback/includes/inline_rating.html`."""
    return InlineRatingForm(initial={"kind": kind, "ref": ref})
