import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from stats import periods
from stats.report import SORT_KEYS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
EARLIEST = datetime.date(2000, 1, 1)


def default_start(today: datetime.date) -> datetime.date:
    """Twelve months: the first day of the month eleven months before this one."""
    month = periods.month_start(today)
    for _i in range(11):
        month = periods.month_start(month - periods.ONE_DAY)
    return month


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


class FilterForm(forms.Form):
    """The dashboard's filters, read from the query string; bad values come back with a message."""

    tu = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages={"invalid": _("Ngày bắt đầu chưa đúng, hãy ghi theo dạng 31/12/2025.")},
    )
    den = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages={"invalid": _("Ngày kết thúc chưa đúng, hãy ghi theo dạng 31/12/2025.")},
    )
    chon = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Không có “%(value)s” trong danh sách để chọn.")},
    )
    sap_xep = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in SORT_KEYS],
        error_messages={"invalid_choice": _("Không sắp xếp được theo “%(value)s”.")},
    )
    giam = forms.BooleanField(required=False)

    def __init__(self, data, *, units, unit_label, today: datetime.date):
        super().__init__(data)
        self.today = today
        self.units = {unit_key(unit): unit for unit in units}
        self.fields["chon"].choices = [(unit_key(u), u.name) for u in units]
        self.fields["chon"].label = unit_label

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("tu") or default_start(self.today)
        end = cleaned.get("den") or self.today
        if "tu" in self.errors or "den" in self.errors:
            return cleaned
        if start < EARLIEST:
            self.add_error("tu", _("Chỉ có số liệu từ năm 2000 trở đi."))
        if end > self.today:
            self.add_error("den", _("Ngày kết thúc không được sau hôm nay."))
        if start > end:
            self.add_error("tu", _("Ngày bắt đầu phải trước ngày kết thúc."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    @property
    def chosen(self) -> list | None:
        """The chosen units, or None when none was ticked (meaning all of them)."""
        keys = self.cleaned_data.get("chon") or []
        return [self.units[key] for key in keys] or None

    @property
    def unit_choices(self) -> list[tuple[str, str, bool]]:
        """(key, name, ticked) for each unit: written out by hand in the template, as a
        province's hundreds of checkboxes cost tens of milliseconds through widget templates."""
        ticked = set(self.data.getlist("chon")) if hasattr(self.data, "getlist") else set()
        return [(key, name, key in ticked) for key, name in self.fields["chon"].choices]

    @property
    def sort(self) -> str:
        return self.cleaned_data.get("sap_xep") or "name"


def unit_key(unit) -> str:
    """Areas are chosen by code (kp1), wards by slug."""
    return getattr(unit, "code", None) or unit.slug
