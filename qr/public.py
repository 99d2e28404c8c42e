"""What a citizen's procedure page shows besides the procedure: the portal link, related
lessons, and the community tech team of the visitor's area."""

import logging

from django.apps import apps

from qr.models import QrSettings
from wards.models import Area

logger = logging.getLogger(__name__)
AREA_PARAM = "khu-pho"


def procedure_context(index, procedure, request) -> dict:
    ward = index.ward
    portal_base = QrSettings.for_site(ward.site).portal_base_url if ward else None
    areas = list(Area.objects.filter(ward=ward).order_by("code")) if ward else []
    chosen = next((a for a in areas if a.code == request.GET.get(AREA_PARAM)), None)
    return {
        "procedure": procedure,
        "portal_url": procedure.national_portal_url(portal_base),
        "lessons": lesson_links(procedure, request),
        "areas": areas,
        "area": chosen,
        "area_param": AREA_PARAM,
        "teams": teams_of(chosen) if chosen else [],
    }


def lesson_links(procedure, request) -> list[dict]:
    """Title and address on this ward's site of each live related lesson (any Wagtail page)."""
    pages = [link.page for link in procedure.lessons.select_related("page") if link.page.live]
    if not pages:
        return []
    locate = _lesson_locator(request)
    links = []
    for page in pages:
        url = locate(page) if locate else None
        url = url or page.get_url(request)
        if url:
            links.append({"title": page.title, "url": url})
    return links


def _lesson_locator(request):
    """Library lessons are served under the ward's topics; the learning app knows where."""
    if not apps.is_installed("learning"):
        return None
    try:
        from learning.links import WardLessons
    except ImportError:
        return None
    return WardLessons(request).url


def teams_of(area) -> list:
    """Names of the community tech teams serving an area. Never a member's phone number."""
    if not apps.is_installed("teams"):
        return []
    Team = apps.get_model("teams", "Team")
    return list(Team.objects.filter(ward_id=area.ward_id, areas=area).distinct())
