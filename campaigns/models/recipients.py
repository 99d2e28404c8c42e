"""A row per targeted resident per campaign: its eligibility, its message and what became of it."""

import uuid

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.receipts import ALLOWED_FROM, receipt_apply
from wards import scoping


class Exclusion(models.TextChoices):
    """Why a targeted resident gets no message (decided when the audience is frozen, or at send)."""

    NO_CONSENT = "no_consent", _("Chưa đồng ý nhận tin nhắn")
    NO_PHONE = "no_phone", _("Chưa có số điện thoại")
    INVALID_PHONE = "invalid_phone", _("Số điện thoại không hợp lệ")
    DUPLICATE_PHONE = "duplicate_phone", _("Trùng số với người khác trong danh sách")
    OPTED_OUT = "opted_out", _("Đã từ chối nhận tin")
    CONVERTED = "converted", _("Đã đạt mục tiêu")
    OVER_CAP = "over_cap", _("Đã nhận đủ số tin cho phép")
    CANCELLED = "cancelled", _("Chiến dịch đã hủy")


class Failure(models.TextChoices):
    """Why a message that was tried did not reach the resident."""

    INVALID_NUMBER = "invalid_number", _("Số không nhận được tin")
    NO_ACCOUNT = "no_account", _("Không có tài khoản Zalo")
    OPTED_OUT = "opted_out", _("Người nhận đã chặn tin")
    REJECTED = "rejected", _("Nhà cung cấp từ chối")
    GAVE_UP = "gave_up", _("Lỗi tạm thời kéo dài, đã ngừng thử")
    UNDELIVERED = "undelivered", _("Nhà mạng không chuyển được")


class RecipientQuerySet(models.QuerySet):
    def for_user(self, user):
        """Rows whose names and numbers the user may read (by the resident's area)."""
        return self.filter(
            campaign__ward__in=scoping.wards_for(user), area__in=scoping.personal_areas(user)
        )

    def treatment(self):
        return self.exclude(status__in=(Recipient.Status.EXCLUDED, Recipient.Status.HOLDOUT))

    def open(self):
        """Rows that still need a send (or the outcome of one)."""
        return self.filter(status__in=(Recipient.Status.QUEUED, Recipient.Status.SENDING))

    # --- every status change of a recipient: the moves ALLOWED_FROM permits, nothing else ------

    def move(self, to: str, *, holding: str | None = None, **fields) -> int:
        """Move these rows to `to` where their status allows it (and, with `holding`, only rows
        whose claim it is); the number moved. The methods below name the moves."""
        rows = self.filter(status__in=ALLOWED_FROM[to])
        if holding is not None:
            rows = rows.filter(claim=holding)
        return rows.update(status=to, **fields)

    def claim(self, token: str, *, body: str) -> int:
        """QUEUED → SENDING, immediately before the provider call; only one process wins."""
        return self.move(
            Recipient.Status.SENDING,
            claim=token,
            claimed_at=timezone.now(),
            body=body,
            attempts=F("attempts") + 1,
        )

    def settle(self, token: str | None, to: str, **fields) -> int:
        """The provider's answer (or a lookup after a crash): SENDING → ACCEPTED / DELIVERED /
        UNKNOWN, releasing the claim."""
        return self._release(to, token, **fields)

    def requeue(self, token: str | None = None, **fields) -> int:
        """Back in the queue (a retry at `next_attempt_at`, a fallback account, a crash the
        channel can resend, staff re-sending what was in doubt)."""
        return self._release(Recipient.Status.QUEUED, token, **fields)

    def fail(self, failure: str, code: str, token: str | None = None) -> int:
        return self._release(Recipient.Status.FAILED, token, failure=failure, error_code=code[:40])

    def skip(self, exclusion: str) -> int:
        """Queued rows that will not be sent after all (opted out, converted, campaign ended)."""
        return self.move(Recipient.Status.SKIPPED, exclusion=exclusion)

    def defer(self, until) -> int:
        """Queued rows wait until `until` (the number is at its cap); the status stays."""
        return self.filter(status=Recipient.Status.QUEUED).update(next_attempt_at=until)

    def apply_receipt(self, *, account, update) -> bool:
        """One delivery receipt for `account`, in one UPDATE (see campaigns.models.receipts)."""
        return receipt_apply(model=self.model, account=account, update=update)

    def _release(self, to: str, token: str | None, **fields) -> int:
        return self.move(to, holding=token, claim="", **fields)


