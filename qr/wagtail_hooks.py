"""The qr app in the Wagtail admin: catalogue, placements, poster printing, scan report, import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup

from qr import admin_views
from qr.admin_forms import PlacementForm, ProcedureForm
from qr.models import Placement, Procedure, ProcedureLesson
from qr.resources import ProcedureResource
from wards.importing import Importer, register
from wards.wagtail_hooks import ScopedModelViewSet


class ProcedureIndexView(IndexView):
    def search_queryset(self, queryset):
        """Accents and case ignored, as on the public site."""
        return queryset.matching(self.search_query) if self.is_searching else queryset


ProcedureLesson.panels = [PageChooserPanel("page")]


class ProcedureViewSet(ScopedModelViewSet):
    model = Procedure
    icon = "clipboard-list"
    menu_label = _("Thủ tục")
    index_view_class = ProcedureIndexView
    list_display = [
        "code",
        "name",
        "field",
        "online_level",
        "active",
        TitleColumn(
            "posters",
            label=_("Áp phích"),
            accessor=lambda procedure: _("In / xem trước"),
            get_url=lambda procedure: reverse("qr_procedure_posters", args=[procedure.pk]),
        ),
    ]
    list_filter = ["online_level", "active", "verified"]
    search_fields = ["name"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("ward"), FieldPanel("code")]),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("field"), FieldPanel("level"), FieldPanel("online_level")]),
            FieldPanel("purpose"),
            FieldPanel("who_may_apply"),
            FieldPanel("documents"),
            FieldPanel("steps"),
            FieldRowPanel([FieldPanel("processing_time"), FieldPanel("fees")]),
            FieldPanel("where_to_submit"),
            FieldPanel("legal_basis"),
            FieldPanel("portal_url"),
            InlinePanel("lessons", label=_("Bài học liên quan")),
            FieldRowPanel([FieldPanel("verified"), FieldPanel("active")]),
        ],
        base_form_class=ProcedureForm,
    )


class PlacementViewSet(ScopedModelViewSet):
    model = Placement
    icon = "pick"
    menu_label = _("Nơi dán mã")
    list_display = [
        "label",
        "kind",
        "area",
        "outdoor",
        Column(
            "active", label=_("đang dùng"), accessor=lambda p: _("có") if p.active else _("không")
        ),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["label"]

    def get_form_class(self, for_update=False):
        return PlacementForm


class QrGroup(ViewSetGroup):
    menu_label = _("Thủ tục và mã QR")
    menu_icon = "clipboard-list"
    menu_order = 215
    items = (ProcedureViewSet("procedures"), PlacementViewSet("placements"))


@hooks.register("register_admin_viewset")
def register_qr():
    return QrGroup()


@hooks.register("register_admin_urls")
def register_qr_urls():
    return [
        path(
            "thu-tuc/<id:pk>/ap-phich/",
            admin_views.procedure_posters,
            name="qr_procedure_posters",
        ),
        path(
            "ap-phich/<id:procedure_pk>/<id:placement_pk>.png",
            admin_views.poster_preview,
            name="qr_poster_preview",
        ),
        path(
            "ap-phich/<id:procedure_pk>/<id:placement_pk>.pdf",
            admin_views.poster_pdf,
            name="qr_poster_pdf",
        ),
        path("in-ap-phich/", admin_views.batch_new, name="qr_batch_new"),
        path("in-ap-phich/<id:pk>/", admin_views.batch_detail, name="qr_batch"),
        path("in-ap-phich/<id:pk>/tien-do/", admin_views.batch_state, name="qr_batch_state"),
        path("in-ap-phich/<id:pk>/tai-ve/", admin_views.batch_download, name="qr_batch_download"),
        path("luot-quet/", admin_views.scan_report, name="qr_scan_report"),
        path("luot-quet/csv/", admin_views.scan_report_csv, name="qr_scan_report_csv"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url_name, permission, **kwargs):
        self.permission = permission
        super().__init__(label, reverse(url_name), **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def posters_menu():
    return PermissionMenuItem(
        _("In áp phích QR"), "qr_batch_new", admin_views.PRINT, icon_name="doc-full", order=216
    )


@hooks.register("register_admin_menu_item")
def scans_menu():
    return PermissionMenuItem(
        _("Lượt quét mã QR"), "qr_scan_report", admin_views.REPORT, icon_name="view", order=217
    )


PROCEDURE_COLUMNS = [
    ("ma_thu_tuc", _("Mã thủ tục, ví dụ 1.001193 (ghi dạng chữ; ô số của Excel cũng được).")),
    ("ten_thu_tuc", _("Tên thủ tục.")),
    ("linh_vuc", _("Lĩnh vực, ví dụ Hộ tịch.")),
    ("muc_truc_tuyen", _("toàn trình / một phần / không.")),
    ("cap_thuc_hien?", _("Ví dụ Cấp xã.")),
    ("thoi_han?", _("Thời hạn giải quyết.")),
    ("le_phi?", _("Phí, lệ phí.")),
    ("giay_to?", _("Giấy tờ cần có, cách nhau bằng dấu |.")),
    ("cac_buoc?", _("Các bước, cách nhau bằng dấu |.")),
    ("noi_nop?", _("Nơi nộp hồ sơ.")),
    ("can_cu_phap_ly?", _("Căn cứ pháp lý.")),
    ("doi_tuong?", _("Ai được nộp.")),
    ("muc_dich?", _("Thủ tục để làm gì, một câu dễ hiểu.")),
    ("duong_dan_cong_dvc?", _("Để trống để dùng đường dẫn mặc định theo mã.")),
    ("da_doi_chieu?", _("có / không: mã đã đối chiếu với Cơ sở dữ liệu quốc gia.")),
    ("dang_ap_dung?", _("có / không; để trống là có.")),
]
PROCEDURE_EXAMPLE = [
    [
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "toàn trình",
        "Cấp xã",
        "Ngay trong ngày làm việc",
        "Miễn lệ phí",
        "Tờ khai đăng ký khai sinh | Giấy chứng sinh",
        "Nộp hồ sơ | Nhận kết quả",
        "Bộ phận Một cửa UBND phường",
        "Luật Hộ tịch 2014",
        "Cha, mẹ hoặc người thân của trẻ",
        "Đăng ký cho trẻ mới sinh.",
        "",
        "không",
        "có",
    ]
]

register(
    Importer(
        key="thu-tuc",
        label=_("Nhập / xuất thủ tục hành chính"),
        resource_class=ProcedureResource,
        permission="qr.add_procedure",
        export_permission="qr.view_procedure",
        columns=PROCEDURE_COLUMNS,
        example=PROCEDURE_EXAMPLE,
        export_queryset=lambda *, ward, user: (
            Procedure.objects.for_user(user).filter(ward=ward).order_by("field", "code")
        ),
    )
)
