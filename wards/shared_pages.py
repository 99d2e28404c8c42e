"""Pages a ward's site shows from outside its own page tree, and their addresses on that site.

The learning app serves the province library's lessons under each ward's topics, so such a lesson
has no address of its own on the ward's site. Apps that link to pages (a procedure's lessons, a
campaign's link) ask here, and the learning app answers through the `ward_shared_pages` Wagtail
hook: fn(site, request=None) → an object with `pages()` (a queryset of the pages shown) and
`url(page)` (its address on this site, or None). Neither side imports the other.
"""

from wagtail import hooks
from wagtail.models import Page

HOOK = "ward_shared_pages"


def _locators(site, request=None) -> list:
    return [hook(site, request) for hook in hooks.get_hooks(HOOK)]


def linkable_pages(site):
    """Every live page a link on this site may open: its own tree and the shared pages it shows."""
    shown = Page.objects.live().descendant_of(site.root_page, inclusive=True)
    for locator in _locators(site):
        shown = shown | Page.objects.filter(pk__in=locator.pages().values("pk"))
    return shown


def page_url(page, site, request=None) -> str | None:
    """A page's address on this ward's site: a shared page's under the ward's topics, else its own."""
    if not page.path.startswith(site.root_page.path):
        for locator in _locators(site, request):
            url = locator.url(page)
            if url:
                return url
    return page.specific.get_url(request=request)
