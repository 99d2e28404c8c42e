"""Stats in the Wagtail admin: the ward's targets, the one-stop system's monthly figures (and
their import), and a link to the leaders' dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from stats.admin_forms import OfficialFigureDeleteView, OfficialFigureForm, WardTargetForm
from stats.models import OfficialFigure, WardTarget
from stats.resources import OfficialFigureResource
from wards.importing import Importer, register
from wards.wagtail_hooks import ScopedModelViewSet


class WardTargetViewSet(ScopedModelViewSet):
    model = WardTarget
    icon = "pick"
    menu_label = _("Chỉ tiêu")
    list_display = [
        "ward",
        "vneid_level2",
        "public_service_account",
        "online_submission",
        "cashless_payment",
        "updated_at",
    ]

    def get_form_class(self, for_update=False):
        return WardTargetForm


class OfficialFigureViewSet(ScopedModelViewSet):
    model = OfficialFigure
    icon = "table"
    menu_label = _("Số liệu một cửa")
    list_display = ["month", "field", "received", "received_online", "resolved_on_time", "ward"]
    list_filter = ["month", "ward"]
    search_fields = ["field"]
    list_per_page = 50
    delete_view_class = OfficialFigureDeleteView

    def get_form_class(self, for_update=False):
        return OfficialFigureForm


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        from wards.models import Ward

        return Ward.objects.for_aggregates(request.user).exists()


class StatsGroup(ViewSetGroup):
    menu_label = _("Thống kê")
    menu_icon = "table"
    menu_order = 230
    items = (WardTargetViewSet("stats_targets"), OfficialFigureViewSet("stats_official"))


@hooks.register("register_admin_viewset")
def register_stats():
    return StatsGroup()


@hooks.register("register_admin_menu_item")
def dashboard_menu():
    return DashboardMenuItem(
        _("Bảng thống kê lãnh đạo"), reverse("stats:dashboard"), icon_name="view", order=229
    )


register(
    Importer(
        key="so-lieu-mot-cua",
        label=_("Nhập số liệu một cửa hằng tháng"),
        resource_class=OfficialFigureResource,
        permission="stats.add_officialfigure",
        export_permission="stats.view_officialfigure",
        columns=[
            ("thang", _("Tháng, ví dụ 06/2025.")),
            ("linh_vuc", _("Lĩnh vực thủ tục, ví dụ Hộ tịch.")),
            ("tiep_nhan", _("Số hồ sơ tiếp nhận trong tháng.")),
            ("tiep_nhan_truc_tuyen", _("Trong đó, số hồ sơ tiếp nhận trực tuyến.")),
            ("giai_quyet_dung_han", _("Số hồ sơ giải quyết đúng hạn.")),
        ],
        example=[["06/2025", "Hộ tịch", "1250", "1214", "1248"]],
        export_queryset=lambda *, ward, user: (
            OfficialFigure.objects.for_user(user).filter(ward=ward).order_by("month", "field")
        ),
    )
)
