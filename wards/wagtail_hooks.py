"""Ward data in the Wagtail admin: areas, households, residents, imports and exports.

Every list and every single-object view reads through `for_user()`, so the admin shows a user
exactly what wards/scoping.py allows, and a guessed id of another ward answers 404.
"""

from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from wards import admin_views, scoping
from wards.admin_forms import AreaForm, HouseholdForm, ResidentForm, scope_choices
from wards.importing import IMPORTERS, Importer, register
from wards.models import Area, Household, Resident
from wards.resources import HouseholdResource, ResidentResource


class ScopedListMixin:
    def get_base_queryset(self):
        return self.model.objects.for_user(self.request.user)

    @cached_property
    def filters(self):
        """The list filters offer only what the user may see: another ward's areas or teams
        are not choices, and naming one in the URL is an invalid choice that filters nothing."""
        filterset = super().filters
        for field in filterset.form.fields.values() if filterset else ():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(self.request.user)
        return filterset

    @cached_property
    def no_results_message(self):
        # Wagtail's own text has no Vietnamese translation and mixes English into the page.
        if self.is_searching or self.is_filtering:
            return _("Không tìm thấy %(model_name)s nào khớp với từ tìm kiếm.") % {
                "model_name": self.verbose_name_plural
            }
        return _("Chưa có %(model_name)s nào.") % {"model_name": self.verbose_name_plural}

    def search_queryset(self, queryset):
        """Models with a folded search column are searched through it, so "dinh gia an" finds
        "Đinh Gia An"; the others keep Wagtail's own search."""
        if self.is_searching and hasattr(queryset, "search"):
            return queryset.search(self.search_query)
        return super().search_queryset(queryset)


class ScopedObjectMixin:
    # Only the object is checked: the history and usage views list other models (log entries,
    # references) from their own base queryset.
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.model.objects.for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedFormViewMixin:
    """Add and edit forms offer only choices the user may see (wards.admin_forms.scope_choices)."""

    def get_form(self, *args, **kwargs):
        return scope_choices(super().get_form(*args, **kwargs), self.request.user)


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view is limited by the model's for_user()."""

    inspect_view_enabled = False
    copy_view_enabled = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_view_class = type(
            "ScopedIndexView", (ScopedListMixin, self.index_view_class), {}
        )
        self.add_view_class = type(
            "ScopedCreateView", (ScopedFormViewMixin, self.add_view_class), {}
        )
        self.edit_view_class = type(
            "ScopedEditFormView", (ScopedFormViewMixin, self.edit_view_class), {}
        )
        for name in (
            "edit_view_class",
            "delete_view_class",
            "history_view_class",
            "usage_view_class",
        ):
            view_class = getattr(self, name)
            scoped = type(f"Scoped{view_class.__name__}", (ScopedObjectMixin, view_class), {})
            setattr(self, name, scoped)


