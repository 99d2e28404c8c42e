"""One suppression list per ward, shared by every channel."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping


class OptOutSource(models.TextChoices):
    KEYWORD = "keyword", _("Nhắn từ khóa từ chối")
    PROVIDER = "provider", _("Nhà cung cấp báo người nhận đã chặn")
    SELF_SERVICE = "self_service", _("Tự từ chối qua liên kết trong tin")
    STAFF = "staff", _("Cán bộ ghi nhận")


class OptOutQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))


class OptOut(models.Model):
    """A number that gets no more messages from the ward, on any channel, until it opts back in."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    phone = models.CharField(_("số điện thoại"), max_length=16)
    source = models.CharField(_("nguồn"), max_length=20, choices=OptOutSource.choices)
    created_at = models.DateTimeField(_("từ ngày"), default=timezone.now)

    objects = OptOutQuerySet.as_manager()

    class Meta:
        verbose_name = _("số từ chối nhận tin")
        verbose_name_plural = _("danh sách từ chối nhận tin")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "phone"], name="one_opt_out_per_number")
        ]

    def __str__(self):
        return self.phone


class OptOutEvent(models.Model):
    """An opt-out or opt-in, kept without the number: what the results count."""

    class Action(models.TextChoices):
        OUT = "out", _("Từ chối")
        IN = "in", _("Đăng ký nhận lại")

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=4, choices=Action.choices)
    source = models.CharField(max_length=20, choices=OptOutSource.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["campaign", "action"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"
