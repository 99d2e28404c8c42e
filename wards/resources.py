"""Households and residents as spreadsheet rows (CSV / XLSX), with Vietnamese column names."""

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, widgets

from wards.importing import (
    PhoneWidget,
    PositiveIntegerWidget,
    WardResource,
    YearWidget,
    YesNoWidget,
    row_error,
)
from wards.models import Area, EventSource, Household, Milestone, Resident, Vneid
from wards.services import adoption_event_record, next_household_code
from wards.text import fold, nfc, same_name_key


class AreaWidget(widgets.Widget):
    """An area of the resource's ward, by code ("kp3") or by name ("Khu phố 3", any accents)."""

    def __init__(self, resource):
        super().__init__()
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        key = fold(str(value or ""))
        if not key:
            raise ValueError(_("Chưa ghi khu phố."))
        for area in self.resource.areas:
            if key in (fold(area.code), fold(area.name)):
                return area
        raise ValueError(_("Không có khu phố “%(area)s” trong phường.") % {"area": value})

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class HouseholdResource(WardResource):
    code = fields.Field("code", "ma_ho", widget=widgets.CharWidget())
    area = fields.Field("area", "khu_pho")
    address = fields.Field("address", "dia_chi", widget=widgets.CharWidget())
    head_name = fields.Field("head_name", "chu_ho", widget=widgets.CharWidget())
    phone = fields.Field("phone", "dien_thoai", widget=PhoneWidget())
    size = fields.Field(
        "size",
        "so_nhan_khau",
        widget=PositiveIntegerWidget(_("Số nhân khẩu phải là số nguyên dương."), default=1),
    )

    class Meta(WardResource.Meta):
        model = Household
        import_id_fields = ("code",)
        fields = ("code", "area", "address", "head_name", "phone", "size")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.areas = list(Area.objects.filter(ward=self.ward))
        self.fields["area"].widget = AreaWidget(self)
        self.codes_seen: set[str] = set()
        self.keys_seen: dict[tuple, int] = {}

    def get_queryset(self):
        return Household.objects.filter(ward=self.ward)

    def before_import_row(self, row, **kwargs):
        code = nfc(str(row.get("ma_ho") or "")).upper()
        row["ma_ho"] = code
        if code:
            if code in self.codes_seen:
                raise row_error(_("Mã hộ %(code)s xuất hiện hai lần trong tệp.") % {"code": code})
            self.codes_seen.add(code)
        if not str(row.get("dia_chi") or "").strip() or not str(row.get("chu_ho") or "").strip():
            raise row_error(_("Thiếu địa chỉ hoặc tên chủ hộ."))
        key = (same_name_key(str(row["dia_chi"])), same_name_key(str(row["chu_ho"])))
        if key in self.keys_seen:
            raise row_error(
                _("Trùng hộ với dòng %(row)s (cùng địa chỉ và chủ hộ).")
                % {"row": self.keys_seen[key]}
            )
        self.keys_seen[key] = kwargs.get("row_number", 0) + 1
        existing = self._same_household(key)
        if existing and existing.code != code:
            raise row_error(
                _(
                    "Trùng hộ: phường đã có hộ %(code)s cùng địa chỉ và chủ hộ. Ghi mã hộ đó để cập nhật."
                )
                % {"code": existing.code}
            )

    def _same_household(self, key):
        if not hasattr(self, "_existing_keys"):
            self._existing_keys = {
                (same_name_key(h.address), same_name_key(h.head_name)): h
                for h in Household.objects.filter(ward=self.ward).only(
                    "code", "address", "head_name"
                )
            }
        return self._existing_keys.get(key)

    def get_instance(self, instance_loader, row):
        if not row.get("ma_ho"):
            return None  # a new household: no query per row
        return super().get_instance(instance_loader, row)

    def before_save_instance(self, instance, row, **kwargs):
        instance.ward = self.ward
        if not instance.code:
            instance.code = self._next_code(instance.area)
        instance.refresh_derived()

    def _next_code(self, area) -> str:
        """The service's next code for the area once, then counted on in memory (one query per
        area, not per row)."""
        numbers = self.__dict__.setdefault("_next_numbers", {})
        if area.pk not in numbers:
            numbers[area.pk] = int(next_household_code(area=area).rsplit("-", 1)[1])
        else:
            numbers[area.pk] += 1
        return f"{area.code}-{numbers[area.pk]:05d}".upper()


VNEID_WORDS = {
    "": Vneid.NONE,
    "chua co": Vneid.NONE,
    "khong": Vneid.NONE,
    "muc 1": Vneid.LEVEL1,
    "1": Vneid.LEVEL1,
    "muc 2 da cap": Vneid.LEVEL2_ISSUED,
    "muc 2 chua kich hoat": Vneid.LEVEL2_ISSUED,
    "muc 2 da kich hoat": Vneid.LEVEL2_ACTIVATED,
    "muc 2": Vneid.LEVEL2_ACTIVATED,
    "2": Vneid.LEVEL2_ACTIVATED,
}
VNEID_LABELS = {
    Vneid.NONE: "chưa có",
    Vneid.LEVEL1: "mức 1",
    Vneid.LEVEL2_ISSUED: "mức 2 đã cấp",
    Vneid.LEVEL2_ACTIVATED: "mức 2 đã kích hoạt",
}
VNEID_MILESTONES = {
    Vneid.LEVEL1: [Milestone.VNEID_LEVEL1],
    Vneid.LEVEL2_ISSUED: [Milestone.VNEID_LEVEL1, Milestone.VNEID_LEVEL2_ISSUED],
    Vneid.LEVEL2_ACTIVATED: [
        Milestone.VNEID_LEVEL1,
        Milestone.VNEID_LEVEL2_ISSUED,
        Milestone.VNEID_LEVEL2_ACTIVATED,
    ],
}


class VneidWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        state = VNEID_WORDS.get(fold(str(value if value is not None else "")))
        if state is None:
            raise ValueError(
                _("VNeID ghi một trong: chưa có, mức 1, mức 2 đã cấp, mức 2 đã kích hoạt.")
            )
        return state

    def render(self, value, obj=None, **kwargs):
        return VNEID_LABELS.get(value, "")


class HouseholdWidget(widgets.Widget):
    def __init__(self, resource):
        super().__init__()
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        code = nfc(str(value or "")).upper()
        if not code:
            raise ValueError(_("Chưa ghi mã hộ."))
        household = self.resource.households.get(code)
        if household is None:
            raise ValueError(_("Không có hộ mã %(code)s trong phường.") % {"code": code})
        return household

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


# Status columns: read on import as claims to record as events, written on export from the status.
STATUS_COLUMNS = {
    "tai_khoan_dvc": ("has_public_service_account", Milestone.PUBLIC_SERVICE_ACCOUNT),
    "nop_truc_tuyen": ("has_submitted_online", Milestone.ONLINE_SUBMISSION),
    "thanh_toan_so": ("uses_cashless", Milestone.CASHLESS_PAYMENT),
}


class ResidentResource(WardResource):
    household = fields.Field("household", "ma_ho")
    full_name = fields.Field("full_name", "ho_ten", widget=widgets.CharWidget())
    birth_year = fields.Field("birth_year", "nam_sinh", widget=YearWidget())
    phone = fields.Field("phone", "dien_thoai", widget=PhoneWidget())
    consent_to_messages = fields.Field(
        "consent_to_messages", "dong_y_nhan_tin", widget=YesNoWidget()
    )
    vneid = fields.Field("vneid", "vneid", widget=VneidWidget(), readonly=False)
    tai_khoan_dvc = fields.Field(
        "has_public_service_account", "tai_khoan_dvc", widget=YesNoWidget()
    )
    nop_truc_tuyen = fields.Field("has_submitted_online", "nop_truc_tuyen", widget=YesNoWidget())
    thanh_toan_so = fields.Field("uses_cashless", "thanh_toan_so", widget=YesNoWidget())

    class Meta(WardResource.Meta):
        model = Resident
        fields = (
            "household",
            "full_name",
            "birth_year",
            "phone",
            "consent_to_messages",
            "vneid",
            "tai_khoan_dvc",
            "nop_truc_tuyen",
            "thanh_toan_so",
        )
        import_id_fields = ()
        skip_unchanged = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.households = {h.code: h for h in Household.objects.filter(ward=self.ward)}
        self.fields["household"].widget = HouseholdWidget(self)
        self.people_seen: dict[tuple, int] = {}

    def get_queryset(self):
        return Resident.objects.filter(household__ward=self.ward)

    def before_import_row(self, row, **kwargs):
        if not str(row.get("ho_ten") or "").strip():
            raise row_error(_("Thiếu họ và tên."))
        key = (
            nfc(str(row.get("ma_ho") or "")).upper(),
            same_name_key(str(row["ho_ten"])),
            str(row.get("nam_sinh") or ""),
        )
        if key in self.people_seen:
            raise row_error(_("Trùng người với dòng %(row)s.") % {"row": self.people_seen[key]})
        self.people_seen[key] = kwargs.get("row_number", 0) + 1

    def get_instance(self, instance_loader, row):
        """The same person: same household, same name (old or new tone marks), same birth year."""
        household = self.households.get(nfc(str(row.get("ma_ho") or "")).upper())
        if household is None:
            return None
        year = YearWidget().clean(row.get("nam_sinh")) if row.get("nam_sinh") else None
        return Resident.objects.filter(
            household=household,
            name_key=same_name_key(str(row.get("ho_ten") or "")),
            birth_year=year,
        ).first()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # Status is derived from events: remember the claims, record them after saving.
        if field.column_name in ("vneid", *STATUS_COLUMNS):
            value = field.clean(row, **kwargs) if field.column_name in row else None
            instance._claims = {**getattr(instance, "_claims", {}), field.column_name: value}
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        instance.refresh_derived()

    def after_save_instance(self, instance, row, **kwargs):
        claims = getattr(instance, "_claims", {})
        wanted = list(VNEID_MILESTONES.get(claims.get("vneid"), []))
        wanted += [
            milestone for column, (_f, milestone) in STATUS_COLUMNS.items() if claims.get(column)
        ]
        reached = set(instance.events.values_list("milestone", flat=True))
        for milestone in wanted:
            if milestone not in reached:
                adoption_event_record(
                    resident=instance,
                    milestone=milestone,
                    occurred_on=timezone.localdate(),
                    source=EventSource.IMPORT,
                    verified=True,
                    recorded_by=self.user,
                    source_ref="import",
                )
