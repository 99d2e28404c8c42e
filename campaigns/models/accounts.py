"""A ward's sending rules and its channel accounts (credentials per ward)."""

import datetime
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.channels import channel_choices, channel_class
from wards import scoping


class MessagingPolicy(models.Model):
    """When and how often a ward may message a resident (Decree 91/2020 defaults)."""

    ward = models.OneToOneField(
        "wards.Ward", on_delete=models.CASCADE, related_name="messaging_policy"
    )
    send_from = models.TimeField(_("gửi từ"), default=datetime.time(7, 0))
    send_until = models.TimeField(
        _("gửi đến"),
        default=datetime.time(22, 0),
        help_text=_("Giờ Việt Nam. Ngoài khung giờ này việc gửi tạm dừng và tự tiếp tục."),
    )
    per_recipient_cap = models.PositiveSmallIntegerField(
        _("số tin tối đa cho một người"), default=3
    )
    cap_window_hours = models.PositiveSmallIntegerField(_("trong số giờ"), default=24)
    approval_threshold = models.PositiveIntegerField(
        _("cần lãnh đạo duyệt khi gửi cho hơn"),
        default=1000,
        help_text=_("Chiến dịch gửi cho nhiều người hơn số này phải được lãnh đạo phường duyệt."),
    )

    class Meta:
        verbose_name = _("quy định gửi tin")
        verbose_name_plural = _("quy định gửi tin")

    def __str__(self):
        return str(self.ward)

    @classmethod
    def for_ward(cls, ward) -> "MessagingPolicy":
        """The ward's policy, or the defaults (unsaved) when it never set one."""
        return cls.objects.filter(ward=ward).first() or cls(ward=ward)

    def allows(self, moment: datetime.datetime) -> bool:
        """True when `moment` is inside the sending window (equal bounds: no quiet hours)."""
        if self.send_from == self.send_until:
            return True
        local = timezone.localtime(moment).time()
        if self.send_from < self.send_until:
            return self.send_from <= local < self.send_until
        return local >= self.send_from or local < self.send_until

    def next_opening(self, moment: datetime.datetime) -> datetime.datetime:
        """The next time the window opens at or after `moment`."""
        if self.allows(moment):
            return moment
        local = timezone.localtime(moment)
        opening = local.replace(
            hour=self.send_from.hour, minute=self.send_from.minute, second=0, microsecond=0
        )
        if opening <= local:
            opening += datetime.timedelta(days=1)
        return opening


class ChannelAccountQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def active(self):
        return self.filter(is_active=True)


def new_account_key() -> str:
    return secrets.token_urlsafe(12)


class ChannelAccount(models.Model):
    """One ward's account with one provider. Secrets are write-only in the admin and never logged."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("kênh"), max_length=20, choices=channel_choices)
    name = models.CharField(_("tên"), max_length=80)
    # Names this account in its webhook URLs; not a secret (signatures and tokens are).
    key = models.CharField(max_length=32, unique=True, default=new_account_key, editable=False)
    settings = models.JSONField(default=dict, blank=True)
    secrets = models.JSONField(default=dict, blank=True)
    rate_per_second = models.PositiveSmallIntegerField(
        _("tốc độ gửi (tin / giây)"),
        default=10,
        help_text=_("Theo hợp đồng với nhà cung cấp; vượt quá sẽ bị từ chối."),
    )
    price_per_segment = models.DecimalField(
        _("đơn giá (đồng / tin)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_("Với SMS: giá mỗi phần tin 70 ký tự có dấu. Với Zalo: giá mỗi tin."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    # Zalo: the remaining daily quota as its last reply reported it.
    remaining_quota = models.IntegerField(null=True, blank=True, editable=False)
    quota_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    # One dispatcher at a time sends for an account, so its rate holds across campaigns.
    dispatcher = models.CharField(max_length=32, blank=True, editable=False)
    dispatcher_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ChannelAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("kênh gửi tin")
        verbose_name_plural = _("kênh gửi tin")
        ordering = ["ward", "name"]

    def __str__(self):
        return f"{self.name} · {self.get_channel_display()}"

    def __repr__(self):
        return f"<ChannelAccount {self.pk} {self.channel}>"

    @property
    def channel_class(self):
        return channel_class(self.channel)

    @property
    def is_sms(self) -> bool:
        return self.channel_class.is_sms

    @property
    def uses_templates(self) -> bool:
        return self.channel_class.uses_templates

    def config(self) -> dict:
        """Settings and secrets merged, as the channel plug-in takes them."""
        return {**(self.settings or {}), **(self.secrets or {})}

    def has_secret(self, name: str) -> bool:
        return bool((self.secrets or {}).get(name))
