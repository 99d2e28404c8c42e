"""Where posters hang, and the short link printed on each (procedure × placement) poster."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Area, Ward


class PlacementQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def active(self):
        return self.filter(active=True)


class Placement(models.Model):
    """A place a poster hangs: the one-stop counter, a notice board, a community house."""

    class Kind(models.TextChoices):
        COUNTER = "counter", _("Bộ phận một cửa")
        NOTICE_BOARD = "board", _("Bảng tin khu phố")
        COMMUNITY_HOUSE = "house", _("Nhà văn hóa")
        OTHER = "other", _("Nơi khác")

    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="placements", verbose_name=_("phường")
    )
    label = models.CharField(
        _("tên nơi dán"),
        max_length=120,
        help_text=_("In ở chân áp phích, ví dụ “Bảng tin Khu phố 3 – đầu hẻm 128”."),
    )
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.OTHER)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("khu phố"),
    )
    outdoor = models.BooleanField(
        _("ngoài trời"),
        default=False,
        help_text=_("Bảng ngoài trời hoặc ép plastic: mã QR dùng mức sửa lỗi Q, chịu bẩn tốt hơn."),
    )
    active = models.BooleanField(
        _("đang dùng"),
        default=True,
        help_text=_("Bỏ chọn khi gỡ áp phích: mã của nơi này sẽ ngừng chuyển tiếp."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("nơi dán mã QR")
        verbose_name_plural = _("nơi dán mã QR")
        ordering = ["ward", "label"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "label"], name="placement_label_unique_in_ward")
        ]

    def __str__(self):
        return self.label

    @property
    def qr_level(self) -> str:
        return "Q" if self.outdoor else "M"


class ShortLinkQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(placement__ward__in=scoping.wards_for(user))


class ShortLink(models.Model):
    """`/q/<code>`: one per procedure and placement, so the report tells which place drives scans.

    Codes are global (any ward's host answers them) and never reused once printed.
    """

    code = models.CharField(_("mã ngắn"), max_length=12, unique=True)
    procedure = models.ForeignKey(
        "qr.Procedure", on_delete=models.CASCADE, related_name="short_links"
    )
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="short_links")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ShortLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("đường dẫn ngắn")
        verbose_name_plural = _("đường dẫn ngắn")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "placement"], name="one_short_link_per_poster"
            )
        ]

    def __str__(self):
        return f"/q/{self.code}"

    @property
    def is_live(self) -> bool:
        return self.placement.active and self.procedure.active
