"""`/t/<code>` and `/loa<N>`: where a leaflet's QR code, a group post or a loudspeaker sends people."""

from django.http import Http404, HttpResponseRedirect
from django.views.decorators.http import require_safe

from campaigns.models import TrackedCode
from campaigns.offline import codes


@require_safe
def visit(request, code):
    """302 to the outreach's page, logged like a poster scan (302 + no-store: repeats count)."""
    code = code.lower()
    if len(code) > 12 or not code.isalnum():
        raise Http404
    tracked = (
        TrackedCode.objects.select_related(
            "outreach__ward__site__root_page", "outreach__target_page"
        )
        .filter(code=code)
        .first()
    )
    if tracked is None:
        raise Http404
    codes.visit_record(request, tracked)
    outreach = tracked.outreach
    page = outreach.target_page or outreach.ward.site.root_page
    response = HttpResponseRedirect(page.specific.get_url(request=request) or "/")
    response["Cache-Control"] = "no-store"
    return response


def spoken(request, number):
    return visit(request, f"{codes.SPOKEN_WORD}{number}")
