import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teams.records import field_phone, plain
from wards.models import Household
from wards.text import fold, same_name_key

REQUIRED = {"required": _("Vui lòng điền mục này.")}
PHONE_INPUT = forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "data-check": "phone"})


def _phone(value: str) -> str:
    return field_phone(value)


class HouseholdForm(forms.Form):
    """A household met in the field; created through wards.services.household_create."""

    area = forms.ModelChoiceField(
        queryset=None, label=_("Khu phố"), error_messages=REQUIRED, empty_label=None
    )
    address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=255,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"data-label-part": ""}),
    )
    head_name = forms.CharField(
        label=_("Chủ hộ"),
        max_length=120,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"data-label-part": "", "data-check": "name"}),
    )
    phone = forms.CharField(
        label=_("Điện thoại (nếu có)"), max_length=32, required=False, widget=PHONE_INPUT
    )
    size = forms.IntegerField(
        label=_("Số nhân khẩu"),
        min_value=1,
        max_value=50,
        initial=1,
        error_messages={**REQUIRED, "min_value": _("Ít nhất 1 người.")},
    )

    # Shown once a probable twin was found (see household_twin).
    confirm_new = forms.BooleanField(label=_("Đây là hộ khác, vẫn thêm hộ mới"), required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.twin = None

    def clean_phone(self):
        return _phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        area, address, head = data.get("area"), data.get("address"), data.get("head_name")
        if area and address and head:
            data["address"], data["head_name"] = plain(address), plain(head)
            self.twin = household_twin(
                areas=self.fields["area"].queryset,
                address=data["address"],
                head_name=data["head_name"],
                phone=data.get("phone", ""),
            )
            if self.twin and not data.get("confirm_new"):
                raise forms.ValidationError(
                    _(
                        "Có thể hộ này đã có trong danh sách: %(address)s, chủ hộ %(head)s "
                        "(mã %(code)s). Hãy mở hộ đó; nếu đúng là hộ khác, đánh dấu “Đây là hộ "
                        "khác” rồi lưu lại."
                    ),
                    params={
                        "address": self.twin.address,
                        "head": self.twin.head_name,
                        "code": self.twin.code,
                    },
                    code="duplicate",
                )
        return data


def household_twin(*, areas, address: str, head_name: str, phone: str):
    """A household of these areas that is probably the same one: the same address (folded as the
    importer folds names: case, accents and tone placement) and the same phone or head's name."""
    key = same_name_key(address)
    head_key = same_name_key(head_name)
    candidates = Household.objects.filter(area__in=areas).filter(
        Q(search_text__startswith=fold(address)) | (Q(phone=phone) if phone else Q(pk__in=[]))
    )
    for household in candidates.only("pk", "code", "address", "head_name", "phone")[:50]:
        if same_name_key(household.address) != key:
            continue
        if (phone and household.phone == phone) or same_name_key(household.head_name) == head_key:
            return household
    return None


class ResidentForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=120,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"data-label-part": "", "data-check": "name"}),
    )
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
    phone = forms.CharField(
        label=_("Điện thoại (nếu có)"), max_length=32, required=False, widget=PHONE_INPUT
    )
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
        name = plain(self.cleaned_data["full_name"])
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
