"""Journeys: a reminder sequence a resident's own event starts ("level 2 issued" → 3 days later
"activate it in the app" → ...), stopped as soon as the resident reaches the goal."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Milestone


class JourneyQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))


class Journey(models.Model):
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên"), max_length=120)
    starts_on = models.CharField(
        _("bắt đầu khi người dân đạt mốc"), max_length=32, choices=Milestone.choices
    )
    goal = models.CharField(_("dừng khi đạt mốc"), max_length=32, choices=Milestone.choices)
    is_active = models.BooleanField(_("đang chạy"), default=True)
    ends_with_team_task = models.BooleanField(
        _("giao tổ đến nhà khi nhắc đủ mà chưa đạt"),
        default=False,
        help_text=_(
            "Sau tin cuối, nếu người dân vẫn chưa đạt mốc, tổ công nghệ có lịch hẹn đến nhà."
        ),
    )
    # Events recorded after this moment start the journey (never a blast to the past).
    scanned_until = models.DateTimeField(default=timezone.now, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = JourneyQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuỗi nhắc việc")
        verbose_name_plural = _("chuỗi nhắc việc")

    def __str__(self):
        return self.name


class JourneyStep(models.Model):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    delay_days = models.PositiveSmallIntegerField(
        _("sau mốc bắt đầu (ngày)"), help_text=_("Tính từ ngày người dân đạt mốc bắt đầu.")
    )
    text = models.TextField(_("nội dung tin nhắn"))

    class Meta:
        ordering = ["journey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "position"], name="one_step_per_position")
        ]

    def __str__(self):
        return f"{self.journey_id}:{self.position}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        # Waiting for its next step at `next_due_at`.
        ACTIVE = "active", _("Đang nhắc")
        # The resident reached the goal: no more reminders.
        REACHED = "reached", _("Đã đạt mục tiêu")
        # Every step went out and the goal is not reached: the team follows up in person.
        FINISHED = "finished", _("Đã nhắc đủ, cần tổ đến nhà")
        # No consent, no number, or the resident asked to stop.
        STOPPED = "stopped", _("Đã dừng")

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="enrolments")
    resident = models.ForeignKey("wards.Resident", on_delete=models.CASCADE, related_name="+")
    started_on = models.DateField()
    next_position = models.PositiveSmallIntegerField(default=1)
    next_due_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "resident"], name="one_enrolment_per_journey"
            )
        ]
        indexes = [models.Index(fields=["status", "next_due_at"])]

    def __str__(self):
        return f"{self.journey_id}:{self.resident_id}"
