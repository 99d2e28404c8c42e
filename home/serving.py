"""Wagtail's page view, routed on the ward's Vietnamese tree whatever the reader's language.

Wagtail routes through `site.root_page.localized`: with an English home page, an English reader
would be routed down the English tree and every page not yet translated would answer 404, and a
QR poster's lesson address would stop working. Routing on the Vietnamese pages keeps every address
the same in both languages; the reader's language then picks the page shown (`wards.translations`),
and the untranslated page carries the notice that says so (includes/translation_notice.html).
"""

from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from wards.translations import shown


def serve(request, path):
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        components = [component for component in path.split("/") if component]
        try:
            page, args, kwargs = site.root_page.specific.route(request, components)
        except Http404:
            pass  # not on the Vietnamese tree (an English slug a translator changed): Wagtail's own
        else:
            # A private page stays the page its restriction guards; its copy is not checked apart.
            if not page.get_view_restrictions().exists():
                page = shown(page)
            # Wagtail's serve view (its hooks, restrictions, Page.find_for_request) reads this.
            request._wagtail_route_for_request = RouteResult(page, args, kwargs)
    return wagtail_views.serve(request, path)