class AreaViewSet(ScopedModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Khu phố")
    list_display = ["name", "code", "ward"]
    delete_view_class = admin_views.AreaDeleteView

    def get_form_class(self, for_update=False):
        return AreaForm

    search_fields = ["name", "code"]
    add_to_admin_menu = False


class HouseholdViewSet(ScopedModelViewSet):
    model = Household
    icon = "home"
    menu_label = _("Hộ gia đình")

    delete_view_class = admin_views.HouseholdDeleteView

    def get_form_class(self, for_update=False):
        return HouseholdForm

    list_display = ["code", "address", "head_name", "area", "size"]
    list_filter = ["area"]
    search_fields = ["code", "address", "head_name"]
    list_per_page = 50


class ResidentViewSet(ScopedModelViewSet):
    model = Resident
    icon = "user"
    menu_label = _("Cư dân")

    delete_view_class = admin_views.ResidentDeleteView

    def get_form_class(self, for_update=False):
        return ResidentForm

    list_display = [
        "full_name",
        "birth_year",
        Column("household", label=_("Hộ")),
        "vneid",
        "has_public_service_account",
        "has_submitted_online",
        "uses_cashless",
    ]
    list_filter = ["vneid", "household__area", "has_public_service_account"]
    search_fields = ["full_name"]
    list_per_page = 50


class PeopleGroup(ViewSetGroup):
    menu_label = _("Dân cư")
    menu_icon = "group"
    menu_order = 210
    items = (HouseholdViewSet("households"), ResidentViewSet("residents"), AreaViewSet("areas"))


@hooks.register("register_admin_viewset")
def register_people():
    return PeopleGroup()


register(
    Importer(
        key="ho-gia-dinh",
        label=_("Nhập / xuất hộ gia đình"),
        resource_class=HouseholdResource,
        permission="wards.add_household",
        export_permission="wards.view_household",
        columns=[
            ("ma_ho?", _("Mã hộ. Để trống với hộ mới; ghi mã đã có để cập nhật hộ đó.")),
            ("khu_pho", _("Mã hoặc tên khu phố, ví dụ kp3 hoặc Khu phố 3.")),
            ("dia_chi", _("Số nhà, hẻm, đường.")),
            ("chu_ho", _("Họ tên chủ hộ.")),
            ("dien_thoai?", _("Số di động, ví dụ 0912 345 678.")),
            ("so_nhan_khau?", _("Số người trong hộ.")),
        ],
        example=[["", "kp1", "12/3 Lê Lợi", "Nguyễn Văn An", "0912345678", "4"]],
        export_queryset=lambda *, ward, user: (
            Household.objects.for_user(user)
            .filter(ward=ward)
            .select_related("area")
            .order_by("code")
        ),
    )
)
register(
    Importer(
        key="cu-dan",
        label=_("Nhập / xuất cư dân"),
        resource_class=ResidentResource,
        permission="wards.add_resident",
        export_permission="wards.view_resident",
        columns=[
            ("ma_ho", _("Mã hộ đã có trong phường.")),
            ("ho_ten", _("Họ và tên.")),
            ("nam_sinh?", _("Năm sinh, ví dụ 1958.")),
            ("dien_thoai?", _("Số di động.")),
            ("dong_y_nhan_tin?", _("có / không: đồng ý nhận tin nhắn của phường.")),
            ("vneid?", _("chưa có / mức 1 / mức 2 đã cấp / mức 2 đã kích hoạt.")),
            ("tai_khoan_dvc?", _("có / không: đã có tài khoản dịch vụ công.")),
            ("nop_truc_tuyen?", _("có / không: đã nộp hồ sơ trực tuyến.")),
            ("thanh_toan_so?", _("có / không: đã thanh toán không dùng tiền mặt.")),
        ],
        example=[
            [
                "KP1-00001",
                "Trần Thị Bình",
                "1958",
                "0987654321",
                "có",
                "mức 2 đã cấp",
                "không",
                "không",
                "có",
            ]
        ],
        export_queryset=lambda *, ward, user: (
            Resident.objects.for_user(user)
            .filter(household__ward=ward)
            .select_related("household")
            .order_by("household__code", "id")
        ),
    )
)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("nhap/<slug:key>/", admin_views.import_upload, name="wards_import"),
        path("nhap/<slug:key>/<uuid:job_id>/", admin_views.import_job, name="wards_import_job"),
        path(
            "nhap/<slug:key>/<uuid:job_id>/tien-do/",
            admin_views.import_job_progress,
            name="wards_import_progress",
        ),
        path(
            "nhap/<slug:key>/<uuid:job_id>/xac-nhan/",
            admin_views.import_confirm,
            name="wards_import_confirm",
        ),
        path(
            "nhap/<slug:key>/mau.<str:file_format>",
            admin_views.import_template,
            name="wards_import_template",
        ),
        path("xuat/<slug:key>/", admin_views.export, name="wards_export"),
    ]


class ImporterMenuItem(MenuItem):
    def __init__(self, importer: Importer, order: int):
        self.importer = importer
        super().__init__(
            importer.label,
            reverse("wards_import", args=[importer.key]),
            icon_name="upload",
            order=order,
        )

    def is_shown(self, request):
        # The page behind the item is the upload form: only those who may import see it.
        return request.user.has_perm(self.importer.permission)


@hooks.register("register_admin_menu_item")
def imports_menu():
    from wagtail.admin.menu import Menu, SubmenuMenuItem

    items = [ImporterMenuItem(importer, order) for order, importer in enumerate(IMPORTERS.values())]
    return SubmenuMenuItem(
        _("Nhập / xuất dữ liệu"), Menu(items=items), icon_name="upload", order=220
    )


@hooks.register("construct_reports_menu")
def hide_site_history(request, menu_items):
    """Site history names every ward's objects: hidden for a ward's own staff (wards.views)."""
    if not scoping.is_province_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("insert_global_admin_css")
def reading_size_css():
    return format_html('<link rel="stylesheet" href="{}">', static("wards/admin.css"))
