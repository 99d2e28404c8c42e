"""Which language version of a page exists, for the notice shown in English mode."""

from django import template
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, page, language_code):
    """The live translation of `page` in `language_code` (Wagtail i18n), or None."""
    if not isinstance(page, Page):
        return None
    if page.locale.language_code == language_code:
        return page
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    translation = page.get_translation_or_none(locale)
    return translation if translation and translation.live else None
