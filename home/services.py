from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page

from home.models import HomePage, WardBranding
from wards.services import ward_create


def page_tree_root() -> Page:
    """The tree's root page; recreated (with the content locales) if a database flush removed it."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


@transaction.atomic
def ward_site_create(
    *,
    name: str,
    slug: str,
    province: str,
    hostname: str,
    port: int = 80,
    is_default_site: bool = False,
    intro: str = "",
    branding: dict | None = None,
):
    """A new ward: its home page under the tree root, its Site and Ward, its branding."""
    root = page_tree_root()
    home = root.add_child(instance=HomePage(title=name, slug=slug, intro=intro))
    ward = ward_create(
        name=name,
        slug=slug,
        province=province,
        root_page=home,
        hostname=hostname,
        port=port,
        is_default_site=is_default_site,
    )
    WardBranding.objects.update_or_create(
        site=ward.site, defaults={"display_name": name, **(branding or {})}
    )
    return ward
