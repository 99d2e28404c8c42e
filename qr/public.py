"""What a citizen's procedure page shows besides the procedure: the portal link, related
lessons, and the community tech team of the visitor's area.

Other apps add to the page without qr importing them: a lesson's address on this ward's site comes
from `wards.shared_pages` (the learning app serves library lessons under each ward's topics), and
the teams from the `AREA_TEAMS_HOOK` Wagtail hook: fn(area) → the teams serving the area, each with
a `name`.
"""

import logging

from wagtail import hooks

from qr.models import QrSettings
from wards.models import Area
from wards.shared_pages import page_url

logger = logging.getLogger(__name__)
AREA_PARAM = "khu-pho"
AREA_TEAMS_HOOK = "qr_procedure_area_teams"


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
    site = procedure.ward.site
    links = []
    for page in pages:
        url = page_url(page, site, request)
        if url:
            links.append({"title": page.title, "url": url})
    return links


def teams_of(area) -> list:
    """The community tech teams serving an area, as their app names them (names only: never a
    member's phone number)."""
    return [team for hook in hooks.get_hooks(AREA_TEAMS_HOOK) for team in hook(area)]
