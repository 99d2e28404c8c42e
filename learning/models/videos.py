"""Lesson videos: the staff's upload, and the small renditions citizens actually download."""

import uuid

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from wards import scoping
from wards.models import Ward

VIDEO_EXTENSIONS = ["mp4", "m4v", "mov", "3gp", "mkv", "webm", "avi", "mpg", "mpeg", "ts", "flv"]
CAPTION_EXTENSIONS = ["vtt", "srt"]


def original_path(video, filename: str) -> str:
    return f"learning/videos/originals/{uuid.uuid4().hex}/{filename}"


def captions_path(video, filename: str) -> str:
    return f"learning/videos/captions/{uuid.uuid4().hex}.vtt"


class VideoQuerySet(models.QuerySet):
    def for_user(self, user):
        """The province library's videos and those of the wards the user works in."""
        return self.filter(Q(ward__isnull=True) | Q(ward__in=Ward.objects.for_user(user)))

    def editable_by(self, user):
        """The province edits its library; ward staff edit their own ward's videos only."""
        if scoping.is_province_admin(user):
            return self
        return self.filter(ward__in=Ward.objects.for_user(user))

    def ready(self):
        return self.filter(status=Video.Status.READY)


class Video(index.Indexed, models.Model):
    """An uploaded clip. A background task turns it into a 360p and a 240p MP4 and a poster."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")  # uploaded, waiting for the task queue
        PROCESSING = "processing", _("Đang xử lý")  # a worker is transcoding it
        READY = "ready", _("Sẵn sàng")  # renditions and poster exist; lessons can show it
        FAILED = "failed", _("Lỗi")  # see failure_reason; a new upload or "Xử lý lại" retries

    # Empty for the province library: shown to every ward, edited by the province.
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("phường"),
    )
    title = models.CharField(_("tên video"), max_length=160)
    original = models.FileField(
        _("tệp video gốc"),
        upload_to=original_path,
        max_length=255,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS)],
        help_text=_(
            "Video quay bằng điện thoại là được (MP4, MOV…). Máy chủ sẽ tự làm bản nhỏ 360p "
            "cho người dân xem bằng 3G; bản gốc vẫn được giữ."
        ),
    )
    captions = models.FileField(
        _("phụ đề (WebVTT hoặc SRT)"),
        upload_to=captions_path,
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(CAPTION_EXTENSIONS)],
        help_text=_("Không bắt buộc. Tệp .srt được tự đổi sang WebVTT."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    failure_reason = models.CharField(_("lý do lỗi"), max_length=255, blank=True)
    standard = models.FileField(_("bản 360p"), max_length=255, blank=True, editable=False)
    save_data = models.FileField(
        _("bản tiết kiệm 240p"), max_length=255, blank=True, editable=False
    )
    poster = models.FileField(_("ảnh bìa"), max_length=255, blank=True, editable=False)
    width = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    duration_seconds = models.FloatField(_("thời lượng (giây)"), null=True, blank=True)
    standard_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    save_data_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = VideoQuerySet.as_manager()

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("video bài học")
        verbose_name_plural = _("video bài học")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        """The player's source: the server picks 360p, or 240p when the phone asks to save data."""
        return reverse("learning:video", args=[self.pk])

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def captions_url(self) -> str:
        return reverse("learning:video_captions", args=[self.pk]) if self.captions else ""

    def status_summary(self) -> str:
        if self.status == self.Status.FAILED and self.failure_reason:
            return f"{self.get_status_display()}: {self.failure_reason}"
        return self.get_status_display()

    def duration_label(self) -> str:
        if not self.duration_seconds:
            return ""
        minutes, seconds = divmod(round(self.duration_seconds), 60)
        return f"{minutes}:{seconds:02d}"
