"""The procedure catalogue as spreadsheet rows (CSV / XLSX), with Vietnamese column names."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from qr.models import OnlineLevel, Procedure
from qr.models.procedures import validate_code
from wards.importing import WardResource, YesNoWidget, row_error
from wards.text import fold, nfc

# Excel turns 2.000810 into the number 2.00081: a national code always has six digits after
# its first dot, so the zeros Excel dropped can be put back.
_SHORT_CODE = re.compile(r"^([0-9])\.([0-9]{1,5})$")


class ProcedureCodeWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float):
            text = f"{value:.6f}"
        else:
            text = nfc(str(value if value is not None else "")).upper().replace(",", ".")
        if not text:
            raise ValueError(_("Chưa ghi mã thủ tục."))
        short = _SHORT_CODE.match(text)
        if short:
            text = f"{short.group(1)}.{short.group(2).ljust(6, '0')}"
        try:
            validate_code(text)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


ONLINE_WORDS = {
    "toan trinh": OnlineLevel.FULL,
    "toan_trinh": OnlineLevel.FULL,
    "mot phan": OnlineLevel.PARTIAL,
    "mot_phan": OnlineLevel.PARTIAL,
    "khong": OnlineLevel.OFFLINE,
    "khong truc tuyen": OnlineLevel.OFFLINE,
}
ONLINE_LABELS = {
    OnlineLevel.FULL: "toàn trình",
    OnlineLevel.PARTIAL: "một phần",
    OnlineLevel.OFFLINE: "không",
}


class OnlineLevelWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        level = ONLINE_WORDS.get(fold(str(value if value is not None else "")))
        if level is None:
            raise ValueError(
                _("Mức trực tuyến ghi một trong: toàn trình, một phần, không (đã ghi “%(value)s”).")
                % {"value": value or ""}
            )
        return level

    def render(self, value, obj=None, **kwargs):
        return ONLINE_LABELS.get(value, "")


class ListWidget(widgets.Widget):
    """Documents and steps: one cell, items separated by " | " (or line breaks in the cell)."""

    def clean(self, value, row=None, **kwargs):
        items = re.split(r"\s*\|\s*|\n", str(value or ""))
        return "\n".join(nfc(item) for item in items if item.strip())

    def render(self, value, obj=None, **kwargs):
        return " | ".join(line for line in (value or "").splitlines() if line.strip())


class ActiveWidget(YesNoWidget):
    """Blank means yes: a procedure listed in the catalogue is in force unless marked otherwise."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return True
        return super().clean(value, row, **kwargs)


def _text(attribute, column):
    return fields.Field(attribute, column, widget=widgets.CharWidget())


class ProcedureResource(WardResource):
    code = fields.Field("code", "ma_thu_tuc", widget=ProcedureCodeWidget())
    name = _text("name", "ten_thu_tuc")
    field = _text("field", "linh_vuc")
    level = _text("level", "cap_thuc_hien")
    online_level = fields.Field("online_level", "muc_truc_tuyen", widget=OnlineLevelWidget())
    processing_time = _text("processing_time", "thoi_han")
    fees = _text("fees", "le_phi")
    documents = fields.Field("documents", "giay_to", widget=ListWidget())
    steps = fields.Field("steps", "cac_buoc", widget=ListWidget())
    where_to_submit = _text("where_to_submit", "noi_nop")
    legal_basis = _text("legal_basis", "can_cu_phap_ly")
    who_may_apply = _text("who_may_apply", "doi_tuong")
    purpose = _text("purpose", "muc_dich")
    portal_url = _text("portal_url", "duong_dan_cong_dvc")
    verified = fields.Field("verified", "da_doi_chieu", widget=YesNoWidget())
    active = fields.Field("active", "dang_ap_dung", widget=ActiveWidget())

    class Meta(WardResource.Meta):
        model = Procedure
        import_id_fields = ("code",)
        fields = (
            "code",
            "name",
            "field",
            "level",
            "online_level",
            "processing_time",
            "fees",
            "documents",
            "steps",
            "where_to_submit",
            "legal_basis",
            "who_may_apply",
            "purpose",
            "portal_url",
            "verified",
            "active",
        )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.codes_seen: dict[str, int] = {}

    def get_queryset(self):
        return Procedure.objects.filter(ward=self.ward)

    def before_import_row(self, row, **kwargs):
        number = kwargs.get("row_number", 0) + 1
        try:
            code = ProcedureCodeWidget().clean(row.get("ma_thu_tuc"))
        except ValueError as error:
            raise row_error(str(error)) from error
        if code in self.codes_seen:
            raise row_error(
                _("Mã thủ tục %(code)s đã có ở dòng %(row)s.")
                % {"code": code, "row": self.codes_seen[code]}
            )
        self.codes_seen[code] = number
        if not str(row.get("ten_thu_tuc") or "").strip():
            raise row_error(_("Thiếu tên thủ tục."))
        if not str(row.get("linh_vuc") or "").strip():
            raise row_error(_("Thiếu lĩnh vực của thủ tục."))
        url = str(row.get("duong_dan_cong_dvc") or "").strip()
        if url and not url.startswith(("https://", "http://")):
            raise row_error(_("Đường dẫn trên Cổng Dịch vụ công phải bắt đầu bằng https://."))

    def before_save_instance(self, instance, row, **kwargs):
        instance.ward = self.ward
        instance.refresh_derived()
