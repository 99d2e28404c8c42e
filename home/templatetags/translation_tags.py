"""Which language version of a page exists, for the notice shown in English mode."""

from django import template
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, page, language_code):
    """The live, written translation of `page` in `language_code` (Wagtail i18n), or None.

    An alias is no translation: it shows the Vietnamese text under an English locale."""
    if not isinstance(page, Page):
        return None
    if page.locale.language_code == language_code:
        return page
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is None or not translation.live or translation.alias_of_id:
        return None
    return translation
