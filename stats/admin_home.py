"""The Wagtail dashboard as staff's own work list: campaigns running, approvals pending, poster
batches and imports, each read through the owning app's `for_user()` and shown only to those who
may act on it. It replaces Wagtail's site summary (page, image and document counts)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from campaigns.models import Campaign
from qr.models import PosterBatch
from wards.importing import IMPORTERS
from wards.models import AuditEntry, Ward

RUNNING = (Campaign.Status.SCHEDULED, Campaign.Status.SENDING, Campaign.Status.PAUSED)
SHOWN = 5


class WorkPanel(Component):
    name = "phuongso_work"
    order = 10
    template_name = "stats/admin/work_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        context = {"sections": []}
        if user.has_perm("campaigns.view_campaign"):
            campaigns = Campaign.objects.for_user(user).select_related("ward")
            running = campaigns.filter(status__in=RUNNING).order_by("-started_at", "-pk")
            waiting = campaigns.awaiting_approval().order_by("submitted_at", "pk")
            context["running"], context["running_count"] = list(running[:SHOWN]), running.count()
            context["waiting"], context["waiting_count"] = list(waiting[:SHOWN]), waiting.count()
            context["campaigns"] = True
        if user.has_perm("qr.add_posterbatch"):
            batches = PosterBatch.objects.for_user(user).order_by("-created_at")
            context["batches"] = list(batches[:SHOWN])
            context["posters"] = True
        importers = [i for i in IMPORTERS.values() if user.has_perm(i.permission)]
        if importers:
            wards = Ward.objects.for_user(user)
            context["imports"] = list(
                AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, ward__in=wards)
                .select_related("actor", "ward")
                .order_by("-at")[:SHOWN]
            )
            context["importers"] = importers
        context["nothing"] = not any(
            context.get(key) for key in ("campaigns", "posters", "importers")
        )
        context["heading"] = _("Việc của tôi")
        return context


def add_work_panel(request, panels) -> None:
    panels.insert(0, WorkPanel(request))
