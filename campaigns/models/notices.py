"""A notice: one message to one resident, sent for another app (a home visit booked, a rating).

Other apps never build campaigns for this; they call `campaigns.notices.notice_send`, which stores
one row per `dedup_key` and sends it in the background under the ward's messaging policy.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.recipients import Failure
from wards import scoping


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def due(self, now=None):
        """Queued and not held past `now`."""
        now = now or timezone.now()
        return self.filter(status=Notice.Status.QUEUED).filter(
            models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now)
        )

    def sent_since(self, *, ward, phones, since):
        return self.filter(ward=ward, phone__in=list(phones), sent_at__gte=since)


class Notice(models.Model):
    class Status(models.TextChoices):
        # Waiting to be sent, or held until `next_attempt_at` (quiet hours, cap, retry).
        QUEUED = "queued", _("Chờ gửi")
        # Claimed by a sender; the provider call may be in flight.
        SENDING = "sending", _("Đang gửi")
        # A crash interrupted the send and the provider cannot say whether it went out.
        UNKNOWN = "unknown", _("Chưa rõ đã gửi chưa")
        # The provider took it; no receipt yet.
        ACCEPTED = "accepted", _("Nhà cung cấp đã nhận")
        # Sent on towards the handset.
        SENT = "sent", _("Đã gửi đi")
        # The handset or app confirmed receipt.
        DELIVERED = "delivered", _("Đã đến máy")
        # Opened (template channels that report it).
        READ = "read", _("Đã xem")
        # Refused or given up; `failure` says why.
        FAILED = "failed", _("Không gửi được")
        # The carrier could not deliver it.
        UNDELIVERED = "undelivered", _("Không đến được máy")
        # Never sent: the number is on the ward's opt-out list.
        SUPPRESSED = "suppressed", _("Người nhận đã từ chối nhận tin")

    class Hold(models.TextChoices):
        QUIET_HOURS = "quiet_hours", _("Chờ đến khung giờ được gửi")
        CAP = "cap", _("Người nhận đã nhận đủ số tin cho phép, chờ lượt sau")
        RETRY = "retry", _("Lỗi tạm thời, sẽ thử lại")
        CHANNEL = "channel", _("Kênh gửi tin đang lỗi, sẽ thử lại")

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        "wards.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The caller's key for "this message about this thing" (e.g. "home_service:42:scheduled").
    dedup_key = models.CharField(max_length=120, unique=True)
    reason = models.CharField(_("lý do gửi"), max_length=60)
    phone = models.CharField(_("số điện thoại"), max_length=16, blank=True)
    text = models.TextField(_("nội dung"))
    # For a template channel: the approved template and its parameters.
    template_id = models.CharField(max_length=40, blank=True)
    template_data = models.JSONField(default=dict, blank=True)
    # Our message id: tracking id, RequestId, the callback's tracking_id.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    hold = models.CharField(max_length=12, choices=Hold.choices, blank=True)
    failure = models.CharField(max_length=20, choices=Failure.choices, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    channel_account = models.ForeignKey(
        "campaigns.ChannelAccount",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    used_fallback = models.BooleanField(default=False)
    provider_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin gửi riêng")
        verbose_name_plural = _("tin gửi riêng")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["channel_account", "provider_id"]),
            models.Index(fields=["ward", "phone", "sent_at"]),
        ]

    def __str__(self):
        return f"{self.reason}:{self.pk}"
