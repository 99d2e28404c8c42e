"""Offline outreach: leaflets, loudspeaker broadcasts and posts in Zalo / Facebook groups.

None of them sends a message to a person, so none has recipients. What they share is the
tracked code: a short address printed, spoken or pasted, whose visits are logged like poster
scans (see campaigns.offline.visits), so the ward sees which area, slot or group brought people.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qr.models import Device
from wards import scoping
from wards.models import Milestone


class OutreachQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))


class Outreach(models.Model):
    """An offline campaign: one kind, one text, one page every code of it leads to."""

    class Kind(models.TextChoices):
        LEAFLET = "leaflet", _("Tờ rơi")
        LOUDSPEAKER = "loudspeaker", _("Loa phát thanh")
        GROUP_POST = "group_post", _("Bài đăng nhóm Zalo / Facebook")

    class Paper(models.TextChoices):
        A5 = "A5", _("A5 (mã 5 cm)")
        A4 = "A4", _("A4 (mã 10 cm)")

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("hình thức"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên chiến dịch"), max_length=120)
    goal = models.CharField(_("mục tiêu"), max_length=32, choices=Milestone.choices)
    # The leaflet's headline, the loudspeaker script or the group post, by kind.
    text = models.TextField(_("nội dung"))
    target_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("liên kết dẫn đến"),
    )
    paper = models.CharField(
        _("khổ giấy"), max_length=2, choices=Paper.choices, default=Paper.A5, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OutreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiến dịch ngoài tin nhắn")
        verbose_name_plural = _("chiến dịch ngoài tin nhắn")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class TrackedCode(models.Model):
    """A short address of one outreach: per area (leaflet), per campaign (loudspeaker), per group.

    Codes are global like poster codes (any ward's host answers them) and never reused.
    """

    outreach = models.ForeignKey(Outreach, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("mã"), max_length=12, unique=True)
    area = models.ForeignKey(
        "wards.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("tên nhóm"), max_length=120, blank=True)
    printed = models.PositiveIntegerField(_("số tờ in"), default=0)
    distributed = models.PositiveIntegerField(_("số tờ đã phát"), default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("mã theo dõi")
        verbose_name_plural = _("mã theo dõi")
        ordering = ["outreach", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["outreach", "area"],
                condition=models.Q(area__isnull=False),
                name="one_tracked_code_per_area",
            )
        ]

    def __str__(self):
        return self.code

    @property
    def place(self) -> str:
        return self.area.name if self.area_id else self.label


class CodeVisitQuerySet(models.QuerySet):
    def people(self):
        """Bots and link-preview fetchers are logged, never counted."""
        return self.filter(is_bot=False)


class CodeVisit(models.Model):
    """One visit of a tracked code; no address stored, `visitor` as in qr.models.Scan."""

    code = models.ForeignKey(TrackedCode, on_delete=models.CASCADE, related_name="visits")
    at = models.DateTimeField(default=timezone.now)
    device = models.CharField(max_length=8, choices=Device.choices)
    is_bot = models.BooleanField(default=False)
    visitor = models.CharField(max_length=16)

    objects = CodeVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt mở mã")
        verbose_name_plural = _("lượt mở mã")

    def __str__(self):
        return f"{self.code} {self.at:%Y-%m-%d %H:%M}"


class BroadcastSlot(models.Model):
    """When and where the script plays; `confirmed_*` is the log that it really did."""

    outreach = models.ForeignKey(Outreach, on_delete=models.CASCADE, related_name="slots")
    area = models.ForeignKey(
        "wards.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("khu phố")
    )
    starts_at = models.DateTimeField(_("giờ phát"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt phát loa")
        verbose_name_plural = _("lượt phát loa")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.area} {self.starts_at:%Y-%m-%d %H:%M}"
