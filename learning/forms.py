"""Forms citizens fill in: "Tôi đã làm được" and the name on a completion certificate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wards.models import Area, Milestone
from wards.phones import InvalidPhone, normalise_phone
from wards.text import nfc


class SelfReportForm(forms.Form):
    milestone = forms.ChoiceField(
        label=_("Bạn đã làm được việc gì?"),
        choices=[("", _("— Chọn một việc —")), *Milestone.choices],
        error_messages={"required": _("Vui lòng chọn việc bạn đã làm được.")},
    )
    area = forms.ModelChoiceField(
        label=_("Bạn ở khu phố nào?"),
        queryset=Area.objects.none(),
        empty_label=_("— Chọn khu phố —"),
        error_messages={
            "required": _("Vui lòng chọn khu phố của bạn."),
            "invalid_choice": _("Khu phố này không có trong danh sách. Vui lòng chọn lại."),
        },
    )
    phone = forms.CharField(
        label=_("Số điện thoại (không bắt buộc)"),
        required=False,
        max_length=30,
        help_text=_("Để tổ công nghệ số gọi lại giúp bạn khi cần. Có thể bỏ trống."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("Tôi đồng ý nhận tin nhắn hướng dẫn của phường"), required=False
    )
    lesson = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(ward=ward).order_by("code")

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        try:
            return normalise_phone(raw)
        except InvalidPhone as error:
            raise forms.ValidationError(error.messages) from error


class CertificateForm(forms.Form):
    name = forms.CharField(
        label=_("Tên in trên giấy khen (không bắt buộc)"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self) -> str:
        return nfc(self.cleaned_data.get("name", ""))
