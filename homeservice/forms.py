"""Forms of the public "Nhờ tổ công nghệ số giúp" page and of the staff's steps."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from homeservice.lifecycle import Status
from homeservice.models import Vulnerability
from wards.models import Area
from wards.phones import InvalidPhone, normalise_phone

# A phone as people type it: digits and a few separators, bounded before any parsing.
PHONE_TYPED = re.compile(r"^\+?[0-9][0-9 .()\-]{6,19}$")


class HelpForm(forms.Form):
    """Asked by the resident or a relative; the request lands in the area's team list."""

    FOR_SELF, FOR_RELATIVE = "self", "relative"

    who = forms.ChoiceField(
        label=_("Bạn nhờ cho ai?"),
        choices=[(FOR_SELF, _("Cho chính tôi")), (FOR_RELATIVE, _("Cho người thân của tôi"))],
        initial=FOR_SELF,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Họ tên người cần giúp"),
        max_length=120,
        error_messages={"required": _("Vui lòng ghi họ tên người cần giúp.")},
    )
    asked_by = forms.CharField(
        label=_("Tên của bạn (nếu nhờ cho người thân)"), max_length=120, required=False
    )
    phone = forms.CharField(
        label=_("Số điện thoại để tổ gọi lại"),
        max_length=30,
        error_messages={"required": _("Vui lòng ghi số điện thoại để tổ gọi lại.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    area = forms.ModelChoiceField(
        label=_("Người cần giúp ở khu phố nào?"),
        queryset=Area.objects.none(),
        empty_label=_("— Chọn khu phố —"),
        error_messages={
            "required": _("Vui lòng chọn khu phố."),
            "invalid_choice": _("Khu phố này không có trong danh sách. Vui lòng chọn lại."),
        },
    )
    need = forms.CharField(
        label=_("Cần giúp việc gì?"),
        max_length=300,
        error_messages={
            "required": _("Vui lòng ghi việc cần giúp."),
            "max_length": _("Vui lòng ghi ngắn hơn (tối đa 300 chữ)."),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    procedure = forms.CharField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để tổ công nghệ số liên hệ và giúp làm hồ sơ"),
        error_messages={"required": _("Cần bạn đồng ý thì tổ mới liên hệ được.")},
    )

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(ward=ward).order_by("code")

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not PHONE_TYPED.match(raw):
            raise forms.ValidationError(
                _(
                    "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm), ví dụ 0912 345 678."
                )
            )
        try:
            return normalise_phone(raw)
        except InvalidPhone as error:
            raise forms.ValidationError(error.messages) from error


class StepForm(forms.Form):
    """One step on the staff pages; the service decides whether it is allowed."""

    to = forms.ChoiceField(choices=Status.choices)
    appointment_at = forms.DateTimeField(
        label=_("Giờ hẹn"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Giờ hẹn không đúng dạng ngày giờ.")},
    )
    documents = forms.MultipleChoiceField(
        label=_("Giấy tờ đã nhận"), required=False, widget=forms.CheckboxSelectMultiple
    )
    dossier_number = forms.CharField(label=_("Mã hồ sơ trên Cổng"), max_length=40, required=False)
    reason = forms.CharField(label=_("Lý do / ghi chú"), max_length=255, required=False)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = [d["name"] for d in (request.documents if request else [])]
        self.fields["documents"].choices = [(n, n) for n in names]
        self.fields["to"].error_messages["invalid_choice"] = _("Bước này không có trong quy trình.")
        self.fields["documents"].error_messages["invalid_choice"] = _(
            "Có giấy tờ không thuộc danh sách của thủ tục."
        )


class VulnerabilityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hoàn cảnh"), choices=Vulnerability.Kind.choices)
    consent = forms.BooleanField(
        label=_("Người dân đồng ý để tổ ghi nhận hoàn cảnh này"),
        error_messages={"required": _("Chỉ ghi hoàn cảnh khi người dân đồng ý.")},
    )


class BoardFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Mọi trạng thái")), ("open", _("Đang xử lý")), *Status.choices],
    )
    area = forms.ModelChoiceField(
        label=_("Khu phố"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("Mọi khu phố"),
    )
    overdue = forms.BooleanField(required=False, label=_("Chỉ việc quá hạn"))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
