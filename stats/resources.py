"""The one-stop system's monthly dossier counts as spreadsheet rows (CSV / XLSX).

Through the foundation's admin import flow (wards.importing): upload, preview with per-row
errors in Vietnamese, confirm. A month and field already imported is replaced by the new row.
"""

import datetime
import math
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, widgets

from stats.models import OfficialFigure
from wards.importing import WardResource, row_error
from wards.text import fold, nfc

_MONTH_PATTERNS = [
    re.compile(r"^(?:t|thang)?\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*\d{1,2})?$"),
]
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


class MonthWidget(widgets.Widget):
    """06/2025, 6-2025, T6/2025, tháng 6/2025, 2025-06, or a date cell from Excel."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            month = value.replace(day=1)
        else:
            text = fold(str(value or "")).replace(" ", "")
            if not text:
                raise ValueError(_("Chưa ghi tháng."))
            match = next((p.match(text) for p in _MONTH_PATTERNS if p.match(text)), None)
            if match is None or not 1 <= int(match["m"]) <= 12:
                raise ValueError(
                    _("Tháng “%(value)s” chưa đúng, hãy ghi theo dạng 06/2025.") % {"value": value}
                )
            if int(match["y"]) < 2000:
                raise ValueError(_("Tháng “%(value)s” quá xa.") % {"value": value})
            month = datetime.date(int(match["y"]), int(match["m"]), 1)
        if month > timezone.localdate():
            raise ValueError(_("Tháng %(month)s chưa tới.") % {"month": f"{month:%m/%Y}"})
        if month.year < 2000:
            raise ValueError(_("Tháng %(month)s quá xa.") % {"month": f"{month:%m/%Y}"})
        return month

    def render(self, value, obj=None, **kwargs):
        return f"{value:%m/%Y}" if value else ""


class CountWidget(widgets.Widget):
    """A whole number of dossiers: 3465, 3.465, 3,465 or 3465.0 from Excel."""

    def __init__(self, what):
        super().__init__()
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().replace(" ", "")
        if text == "":
            raise ValueError(_("Chưa ghi số %(what)s.") % {"what": self.what})
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(",", "")
        try:
            number = float(text)
        except ValueError as error:
            raise ValueError(
                _("Số %(what)s phải là số nguyên không âm, không phải “%(value)s”.")
                % {"what": self.what, "value": value}
            ) from error
        if not math.isfinite(number) or not 0 <= number < 10**9 or not number.is_integer():
            raise ValueError(
                _("Số %(what)s phải là số nguyên không âm, không phải “%(value)s”.")
                % {"what": self.what, "value": value}
            )
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class OfficialFigureResource(WardResource):
    month = fields.Field("month", "thang", widget=MonthWidget())
    field = fields.Field("field", "linh_vuc", widget=widgets.CharWidget())
    received = fields.Field("received", "tiep_nhan", widget=CountWidget("hồ sơ tiếp nhận"))
    received_online = fields.Field(
        "received_online", "tiep_nhan_truc_tuyen", widget=CountWidget("hồ sơ trực tuyến")
    )
    resolved_on_time = fields.Field(
        "resolved_on_time", "giai_quyet_dung_han", widget=CountWidget("hồ sơ đúng hạn")
    )

    class Meta(WardResource.Meta):
        model = OfficialFigure
        fields = ("month", "field", "received", "received_online", "resolved_on_time")
        import_id_fields = ()
        skip_unchanged = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen: dict[tuple, int] = {}

    def get_queryset(self):
        return OfficialFigure.objects.filter(ward=self.ward)

    def before_import_row(self, row, **kwargs):
        name = nfc(str(row.get("linh_vuc") or ""))
        if not name:
            raise row_error(_("Chưa ghi lĩnh vực."))
        row["linh_vuc"] = name
        key = (str(row.get("thang") or "").strip(), fold(name))
        number = kwargs.get("row_number", 0) + 1
        if key in self.seen:
            raise row_error(
                _("Lĩnh vực “%(field)s” của tháng này đã có ở dòng %(row)s.")
                % {"field": name, "row": self.seen[key]}
            )
        self.seen[key] = number

    def get_instance(self, instance_loader, row):
        try:
            month = MonthWidget().clean(row.get("thang"))
        except ValueError:
            return None
        return OfficialFigure.objects.filter(
            ward=self.ward, month=month, field_key=fold(str(row.get("linh_vuc") or ""))
        ).first()

    def before_save_instance(self, instance, row, **kwargs):
        if instance.received_online > instance.received:
            raise row_error(
                _("Số hồ sơ trực tuyến (%(online)s) lớn hơn số hồ sơ tiếp nhận (%(received)s).")
                % {"online": instance.received_online, "received": instance.received}
            )
        instance.ward = self.ward
        instance.field = nfc(instance.field)[:160]
        instance.field_key = fold(instance.field)[:160]
        instance.imported_at = timezone.now()
        instance.imported_by = self.user if getattr(self.user, "is_authenticated", False) else None
