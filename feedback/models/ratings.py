"""Ratings: the request sent after a service (one per event) and the answer (one per request)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Area, Resident, Ward

COMMENT_MAX = 1000


class Kind(models.TextChoices):
    VISIT = "visit", _("Tổ công nghệ số đến nhà")
    HOME_SERVICE = "home_service", _("Hỗ trợ thủ tục tại nhà")
    LESSON = "lesson", _("Bài học")
    PROCEDURE = "procedure", _("Trang thủ tục")


class Answer(models.TextChoices):
    YES = "yes", _("Có")
    NO = "no", _("Không")


class RatingRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def due(self, now=None):
        return self.filter(status=RatingRequest.Status.WAITING, due_at__lte=now or timezone.now())


class RatingRequest(models.Model):
    """One served event that asks for a rating: its token link goes out once, after a delay."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Chờ gửi")  # created; goes out at due_at
        SENT = "sent", _("Đã gửi")  # handed to the campaigns' notice service
        SKIPPED = "skipped", _("Không gửi")  # expired before it could go, or refused; see reason
        ANSWERED = "answered", _("Đã đánh giá")  # the citizen answered through the link

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại dịch vụ"), max_length=16, choices=Kind.choices)
    ref = models.CharField(max_length=40)
    phone = models.CharField(max_length=16)
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.SET_NULL)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL)
    # Plain ids: feedback depends on `wards` only; stats joins names.
    team_id = models.BigIntegerField(null=True, blank=True)
    procedure_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    skip_reason = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = RatingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("lời mời đánh giá")
        verbose_name_plural = _("lời mời đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref"], name="one_rating_request_per_event")
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.ref}"

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at


class RatingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.aggregate_wards_for(user))


class Rating(models.Model):
    """A citizen's answer: five faces, an optional comment and two optional questions."""

    class Score(models.IntegerChoices):
        VERY_UNHAPPY = 1, _("Rất không hài lòng")
        UNHAPPY = 2, _("Không hài lòng")
        NEUTRAL = 3, _("Bình thường")
        HAPPY = 4, _("Hài lòng")
        VERY_HAPPY = 5, _("Rất hài lòng")

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    # Set for answers through a token link; empty for the inline rating of a page.
    request = models.OneToOneField(
        RatingRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="rating"
    )
    kind = models.CharField(_("loại dịch vụ"), max_length=16, choices=Kind.choices)
    ref = models.CharField(max_length=40)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL)
    team_id = models.BigIntegerField(null=True, blank=True)
    procedure_id = models.BigIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("mức hài lòng"), choices=Score.choices)
    caring = models.CharField(
        _("Cán bộ có tận tình không?"), max_length=3, choices=Answer.choices, blank=True
    )
    done = models.CharField(
        _("Việc của bạn đã xong chưa?"), max_length=3, choices=Answer.choices, blank=True
    )
    comment = models.TextField(_("lời nhắn"), max_length=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        indexes = [models.Index(fields=["ward", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="rating_score_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.score}/5"
