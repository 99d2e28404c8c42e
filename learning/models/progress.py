"""Anonymous learners and what they did: no account, only a random id kept in a cookie."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import AdoptionEvent, Area, Milestone, Resident, Ward


class Learner(models.Model):
    """A phone that opened a lesson. Its id lives in the `hoc_id` cookie and nowhere else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The ward whose site the learner first used, so each ward's report counts its own people.
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("người học")
        verbose_name_plural = _("người học")

    def __str__(self):
        return str(self.id)[:8]


class LessonProgressQuerySet(models.QuerySet):
    def for_user(self, user):
        """Progress is read only as counts, by staff who may read their ward's aggregates."""
        return self.filter(learner__ward__in=scoping.aggregate_wards_for(user))

    def completed(self):
        return self.filter(status=LessonProgress.Status.COMPLETED)


class LessonProgress(models.Model):
    """One learner's progress in one lesson."""

    class Status(models.TextChoices):
        STARTED = "started", _("Đang học")  # opened the lesson
        COMPLETED = "completed", _("Đã học xong")  # answered the quiz or said they finished

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(
        "learning.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STARTED)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    best_correct = models.PositiveSmallIntegerField(null=True, blank=True)
    questions = models.PositiveSmallIntegerField(null=True, blank=True)
    best_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LessonProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("tiến độ học")
        verbose_name_plural = _("tiến độ học")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["learner", "-updated_at"])]

    def __str__(self):
        return f"{self.learner} · {self.lesson_id} · {self.get_status_display()}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class SelfReportQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(area__in=scoping.personal_areas(user))


class SelfReport(models.Model):
    """A learner's "Tôi đã làm được": it becomes an unverified AdoptionEvent for the area.

    The learner has no resident record, so the first report from a learner in an area creates
    a placeholder resident there (in that area's "self-reported" household); the learner's
    later reports in the area go to the same placeholder. A team member may verify it later.
    """

    learner = models.ForeignKey(
        Learner, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    milestone = models.CharField(_("mốc"), max_length=32, choices=Milestone.choices)
    lesson = models.ForeignKey(
        "learning.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    event = models.OneToOneField(AdoptionEvent, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SelfReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("người dân tự báo")
        verbose_name_plural = _("người dân tự báo")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "milestone"], name="one_self_report_per_milestone"
            )
        ]

    def __str__(self):
        return f"{self.get_milestone_display()} — {self.area}"
