"""ImportJob: one uploaded file on its way through preview and confirm, run by django-q2 tasks.

Kept out of models.py (which is at its size limit) and imported at its end, so it is a model of the
wards app like the others.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping


class ImportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A job is its uploader's own, and only while they still work in its ward."""
        return self.filter(user=user, ward__in=scoping.wards_for(user))


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("đang chờ kiểm tra")  # uploaded, the preview task is queued
        PREVIEWING = "previewing", _("đang kiểm tra")  # the dry run is going through the rows
        PREVIEWED = "previewed", _("đã kiểm tra")  # the preview is ready; waits for a confirm
        CONFIRMING = "confirming", _("đang nhập")  # confirmed; rows are being written
        DONE = "done", _("đã nhập xong")  # every row written
        FAILED = "failed", _("không nhập được")  # `error` says why, in Vietnamese

    RUNNING = (Status.QUEUED, Status.PREVIEWING, Status.CONFIRMING)
    # The one table of legal moves; `moved` refuses anything else.
    MOVES = {
        Status.QUEUED: {Status.PREVIEWING, Status.FAILED},
        Status.PREVIEWING: {Status.PREVIEWING, Status.PREVIEWED, Status.FAILED},  # a retry
        Status.PREVIEWED: {Status.CONFIRMING},
        Status.CONFIRMING: {Status.CONFIRMING, Status.DONE, Status.FAILED},  # resumes a retry
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    importer = models.CharField(max_length=40)
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8)
    content = models.BinaryField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    # The preview (totals, problems, rows shown) and what the confirm wrote: see wards.import_runs.
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhập tệp")
        verbose_name_plural = _("lượt nhập tệp")

    def __str__(self):
        return self.filename

    @property
    def percent(self) -> int:
        return min(100, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    def moved(self, to: str, **fields) -> bool:
        """Move to `to` if the row is still in a state that allows it (one UPDATE, so two
        confirms of the same job cannot both start); False if it was not."""
        sources = [state for state, targets in self.MOVES.items() if to in targets]
        count = ImportJob.objects.filter(pk=self.pk, status__in=sources).update(status=to, **fields)
        if count:
            self.status = to
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(count)
