"""`/q/<code>`: the address printed on every poster."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from qr import scanlog, shortlinks


@require_safe
def scan(request, code):
    """302 to the procedure page, logged; an unknown or retired code gets a page to search from.

    302 and no-store: a cached redirect would make repeat scans vanish from the count.
    HEAD and prefetches are answered but not counted.
    """
    target = shortlinks.lookup(code)
    if target.link_id is None:
        response = render(
            request,
            "qr/unknown_code.html",
            {"code": code[:12], "target": target, "index_url": _index_url(request)},
            status=404,
        )
    else:
        response = HttpResponseRedirect(target.url)
        if request.method == "GET" and not scanlog.is_prefetch(request):
            scanlog.record(request, target.link_id)
    response["Cache-Control"] = "no-store"
    return response


def _index_url(request) -> str | None:
    from wagtail.models import Site

    from qr.models import ProcedureIndexPage

    site = Site.find_for_request(request)
    if site is None:
        return None
    index = ProcedureIndexPage.objects.live().descendant_of(site.root_page).first()
    return index.relative_url(site, request) if index else None
