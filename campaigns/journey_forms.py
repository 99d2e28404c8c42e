"""The journey form of the admin: up to five steps, each a delay in days and an SMS text."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns import templating
from campaigns.models import Journey
from campaigns.notices.sending import notice_text_limit
from wards.text import nfc

MAX_STEPS = 5
# A journey step goes out as a notice, which has no tracked link of its own: these would come
# out empty, so the form refuses them (residents opt out by replying HUY).
NO_LINK_PLACEHOLDERS = ("lien_ket", "tu_choi")
MAX_DELAY_DAYS = 365
NUMBER_ERRORS = {
    "invalid": _("Nhập số ngày là số nguyên, từ 0 đến %(max)s.") % {"max": MAX_DELAY_DAYS},
    "min_value": _("Số ngày không được âm."),
    "max_value": _("Tối đa %(max)s ngày sau mốc bắt đầu.") % {"max": MAX_DELAY_DAYS},
}


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text)


class JourneyForm(forms.ModelForm):
    class Meta:
        model = Journey
        fields = ["name", "starts_on", "goal", "ends_with_team_task", "is_active"]

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward, self.limit = ward, notice_text_limit(ward)
        saved = list(self.instance.steps.order_by("position")) if self.instance.pk else []
        for number in range(1, MAX_STEPS + 1):
            step = saved[number - 1] if number <= len(saved) else None
            self.fields[f"step_{number}_delay"] = forms.IntegerField(
                label=_("Bước %(n)s: sau mốc bắt đầu (ngày)") % {"n": number},
                required=False,
                min_value=0,
                max_value=MAX_DELAY_DAYS,
                error_messages=NUMBER_ERRORS,
                initial=step.delay_days if step else None,
            )
            self.fields[f"step_{number}_text"] = forms.CharField(
                label=_("Bước %(n)s: nội dung tin nhắn") % {"n": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_(
                    "Tối đa %(max)s ký tự. Chỗ trống: {ho_ten}, {ten}, {khu_pho}, {phuong}."
                )
                % {"max": self.limit},
                initial=step.text if step else "",
            )

    def step_fields(self):
        return [(self[f"step_{n}_delay"], self[f"step_{n}_text"]) for n in range(1, MAX_STEPS + 1)]

    def clean_name(self):
        name = nfc(self.cleaned_data["name"]).strip()
        if has_control_characters(name):
            raise forms.ValidationError(_("Tên có ký tự điều khiển, hãy xóa chúng."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("starts_on") == data.get("goal"):
            self.add_error("goal", _("Mốc dừng phải khác mốc bắt đầu."))
        steps, previous = [], None
        for number in range(1, MAX_STEPS + 1):
            step = self.clean_step(number, data, previous)
            if step:
                steps.append(step)
                previous = step[0]
        if not steps and not self.errors:
            self.add_error("step_1_text", _("Chuỗi nhắc cần ít nhất một bước."))
        data["steps"] = steps
        return data

    def clean_step(self, number: int, data: dict, previous: int | None):
        delay_name, text_name = f"step_{number}_delay", f"step_{number}_text"
        if delay_name in self.errors:
            return None
        delay, text = data.get(delay_name), nfc(data.get(text_name) or "").strip()
        if delay is None and not text:
            return None
        if delay is None:
            self.add_error(delay_name, _("Nhập số ngày cho bước này."))
            return None
        if not text:
            self.add_error(text_name, _("Nhập nội dung tin nhắn cho bước này."))
            return None
        if has_control_characters(text):
            self.add_error(text_name, _("Tin nhắn có ký tự điều khiển, hãy xóa chúng."))
            return None
        if len(text) > self.limit:
            self.add_error(
                text_name,
                _("Tin dài %(n)s ký tự, kênh này nhận tối đa %(max)s.")
                % {"n": len(text), "max": self.limit},
            )
            return None
        try:
            templating.validate_text(text)
        except forms.ValidationError as problem:
            self.add_error(text_name, problem)
            return None
        linked = [n for n in NO_LINK_PLACEHOLDERS if n in templating.placeholders_in(text)]
        if linked:
            self.add_error(
                text_name,
                _(
                    "Tin của chuỗi nhắc không có liên kết riêng cho từng người, nên %(names)s "
                    "sẽ để trống: hãy bỏ ra. Người nhận nhắn HUY để thôi nhận tin."
                )
                % {"names": ", ".join("{" + name + "}" for name in linked)},
            )
            return None
        if previous is not None and delay < previous + 1:
            self.add_error(
                delay_name,
                _("Mỗi bước phải sau bước trước ít nhất một ngày (sau ngày %(day)s).")
                % {"day": previous},
            )
            return None
        return delay, text
