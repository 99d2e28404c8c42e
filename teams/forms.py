import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teams.records import field_phone
from wards.models import Household
from wards.text import fold, nfc, same_name_key

REQUIRED = {"required": _("Vui lòng điền mục này.")}


def _phone(value: str) -> str:
    return field_phone(value)


class HouseholdForm(forms.Form):
    """A household met in the field; created through wards.services.household_create."""

    area = forms.ModelChoiceField(
        queryset=None, label=_("Khu phố"), error_messages=REQUIRED, empty_label=None
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, error_messages=REQUIRED)
    head_name = forms.CharField(label=_("Chủ hộ"), max_length=120, error_messages=REQUIRED)
    phone = forms.CharField(label=_("Điện thoại (nếu có)"), max_length=32, required=False)
    size = forms.IntegerField(
        label=_("Số nhân khẩu"),
        min_value=1,
        max_value=50,
        initial=1,
        error_messages={**REQUIRED, "min_value": _("Ít nhất 1 người.")},
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean_phone(self):
        return _phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        area, address, head = data.get("area"), data.get("address"), data.get("head_name")
        if area and address and head:
            data["address"], data["head_name"] = nfc(address), nfc(head)
            twin = Household.objects.filter(
                area=area, search_text=fold(f"{data['address']} {data['head_name']}")
            ).first()
            if twin:
                raise forms.ValidationError(
                    _("Hộ này đã có trong danh sách (mã %(code)s)."), params={"code": twin.code}
                )
        return data


class ResidentForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120, error_messages=REQUIRED)
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        required=False,
        min_value=1900,
        error_messages={
            "min_value": _("Năm sinh chưa đúng."),
            "max_value": _("Năm sinh chưa đúng."),
            "invalid": _("Năm sinh là một số, ví dụ 1965."),
        },
    )
    phone = forms.CharField(label=_("Điện thoại (nếu có)"), max_length=32, required=False)
    consent_to_messages = forms.BooleanField(
        label=_("Đồng ý nhận tin nhắn của phường"), required=False
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["birth_year"].validators.append(
            MaxValueValidator(timezone.localdate().year, message=_("Năm sinh chưa đúng."))
        )

    def clean_phone(self):
        return _phone(self.cleaned_data["phone"])

    def clean_full_name(self):
        name = nfc(self.cleaned_data["full_name"])
        if self.household.residents.filter(name_key=same_name_key(name)).exists():
            raise forms.ValidationError(_("Người này đã có trong hộ."))
        return name


EXPORT_FORMATS = [("csv", "CSV"), ("xlsx", "Excel (XLSX)")]
MAX_EXPORT_DAYS = 366


class ExportForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={**REQUIRED, "invalid": _("Ngày chưa đúng.")},
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={**REQUIRED, "invalid": _("Ngày chưa đúng.")},
    )
    file_format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=EXPORT_FORMATS,
        initial="xlsx",
        error_messages={"invalid_choice": _("Hãy chọn CSV hoặc Excel.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("“Đến ngày” phải sau “Từ ngày”."))
            if end - start > datetime.timedelta(days=MAX_EXPORT_DAYS):
                raise forms.ValidationError(
                    _("Mỗi lần xuất tối đa %(days)s ngày."), params={"days": MAX_EXPORT_DAYS}
                )
        return data
