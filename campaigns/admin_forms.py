"""Forms of the campaigns admin. Every choice is limited to the ward being worked on."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaigns import templating
from campaigns.channels import TEMPLATE_DATA, ChannelConfigError
from campaigns.models import Campaign, ChannelAccount, MessagingPolicy
from campaigns.services import CAMPAIGN_FIELDS
from wards.models import Area
from wards.phones import normalise_phone
from wards.shared_pages import linkable_pages

OPTION_PREFIX = "opt_"


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        kind = page.specific_class._meta.verbose_name if page.specific_class else ""
        indent = "— " * max(page.depth - 3, 0)
        return f"{indent}{page.title} ({kind})" if kind else f"{indent}{page.title}"


class CampaignForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Khu phố"),
        help_text=_("Không chọn khu phố nào: gửi cho cả phường."),
    )
    target_page = PageChoiceField(
        queryset=Page.objects.none(),
        required=False,
        label=_("Liên kết dẫn đến"),
        help_text=_("Bài học hoặc trang thủ tục mà {lien_ket} mở ra. Để trống: trang chủ phường."),
    )

    class Meta:
        model = Campaign
        # The ward comes from the page; channel options from the chosen channel's own fields.
        fields = ["areas", *(name for name in CAMPAIGN_FIELDS if name != "channel_options")]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4}),
            "send_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "body": _(
                "Chỗ trống: {ho_ten}, {ten}, {khu_pho}, {phuong}, {lien_ket}, {tu_choi}. "
                "Tiếng Việt có dấu: 70 ký tự một tin."
            ),
            "send_at": _("Để trống để gửi ngay khi được phép (trong khung giờ gửi)."),
            "holdout_percent": _(
                "Một phần người đủ điều kiện, chọn ngẫu nhiên, không nhận tin, để so sánh."
            ),
            "conversion_window_days": _("Đếm người đạt mục tiêu trong số ngày này sau khi nhận."),
        }

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward = ward
        self.fields["areas"].queryset = Area.objects.filter(ward=ward)
        accounts = ChannelAccount.objects.filter(ward=ward).active()
        self.fields["channel"].queryset = accounts
        self.fields["channel"].empty_label = None
        sms = [a.pk for a in accounts if a.is_sms]
        self.fields["sms_fallback"].queryset = accounts.filter(pk__in=sms)
        # The ward's own pages and the province library's lessons its site shows.
        self.fields["target_page"].queryset = linkable_pages(ward.site)
        self.fields["send_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        for name in ("requires", "lacks"):
            self.fields[name].choices = [("", _("— không lọc —")), *self.fields[name].choices[1:]]
        self.option_accounts: dict[str, list[int]] = {}
        stored = self.instance.channel_options or {}
        for account in accounts:
            for spec in account.channel_class.message_fields:
                name = OPTION_PREFIX + spec.name
                if name not in self.fields:
                    widget = forms.Textarea(attrs={"rows": 3}) if spec.multiline else None
                    self.fields[name] = forms.CharField(
                        label=spec.label,
                        help_text=spec.help_text,
                        required=False,
                        widget=widget,
                        initial=stored.get(spec.name, ""),
                    )
                self.option_accounts.setdefault(name, []).append(account.pk)

    def channel_option_fields(self):
        """The chosen channel's own fields, each with the accounts it belongs to (the page shows
        a field only while one of those accounts is chosen)."""
        chosen = str(self["channel"].value() or "")
        return [
            (self[name], " ".join(str(pk) for pk in pks), chosen in {str(pk) for pk in pks})
            for name, pks in self.option_accounts.items()
        ]

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        templating.validate_text(body)
        return body

    def clean_send_at(self):
        send_at = self.cleaned_data.get("send_at")
        if send_at and send_at < timezone.now():
            raise forms.ValidationError(_("Thời điểm gửi đã qua. Chọn thời điểm sau bây giờ."))
        return send_at

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("“Đến tuổi” phải lớn hơn hoặc bằng “từ tuổi”."))
        if data.get("requires") and data.get("requires") == data.get("lacks"):
            self.add_error("lacks", _("Một mốc không thể vừa “đã đạt” vừa “chưa đạt”."))
        channel, fallback = data.get("channel"), data.get("sms_fallback")
        if channel is None:
            return data
        body = data.get("body", "")
        data["channel_options"] = self.instance.channel_options = self.clean_channel_options(
            channel
        )
        if channel.uses_templates:
            if fallback and not body.strip():
                self.add_error(
                    "body", _("Nhập nội dung SMS để gửi thay cho người không dùng được kênh này.")
                )
        else:
            if fallback:
                self.add_error("sms_fallback", _("Chỉ dùng khi kênh chính là kênh gửi theo mẫu."))
            if not body.strip():
                self.add_error("body", _("Nhập nội dung tin nhắn."))
        limit = (fallback or channel).channel_class.max_body_chars
        if body and limit and len(body) > limit:
            self.add_error(
                "body",
                _("Tin dài %(n)s ký tự, kênh này nhận tối đa %(max)s.")
                % {"n": len(body), "max": limit},
            )
        return data

    def clean_channel_options(self, account) -> dict:
        options = {}
        for spec in account.channel_class.message_fields:
            name = OPTION_PREFIX + spec.name
            value = (self.cleaned_data.get(name) or "").strip()
            if spec.required and not value:
                self.add_error(name, _("Điền “%(label)s” cho kênh này.") % {"label": spec.label})
            elif spec.name == TEMPLATE_DATA:
                try:
                    templating.parse_template_data(value)
                except forms.ValidationError as problem:
                    self.add_error(name, problem)
            options[spec.name] = value
        return options


class ChannelAccountForm(forms.Form):
    """Settings of one channel account; secrets are write-only (never rendered back)."""

    name = forms.CharField(label=_("Tên"), max_length=80)
    rate_per_second = forms.IntegerField(
        label=_("Tốc độ gửi (tin / giây)"), min_value=1, max_value=1000, initial=10
    )
    price_per_segment = forms.DecimalField(
        label=_("Đơn giá (đồng / tin)"), min_value=0, max_digits=10, decimal_places=2, initial=0
    )
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)

    def __init__(self, *args, channel_key: str, account: ChannelAccount | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel_key, self.account = channel_key, account
        self.channel_class = ChannelAccount(channel=channel_key).channel_class
        stored_secrets = account.secrets if account else {}
        for field in self.channel_class.config_fields:
            if field.secret:
                stored = bool(stored_secrets.get(field.name))
                help_text = (
                    _("Đã lưu. Để trống để giữ nguyên; nhập giá trị mới để thay.")
                    if stored
                    else field.help_text
                )
                self.fields[f"secret__{field.name}"] = forms.CharField(
                    label=field.label,
                    required=field.required and not stored,
                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                    help_text=help_text,
                )
            else:
                self.fields[f"setting__{field.name}"] = forms.CharField(
                    label=field.label,
                    required=field.required,
                    help_text=field.help_text,
                    initial=(account.settings or {}).get(field.name, "") if account else "",
                )
        if account is not None:
            for name in ("name", "rate_per_second", "price_per_segment", "is_active"):
                self.fields[name].initial = getattr(account, name)

    def settings_values(self) -> dict:
        return {
            name.split("__", 1)[1]: value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("setting__")
        }

    def secret_values(self) -> dict:
        return {
            name.split("__", 1)[1]: value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("secret__")
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        stored = dict(self.account.secrets) if self.account else {}
        config = {**self.settings_values(), **stored}
        config.update({k: v for k, v in self.secret_values().items() if v})
        try:
            channel = self.channel_class(config)
        except ChannelConfigError as problem:
            labels = {f.name: f.label for f in self.channel_class.config_fields}
            raise forms.ValidationError(
                _("Thiếu hoặc chưa khớp: %(fields)s.")
                % {"fields": ", ".join(str(labels.get(name, name)) for name in problem.fields)}
            ) from None
        channel.close()
        return data


class MessagingPolicyForm(forms.ModelForm):
    class Meta:
        model = MessagingPolicy
        fields = [
            "send_from",
            "send_until",
            "per_recipient_cap",
            "cap_window_hours",
            "approval_threshold",
        ]
        widgets = {
            "send_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "send_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean_per_recipient_cap(self):
        value = self.cleaned_data["per_recipient_cap"]
        if value < 1:
            raise forms.ValidationError(_("Ít nhất 1 tin."))
        return value


class OptOutForm(forms.Form):
    phone = forms.CharField(label=_("Số điện thoại"), max_length=30)

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])
