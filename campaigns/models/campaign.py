"""A campaign: who it targets, what it says, on which channel, and where it stands."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.channels import TEMPLATE_DATA
from wards import scoping
from wards.models import Milestone


class CampaignQuerySet(models.QuerySet):
    def for_user(self, user):
        """Campaigns of the wards the user works in (what they may do is a permission)."""
        return self.filter(ward__in=scoping.wards_for(user))

    def for_aggregates(self, user):
        """Campaigns whose totals and results the user may read (leaders included)."""
        return self.filter(ward__in=scoping.aggregate_wards_for(user))

    def awaiting_approval(self):
        return self.filter(status=Campaign.Status.AWAITING_APPROVAL)


class Campaign(models.Model):
    class Status(models.TextChoices):
        # Being prepared; the audience is a live query and can still change.
        DRAFT = "draft", _("Bản nháp")
        # Recipients are frozen; a leader must approve before it can be scheduled.
        AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo duyệt")
        # Recipients are frozen; sending starts at `send_at` (or at once).
        SCHEDULED = "scheduled", _("Đã lên lịch")
        # Messages are going out in the background.
        SENDING = "sending", _("Đang gửi")
        # Stopped by staff, by quiet hours, by quota or by a channel problem; resumes.
        PAUSED = "paused", _("Tạm dừng")
        # Every message has an outcome; results keep filling in during the window.
        DONE = "done", _("Đã gửi xong")
        # Stopped for good; messages not yet sent are never sent.
        CANCELLED = "cancelled", _("Đã hủy")

    class PauseReason(models.TextChoices):
        STAFF = "staff", _("Cán bộ tạm dừng")
        QUIET_HOURS = "quiet_hours", _("Ngoài khung giờ được gửi")
        QUOTA = "quota", _("Hết hạn mức gửi trong ngày của kênh")
        CHANNEL = "channel", _("Kênh gửi tin báo lỗi cấu hình")
        IN_DOUBT = "in_doubt", _("Có tin chưa rõ đã gửi hay chưa, cần cán bộ quyết định")

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên chiến dịch"), max_length=120)
    goal = models.CharField(_("mục tiêu"), max_length=32, choices=Milestone.choices)
    # Audience (see campaigns.audience): residents of these areas (none chosen: every area).
    areas = models.ManyToManyField("wards.Area", blank=True, verbose_name=_("khu phố"))
    requires = models.CharField(
        _("chỉ những người đã đạt mốc"), max_length=32, choices=Milestone.choices, blank=True
    )
    lacks = models.CharField(
        _("chỉ những người chưa đạt mốc"), max_length=32, choices=Milestone.choices, blank=True
    )
    min_age = models.PositiveSmallIntegerField(_("từ tuổi"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("đến tuổi"), null=True, blank=True)
    # Message.
    channel = models.ForeignKey(
        "campaigns.ChannelAccount",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kênh gửi"),
    )
    sms_fallback = models.ForeignKey(
        "campaigns.ChannelAccount",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("gửi SMS thay khi người nhận không có Zalo"),
    )
    body = models.TextField(_("nội dung tin nhắn"), blank=True)
    # What the chosen channel needs besides the text, by its `message_fields` (a template
    # channel: the approved template's id and its parameters).
    channel_options = models.JSONField(_("thiết lập của kênh"), default=dict, blank=True)
    target_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("liên kết dẫn đến"),
    )
    send_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    holdout_percent = models.PositiveSmallIntegerField(
        _("nhóm đối chứng (%)"),
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    conversion_window_days = models.PositiveSmallIntegerField(
        _("thời gian theo dõi (ngày)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    pause_reason = models.CharField(max_length=20, choices=PauseReason.choices, blank=True)
    status_note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiến dịch tin nhắn")
        verbose_name_plural = _("chiến dịch tin nhắn")
        ordering = ["-created_at"]
        permissions = [("approve_campaign", _("Duyệt chiến dịch gửi cho nhiều người"))]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.name

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        """Messages may still go out."""
        return self.status in (self.Status.SCHEDULED, self.Status.SENDING, self.Status.PAUSED)

    @property
    def template_text(self) -> str:
        """The template parameters as staff wrote them (template channels only)."""
        return (self.channel_options or {}).get(TEMPLATE_DATA, "")

    def status_label(self) -> str:
        label = self.get_status_display()
        if self.status == self.Status.PAUSED and self.pause_reason:
            return f"{label}: {self.get_pause_reason_display().lower()}"
        return str(label)
