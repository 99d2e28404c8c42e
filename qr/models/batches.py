"""A print job: chosen procedures × placements → one PDF, built in the background."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Ward


class PosterBatchQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))


class PosterBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")  # created; a worker has not picked it up yet
        RUNNING = "running", _("Đang tạo")  # a worker is laying out pages; `done` rises
        DONE = "done", _("Đã xong")  # the PDF is stored in `file`
        FAILED = "failed", _("Không tạo được")  # `error` names the procedure and why

    class Paper(models.TextChoices):
        A4 = "A4", _("A4 — quầy một cửa (mã 10 cm)")
        A3 = "A3", _("A3 — bảng tin khu phố (mã 20 cm)")
        A5 = "A5", _("A5 — thẻ để bàn (mã 5 cm)")
        A6 = "A6", _("A6 — thẻ nhỏ để bàn (mã 4 cm)")

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paper = models.CharField(_("khổ giấy"), max_length=2, choices=Paper.choices, default=Paper.A4)
    procedures = models.ManyToManyField("qr.Procedure", related_name="+")
    placements = models.ManyToManyField("qr.Placement", related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="qr/ap-phich/", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PosterBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt in áp phích")
        verbose_name_plural = _("đợt in áp phích")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_paper_display()} · {self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
