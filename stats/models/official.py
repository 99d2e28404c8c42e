from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping


class OfficialFigureQuerySet(models.QuerySet):
    def for_user(self, user):
        """Rows the user may read in the admin: the wards they work in."""
        return self.filter(ward__in=scoping.wards_for(user))

    def for_aggregates(self, user):
        return self.filter(ward__in=scoping.aggregate_wards_for(user))


class OfficialFigure(models.Model):
    """One month of one field of procedures, as the one-stop system reported it.

    Imported, never recomputed: the online application rate shown is received_online / received.
    """

    ward = models.ForeignKey(
        "wards.Ward", on_delete=models.CASCADE, related_name="+", verbose_name=_("phường")
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    field = models.CharField(_("lĩnh vực"), max_length=160)
    # wards.text.fold(field): "Hộ tịch" and "ho tich" are the same row.
    field_key = models.CharField(max_length=160, editable=False)
    received = models.PositiveIntegerField(_("hồ sơ tiếp nhận"))
    received_online = models.PositiveIntegerField(_("tiếp nhận trực tuyến"))
    resolved_on_time = models.PositiveIntegerField(_("giải quyết đúng hạn"))
    imported_at = models.DateTimeField(_("nhập lúc"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OfficialFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu một cửa")
        verbose_name_plural = _("số liệu một cửa")
        ordering = ["-month", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "month", "field_key"], name="official_figure_once_per_month"
            )
        ]

    def __str__(self):
        return f"{self.field} — {self.month:%m/%Y}"

    @property
    def online_share(self):
        from stats.cells import Share

        return Share.official(self.received_online, self.received)
