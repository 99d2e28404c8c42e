"""Shared pieces of the campaigns admin screens."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import Campaign
from wards import scoping
from wards.models import Ward
from wards.roles import WARD_WIDE_PERSONAL_DATA


def staff_wards(user) -> list[Ward]:
    """Wards whose residents the user may message (ward admins, communications staff)."""
    wards = Ward.objects.for_user(user).select_related("site__root_page")
    if user.is_superuser:
        return list(wards)
    return [w for w in wards if scoping.roles(user, w) & WARD_WIDE_PERSONAL_DATA]


def chosen_ward(request) -> Ward:
    wards = staff_wards(request.user)
    if not wards:
        raise PermissionDenied
    wanted = request.POST.get("ward") or request.GET.get("ward")
    return next((w for w in wards if str(w.pk) == str(wanted)), wards[0])


class AdminPage(WagtailAdminTemplateMixin, View):
    """A campaigns admin page: checks one permission, adds our breadcrumb."""

    permission = "campaigns.view_campaign"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaigns_admin:index"), "label": _("Chiến dịch tin nhắn")},
            *self.extra_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def extra_breadcrumbs(self):
        return []

    def render(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)


class CampaignPage(AdminPage):
    """A page about one campaign of the user's wards (another ward's id answers 404)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        campaign = (
            Campaign.objects.for_user(request.user)
            .filter(ward__in=staff_wards(request.user), pk=kwargs["pk"])
            .select_related("ward__site__root_page", "channel", "sms_fallback", "target_page")
            .first()
        )
        if campaign is None:
            raise Http404
        self.campaign = campaign

    def extra_breadcrumbs(self):
        return [
            {
                "url": reverse("campaigns_admin:detail", args=[self.campaign.pk]),
                "label": self.campaign.name,
            }
        ]


index_url = reverse_lazy("campaigns_admin:index")
