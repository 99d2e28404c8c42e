from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping


class WardTargetQuerySet(models.QuerySet):
    def for_user(self, user):
        """Targets of the wards the user works in (who may change them is a permission)."""
        return self.filter(ward__in=scoping.wards_for(user))


def _percent(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Phần trăm người từ 18 tuổi trở lên. Để trống nếu phường chưa đặt chỉ tiêu."),
    )


class WardTarget(models.Model):
    """The ward's own targets, set by its admin: the share of adults it aims for on each indicator."""

    ward = models.OneToOneField(
        "wards.Ward",
        on_delete=models.CASCADE,
        related_name="stats_target",
        verbose_name=_("phường"),
    )
    vneid_level2 = _percent(_("VNeID mức 2 đã kích hoạt (%)"))
    public_service_account = _percent(_("có tài khoản dịch vụ công (%)"))
    online_submission = _percent(_("đã nộp hồ sơ trực tuyến (%)"))
    cashless_payment = _percent(_("thanh toán không dùng tiền mặt (%)"))
    note = models.CharField(
        _("ghi chú"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: theo Kế hoạch số 12/KH-UBND, đến hết năm 2026."),
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = WardTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu chuyển đổi số")
        verbose_name_plural = _("chỉ tiêu chuyển đổi số")
        ordering = ["ward__name"]

    def __str__(self):
        return str(self.ward)

    def percent_for(self, key: str) -> int | None:
        return getattr(self, key)
