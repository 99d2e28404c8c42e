"""The scan log: one raw row per scan for ~90 days, then one row per link and day, forever.

No IP address is stored. `visitor` is a hash of address + user agent salted with a secret that
changes every day, so it counts unique visitors within a day and links nothing across days.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping


class Device(models.TextChoices):
    MOBILE = "mobile", _("Điện thoại")
    TABLET = "tablet", _("Máy tính bảng")
    DESKTOP = "desktop", _("Máy tính")
    OTHER = "other", _("Khác")


class ScanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(link__placement__ward__in=scoping.aggregate_wards_for(user))

    def people(self):
        """Scans by people: bots and link-preview fetchers are kept in the log but never counted."""
        return self.filter(is_bot=False)


class Scan(models.Model):
    link = models.ForeignKey("qr.ShortLink", on_delete=models.CASCADE, related_name="scans")
    at = models.DateTimeField(default=timezone.now)
    device = models.CharField(max_length=8, choices=Device.choices)
    is_bot = models.BooleanField(default=False)
    visitor = models.CharField(max_length=16)

    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt quét")
        verbose_name_plural = _("lượt quét")
        # Few indexes: every scan is an INSERT on the redirect's hot path.
        indexes = [models.Index(fields=["at"], name="qr_scan_at")]

    def __str__(self):
        return f"{self.link} {self.at:%Y-%m-%d %H:%M}"


class ScanDayQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(link__placement__ward__in=scoping.aggregate_wards_for(user))


class ScanDay(models.Model):
    """Daily totals of one short link, written by the roll-up of raw scans older than 90 days."""

    link = models.ForeignKey("qr.ShortLink", on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    scans = models.PositiveIntegerField(default=0)  # by people, bots excluded
    visitors = models.PositiveIntegerField(default=0)  # distinct daily visitor hashes
    bots = models.PositiveIntegerField(default=0)

    objects = ScanDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổng lượt quét theo ngày")
        verbose_name_plural = _("tổng lượt quét theo ngày")
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="scan_day_once")]
        indexes = [models.Index(fields=["day"], name="qr_scanday_day")]

    def __str__(self):
        return f"{self.link} {self.day}"
