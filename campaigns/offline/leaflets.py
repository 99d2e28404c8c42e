"""A leaflet batch as print-ready pages: one page per area, each with that area's own code.

Laid out by the poster renderer (qr.posters) so leaflets and posters share one QR encoder, one
font set and the one-page-per-code check. The print shop copies each page `printed` times.
"""

from django.utils.translation import gettext as _

from campaigns.models import Outreach
from campaigns.offline import codes
from qr.posters import PosterSpec, render_posters
from wards.models import Milestone


def leaflet_specs(outreach: Outreach) -> list[PosterSpec]:
    ward = outreach.ward
    return [
        PosterSpec(
            ward_name=ward.name,
            procedure_name=outreach.text,
            online_level_label=Milestone(outreach.goal).label,
            short_url=codes.url_of(code, ward),
            # The batch number tells a returned leaflet's print run apart from a newer one.
            placement_label=_("%(area)s · đợt tờ rơi số %(batch)s · %(printed)s tờ")
            % {"area": code.area.name, "batch": outreach.pk, "printed": code.printed},
            call=_("Quét mã để xem hướng dẫn của phường"),
        )
        for code in outreach.codes.select_related("area").order_by("area__code")
    ]


def leaflet_pdf(outreach: Outreach) -> bytes:
    return render_posters(leaflet_specs(outreach), paper=outreach.paper or Outreach.Paper.A5)
