"""Feedback and petitions (phản ánh, kiến nghị): what citizens send, and how the ward answers."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Area, Ward
from wards.roles import WARD_WIDE_PERSONAL_DATA

TEXT_MAX = 2000
ANSWER_MAX = 800  # the message adds a short prefix; the notice service takes 1,000


class CategoryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def active(self):
        return self.filter(active=True)


class Category(models.Model):
    """What a petition is about, with the days the ward gives itself to answer it."""

    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="+", verbose_name=_("phường")
    )
    name = models.CharField(_("tên lĩnh vực"), max_length=80)
    sla_days = models.PositiveSmallIntegerField(
        _("số ngày phải trả lời"), default=7, help_text=_("Tính từ lúc người dân gửi.")
    )
    # Comments left with a rating land in this category (one per ward, made on demand).
    for_ratings = models.BooleanField(default=False, editable=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("lĩnh vực góp ý")
        verbose_name_plural = _("lĩnh vực góp ý")
        ordering = ["ward", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="feedback_category_unique")
        ]

    def __str__(self):
        return self.name


def inbox_ward_ids(user) -> set[int] | None:
    """Wards whose inbox the user works: ward admins and communications staff; None: every ward."""
    if scoping.is_province_admin(user):
        return None
    return {m.ward_id for m in scoping.memberships(user) if m.role in WARD_WIDE_PERSONAL_DATA}


class PetitionQuerySet(models.QuerySet):
    def for_user(self, user):
        ward_ids = inbox_ward_ids(user)
        return self if ward_ids is None else self.filter(ward_id__in=ward_ids)

    def open(self):
        return self.exclude(status__in=[Petition.Status.ANSWERED, Petition.Status.CLOSED])

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def inbox_order(self, now=None):
        """Overdue first, then open ones by their deadline, then the answered and closed."""
        now = now or timezone.now()
        open_q = ~Q(status__in=[Petition.Status.ANSWERED, Petition.Status.CLOSED])
        return self.annotate(
            rank=Case(
                When(open_q & Q(due_at__lt=now), then=Value(0)),
                When(open_q, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("rank", "due_at", "pk")

    def published(self):
        return self.filter(
            published=True, status__in=[Petition.Status.ANSWERED, Petition.Status.CLOSED]
        )


class Petition(models.Model):
    class Source(models.TextChoices):
        FORM = "form", _("Biểu mẫu góp ý")
        RATING = "rating", _("Lời nhắn kèm đánh giá")
        POSTER = "poster", _("Quét mã trên áp phích")

    class Kind(models.TextChoices):
        REPORT = "report", _("Phản ánh")  # something is wrong and should be fixed
        PROPOSAL = "proposal", _("Kiến nghị")  # something the ward should do

    class Status(models.TextChoices):
        NEW = "new", _("Mới")  # just arrived, nobody has read it
        ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")  # read and accepted by staff
        IN_PROGRESS = "in_progress", _("Đang xử lý")  # someone is working on it
        ANSWERED = "answered", _("Đã trả lời")  # the ward's answer is written (and sent)
        CLOSED = "closed", _("Đã đóng")  # nothing more to do

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FORM)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("lĩnh vực")
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("khu phố")
    )
    text = models.TextField(_("nội dung"), max_length=TEXT_MAX)
    photo = models.FileField(_("ảnh"), upload_to="feedback/%Y/%m/", blank=True)
    phone = models.CharField(_("điện thoại nhận trả lời"), max_length=16, blank=True)
    rating = models.OneToOneField(
        "feedback.Rating", null=True, blank=True, on_delete=models.SET_NULL, related_name="petition"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now)
    due_at = models.DateTimeField(_("hạn trả lời"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("trả lời của phường"), max_length=ANSWER_MAX, blank=True)
    answer_sent_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(_("đăng lên trang “Bạn nói — phường làm”"), default=False)
    # What the public page shows of the citizen's words: staff remove anything personal.
    public_text = models.TextField(_("nội dung đăng công khai"), max_length=TEXT_MAX, blank=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [models.Index(fields=["ward", "status", "due_at"])]

    def __str__(self):
        return f"#{self.pk} · {self.category}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.ANSWERED, self.Status.CLOSED)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @staticmethod
    def due_for(category: Category, created_at: datetime.datetime) -> datetime.datetime:
        return created_at + datetime.timedelta(days=category.sla_days)