class Recipient(models.Model):
    class Status(models.TextChoices):
        # Not eligible; `exclusion` says why. Never sent.
        EXCLUDED = "excluded", _("Không đủ điều kiện")
        # Eligible but kept back at random to measure the campaign. Never sent.
        HOLDOUT = "holdout", _("Nhóm đối chứng")
        # Waiting for its turn, or for a retry at `next_attempt_at`.
        QUEUED = "queued", _("Chờ gửi")
        # Claimed by a dispatcher; the provider call may be in flight.
        SENDING = "sending", _("Đang gửi")
        # A crash interrupted the send and the provider cannot tell whether it went out: held
        # for a person to decide (see campaigns.dispatch.recover_interrupted).
        UNKNOWN = "unknown", _("Chưa rõ đã gửi chưa")
        # The provider took it; no receipt yet.
        ACCEPTED = "accepted", _("Nhà cung cấp đã nhận")
        # Sent on towards the handset.
        SENT = "sent", _("Đã gửi đi")
        # The handset or app confirmed receipt.
        DELIVERED = "delivered", _("Đã đến máy")
        # Opened (Zalo).
        READ = "read", _("Đã xem")
        # Refused or given up; `failure` says why.
        FAILED = "failed", _("Không gửi được")
        # The carrier could not deliver it.
        UNDELIVERED = "undelivered", _("Không đến được máy")
        # Not sent after all (opted out since, campaign cancelled); `exclusion` says why.
        SKIPPED = "skipped", _("Bỏ qua")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="recipients"
    )
    resident = models.ForeignKey(
        "wards.Resident", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    area = models.ForeignKey("wards.Area", null=True, on_delete=models.SET_NULL, related_name="+")
    # Our message id: Zalo tracking_id, eSMS RequestId, the Twilio callback's tracking_id.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    phone = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    exclusion = models.CharField(max_length=20, choices=Exclusion.choices, blank=True)
    failure = models.CharField(max_length=20, choices=Failure.choices, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    channel_account = models.ForeignKey(
        "campaigns.ChannelAccount", null=True, on_delete=models.PROTECT, related_name="+"
    )
    used_fallback = models.BooleanField(default=False)
    link_code = models.CharField(max_length=12, unique=True, null=True, blank=True)
    body = models.TextField(blank=True)
    provider_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    first_clicked_at = models.DateTimeField(null=True, blank=True)
    clicks = models.PositiveIntegerField(default=0)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("người nhận")
        verbose_name_plural = _("người nhận")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "resident"], name="one_row_per_resident_per_campaign"
            )
        ]
        indexes = [
            models.Index(fields=["campaign", "status"]),
            models.Index(fields=["channel_account", "status", "next_attempt_at"]),
            models.Index(fields=["channel_account", "provider_id"]),
            models.Index(fields=["phone", "sent_at"]),
        ]

    def __str__(self):
        return f"{self.campaign_id}:{self.pk}"

    @property
    def reason_label(self) -> str:
        if self.failure:
            return self.get_failure_display()
        if self.exclusion:
            return self.get_exclusion_display()
        return ""


class Click(models.Model):
    """One opening of a recipient's tracked link. No address or agent is stored."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # Link-preview fetchers (Zalo, Facebook) and crawlers: logged, never counted as a click.
    is_bot = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lượt mở liên kết")
        verbose_name_plural = _("lượt mở liên kết")
        indexes = [models.Index(fields=["recipient", "at"])]

    def __str__(self):
        return f"{self.recipient_id} {self.at:%Y-%m-%d %H:%M}"
