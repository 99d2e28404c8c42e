"""Which language version of a page a reader sees (Wagtail i18n; Vietnamese is the source).

Pages are written in Vietnamese. Staff add an English copy with the admin's "Translate" action; it
shares the page's `translation_key` and lives in a tree of its own beside the ward's site. Routing,
progress, search and every count stay on the Vietnamese pages, so a lesson is one lesson in
whatever language it is read; only what the reader is shown is swapped, here.

A copy only counts when it is live and written: an alias (which Wagtail makes for an untranslated
parent) still shows the Vietnamese text, so it is treated as no translation at all.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale, Page

# Pages in the language they are written in: lists, counts and reports use only these.
IN_SOURCE_LANGUAGE = Q(locale__language_code=settings.LANGUAGE_CODE)


def active_locale() -> Locale | None:
    """The Locale of the reader's language, or None when it is the source language or unknown."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return None
    return None if locale.language_code == settings.LANGUAGE_CODE else locale


def _written(locale, keys):
    return Page.objects.live().filter(
        locale=locale, translation_key__in=keys, alias_of__isnull=True
    )


def translation_for_reader(page) -> Page | None:
    """The live, written translation of `page` in the reader's language, or None."""
    locale = active_locale()
    if locale is None or page.locale_id == locale.pk:
        return None
    return _written(locale, [page.translation_key]).specific().first()


def shown(page) -> Page:
    """What a reader of `page` is shown: its translation in their language where one is written."""
    return translation_for_reader(page) or page


def translations_for_reader(pages) -> dict[int, Page]:
    """{source page id: its written translation in the reader's language}, in one query."""
    locale = active_locale()
    pages = list(pages)
    if locale is None or not pages:
        return {}
    by_key = {page.translation_key: page.pk for page in pages}
    return {
        by_key[translation.translation_key]: translation
        for translation in _written(locale, list(by_key)).specific()
    }


def source_of(page) -> Page:
    """The Vietnamese page `page` translates (itself when it is Vietnamese or has no source)."""
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return page
    if page.locale_id == default.pk:
        return page
    source = (
        Page.objects.filter(translation_key=page.translation_key, locale=default).specific().first()
    )
    return source or page
